package privacy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

type countState uint8

const (
	unknown countState = iota
	shown
	suppressed
)

// Count is a count of people as it may be shown: unknown, suppressed (only
// the rule's threshold is kept, to write "<5"), or a number that passed the
// rule (already rounded). Build one with Rule.Count; the zero Count is
// unknown.
//
// A suppressed Count does not hold the number it was built from, so neither
// MarshalJSON, String nor any other method can reveal it. Use the json tag
// option "omitzero" to leave unknown counts out of JSON.
type Count struct {
	state countState
	shown int // the number shown, or the threshold when suppressed
}

// Known reports whether the count is known (shown or suppressed).
func (c Count) Known() bool { return c.state != unknown }

// IsZero reports whether the count is unknown; it lets encoding/json's
// omitzero option leave unknown counts out.
func (c Count) IsZero() bool { return c.state == unknown }

// Suppressed reports whether the count is too small to show.
func (c Count) Suppressed() bool { return c.state == suppressed }

// Value returns the number that may be shown, and false when the count is
// unknown or suppressed. Charts use it; a suppressed count has no value.
func (c Count) Value() (int, bool) {
	if c.state != shown {
		return 0, false
	}
	return c.shown, true
}

// String returns the count as text: the number, "<5" when suppressed, and ""
// when unknown.
func (c Count) String() string {
	switch c.state {
	case shown:
		return strconv.Itoa(c.shown)
	case suppressed:
		return "<" + strconv.Itoa(c.shown)
	}
	return ""
}

// MarshalJSON encodes a shown count as a JSON number, a suppressed one as a
// string such as "<5", and an unknown one as null.
func (c Count) MarshalJSON() ([]byte, error) {
	switch c.state {
	case shown:
		return strconv.AppendInt(nil, int64(c.shown), 10), nil
	case suppressed:
		return json.Marshal(c.String())
	}
	return []byte("null"), nil
}

// UnmarshalJSON decodes what MarshalJSON writes. A bare number is taken as
// already shown: decoding never suppresses or rounds again.
func (c *Count) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*c = Count{}
		return nil
	case len(data) > 0 && data[0] == '"':
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fmt.Errorf("privacy: decode count: %w", err)
		}
		t, ok := strings.CutPrefix(s, "<")
		n, err := strconv.Atoi(t)
		if !ok || err != nil || n < 1 {
			return fmt.Errorf("privacy: decode count: %q is not a suppressed count such as \"<5\"", s)
		}
		*c = Count{state: suppressed, shown: n}
		return nil
	}
	n, err := strconv.Atoi(string(data))
	if err != nil || n < 0 {
		return fmt.Errorf("privacy: decode count: %s is not a count", data)
	}
	*c = Count{state: shown, shown: n}
	return nil
}

// Equal reports whether c and o show the same: both unknown, both
// suppressed under the same threshold, or the same number shown.
func (c Count) Equal(o Count) bool { return c == o }
