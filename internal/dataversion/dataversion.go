// Package dataversion names the landscape data an export was made from: its
// version and the time of its last change, in words for people (captions,
// footers, file headers) and as a value for programs (manifests, JSON).
package dataversion

import (
	"fmt"
	"time"
)

// words are the two phrases of Text, by language; "en" is the fallback.
var words = map[string][2]string{
	"en": {"gapmap landscape version %d", "%s, last changed %s"},
	"nb": {"gapmap-landskapet versjon %d", "%s, sist endret %s"},
}

// Text names the data version of an export in lang ("en" if unknown):
// "gapmap landscape version 42, last changed 2026-02-27 14:05 UTC". The
// time of the last change is left out when it is zero (a landscape not
// loaded from a store, or a store last written before stores recorded it).
func Text(version int64, changed time.Time, lang string) string {
	w, ok := words[lang]
	if !ok {
		w = words["en"]
	}
	s := fmt.Sprintf(w[0], version)
	if changed.IsZero() {
		return s
	}
	return fmt.Sprintf(w[1], s, ChangedText(changed))
}

// ChangedText is the time of a change as exports print it for people: UTC,
// to the minute, "2026-02-27 14:05 UTC".
func ChangedText(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") + " UTC" }

// Value is the time of a change as exports write it for programs: RFC 3339
// in UTC, to the microsecond stores keep; "" for the zero time.
func Value(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}
