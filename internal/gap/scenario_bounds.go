package gap

import (
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/graph"
)

// The bounds of a scenario, checked before any of it is decoded: a
// scenario comes from anonymous requests (POST /api/v1/scenarios/analyse,
// the what-if page), so its cost must not grow faster than its size.
const (
	// MaxScenarioChanges is the most changes one scenario may make.
	MaxScenarioChanges = 1000
	// maxScenarioDepth is the deepest nesting of a scenario's YAML: the
	// document, the mapping, the list of changes, a change, a list of ids.
	maxScenarioDepth = 8
	// maxScenarioNodes bounds the values of a YAML scenario.
	maxScenarioNodes = 200000
)

// checkYAMLBounds refuses a YAML scenario that uses anchors or aliases
// (a scenario never needs them, and an alias reused thousands of times
// expands a small body into gigabytes when decoded), nests deeper than a
// scenario does, or holds more values than maxScenarioNodes. It walks the
// parsed nodes, which hold each alias once, so it costs no more than the
// parse.
func checkYAMLBounds(doc *yaml.Node) error {
	count := 0
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		count++
		switch {
		case n.Kind == yaml.AliasNode || n.Anchor != "":
			return graph.Errorf(graph.EINVALID, "scenario: line %d: anchors and aliases (& and *) are not allowed in a scenario; write each value out", n.Line)
		case depth > maxScenarioDepth:
			return graph.Errorf(graph.EINVALID, "scenario: line %d: nested deeper than a scenario is (at most %d levels)", n.Line, maxScenarioDepth)
		case count > maxScenarioNodes:
			return graph.Errorf(graph.EINVALID, "scenario: more than %d values", maxScenarioNodes)
		}
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(doc, 0)
}

// checkText refuses invalid UTF-8 and control characters other than tab
// and newline in a scenario's text, naming the line.
func checkText(data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return graph.Errorf(graph.EINVALID, "scenario: line %d: not valid UTF-8", line)
		case r == '\n':
			line++
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return graph.Errorf(graph.EINVALID, "scenario: line %d: control character %U is not allowed", line, r)
		}
		i += size
	}
	return nil
}
