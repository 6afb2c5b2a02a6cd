package graphfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// prop is one property of a node or an edge as exported: its JSON key and
// its value as encoding/json decodes it with UseNumber (string, bool,
// json.Number or []any of those).
type prop struct {
	Key   string
	Value any
}

// public is what the graph exports need to write a node as the public sees
// it: the suppression rule, and the groups whose size estimate is withheld
// under it though it is not small (gap.WithheldGroups: beside the sizes of
// groups nested in it, it would give a small count back by subtraction).
type public struct {
	rule     privacy.Rule
	withheld map[string]bool
}

// publicOf returns how the exports of l write its nodes under rule: the
// same groups withheld as in every gap result and page.
func publicOf(l *graph.Landscape, rule privacy.Rule) (public, error) {
	withheld, err := gap.WithheldGroups(l, rule)
	if err != nil {
		return public{}, fmt.Errorf("withheld group sizes: %w", err)
	}
	return public{rule: rule, withheld: withheld}, nil
}

// WithheldLabel is how a group's size estimate is shown when it is
// withheld (gap.WithheldGroups) rather than suppressed for being small.
const WithheldLabel = "withheld"

// publicNode returns n as the public sees it: a copy without a confidential
// address, and with a group's size estimate shown as the rule allows. The
// size estimate comes back separately: the number that may be shown, or the
// suppressed label ("<5", or WithheldLabel for a withheld group), or nil
// when unknown.
func publicNode(n graph.Node, pub public) (graph.Node, any) {
	switch n := n.(type) {
	case *graph.Service:
		if n.ConfidentialAddress && n.Address != "" {
			c := *n
			c.Address = ""
			return &c, nil
		}
	case *graph.Group:
		if n.SizeEstimate == 0 {
			return n, nil
		}
		c := *n
		count := pub.rule.Count(n.SizeEstimate)
		if v, ok := count.Value(); ok && !pub.withheld[n.ID] {
			c.SizeEstimate = v
			return &c, json.Number(fmt.Sprint(v))
		}
		// A suppressed count has no value: keep the key in its place with a
		// stand-in, replaced by the label in nodeProps.
		c.SizeEstimate = 1
		if count.Suppressed() {
			return &c, count.String()
		}
		return &c, WithheldLabel
	}
	return n, nil
}

// nodeProps returns the properties of n as the public sees it, in the order
// of graph.MarshalNode: "type" first, then the fields of its Go type.
func nodeProps(n graph.Node, pub public) ([]prop, error) {
	p, size := publicNode(n, pub)
	data, err := graph.MarshalNode(p)
	if err != nil {
		return nil, err
	}
	props, err := objectProps(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", graph.Ref(n), err)
	}
	if size != nil {
		for i := range props {
			if props[i].Key == "size_estimate" {
				props[i].Value = size
			}
		}
	}
	return props, nil
}

// edgeProps returns the properties of e in the order of its JSON encoding:
// type, from, to, then the properties it has.
func edgeProps(e *graph.Edge) ([]prop, error) {
	data, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("edge %s: %w", e.Key(), err)
	}
	props, err := objectProps(data)
	if err != nil {
		return nil, fmt.Errorf("edge %s: %w", e.Key(), err)
	}
	return props, nil
}

// objectProps decodes a JSON object into its properties, keeping the order
// of its keys.
func objectProps(data []byte) ([]prop, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("decode properties: not a JSON object")
	}
	var props []prop
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("decode properties: %w", err)
		}
		key, _ := t.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("decode properties: %s: %w", key, err)
		}
		props = append(props, prop{Key: key, Value: v})
	}
	return props, nil
}

// encodeProps encodes properties as one JSON object, in their order.
func encodeProps(props []prop) (json.RawMessage, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range props {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := marshalJSON(p.Key)
		v, err := marshalJSON(p.Value)
		if err != nil {
			return nil, fmt.Errorf("encode %s: %w", p.Key, err)
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// marshalJSON is json.Marshal without HTML escaping: a file is not a web
// page, and "<5" reads better than "\u003c5".
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// timeKeys lists, per node type, the JSON keys that hold times
// (Service.last_verified): Cypher writes them as datetime values, as the
// Neo4j store keeps them.
var timeKeys = func() map[graph.NodeType]map[string]bool {
	m := make(map[graph.NodeType]map[string]bool, len(graph.NodeTypes))
	for _, t := range graph.NodeTypes {
		n, _ := graph.NewNode(t)
		m[t] = structTimeKeys(reflect.TypeOf(n).Elem())
	}
	return m
}()

func structTimeKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	timeType := reflect.TypeFor[time.Time]()
	for f := range t.Fields() {
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case f.Anonymous && ft.Kind() == reflect.Struct:
			for k := range structTimeKeys(ft) {
				keys[k] = true
			}
		case ft == timeType:
			name, _, _ := bytes.Cut([]byte(f.Tag.Get("json")), []byte(","))
			keys[string(name)] = true
		}
	}
	return keys
}
