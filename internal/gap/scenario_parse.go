package gap

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/graph"
)

// ParseScenario reads a scenario written in YAML or JSON (JSON when the
// first character is '{' or '['): a mapping with name, description and
// changes, or a bare list of changes. Unknown fields are errors. It checks
// the form of every change (Change.Check); the ids are checked when the
// scenario is analysed against a landscape.
//
// Errors are EINVALID and name the change and the field, e.g.
// "scenario changes[2] (widen): statuses: does not apply to close_service".
func ParseScenario(data []byte) (Scenario, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkText(data); err != nil {
		return Scenario{}, err
	}
	trimmed := bytes.TrimSpace(data)
	var sc Scenario
	var err error
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		sc, err = parseScenarioJSON(trimmed)
	} else {
		sc, err = parseScenarioYAML(data)
	}
	if err != nil {
		return Scenario{}, err
	}
	if err := sc.Check(); err != nil {
		return Scenario{}, err
	}
	return sc, nil
}

func parseScenarioJSON(data []byte) (Scenario, error) {
	var sc Scenario
	var raw []json.RawMessage
	if data[0] == '[' {
		if err := json.Unmarshal(data, &raw); err != nil {
			return sc, graph.Errorf(graph.EINVALID, "scenario: %s", decodeProblem(err))
		}
	} else {
		var doc struct {
			Name        string            `json:"name"`
			Description string            `json:"description"`
			Changes     []json.RawMessage `json:"changes"`
		}
		if err := strictJSON(data, &doc); err != nil {
			return sc, graph.Errorf(graph.EINVALID, "scenario: %s", decodeProblem(err))
		}
		sc.Name, sc.Description, raw = doc.Name, doc.Description, doc.Changes
	}
	if len(raw) > MaxScenarioChanges {
		return sc, graph.Errorf(graph.EINVALID, "scenario: %d changes; at most %d", len(raw), MaxScenarioChanges)
	}
	sc.Changes = make([]Change, len(raw))
	for i, r := range raw {
		if err := strictJSON(r, &sc.Changes[i]); err != nil {
			return sc, graph.Errorf(graph.EINVALID, "%s: %s", changeRef(i, peekKind(r)), decodeProblem(err))
		}
	}
	return sc, nil
}

func strictJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("unexpected data after the value")
	}
	return nil
}

// peekKind returns the kind of a change that failed to decode, if it has one.
func peekKind(r json.RawMessage) ChangeKind {
	var k struct {
		Kind ChangeKind `json:"kind"`
	}
	_ = json.Unmarshal(r, &k)
	return k.Kind
}

var (
	scenarioKeys = []string{"name", "description", "changes"}
	changeKeys   = []string{"kind", "note", "service", "name", "sector", "funding", "run_by", "refers_to", "sources", "genders", "age_bands", "statuses", "exploitation", "regions", "needs", "stages", "status", "need", "legal_basis", "extent"}
)

func parseScenarioYAML(data []byte) (Scenario, error) {
	var sc Scenario
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return sc, graph.Errorf(graph.EINVALID, "scenario: %v", err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return sc, graph.Errorf(graph.EINVALID, "scenario: empty document")
	}
	if err := checkYAMLBounds(&doc); err != nil {
		return sc, err
	}
	root := doc.Content[0]
	var items []*yaml.Node
	switch root.Kind {
	case yaml.SequenceNode:
		items = root.Content
	case yaml.MappingNode:
		for k := 0; k+1 < len(root.Content); k += 2 {
			key, val := root.Content[k], root.Content[k+1]
			switch key.Value {
			case "name", "description":
				var s string
				if err := val.Decode(&s); err != nil {
					return sc, graph.Errorf(graph.EINVALID, "scenario: %s: %s", key.Value, decodeProblem(err))
				}
				if key.Value == "name" {
					sc.Name = s
				} else {
					sc.Description = s
				}
			case "changes":
				if val.Kind != yaml.SequenceNode {
					return sc, graph.Errorf(graph.EINVALID, "scenario: line %d: changes must be a list", val.Line)
				}
				items = val.Content
			default:
				return sc, graph.Errorf(graph.EINVALID, "scenario: line %d: unknown field %q (want one of %s)", key.Line, key.Value, strings.Join(scenarioKeys, ", "))
			}
		}
	default:
		return sc, graph.Errorf(graph.EINVALID, "scenario: line %d: want a mapping with changes, or a list of changes", root.Line)
	}
	if len(items) > MaxScenarioChanges {
		return sc, graph.Errorf(graph.EINVALID, "scenario: %d changes; at most %d", len(items), MaxScenarioChanges)
	}
	sc.Changes = make([]Change, len(items))
	for i, item := range items {
		if item.Kind != yaml.MappingNode {
			return sc, graph.Errorf(graph.EINVALID, "%s: line %d: a change must be a mapping", changeRef(i, ""), item.Line)
		}
		var kind ChangeKind
		for k := 0; k+1 < len(item.Content); k += 2 {
			if item.Content[k].Value == "kind" {
				kind = ChangeKind(item.Content[k+1].Value)
			}
		}
		for k := 0; k+1 < len(item.Content); k += 2 {
			key := item.Content[k]
			if !slices.Contains(changeKeys, key.Value) {
				return sc, graph.FieldError(changeRef(i, kind), key.Value, "line %d: unknown field", key.Line)
			}
		}
		if err := item.Decode(&sc.Changes[i]); err != nil {
			keys := map[int]string{}
			for k := 0; k+1 < len(item.Content); k += 2 {
				keys[item.Content[k+1].Line] = item.Content[k].Value
			}
			return sc, graph.Errorf(graph.EINVALID, "%s: %s", changeRef(i, kind), decodeProblemAt(err, keys))
		}
	}
	return sc, nil
}
