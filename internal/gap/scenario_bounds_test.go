package gap

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// aliasBomb is the scenario of the memory bomb of issue 11: one anchor of
// about anchorBytes (a list of ids) reused by the next aliases changes, as
// YAML. Decoded, each alias is a new copy of the list.
func aliasBomb(anchorBytes, aliases int) []byte {
	var b strings.Builder
	b.WriteString("name: bomb\nchanges:\n  - {kind: widen, service: s0, statuses: &a [")
	for i := 0; b.Len() < anchorBytes; i++ {
		fmt.Fprintf(&b, "st%06d, ", i)
	}
	b.WriteString("x]}\n")
	for i := 1; i <= aliases; i++ {
		fmt.Fprintf(&b, "  - {kind: widen, service: s%d, statuses: *a}\n", i)
	}
	return []byte(b.String())
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestParseScenarioRefusesAliasBomb(t *testing.T) {
	// A tenth of the bomb of the issue: 8,000 aliases of a 10 KB anchor
	// expand to 80 MB when decoded; refused before decoding, the parse
	// allocates a few times the body.
	body := aliasBomb(10_000, 8000)
	var err error
	got := allocated(func() { _, err = ParseScenario(body) })
	if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(graph.ErrorMessage(err), "aliases") {
		t.Fatalf("ParseScenario(bomb) = %v; want EINVALID naming aliases", err)
	}
	if limit := uint64(40 * len(body)); got > limit {
		t.Errorf("ParseScenario(%d-byte bomb) allocated %d bytes; want at most %d", len(body), got, limit)
	}
}

func TestParseScenarioBounds(t *testing.T) {
	deep := "changes:\n  - kind: close_service\n    service: s\n    note: " + strings.Repeat("[", 20) + strings.Repeat("]", 20) + "\n"
	many := "[" + strings.Repeat(`{"kind":"close_service","service":"s"},`, MaxScenarioChanges) + `{"kind":"close_service","service":"s"}]`
	for _, test := range []struct {
		name, doc, want string
	}{
		{"anchor without alias", "name: &n x\nchanges: []\n", "anchors and aliases"},
		{"merge key", "changes:\n  - &c {kind: close_service, service: s}\n  - {<<: *c}\n", "anchors and aliases"},
		{"deep", deep, "nested deeper"},
		{"too many changes (json)", many, "at most 1000"},
		{"NUL", "name: a\x00b\nchanges: []\n", "line 1: control character U+0000"},
		{"escape", "changes: []\nname: \x1b[31m\n", "line 2: control character U+001B"},
		{"invalid UTF-8", "name: \xff\n", "line 1: not valid UTF-8"},
	} {
		t.Run(test.name, func(t *testing.T) {
			_, err := ParseScenario([]byte(test.doc))
			if graph.ErrorCode(err) != graph.EINVALID || !strings.Contains(graph.ErrorMessage(err), test.want) {
				t.Errorf("ParseScenario = %v; want EINVALID containing %q", err, test.want)
			}
		})
	}
	if _, err := ParseScenario([]byte("name: tab\tand\r\nchanges: []\n")); err != nil {
		t.Errorf("tab and CRLF: %v", err)
	}
}

// BenchmarkParseScenarioAliasBomb parses the bomb of issue 11 as sent: one
// 100 KB anchor reused 8,000 times (a 540 KB body). B/op is the memory one
// such request costs.
func BenchmarkParseScenarioAliasBomb(b *testing.B) {
	body := aliasBomb(100_000, 8000)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseScenario(body); err == nil {
			b.Fatal("the bomb parsed")
		}
	}
}

// TestScenarioTypeErrorsInWords: a value of the wrong type is named by its
// field or line, in words, without the decoders' Go type names.
func TestScenarioTypeErrorsInWords(t *testing.T) {
	for _, test := range []struct{ doc, want string }{
		{`{"changes": [{"kind": 5}]}`, "scenario changes[0]: kind: want text, not a number"},
		{`{"changes": [{"kind": "widen", "statuses": "x"}]}`, "scenario changes[0] (widen): statuses: want a list, not text"},
		{`{"name": 3}`, "scenario: name: want text, not a number"},
		{"changes:\n  - kind: widen\n    statuses: {a: 1}\n", "scenario changes[0] (widen): statuses: line 3: want a list, not a mapping"},
		{"name: [x]\n", "scenario: name: line 1: want text, not a list"},
	} {
		_, err := ParseScenario([]byte(test.doc))
		msg := graph.ErrorMessage(err)
		if msg != test.want {
			t.Errorf("ParseScenario(%q) = %q, want %q", test.doc, msg, test.want)
		}
		for _, goWord := range []string{"Go struct", "gap.", "[]string", "unmarshal", "!!"} {
			if strings.Contains(msg, goWord) {
				t.Errorf("%q speaks Go: %q", msg, goWord)
			}
		}
	}
}
