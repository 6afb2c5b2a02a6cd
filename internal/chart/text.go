package chart

import (
	"encoding/json"
	"strings"
)

// A stored value may hold characters that XML, and so SVG and the PDF
// drawn from it, cannot carry (a NUL, most control characters): the input
// checks refuse them today, but values stored before, or written to the
// store by other means, must not make an export fail for everyone. The
// drawing's inputs are cleaned here, at the one door to Chromium.

// xmlSafeJSON returns option, a JSON document as encoding/json writes it,
// without the escapes (\u0000 to \u001f but tab, newline and carriage
// return, \ufffe and \uffff) of the characters XML cannot carry. The
// document is scanned, not decoded, so the order of its members stays.
func xmlSafeJSON(option json.RawMessage) json.RawMessage {
	if !strings.Contains(string(option), `\u`) {
		return option
	}
	out := make([]byte, 0, len(option))
	for i := 0; i < len(option); i++ {
		c := option[i]
		if c != '\\' || i+1 >= len(option) {
			out = append(out, c)
			continue
		}
		if option[i+1] != 'u' || i+6 > len(option) {
			out = append(out, c, option[i+1]) // a two-character escape such as \\ or \"
			i++
			continue
		}
		esc := string(option[i+2 : i+6])
		if !dropEscape(esc) {
			out = append(out, option[i:i+6]...)
		}
		i += 5
	}
	return out
}

// dropEscape reports whether \u followed by hex names a character XML
// cannot carry.
func dropEscape(hex string) bool {
	h := strings.ToLower(hex)
	if h == "fffe" || h == "ffff" {
		return true
	}
	if !strings.HasPrefix(h, "00") {
		return false
	}
	switch h[2:] {
	case "09", "0a", "0d":
		return false
	}
	return h[2] == '0' || h[2] == '1'
}
