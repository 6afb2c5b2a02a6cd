package main

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSafe returns s as it may be printed to a terminal: control
// characters (escape codes, which can rewrite the screen or the window
// title, tabs, which would break the columns, newlines) and invalid UTF-8
// are shown as Go escapes (\x1b, \t, \xff) instead of being sent raw. A
// stored name reaches the terminal of an administrator who lists users.
func termSafe(s string) string {
	if utf8.ValidString(s) && strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r) && r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// cleanFlags returns a usage error naming the first flag whose value holds
// a control character or invalid UTF-8: names typed at the command line go
// to the store as the web's forms do, and are checked as they are.
func cleanFlags(cmd string, flags map[string]string) error {
	for _, name := range sortedKeys(flags) {
		v := flags[name]
		if !utf8.ValidString(v) {
			return &exitError{code: 2, err: fmt.Errorf("%s: --%s: is not valid UTF-8 text", cmd, name)}
		}
		if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
			r, _ := utf8.DecodeRuneInString(v[i:])
			return &exitError{code: 2, err: fmt.Errorf("%s: --%s: holds a control character (%U); remove it", cmd, name, r)}
		}
	}
	return nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
