package neo4j

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// The conversion of single values between JSON and Neo4j properties, for
// mapping.go.

// toProps turns a JSON object into Neo4j property values, leaving out the
// keys in drop. The keys in times hold RFC 3339 times.
func toProps(data []byte, times map[string]bool, drop ...string) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	for _, k := range drop {
		delete(obj, k)
	}
	for k, v := range obj {
		if v == nil {
			delete(obj, k) // Neo4j stores no nulls: absent is null
			continue
		}
		if times[k] {
			s, _ := v.(string)
			t, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a time: %w", k, v, err)
			}
			obj[k] = dbTime(t)
			continue
		}
		pv, err := propValue(v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		obj[k] = pv
	}
	return obj, nil
}

// dbTime returns t in a fixed zone of its offset: the driver sends such a
// time as a DATETIME with an offset, which every server understands (a zone
// name such as "Local" might not be).
func dbTime(t time.Time) time.Time {
	_, offset := t.Zone()
	return t.In(time.FixedZone("Offset", offset))
}

// propValue converts a JSON value (decoded with UseNumber) to a property
// value: Neo4j stores strings, numbers, booleans and lists of them, not
// objects.
func propValue(v any) (any, error) {
	switch v := v.(type) {
	case string, bool:
		return v, nil
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return i, nil
		}
		f, err := v.Float64()
		if err != nil {
			return nil, fmt.Errorf("number %s: %w", v, err)
		}
		return f, nil
	case []any:
		list := make([]any, len(v))
		for i, x := range v {
			px, err := propValue(x)
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i, err)
			}
			if _, isList := px.([]any); isList {
				return nil, fmt.Errorf("item %d: a list in a list cannot be stored", i)
			}
			list[i] = px
		}
		return list, nil
	}
	return nil, fmt.Errorf("a %T cannot be stored as a property", v)
}

// fromProps turns properties as the driver returns them into a JSON object,
// refusing the keys in reserved, which the decoder sets itself.
func fromProps(props map[string]any, reserved ...string) (map[string]any, error) {
	obj := make(map[string]any, len(props)+len(reserved))
	for k, v := range props {
		for _, r := range reserved {
			if k == r {
				return nil, fmt.Errorf("property %q is reserved", k)
			}
		}
		jv, err := jsonValue(v)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		obj[k] = jv
	}
	return obj, nil
}

// jsonValue converts a value as the driver returns it to one that encodes
// to JSON as the graph types expect.
func jsonValue(v any) (any, error) {
	switch v := v.(type) {
	case nil, bool, string, int64, float64:
		return v, nil
	case time.Time:
		return v.Format(time.RFC3339Nano), nil
	case dbtype.LocalDateTime:
		t := time.Time(v)
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC).Format(time.RFC3339Nano), nil
	case dbtype.Date:
		t := time.Time(v)
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC).Format(time.RFC3339Nano), nil
	case []any:
		list := make([]any, len(v))
		for i, x := range v {
			jx, err := jsonValue(x)
			if err != nil {
				return nil, fmt.Errorf("item %d: %w", i, err)
			}
			list[i] = jx
		}
		return list, nil
	case map[string]any:
		obj := make(map[string]any, len(v))
		for k, x := range v {
			jx, err := jsonValue(x)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			obj[k] = jx
		}
		return obj, nil
	}
	return nil, fmt.Errorf("unsupported value of type %T", v)
}

// The JSON keys of the time fields of each node type and of edges.
var (
	nodeTimeKeys = func() map[graph.NodeType]map[string]bool {
		m := make(map[graph.NodeType]map[string]bool, len(graph.NodeTypes))
		for _, t := range graph.NodeTypes {
			n, _ := graph.NewNode(t)
			m[t] = timeKeys(reflect.TypeOf(n).Elem())
		}
		return m
	}()
	edgeTimeKeys = timeKeys(reflect.TypeFor[graph.Edge]())
)

// timeKeys returns the JSON keys of the time.Time and *time.Time fields of
// struct type t, embedded structs included.
func timeKeys(t reflect.Type) map[string]bool {
	keys := map[string]bool{}
	for f := range t.Fields() {
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case f.Anonymous && ft.Kind() == reflect.Struct:
			for k := range timeKeys(ft) {
				keys[k] = true
			}
		case ft == reflect.TypeFor[time.Time]():
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			keys[name] = true
		}
	}
	return keys
}
