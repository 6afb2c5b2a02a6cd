package seed

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// mapping is a YAML mapping taken apart: each key and value by name, so that
// an error about a field can name the field's line.
type mapping struct {
	path   string
	line   int      // the line the mapping starts on
	order  []string // the keys in file order
	keys   map[string]*yaml.Node
	values map[string]*yaml.Node
}

// mapping takes n apart; ref names the item for errors. A key given twice is
// an error, and only its first value counts.
func (l *loader) mapping(path, ref string, n *yaml.Node) *mapping {
	m := &mapping{path: path, line: n.Line, keys: map[string]*yaml.Node{}, values: map[string]*yaml.Node{}}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.errs.add(path, k.Line, "%swant a key, got %s", prefix(ref), describe(k))
			continue
		}
		if first, ok := m.keys[k.Value]; ok {
			l.errs.add(path, k.Line, "%skey %q given twice (first at line %d)", prefix(ref), k.Value, first.Line)
			continue
		}
		m.keys[k.Value] = k
		m.values[k.Value] = v
		m.order = append(m.order, k.Value)
	}
	return m
}

// has reports whether the mapping gives field.
func (m *mapping) has(field string) bool {
	_, ok := m.values[field]
	return ok
}

// lineOf returns the line of field, as the graph package names fields:
// "funding", or "genders[1]" for the second item of a list. A field the
// mapping does not give is reported on the mapping's first line.
func (m *mapping) lineOf(field string) int {
	name, index := splitIndex(field)
	v, ok := m.values[name]
	if !ok {
		return m.line
	}
	if v = resolve(v); v.Kind == yaml.SequenceNode && index >= 0 && index < len(v.Content) {
		return v.Content[index].Line
	}
	return m.keys[name].Line
}

// splitIndex splits "genders[1]" into "genders" and 1; index is -1 when the
// field has none.
func splitIndex(field string) (name string, index int) {
	name, rest, ok := strings.Cut(field, "[")
	if !ok {
		return field, -1
	}
	i, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil {
		return name, -1
	}
	return name, i
}

// setField decodes the YAML value n into the struct field v. It knows the
// kinds of field the graph types have: strings (enums too), booleans,
// integers, lists of strings and a date. A null leaves the zero value.
func setField(v reflect.Value, n *yaml.Node) error {
	n = resolve(n)
	if isNull(n) {
		v.SetZero()
		return nil
	}
	if v.Type() == reflect.TypeFor[*time.Time]() {
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("want a date (YYYY-MM-DD), got %s", describe(n))
		}
		t, err := time.Parse(time.DateOnly, n.Value)
		if err != nil {
			return fmt.Errorf("%q is not a date (want YYYY-MM-DD)", n.Value)
		}
		v.Set(reflect.ValueOf(&t))
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return fmt.Errorf("want text, got %s", describe(n))
		}
		v.SetString(n.Value)
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			return fmt.Errorf("want true or false, got %s", describe(n))
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		var i int64
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
			return fmt.Errorf("want a whole number, got %s", describe(n))
		}
		v.SetInt(i)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return fmt.Errorf("want a list, got %s", describe(n))
		}
		list := reflect.MakeSlice(v.Type(), 0, len(n.Content))
		for i, e := range n.Content {
			if e = resolve(e); e.Kind != yaml.ScalarNode || isNull(e) {
				return fmt.Errorf("item %d: want text, got %s", i, describe(e))
			}
			list = reflect.Append(list, reflect.ValueOf(e.Value).Convert(v.Type().Elem()))
		}
		v.Set(list)
	default:
		return fmt.Errorf("cannot be given in a seed")
	}
	return nil
}

// scalarValue returns the text of the first key named key in the mapping n,
// or "" if there is none or it is not text.
func scalarValue(n *yaml.Node, key string) string {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k, v := resolve(n.Content[i]), resolve(n.Content[i+1]); k.Value == key {
			if v.Kind != yaml.ScalarNode || isNull(v) {
				return ""
			}
			return v.Value
		}
	}
	return ""
}

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// isNull reports whether n is an empty value (`key:`, `~`, `null`).
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// describe names a YAML value for an error: "grant" in quotes, or what
// kind of value it is.
func describe(n *yaml.Node) string {
	switch n = resolve(n); {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

// prefix returns "ref: ", or "" for an empty ref.
func prefix(ref string) string {
	if ref == "" {
		return ""
	}
	return ref + ": "
}
