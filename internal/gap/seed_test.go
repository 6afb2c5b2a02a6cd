package gap

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/seed"
)

// norway loads the Norwegian seed. It skips the test only when the seed
// directory has no YAML files yet.
func norway(tb testing.TB) *graph.Landscape {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "seed", "norway", "*.yaml"))
	if len(files) == 0 {
		tb.Skip("seed/norway has no YAML files yet")
	}
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		tb.Fatalf("load the Norwegian seed: %v", err)
	}
	l, err := s.Landscape()
	if err != nil {
		tb.Fatalf("build the Norwegian landscape: %v", err)
	}
	return l
}

func coveringIDs(g Gap) []string {
	var ids []string
	for _, s := range g.Covering {
		ids = append(ids, s.ID)
	}
	return ids
}

func whys(g Gap) []string {
	var out []string
	for _, e := range g.Excluded {
		for _, r := range e.Reasons {
			out = append(out, r.Why)
		}
	}
	return out
}

// TestNorwayUndocumentedEmergencyNotGP: a person without lawful stay is
// entitled to emergency help by law (the prioritisation regulation) but has
// no right to a GP, child or adult; the Health Centres for Undocumented
// Migrants alone give primary care, in Oslo and Bergen, and elsewhere there
// is none.
func TestNorwayUndocumentedEmergencyNotGP(t *testing.T) {
	l := norway(t)
	q := Query{
		Statuses: []string{"undocumented"}, AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult},
		Needs: []string{"health_emergency", "health_primary"}, Regions: []string{"oslo", "bergen", "trondheim"},
		Limit: -1, MaxExcluded: -1,
	}
	res, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	primary := map[string][]string{} // region -> covering services at first contact, for any profile
	for _, g := range res.Gaps {
		switch g.Need {
		case "health_emergency":
			if g.Entitlement == nil {
				t.Errorf("%s %s at %s: no entitlement to emergency care", g.Profile, g.Need, g.Stage)
			}
			if g.Stage == "first_contact" && slices.Contains(g.Kinds, KindUncovered) {
				t.Errorf("%s: emergency care at first contact is uncovered", g.Profile)
			}
		case "health_primary":
			if g.Entitlement != nil {
				t.Errorf("%s: entitled to a GP: %+v", g.Profile, g.Entitlement)
			}
			if !slices.Contains(whys(g), "fastlege: status undocumented not accepted") {
				t.Errorf("%s at %s: the GP scheme is not excluded for status: %v", g.Profile, g.Stage, whys(g))
			}
			if g.Stage == "first_contact" {
				primary[g.Profile.Region] = coveringIDs(g)
			}
		}
	}
	for region, want := range map[string][]string{"oslo": {"hs_papirlose_osl"}, "bergen": {"hs_papirlose_bgo"}, "trondheim": nil} {
		if got, ok := primary[region]; !ok || !slices.Equal(got, want) {
			t.Errorf("primary care for undocumented people in %s at first contact: covered by %v (listed %v), want %v", region, got, ok, want)
		}
	}
}

// TestNorwayHealthCentresAreCritical: closing the Oslo health centre leaves
// undocumented people in Oslo without primary care, and nobody elsewhere.
// (Oslo's profile region is the county, the same area as the municipality.)
func TestNorwayHealthCentresAreCritical(t *testing.T) {
	l := norway(t)
	for svc, region := range map[string]string{"hs_papirlose_osl": "oslo_county", "hs_papirlose_bgo": "bergen"} {
		res, err := Criticality(context.Background(), l, svc, Query{Limit: -1}, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		si := res.Criticality[0]
		found := false
		for _, c := range si.CellList {
			if c.Profile.Region != region {
				t.Errorf("%s is critical outside %s: %+v", svc, region, c)
			}
			found = found || c.Profile.Status == "undocumented" && c.Need == "health_primary"
		}
		if !found || si.Cells != len(si.CellList) {
			t.Errorf("%s: %d critical cells (%d listed), none for undocumented people's primary care", svc, si.Cells, len(si.CellList))
		}
	}
}

// TestNorwayModelFixes: the model's rules on the seed. Returning home is an
// exit with no needs after it; no adult lacks child protection; Oslo's
// services reach the county of Oslo; substance-use treatment is not
// missing where it does not arise, and child protection does not stop at
// the legal process.
func TestNorwayModelFixes(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	res, err := Analyse(ctx, l, Query{Statuses: []string{"returned"}, Limit: 1}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Cells != 0 || res.GapsTotal != 0 {
		t.Errorf("returned: %d cells, %d gaps; want none (no needs in Norway)", res.Summary.Cells, res.GapsTotal)
	}
	for _, tr := range res.Transitions {
		if tr.To == "returned" {
			t.Errorf("moving to returned is reported as a loss of %d cells", tr.Cells)
		}
	}
	if res.ExitsTotal == 0 {
		t.Error("no exit into returned reported")
	}
	res, err = Analyse(ctx, l, Query{Needs: []string{"child_protection"}, AgeBands: []graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult}, Limit: 1}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Cells != 0 {
		t.Errorf("child protection for adults: %d cells, want none", res.Summary.Cells)
	}
	for _, q := range []Query{
		{Needs: []string{"child_protection"}, Stages: []string{"assistance_legal_process"}, Kinds: []Kind{KindEntitledUnserved}},
		{Needs: []string{"health_substance"}, Stages: []string{"first_contact", "identification"}, Kinds: []Kind{KindEntitledUnserved}},
	} {
		q.Limit = 1
		res, err := Analyse(ctx, l, q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Summary.EntitledUnserved != 0 {
			t.Errorf("%v at %v: %d entitled but unserved cells, want none", q.Needs, q.Stages, res.Summary.EntitledUnserved)
		}
	}
	res, err = Analyse(ctx, l, Query{Regions: []string{"oslo_county"}, Statuses: []string{"undocumented"}, Needs: []string{"health_primary"},
		Stages: []string{"first_contact"}, Kinds: []Kind{KindUncovered}, Limit: 1}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Cells == 0 || res.Summary.Uncovered != 0 {
		t.Errorf("undocumented people's primary care in the county of Oslo: %d of %d cells uncovered, want 0", res.Summary.Uncovered, res.Summary.Cells)
	}
}

// TestNorwayStatutoryNotFragile: the hospitals, permanently funded and
// statutory, are the one door for citizens' specialist care: a single
// provider, not fragile. Children without lawful stay have a full right to
// it, met only in part: entitled, served only in part; adults' right is
// partial, so theirs is fragile only.
func TestNorwayStatutoryNotFragile(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	count := func(q Query) Counts {
		t.Helper()
		q.Needs, q.Limit = []string{"health_specialist_somatic"}, 1
		res, err := Analyse(ctx, l, q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Summary
	}
	if c := count(Query{Statuses: []string{"norwegian_citizen"}}); c.Fragile != 0 || c.SingleProvider != c.Cells || c.Cells == 0 {
		t.Errorf("citizens' specialist care: %+v; want every cell a single provider, none fragile", c)
	}
	children := count(Query{Statuses: []string{"undocumented"}, AgeBands: []graph.AgeBand{graph.AgeChild}})
	adults := count(Query{Statuses: []string{"undocumented"}, AgeBands: []graph.AgeBand{graph.AgeAdult}})
	if children.EntitledPartial == 0 || children.EntitledPartial != children.Fragile {
		t.Errorf("undocumented children's specialist care: %+v; want every fragile cell entitled but served only in part", children)
	}
	if adults.EntitledPartial != 0 || adults.Fragile == 0 {
		t.Errorf("undocumented adults' specialist care: %+v; want fragile cells, none entitled in full", adults)
	}
}

// TestNorwayReflectionPeriodEnds: when the six months end without another
// permit, the person loses the GP and the right to it, and the right to
// shelter.
func TestNorwayReflectionPeriodEnds(t *testing.T) {
	l := norway(t)
	res, err := Transitions(context.Background(), l, Query{Statuses: []string{"reflection"}, Limit: 10}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	var end *TransitionReport
	for i, tr := range res.Transitions {
		if tr.From == "reflection" && tr.To == "undocumented" {
			end = &res.Transitions[i]
		}
	}
	if end == nil {
		t.Fatalf("no transition reflection -> undocumented in %d reports", len(res.Transitions))
	}
	var lost, rights []string
	for _, n := range end.NeedsLost {
		lost = append(lost, n.Need)
	}
	for _, e := range end.EntitlementsLost {
		if len(e.AgeBands) == 0 {
			rights = append(rights, e.Need)
		}
	}
	if !slices.Contains(lost, "health_primary") {
		t.Errorf("needs lost at the end of the reflection period: %v, want health_primary among them", lost)
	}
	for _, need := range []string{"health_primary", "shelter_emergency"} {
		if !slices.Contains(rights, need) {
			t.Errorf("rights lost at the end of the reflection period: %v, want %s among them", rights, need)
		}
	}
	if len(end.Sources) == 0 {
		t.Error("the transition cites no source")
	}
}

// TestNorwayFullAnalysis runs every kind on the whole seed and checks that
// no small count of people leaks into the JSON.
func TestNorwayFullAnalysis(t *testing.T) {
	l := norway(t)
	res, err := Analyse(context.Background(), l, Query{}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Summary.Cells == 0 || res.GapsTotal == 0 || len(res.Fragmentation) == 0 || len(res.Criticality) == 0 || len(res.Transitions) == 0 {
		t.Fatalf("empty sections: %+v", res.Summary)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	if leak := regexp.MustCompile(`"people[a-z_]*":[1-4][,}]`).Find(b); leak != nil {
		t.Errorf("a suppressed count leaks: %s", leak)
	}
}
