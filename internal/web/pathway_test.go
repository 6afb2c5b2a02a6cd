package web

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// pathwayPeople reads the queries of testdata/pathway/people.txt.
func pathwayPeople(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/pathway/people.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// getPathway fetches the JSON path of query.
func getPathway(t *testing.T, h http.Handler, query string) *pathway {
	t.Helper()
	resp := get(t, h, "/api/v1/pathway?"+query)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: status %s: %s", query, resp.Status, body(t, resp))
	}
	var pw pathway
	if err := json.NewDecoder(resp.Body).Decode(&pw); err != nil {
		t.Fatal(err)
	}
	return &pw
}

// TestPathwayAgreesWithEngine checks, for each person of the table on the
// Norwegian seed, that the path lists at each stage exactly the needs the
// engine says arise, for each the engine's covering services and the
// services it finds excluding, with their rules; that every gap the engine
// reports for the person is on the path with its kinds, and no need without
// a gap is shown as broken; and that each status change loses the needs
// the engine's transition report says.
func TestPathwayAgreesWithEngine(t *testing.T) {
	l, err := norway()
	if err != nil {
		t.Fatal(err)
	}
	h := norwayServer(t)
	ix, err := gap.CachedIndex(l)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, query := range pathwayPeople(t) {
		t.Run(query, func(t *testing.T) {
			pw := getPathway(t, h, query)
			p := pw.Person
			if !pw.Complete {
				t.Fatalf("the person is not complete: missing %v", pw.Missing)
			}
			prof := gap.Profile{Gender: p.Gender, AgeBand: p.AgeBand, Status: p.Status, Exploitation: p.Exploitation, Region: p.Region}
			var needs []string
			if p.Group != "" {
				for _, e := range l.Out(p.Group, graph.EdgeNeeds) {
					needs = append(needs, e.To)
				}
			}
			if pw.Category != "" {
				var kept []string
				for _, n := range graph.All[*graph.Need](l) {
					if n.Category == pw.Category && (p.Group == "" || slices.Contains(needs, n.ID)) {
						kept = append(kept, n.ID)
					}
				}
				if len(kept) == 0 {
					t.Fatalf("no need of the kind %s: the line tests nothing", pw.Category)
				}
				needs = kept
			}
			q := gap.Query{Genders: []graph.Gender{p.Gender}, AgeBands: []graph.AgeBand{p.AgeBand}, Statuses: []string{p.Status},
				Exploitation: []string{p.Exploitation}, Regions: []string{p.Region}, Needs: needs, Limit: -1, MaxExcluded: -1,
				Kinds: []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindEntitledPartial, gap.KindFragile, gap.KindSingleProvider, gap.KindLostInTransition}}
			res, err := gap.Analyse(ctx, l, q, gap.Scenario{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Profiles != 1 {
				t.Fatalf("the engine analysed %d combinations, want 1", res.Profiles)
			}
			shown := map[[2]string]pathNeed{}
			var order []string
			for _, st := range pw.Stages {
				order = append(order, st.ID)
				for _, n := range st.Needs {
					shown[[2]string{st.ID, n.ID}] = n
				}
			}
			if want := stagesWithNeeds(t, ix, prof, needs, l); !slices.Equal(order, want) {
				t.Errorf("stages: got %v, want %v (in the seed's order, each with a need)", order, want)
			}
			gaps := map[[2]string]gap.Gap{}
			for _, g := range res.Gaps {
				key := [2]string{g.Stage, g.Need}
				gaps[key] = g
				n, ok := shown[key]
				if !ok {
					t.Errorf("the engine's gap %s at %s is not on the path", g.Need, g.Stage)
					continue
				}
				if diff := cmp.Diff(g.Kinds, n.Kinds); diff != "" {
					t.Errorf("%s at %s: kinds mismatch (-engine +path):\n%s", g.Need, g.Stage, diff)
				}
				if diff := cmp.Diff(refIDs(g.Covering), shownIDs(n.Services)); diff != "" {
					t.Errorf("%s at %s: services mismatch (-engine +path):\n%s", g.Need, g.Stage, diff)
				}
				if diff := cmp.Diff(exclIDs(g.Excluded), shownExclIDs(n.Excluded)); diff != "" {
					t.Errorf("%s at %s: excluding services mismatch (-engine +path):\n%s", g.Need, g.Stage, diff)
				}
				for i, e := range g.Excluded {
					if i < len(n.Excluded) && len(n.Excluded[i].Rules) != len(e.Reasons) {
						t.Errorf("%s at %s: %s excludes by %d rules, the path says %d: %v", g.Need, g.Stage, e.Service, len(e.Reasons), len(n.Excluded[i].Rules), n.Excluded[i].Rules)
					}
				}
				if n.Break == "" {
					t.Errorf("%s at %s: a gap (%v) with no words for where the path breaks", g.Need, g.Stage, g.Kinds)
				}
			}
			for key, n := range shown {
				if needs != nil && !slices.Contains(needs, n.ID) {
					t.Errorf("%s at %s: shown, but not among the needs asked for %v", n.ID, key[0], needs)
				}
				if _, ok := gaps[key]; ok {
					continue
				}
				c, err := ix.Cover(gap.Cell{Profile: prof, Need: key[1], Stage: key[0]})
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(refIDs(c.Covering), shownIDs(n.Services)); diff != "" {
					t.Errorf("%s at %s: services mismatch (-engine +path):\n%s", key[1], key[0], diff)
				}
				if n.Broken || len(n.Kinds) > 0 || len(n.Services) < 2 {
					t.Errorf("%s at %s: the engine reports no gap, the path shows %d services, kinds %v, broken %t", key[1], key[0], len(n.Services), n.Kinds, n.Broken)
				}
			}
			checkChanges(t, l, q, pw)
		})
	}
}

// stagesWithNeeds lists, in the seed's stage order, the stages at which a
// need (of needs, or any) arises for prof, as the engine says.
func stagesWithNeeds(t *testing.T, ix *gap.Index, prof gap.Profile, needs []string, l *graph.Landscape) []string {
	t.Helper()
	if needs == nil {
		for _, n := range graph.All[*graph.Need](l) {
			needs = append(needs, n.ID)
		}
	}
	var out []string
	for _, st := range ix.Stages() {
		for _, n := range needs {
			c, err := ix.Cover(gap.Cell{Profile: prof, Need: n, Stage: st})
			if err != nil {
				t.Fatal(err)
			}
			if c.Applies {
				out = append(out, st)
				break
			}
		}
	}
	return out
}

// checkChanges compares each status change of the path with the engine's
// transition report for it.
func checkChanges(t *testing.T, l *graph.Landscape, q gap.Query, pw *pathway) {
	t.Helper()
	from := pw.Person.Status
	var want []string
	for _, e := range l.Out(from, graph.EdgeTransitionsTo) {
		want = append(want, e.To)
	}
	var got []string
	for _, ch := range pw.Changes {
		got = append(got, ch.To)
		tq := q
		tq.Statuses = []string{ch.To}
		res, err := gap.Transitions(context.Background(), l, tq, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		var lost []string
		for _, tr := range res.Transitions {
			if tr.From == from && tr.To == ch.To {
				for _, nl := range tr.NeedsLost {
					lost = append(lost, nl.Need)
				}
			}
		}
		var shown []string
		for _, nl := range ch.NeedsLost {
			shown = append(shown, nl.Need)
		}
		if diff := cmp.Diff(lost, shown); diff != "" {
			t.Errorf("change to %s: needs lost mismatch (-engine +path):\n%s", ch.To, diff)
		}
		if st, err := graph.Lookup[*graph.Status](l, ch.To); err == nil && st.Terminal != ch.Exit {
			t.Errorf("change to %s: exit %t, the status is terminal: %t", ch.To, ch.Exit, st.Terminal)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("status changes mismatch (-seed +path):\n%s", diff)
	}
}

func refIDs(rs []gap.ServiceRef) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func shownIDs(ss []pathService) []string {
	out := []string{}
	for _, s := range ss {
		out = append(out, s.ID)
	}
	return out
}

func exclIDs(es []gap.Exclusion) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Service)
	}
	return out
}

func shownExclIDs(es []pathExclusion) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// TestPathwayConfidentialAddress checks that the confidential address of a
// shelter on the path (ROSA in the small landscape) reaches neither the
// page nor the JSON, while the shelter itself is listed.
func TestPathwayConfidentialAddress(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	h := s.Handler()
	const query = "status=reflection&gender=female&age=adult&exploitation=sexual&region=norway"
	pw := getPathway(t, h, query)
	listed := false
	for _, st := range pw.Stages {
		for _, n := range st.Needs {
			listed = listed || slices.Contains(shownIDs(n.Services), "rosa")
		}
	}
	if !listed {
		t.Fatal("ROSA is not on the path: the test checks nothing")
	}
	for _, u := range []string{"/pathway?", "/api/v1/pathway?", "/pathway?lang=nb&"} {
		if b := body(t, get(t, h, u+query)); strings.Contains(b, secretAddr) {
			t.Errorf("%s: the confidential address is shown", u)
		}
	}
}

// TestPathwayBadInput checks that a wrong value is a clear error naming the
// field, and that an incomplete person is one for the API and a prompt on
// the page.
func TestPathwayBadInput(t *testing.T) {
	h := norwayServer(t)
	for _, test := range []struct{ query, field string }{
		{"status=nosuch&gender=female&age=adult&exploitation=sexual&region=oslo", "status"},
		{"status=undocumented&gender=x&age=adult&exploitation=sexual&region=oslo", "gender"},
		{"group=nosuch", "group"},
		{"status=undocumented&gender=female&age=adult&exploitation=sexual", "region"},
	} {
		resp := get(t, h, "/api/v1/pathway?"+test.query)
		b := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(b, test.field) {
			t.Errorf("%s: %s %s %s, want 400 problem+json naming %s", test.query, resp.Status, resp.Header.Get("Content-Type"), b, test.field)
		}
	}
	page := body(t, get(t, h, "/pathway?lang=nb&"+url.Values{"status": {"undocumented"}}.Encode()))
	if !strings.Contains(page, `id="pathway-missing"`) || !strings.Contains(page, "kjønn") {
		t.Errorf("an incomplete person: the page does not ask, in Norwegian, for what is missing")
	}
}

// TestGroupPageLinksToPathway checks that a group's page links to the path
// of a person in the group, and that the link opens it.
func TestGroupPageLinksToPathway(t *testing.T) {
	h := norwayServer(t)
	page := body(t, get(t, h, "/nodes/undocumented_women_prostitution?lang=nb"))
	const link = `href="/pathway?group=undocumented_women_prostitution"`
	if !strings.Contains(page, link) {
		t.Fatalf("the group's page has no link %s", link)
	}
	if pw := getPathway(t, h, "group=undocumented_women_prostitution"); !pw.Complete || pw.Person.Region != "oslo" || pw.Person.Status != "undocumented" {
		t.Errorf("the group's path is for %+v", pw.Person)
	}
}

// TestPathwayGroupOverride checks that a value in the address overrides
// the group's, keeping the group's needs: the form of a group's page keeps
// the group, so a reader can see the group's other values.
func TestPathwayGroupOverride(t *testing.T) {
	h := norwayServer(t)
	base := getPathway(t, h, "group=undocumented_women_prostitution")
	if base.Person.AgeBand != graph.AgeYoungAdult || len(base.Person.Also) == 0 {
		t.Fatalf("the group's path is for %+v, want young adults first with adults also", base.Person)
	}
	other := getPathway(t, h, "group=undocumented_women_prostitution&age=adult")
	if other.Person.AgeBand != graph.AgeAdult || other.Person.Group != "undocumented_women_prostitution" {
		t.Errorf("with age=adult the path is for %+v", other.Person)
	}
	groupNeeds := map[string]bool{}
	l, _ := norway()
	for _, e := range l.Out("undocumented_women_prostitution", graph.EdgeNeeds) {
		groupNeeds[e.To] = true
	}
	for _, st := range other.Stages {
		for _, n := range st.Needs {
			if !groupNeeds[n.ID] {
				t.Errorf("the group's path lists %s, which the group does not need", n.ID)
			}
		}
	}
	page := body(t, get(t, h, "/pathway?group=undocumented_women_prostitution"))
	if !strings.Contains(page, `<input type="hidden" name="group" value="undocumented_women_prostitution">`) {
		t.Error("the form of a group's path does not keep the group")
	}
}
