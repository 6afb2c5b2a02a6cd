package tablefile

import "strings"

// A stored value may hold characters that XML, and so a workbook's sheets,
// cannot carry (a NUL, most control characters): the input checks refuse
// them today, but values stored before, or written to the store by other
// means, must not make an export fail for everyone. The cells of both the
// workbooks and their CSVs are cleaned alike, so that the two agree.

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r == 0xfffe, r == 0xffff, r >= 0xd800 && r <= 0xdfff:
		return false
	}
	return true
}

// xmlSafe returns s without the characters XML cannot carry.
func xmlSafe(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !xmlChar(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if xmlChar(r) {
			return r
		}
		return -1
	}, s)
}
