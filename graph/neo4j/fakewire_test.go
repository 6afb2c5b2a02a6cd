package neo4j

import (
	"fmt"
	"reflect"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// How values travel to and from the fake: as the driver and Neo4j convert
// and store them.

// storable checks a map for SET n = $map as Neo4j does and returns the
// properties it sets: no nulls (a null removes), no maps, lists of one
// simple type.
func storable(v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("fake: SET n = %T: want a map", v)
	}
	props := map[string]any{}
	typeErr := func(k string, v any) error {
		return &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.TypeError",
			Msg: fmt.Sprintf("Property values can only be of primitive types or arrays thereof. Encountered: %s = %T", k, v)}
	}
	for k, v := range m {
		switch v := v.(type) {
		case nil:
			continue
		case bool, int64, float64, string, time.Time:
		case []any:
			for _, x := range v {
				if reflect.TypeOf(x) != reflect.TypeOf(v[0]) {
					return nil, typeErr(k, v)
				}
				switch x.(type) {
				case bool, int64, float64, string, time.Time:
				default:
					return nil, typeErr(k, v)
				}
			}
		default:
			return nil, typeErr(k, v)
		}
		props[k] = v
	}
	return props, nil
}

// wire converts a value as the driver sends it to the server and the
// server's answer comes back: ints become int64, lists []any, times keep
// their instant and offset (or zone, which must be one the server knows).
func wire(v any) (any, error) {
	switch v := v.(type) {
	case nil, bool, int64, float64, string, dbtype.Node, dbtype.Relationship, dbtype.LocalDateTime, dbtype.Date:
		return v, nil
	case int:
		return int64(v), nil
	case time.Time:
		name, offset := v.Zone()
		if name == "Offset" {
			return v.In(time.FixedZone("Offset", offset)), nil
		}
		loc := v.Location().String()
		zone, err := time.LoadLocation(loc)
		if err != nil || loc == "Local" || loc == "" {
			return nil, &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.ArgumentError", Msg: fmt.Sprintf("invalid time zone %q", loc)}
		}
		return v.In(zone), nil
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			wx, err := wire(x)
			if err != nil {
				return nil, err
			}
			m[k] = wx
		}
		return m, nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice {
		l := make([]any, rv.Len())
		for i := range l {
			wx, err := wire(rv.Index(i).Interface())
			if err != nil {
				return nil, err
			}
			l[i] = wx
		}
		return l, nil
	}
	return nil, fmt.Errorf("fake: the driver cannot send a %T", v)
}
