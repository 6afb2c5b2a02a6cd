package neo4j

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// The mapping between the domain and Neo4j goes through the JSON encoding of
// the graph types, so the property keys are the keys of the JSON API:
//
//   - a node is stored with the labels Node and its type, and its JSON fields
//     (but "type") as properties; an edge is a relationship of its type with
//     its JSON fields (but "type", "from" and "to") as properties;
//   - strings, booleans and integers are stored as such, lists of strings as
//     list properties; empty and zero fields the JSON leaves out are not
//     stored at all;
//   - times (Service.last_verified) are stored as DATETIME values with the
//     UTC offset they were given (a named zone becomes its offset), so they
//     sort and compare in Cypher; they are read back as the same instant.
//
// Reading accepts what the driver returns: int64 and float64 numbers, []any
// lists, time.Time, and also dbtype.LocalDateTime and dbtype.Date (read as
// UTC) for dates written by other tools.

// nodeProps returns the properties that store n at version.
func nodeProps(n graph.Node, version int64) (map[string]any, error) {
	data, err := graph.MarshalNode(n)
	if err != nil {
		return nil, err
	}
	props, err := toProps(data, nodeTimeKeys[n.Type()], "type")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", graph.Ref(n), err)
	}
	props["version"] = version
	return props, nil
}

// edgeProps returns the properties that store e on its relationship.
func edgeProps(e *graph.Edge) (map[string]any, error) {
	data, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("edge %s: %w", e.Key(), err)
	}
	props, err := toProps(data, edgeTimeKeys, "type", "from", "to")
	if err != nil {
		return nil, fmt.Errorf("edge %s: %w", e.Key(), err)
	}
	return props, nil
}

// nodeFromDB decodes a node from its labels and properties as the driver
// returns them.
func nodeFromDB(labels []string, props map[string]any) (graph.Node, error) {
	t, err := nodeType(labels)
	if err != nil {
		return nil, err
	}
	obj, err := fromProps(props, "type")
	if err != nil {
		return nil, err
	}
	data, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", t, err)
	}
	n, err := graph.NewNode(t)
	if err != nil {
		return nil, err
	}
	// As graph.UnmarshalNode decodes: a property no field takes is an
	// error, not lost.
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(n); err != nil {
		return nil, fmt.Errorf("decode %s: %w", t, err)
	}
	return n, nil
}

// edgeFromDB decodes an edge from its type, the ids of its ends and its
// properties as the driver returns them.
func edgeFromDB(typ, from, to string, props map[string]any) (graph.Edge, error) {
	obj, err := fromProps(props, "type", "from", "to")
	if err != nil {
		return graph.Edge{}, err
	}
	obj["type"], obj["from"], obj["to"] = typ, from, to
	data, err := json.Marshal(obj)
	if err != nil {
		return graph.Edge{}, fmt.Errorf("encode edge: %w", err)
	}
	var e graph.Edge
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return graph.Edge{}, fmt.Errorf("decode edge %s %s->%s: %w", typ, from, to, err)
	}
	return e, nil
}

// nodeType returns the node type among labels: the one label, beside Node,
// that names a graph.NodeType.
func nodeType(labels []string) (graph.NodeType, error) {
	var found graph.NodeType
	for _, l := range labels {
		if t := graph.NodeType(l); t.Valid() {
			if found != "" {
				return "", fmt.Errorf("node has two types: labels %s", strings.Join(labels, ", "))
			}
			found = t
		}
	}
	if found == "" {
		return "", fmt.Errorf("node has no type: labels %s", strings.Join(labels, ", "))
	}
	return found, nil
}
