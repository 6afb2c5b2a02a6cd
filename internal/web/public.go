package web

import (
	"encoding/json"
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// publicNode returns n as the public sees it, in graph.MarshalNode's shape:
// a confidential address is removed, and a group's size estimate below the
// suppression threshold becomes the string "<N".
func publicNode(n graph.Node, suppressBelow int) (json.RawMessage, error) {
	switch n := n.(type) {
	case *graph.Service:
		if n.ConfidentialAddress {
			c := *n
			c.Address = ""
			return graph.MarshalNode(&c)
		}
	case *graph.Group:
		if n.SizeEstimate > 0 && n.SizeEstimate < suppressBelow {
			c := *n
			c.SizeEstimate = 0
			b, err := graph.MarshalNode(&c)
			if err != nil {
				return nil, err
			}
			return withField(b, "size_estimate", fmt.Sprintf("<%d", suppressBelow))
		}
	}
	return graph.MarshalNode(n)
}

// withField returns the JSON object b with key set to v.
func withField(b []byte, key string, v any) (json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode node: %w", err)
	}
	enc, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", key, err)
	}
	m[key] = enc
	out, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode node: %w", err)
	}
	return out, nil
}

// publicFields returns the fields of n's public JSON, for the generic node
// page.
func publicFields(n graph.Node, suppressBelow int) (map[string]any, error) {
	b, err := publicNode(n, suppressBelow)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode node: %w", err)
	}
	return m, nil
}
