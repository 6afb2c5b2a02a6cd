package gap

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decodeProblem says in words what is wrong with a value the JSON or YAML
// decoder refused, naming the field, without the decoders' Go type names
// ("cannot unmarshal number into Go struct field Change.kind of type
// gap.ChangeKind" is "kind: want text, not a number").
func decodeProblem(err error) string { return decodeProblemAt(err, nil) }

// decodeProblemAt is decodeProblem for a YAML mapping whose keys are by the
// line of their value in keys: a YAML error names the key of its line.
func decodeProblemAt(err error, keys map[int]string) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	var ye *yaml.TypeError
	switch {
	case errors.As(err, &te):
		return fmt.Sprintf("%s: want %s, not %s", te.Field, wantOf(te.Type), jsonValueKind(te.Value))
	case errors.As(err, &se):
		return fmt.Sprintf("not JSON: %s (at byte %d)", strings.TrimPrefix(se.Error(), "json: "), se.Offset)
	case errors.As(err, &ye):
		lines := make([]string, len(ye.Errors))
		for i, e := range ye.Errors {
			lines[i] = yamlProblem(e, keys)
		}
		return strings.Join(lines, "; ")
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// yamlTypeError is an error line of yaml.TypeError.
var yamlTypeError = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+)(?: `[^`]*`)? into (\\S+)$")

func yamlProblem(e string, keys map[int]string) string {
	m := yamlTypeError.FindStringSubmatch(e)
	if m == nil {
		return e
	}
	want := "text"
	if strings.HasPrefix(m[3], "[]") {
		want = "a list"
	}
	got := map[string]string{"seq": "a list", "map": "a mapping", "str": "text", "int": "a number", "float": "a number", "bool": "true or false"}[m[2]]
	if got == "" {
		got = "that"
	}
	line, _ := strconv.Atoi(m[1])
	if key, ok := keys[line]; ok {
		return fmt.Sprintf("%s: line %d: want %s, not %s", key, line, want, got)
	}
	return fmt.Sprintf("line %d: want %s, not %s", line, want, got)
}

// wantOf names the JSON value a Go type takes.
func wantOf(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64, reflect.Float64:
		return "a number"
	}
	return "an object"
}

// jsonValueKind names the kind of JSON value of an UnmarshalTypeError.
func jsonValueKind(v string) string {
	kind, _, _ := strings.Cut(v, " ")
	switch kind {
	case "string":
		return "text"
	case "number":
		return "a number"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	return "that"
}
