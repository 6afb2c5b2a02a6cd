package pack

import (
	"testing"

	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/locale/keyscan"
)

// TestWordsUsedExist: every key the pack's code names as a literal (xword,
// xwordf) is a message of the locale's chart domain in every language, so
// that the report prints no bare key.
func TestWordsUsedExist(t *testing.T) {
	uses, err := keyscan.Dir(".", []keyscan.Func{{Name: "xword", Arg: 1, Domain: "chart"}, {Name: "xwordf", Arg: 1, Domain: "chart"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uses {
		for _, lang := range []string{"en", "nb"} {
			if !chart.HasWord(lang, u.Key) {
				t.Errorf("%s: no such message in %s/chart.json", u, lang)
			}
		}
	}
	if len(uses) < 30 {
		t.Errorf("found only %d literal keys: the test no longer sees the calls", len(uses))
	}
}
