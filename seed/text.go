package seed

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// singleLine are the fields whose text is one line: tab and newline are
// refused in them, as in the editing form. Other texts (descriptions,
// summaries, notes) may be several lines.
var singleLine = map[string]bool{"id": true, "name": true, "name_nb": true, "alt_names": true, "languages": true,
	"city": true, "address": true, "phone": true, "email": true, "url": true}

// checkText returns an error if the text of the YAML value n (a scalar,
// or each item of a list) is not valid UTF-8 or holds a control character,
// as a NUL or an escape code that a double-quoted YAML string can carry
// ("\0", "\e"). Tab and newline are allowed unless field is single-line.
func checkText(field string, n *yaml.Node) error {
	n = resolve(n)
	switch n.Kind {
	case yaml.ScalarNode:
		return cleanText(n.Value, singleLine[field])
	case yaml.SequenceNode:
		for i, e := range n.Content {
			if e = resolve(e); e.Kind == yaml.ScalarNode {
				if err := cleanText(e.Value, singleLine[field]); err != nil {
					return fmt.Errorf("item %d: %w", i, err)
				}
			}
		}
	}
	return nil
}

func cleanText(s string, oneLine bool) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("is not valid UTF-8 text")
	}
	pos := 0
	for _, r := range s {
		pos++
		if !oneLine && (r == '\t' || r == '\n' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) {
			return fmt.Errorf("holds a control character (%U) at character %d; remove it", r, pos)
		}
	}
	return nil
}
