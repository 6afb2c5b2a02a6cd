package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/seed"
)

// TestFrontPagePeople checks, on the landscape with groups of 3, 4 and
// 100 people (testdata/front_people: the 100 undocumented only), that the front page says how many
// people each finding reaches as the findings API does: "fewer than 5"
// for a suppressed count, in both languages, and never a number under the
// threshold.
func TestFrontPagePeople(t *testing.T) {
	s, err := seed.Load(os.DirFS("testdata/front_people"), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := testServer(t, l)
	h := srv.Handler()
	var api struct {
		Findings []struct {
			ID     string `json:"id"`
			People any    `json:"people"`
		} `json:"findings"`
	}
	if err := json.NewDecoder(get(t, h, "/api/v1/findings?limit=15").Body).Decode(&api); err != nil {
		t.Fatal(err)
	}
	people := regexp.MustCompile(`<span class="finding-people[^"]*">([^<]*)</span>`)
	small := regexp.MustCompile(`\b[1-4]\b`)
	suppressed, shown := 0, 0
	for _, lang := range []string{"en", "nb"} {
		b := body(t, get(t, h, "/?lang="+lang))
		for _, f := range api.Findings {
			i := strings.Index(b, `data-finding="`+f.ID+`"`)
			if i < 0 {
				t.Fatalf("%s: the front page does not list finding %s", lang, f.ID)
			}
			m := people.FindStringSubmatch(b[i:])
			if m == nil {
				t.Fatalf("%s: finding %s says nothing about people", lang, f.ID)
			}
			got := m[1]
			p := ""
			if f.People != nil {
				p = fmt.Sprint(f.People)
			}
			switch {
			case p == "<5":
				suppressed++
				want := map[string]string{"en": "Fewer than 5 people", "nb": "Færre enn 5 personer"}[lang]
				if !strings.HasPrefix(got, want) {
					t.Errorf("%s: finding %s: people %q, want %q", lang, f.ID, got, want)
				}
			case p == "":
				if !strings.Contains(got, map[string]string{"en": "not known", "nb": "ukjent"}[lang]) {
					t.Errorf("%s: finding %s has no count, yet the page says %q", lang, f.ID, got)
				}
			default:
				shown++
				n, err := strconv.Atoi(p)
				if err != nil || !strings.Contains(got, " "+strconv.Itoa(n)+" ") {
					t.Errorf("%s: finding %s: people %q, want %s", lang, f.ID, got, p)
				}
			}
			if small.MatchString(strings.SplitN(got, "(", 2)[0]) {
				t.Errorf("%s: finding %s shows a count under the threshold: %q", lang, f.ID, got)
			}
		}
	}
	if suppressed == 0 || shown == 0 {
		t.Errorf("%d suppressed and %d shown counts: the landscape no longer tests both", suppressed, shown)
	}
}

// BenchmarkFrontPage serves the front page of the Norwegian seed, without
// filters and with two, in both languages: the findings are computed and
// the top 15 described on every request (the gap index is cached).
func BenchmarkFrontPage(b *testing.B) {
	srv, _ := testServer(b, norwayLandscape(b))
	h := srv.Handler()
	for _, path := range []string{"/?lang=en", "/?lang=nb&status=undocumented&need=health_primary"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", path, rec.Code)
				}
			}
		})
	}
}
