package web

import (
	"html"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

// TestPathwayListsStudies: for each person of testdata/pathway/people.txt
// on the Norwegian seed, every need on the path lists the studies the
// evidence map has on that need for the person's age (in its order, each
// with its title and whether it has Norwegian data), and says in one
// sentence, on the page in both languages, when none of them has data from
// Norway. The seed must give the test something to check: some need with
// studies, and some need without Norwegian data.
func TestPathwayListsStudies(t *testing.T) {
	l, err := norway()
	if err != nil {
		t.Fatal(err)
	}
	h := norwayServer(t)
	var withStudies, withoutNorwegian int
	for _, query := range pathwayPeople(t) {
		t.Run(query, func(t *testing.T) {
			pw := getPathway(t, h, query)
			pages := map[string]string{}
			for _, lang := range []string{"en", "nb"} {
				resp := get(t, h, "/pathway?"+query+"&lang="+lang)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("/pathway?%s&lang=%s: status %s", query, lang, resp.Status)
				}
				pages[lang] = html.UnescapeString(body(t, resp))
			}
			for _, st := range pw.Stages {
				for _, n := range st.Needs {
					want := evidence.OnNeed(l, n.ID, evidence.Population{AgeBands: []graph.AgeBand{pw.Person.AgeBand}})
					var ids, wantIDs []string
					for _, s := range n.Studies {
						ids = append(ids, s.ID)
						if s.Title == "" || s.Title == s.ID {
							t.Errorf("%s/%s: study %s is shown by %q, not by its title", st.ID, n.ID, s.ID, s.Title)
						}
					}
					for _, s := range want.Studies {
						wantIDs = append(wantIDs, s.ID)
						norwegian := slices.ContainsFunc(s.Countries, func(c evidence.Tag) bool { return c.ID == "no" })
						if i := slices.Index(ids, s.ID); i >= 0 && n.Studies[i].Norwegian != norwegian {
							t.Errorf("%s/%s: study %s shows Norwegian data %v, the evidence map says %v", st.ID, n.ID, s.ID, n.Studies[i].Norwegian, norwegian)
						}
					}
					if !slices.Equal(ids, wantIDs) {
						t.Errorf("%s/%s: the path lists studies %v, the evidence map has %v", st.ID, n.ID, ids, wantIDs)
					}
					if len(ids) > 0 {
						withStudies++
					}
					if got, w := n.NoNorwegian, want.Sentence("en"); got != w {
						t.Errorf("%s/%s: no-Norwegian-data sentence %q, want %q", st.ID, n.ID, got, w)
					}
					if want.Norwegian > 0 {
						continue
					}
					withoutNorwegian++
					for lang, page := range pages {
						if s := want.Sentence(lang); s == "" || !strings.Contains(page, s) {
							t.Errorf("%s/%s: the %s page does not say %q", st.ID, n.ID, lang, s)
						}
					}
				}
			}
		})
	}
	if withStudies == 0 || withoutNorwegian == 0 {
		t.Errorf("the seed's paths gave %d needs with studies and %d without Norwegian data: nothing to check", withStudies, withoutNorwegian)
	}
}
