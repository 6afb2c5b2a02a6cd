package findings

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/gap"
)

// TestFormatsGroupCounts: the text and Markdown formats' headers print the
// counts of gap cells and note cells with the language's grouping ("896,214"
// in English, "896 214" with a no-break space in Norwegian), the
// landscape's version as it is.
func TestFormatsGroupCounts(t *testing.T) {
	l := norway(t)
	list, err := Find(context.Background(), l, gap.Query{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	if list.GapCells < 1000 || list.NoteCells < 1000 {
		t.Fatalf("the seed states %d gap cells and %d note cells: the test needs counts that group", list.GapCells, list.NoteCells)
	}
	group := func(n int, sep string) string {
		d := strconv.Itoa(n)
		var out []string
		for len(d) > 3 {
			out = append([]string{d[len(d)-3:]}, out...)
			d = d[:len(d)-3]
		}
		return strings.Join(append([]string{d}, out...), sep)
	}
	for _, c := range []struct{ lang, sep, cells, notes string }{
		{"en", ",", " gap cells (", " cells)"},
		{"nb", "\u00a0", " hullene (", " celler)"},
	} {
		for name, write := range map[string]func(*bytes.Buffer) error{
			"text":     func(b *bytes.Buffer) error { return WriteTable(b, list.In(c.lang), 0, c.lang) },
			"markdown": func(b *bytes.Buffer) error { return WriteMarkdown(b, list.In(c.lang), 0, c.lang) },
		} {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			for _, want := range []string{group(list.GapCells, c.sep) + c.cells, "(" + group(list.NoteCells, c.sep) + c.notes} {
				if !strings.Contains(out, want) {
					t.Errorf("%s %s: no %q in\n%.400s", c.lang, name, want, out)
				}
			}
		}
	}
}
