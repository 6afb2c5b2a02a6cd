package dashboards

import (
	"testing"

	"github.com/gapmap/gapmap/internal/locale/keyscan"
)

// TestWordsUsedExist: every key the dashboards' code names as a literal
// (word, wordf, ew, ewf) is a message of its locale domain in every
// language, so that no page prints a bare key.
func TestWordsUsedExist(t *testing.T) {
	uses, err := keyscan.Dir(".", []keyscan.Func{
		{Name: "word", Arg: 1, Domain: "dashboards"}, {Name: "wordf", Arg: 1, Domain: "dashboards"},
		{Name: "ew", Arg: 1, Domain: "evidence"}, {Name: "ewf", Arg: 1, Domain: "evidence"},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range uses {
		for _, lang := range messages().Languages() {
			if !messages().Domain(u.Domain).Has(lang, u.Key) {
				t.Errorf("%s: no such message in %s/%s.json", u, lang, u.Domain)
			}
		}
	}
	if len(uses) < 50 {
		t.Errorf("found only %d literal keys: the test no longer sees the calls", len(uses))
	}
}

func TestLangFollowsCatalogue(t *testing.T) {
	for in, want := range map[string]string{"nb": "nb", "en": "en", "de": "en", "": "en"} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountryNames(t *testing.T) {
	for _, tc := range []struct{ lang, code, want string }{
		{"nb", "GB", "Storbritannia"},
		{"nb", "SE", "Sverige"},
		{"en", "GB", "United Kingdom"},
		{"nb", "nordic", "flere nordiske land"},
		{"en", "global", "countries worldwide"},
	} {
		if got := CountryLabel(tc.lang, tc.code); got != tc.want {
			t.Errorf("CountryLabel(%s, %s) = %q, want %q", tc.lang, tc.code, got, tc.want)
		}
	}
	if got := CountryFilterLabel("nb", "norway"); got != "Norge" {
		t.Errorf("CountryFilterLabel(nb, norway) = %q", got)
	}
}

// TestExampleTitles: each example scenario is named in every language, the
// English name being the YAML's (the message scenario.<id> of en repeats it,
// for the translators, and must not drift from it).
func TestExampleTitles(t *testing.T) {
	examples, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	words := messages().Domain("dashboards")
	for _, e := range examples {
		if en := words.Text("en", "scenario."+e.ID); e.Title["en"] != e.Scenario.Name || en != e.Scenario.Name {
			t.Errorf("%s: English title %q, message %q, want the YAML name %q", e.ID, e.Title["en"], en, e.Scenario.Name)
		}
		if nb := e.Title["nb"]; nb == "" || nb == e.Scenario.Name {
			t.Errorf("%s: Norwegian title %q is missing or English", e.ID, nb)
		}
	}
	if got := examples[0].Title["nb"]; got != "Krisesentrene tar imot alle ofre for menneskehandel" {
		t.Errorf("first example's Norwegian title = %q", got)
	}
}

// TestEvidenceTipCountsStudies: the evidence map's tooltip names its count
// of studies in the plural form the number takes, in both languages (one
// plural message, not a message per form).
func TestEvidenceTipCountsStudies(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 study (0 placed by an assumed tag): A"},
		{"en", 2, "2 studies (0 placed by an assumed tag): A"},
		{"nb", 1, "1 studie (0 plassert etter en antatt merking): A"},
		{"nb", 3, "3 studier (0 plassert etter en antatt merking): A"},
	} {
		if got := ewf(c.lang, "ev.tip.studies", c.n, 0, "A"); got != c.want {
			t.Errorf("%s, %d studies: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
