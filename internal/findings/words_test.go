package findings

import (
	"testing"

	"github.com/gapmap/gapmap/internal/locale/keyscan"
)

// TestWordsUsedExist: every word key the findings' code names as a literal
// is a message of the locale's findings or findings_format domain in every
// language, so that no title or format prints a bare key.
func TestWordsUsedExist(t *testing.T) {
	uses, err := keyscan.Dir(".", []keyscan.Func{{Name: "w", Arg: 0, Domain: "findings"}, {Name: "Sprintf", Arg: 1, Domain: "findings"},
		{Name: "fw", Arg: 1, Domain: "findings_format"}, {Name: "fwf", Arg: 1, Domain: "findings_format"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uses {
		for _, lang := range []string{"en", "nb"} {
			if !messages().Domain(u.Domain).Has(lang, u.Key) {
				t.Errorf("%s: no such message in %s/%s.json", u, lang, u.Domain)
			}
		}
	}
	if len(uses) < 50 {
		t.Errorf("found only %d literal keys: the test no longer sees the calls", len(uses))
	}
}

// TestApartFromCounts: a title set apart from other findings names them in
// the plural form their number takes, in both languages.
func TestApartFromCounts(t *testing.T) {
	for _, c := range []struct {
		lang  string
		n     int
		ranks string
		want  string
	}{
		{"en", 1, "3", ", apart from the people of finding 3."},
		{"en", 2, "3 and 7", ", apart from the people of findings 3 and 7."},
		{"nb", 1, "3", ", bortsett fra personene i funn 3."},
		{"nb", 4, "1, 2, 3 og 4", ", bortsett fra personene i funnene 1, 2, 3 og 4."},
	} {
		if got := messages().Domain("findings").Sprintf(c.lang, "apart", c.n, c.ranks); got != c.want {
			t.Errorf("%s, apart from %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
