package locale

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// pluralForms are the CLDR plural forms a plural message may select on, in
// the order they are tried (after the =N and <N cases).
var pluralForms = []string{"zero", "one", "two", "few", "many", "other"}

// parseFile reads a message file: one JSON object whose keys are message
// keys and whose values are a text or {"plural": {"arg": N, "one": ...,
// "other": ...}}. Errors name the file and the line.
func parseFile(name string, data []byte) (map[string]Message, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n")) }
	fail := func(off int64, format string, args ...any) error {
		return fmt.Errorf("locale: %s:%d: %s", name, lineAt(off), fmt.Sprintf(format, args...))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fail(dec.InputOffset(), "a message file is one JSON object of messages by key")
	}
	out := map[string]Message{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fail(dec.InputOffset(), "%v", err)
		}
		key := t.(string) // object keys are strings
		line := lineAt(dec.InputOffset())
		if _, dup := out[key]; dup {
			return nil, fail(dec.InputOffset(), "message %q is given twice", key)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fail(dec.InputOffset(), "message %q: %v", key, err)
		}
		m, err := parseMessage(raw)
		if err != nil {
			return nil, fmt.Errorf("locale: %s:%d: message %q: %w", name, line, key, err)
		}
		m.Line = line
		out[key] = m
	}
	if _, err := dec.Token(); err != nil {
		return nil, fail(dec.InputOffset(), "%v", err)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fail(dec.InputOffset(), "text after the object of messages")
	}
	return out, nil
}

func parseMessage(raw json.RawMessage) (Message, error) {
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		if strings.Contains(text, "${") {
			return Message{}, errors.New("holds ${, which the message library reads as a variable")
		}
		return Message{Text: text}, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return Message{}, errors.New(`want a text or {"plural": {...}}`)
	}
	pr, ok := obj["plural"]
	if !ok || len(obj) != 1 {
		return Message{}, errors.New(`an object message has exactly one field, "plural"`)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(pr, &fields); err != nil {
		return Message{}, fmt.Errorf(`"plural": want an object of "arg" and the texts by plural form: %w`, err)
	}
	p := &Plural{Arg: 1}
	var exact []Case
	forms := map[string]string{}
	for k, v := range fields {
		switch {
		case k == "arg":
			if err := json.Unmarshal(v, &p.Arg); err != nil || p.Arg < 1 {
				return Message{}, errors.New(`"plural": "arg" must be the number (1, 2, ...) of the argument that chooses the form`)
			}
			continue
		case k == "unprinted":
			if err := json.Unmarshal(v, &p.Unprinted); err != nil {
				return Message{}, errors.New(`"plural": "unprinted" must be true or false`)
			}
			continue
		case k == "format":
			if err := json.Unmarshal(v, &p.Format); err != nil {
				return Message{}, errors.New(`"plural": "format" must be a text such as "%d"`)
			}
			continue
		}
		var t string
		if err := json.Unmarshal(v, &t); err != nil {
			return Message{}, fmt.Errorf(`"plural": %q must be a text`, k)
		}
		if strings.Contains(t, "${") {
			return Message{}, fmt.Errorf(`"plural": %q holds ${, which the message library reads as a variable`, k)
		}
		switch {
		case strings.HasPrefix(k, "=") || strings.HasPrefix(k, "<"):
			if _, err := strconv.Atoi(k[1:]); err != nil {
				return Message{}, fmt.Errorf(`"plural": %q: want =N or <N with N a whole number`, k)
			}
			exact = append(exact, Case{k, t})
		case isForm(k):
			forms[k] = t
		default:
			return Message{}, fmt.Errorf(`"plural": unknown field %q (want arg, format, unprinted, zero, one, two, few, many, other, =N or <N)`, k)
		}
	}
	if _, ok := forms["other"]; !ok {
		return Message{}, errors.New(`"plural": the form "other" is missing`)
	}
	sortCases(exact)
	p.Cases = exact
	for _, f := range pluralForms {
		if t, ok := forms[f]; ok {
			p.Cases = append(p.Cases, Case{f, t})
		}
	}
	return Message{Plural: p}, nil
}

func isForm(k string) bool { return slices.Contains(pluralForms, k) }

// sortCases puts =N before <N, each by N, so that the choice does not
// depend on the order of the JSON object.
func sortCases(cs []Case) {
	slices.SortFunc(cs, func(a, b Case) int {
		if a.Selector[0] != b.Selector[0] {
			return cmp.Compare(b.Selector[0], a.Selector[0]) // '=' after '<' in ASCII: reverse
		}
		na, _ := strconv.Atoi(a.Selector[1:])
		nb, _ := strconv.Atoi(b.Selector[1:])
		return cmp.Compare(na, nb)
	})
}
