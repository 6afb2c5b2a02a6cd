package locale

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func catalogue(t *testing.T) *Catalog {
	t.Helper()
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEmbeddedCatalogueIsComplete: every message of every domain exists in
// every language, with the same arguments as in English.
func TestEmbeddedCatalogueIsComplete(t *testing.T) {
	c := catalogue(t)
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	if got := c.Languages(); !slices.Contains(got, "en") || !slices.Contains(got, "nb") {
		t.Errorf("languages %v, want at least the folders en and nb", got)
	}
	for _, d := range []string{"web", "dashboards", "evidence", "chart", "unknown", "fields", "findings", "findings_format", "dates"} {
		if len(c.Domain(d).Keys(Source)) == 0 {
			t.Errorf("domain %s has no messages", d)
		}
	}
}

// TestNoBareSPlural: no message writes a plural as "(s)" or "(er)"; it
// chooses its words by the number instead.
func TestNoBareSPlural(t *testing.T) {
	c := catalogue(t)
	for _, name := range c.Domains() {
		d := c.Domain(name)
		for _, lang := range c.Languages() {
			for _, k := range d.Keys(lang) {
				for _, text := range d.msgs[lang][k].texts() {
					if strings.Contains(text, "(s)") || strings.Contains(text, "(er)") {
						t.Errorf("%s/%s.json: %q: %q writes a plural by hand", lang, name, k, text)
					}
				}
			}
		}
	}
}

// TestCheck: each catalogue under testdata/check has the faults its
// want.txt lists, one a line, and no other.
func TestCheck(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/check/*")
	if len(dirs) == 0 {
		t.Fatal("no test catalogues")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			c, err := Load(os.DirFS(dir))
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if err := c.Check(); err != nil {
				got = err.Error()
			}
			if strings.TrimSpace(got) != strings.TrimSpace(string(want)) {
				t.Errorf("Check reports\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// TestLoadErrors: each bad catalogue under testdata/load fails to load
// with an error that begins with its want.txt (the file and line).
func TestLoadErrors(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/load/*")
	if len(dirs) == 0 {
		t.Fatal("no test catalogues")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "want.txt"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = Load(os.DirFS(dir))
			if err == nil || !strings.HasPrefix(err.Error(), strings.TrimSpace(string(want))) {
				t.Errorf("Load error %v, want one beginning %q", err, strings.TrimSpace(string(want)))
			}
		})
	}
}

func TestPlurals(t *testing.T) {
	c := catalogue(t)
	web := c.Domain("web")
	for _, tc := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"en", "login.limited", 1, "Too many failed sign-ins. Try again in 1 minute."},
		{"en", "login.limited", 2, "Too many failed sign-ins. Try again in 2 minutes."},
		{"en", "login.limited", 0, "Too many failed sign-ins. Try again in 0 minutes."},
		{"nb", "login.limited", 1, "For mange mislykkede innlogginger. Prøv igjen om 1 minutt."},
		{"nb", "login.limited", 15, "For mange mislykkede innlogginger. Prøv igjen om 15 minutter."},
		{"en", "login.limited_seconds", 1, "Too many failed sign-ins. Try again in 1 second."},
		{"nb", "login.limited_seconds", 30, "For mange mislykkede innlogginger. Prøv igjen om 30 sekunder."},
		{"en", "form.errors", 1, "The service is not saved: 1 field to correct"},
		{"en", "form.errors", 3, "The service is not saved: 3 fields to correct"},
		{"nb", "account.lifetime_days", 1, "1 dag"},
		{"nb", "account.lifetime_days", 90, "90 dager"},
		{"en", "account.lifetime_days", 1, "1 day"},
		{"en", "account.lifetime_days", 1500, "1,500 days"},
	} {
		if got := web.Sprintf(tc.lang, tc.key, tc.n); got != tc.want {
			t.Errorf("%s %s(%d) = %q, want %q", tc.lang, tc.key, tc.n, got, tc.want)
		}
		if !web.IsPlural(tc.lang, tc.key) {
			t.Errorf("%s %s: IsPlural is false for a plural message", tc.lang, tc.key)
		}
	}
	for _, key := range []string{"footer.data", "year", "no.such.key"} {
		if web.IsPlural("nb", key) {
			t.Errorf("nb %s: IsPlural is true for a message that is not plural", key)
		}
	}
}

// TestPluralCases: =N cases win over the forms, whatever their order in
// the file.
func TestPluralCases(t *testing.T) {
	c, err := Load(os.DirFS("testdata/plural"))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Domain("x")
	for n, want := range map[int]string{0: "no studies", 1: "1 study", 2: "2 studies", 11: "11 studies"} {
		if got := d.Sprintf("en", "studies", n); got != want {
			t.Errorf("studies(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestNumbers(t *testing.T) {
	c := catalogue(t)
	for _, tc := range []struct {
		lang string
		n    any
		want string
	}{
		{"nb", 1234, "1\u00a0234"},
		{"nb", 1234567, "1\u00a0234\u00a0567"},
		{"nb", 12.5, "12,5"},
		{"nb", 999, "999"},
		{"en", 1234, "1,234"},
		{"en", 12.5, "12.5"},
		{"xx", 1234, "1,234"}, // an unknown language prints as English
	} {
		if got := c.Number(tc.lang, tc.n); got != tc.want {
			t.Errorf("Number(%s, %v) = %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
	// a year or a version (%#d) is not grouped
	for _, tc := range []struct{ lang, domain, key, want string }{
		{"en", "web", "year", "as of 2025"},
		{"nb", "web", "year", "per 2025"},
		{"nb", "web", "history.version", "Versjon 12345"},
		{"en", "chart", "data.version", "gapmap landscape version 12345"},
	} {
		n := 2025
		if tc.key != "year" {
			n = 12345
		}
		if got := c.Domain(tc.domain).Sprintf(tc.lang, tc.key, n); got != tc.want {
			t.Errorf("%s %s/%s(%d) = %q, want %q", tc.lang, tc.domain, tc.key, n, got, tc.want)
		}
	}
	// in a message, %d groups too
	if got, want := c.Domain("web").Sprintf("nb", "search.count", 3, 12345, "krisesenter"), "3 av 12\u00a0345 tjenester passer til «krisesenter»."; got != want {
		t.Errorf("nb search.count = %q, want %q", got, want)
	}
}

func TestDates(t *testing.T) {
	c := catalogue(t)
	for _, tc := range []struct {
		lang string
		t    time.Time
		want string
	}{
		{"nb", time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC), "7. desember 2026"},
		{"en", time.Date(2026, 12, 7, 18, 0, 0, 0, time.UTC), "7 December 2026"},
		{"nb", time.Date(2025, 5, 17, 0, 0, 0, 0, time.UTC), "17. mai 2025"},
		{"en", time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), "31 January 2025"},
	} {
		if got := c.Date(tc.lang, tc.t); got != tc.want {
			t.Errorf("Date(%s, %v) = %q, want %q", tc.lang, tc.t, got, tc.want)
		}
		if got := c.Domain("web").Printer(tc.lang).Date(tc.t); got != tc.want {
			t.Errorf("Printer(%s).Date = %q, want %q", tc.lang, got, tc.want)
		}
	}
}

// TestFallback: a message missing in a language is the English one; a key
// missing in both is itself; Text formats nothing.
func TestFallback(t *testing.T) {
	c, err := Load(os.DirFS("testdata/fallback"))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Domain("x")
	for _, tc := range []struct{ lang, key, text, formatted string }{
		{"nb", "both", "begge %d", "begge 7"},
		{"nb", "only_en", "only in English %d", "only in English 7"},
		{"en", "both", "both %d", "both 7"},
		{"de", "both", "both %d", "both 7"},
		{"nb", "nowhere %d", "nowhere %d", "nowhere 7"},
	} {
		if got := d.Text(tc.lang, tc.key); got != tc.text {
			t.Errorf("Text(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.text)
		}
		if got := d.Sprintf(tc.lang, tc.key, 7); got != tc.formatted {
			t.Errorf("Sprintf(%s, %s, 7) = %q, want %q", tc.lang, tc.key, got, tc.formatted)
		}
	}
	if !d.Has("nb", "both") || d.Has("nb", "only_en") {
		t.Error("Has does not tell a language's own messages")
	}
	if !c.Known("nb") || c.Known("de") || c.Lang("de") != "en" {
		t.Error("Known/Lang do not follow the folders")
	}
	if got := c.Domain("nodomain").Text("nb", "k"); got != "k" {
		t.Errorf("a key of a domain no file defines = %q, want itself", got)
	}
}

// TestAddLanguage: a new folder is a new language, with no code.
func TestAddLanguage(t *testing.T) {
	c, err := Load(os.DirFS("testdata/fallback"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Languages(), " ") != "en nb sv" {
		t.Fatalf("languages %v, want the folders en nb sv", c.Languages())
	}
	if got := c.Domain("x").Sprintf("sv", "both", 1234); got != "båda 1\u00a0234" {
		t.Errorf("sv message = %q, want Swedish words and grouping", got)
	}
}

// TestPluralMessages: the count messages of testdata/plurals.json choose
// their words by the number, and group it, in each language.
func TestPluralMessages(t *testing.T) {
	c := catalogue(t)
	data, err := os.ReadFile("testdata/plurals.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Domain, Lang, Key, Want string
		Args                    []any
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		args := make([]any, len(tc.Args))
		for i, a := range tc.Args {
			if f, ok := a.(float64); ok {
				a = int(f) // JSON numbers: the messages count whole things
			}
			args[i] = a
		}
		if got := c.Domain(tc.Domain).Sprintf(tc.Lang, tc.Key, args...); got != tc.Want {
			t.Errorf("%s %s/%s %v = %q, want %q", tc.Lang, tc.Domain, tc.Key, tc.Args, got, tc.Want)
		}
	}
}
