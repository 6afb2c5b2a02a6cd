package gap

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
)

// iterations is how many random landscapes each property test draws.
const iterations = 300

// gotCell is a listed gap reduced to what the oracle computes.
type gotCell struct {
	Cell     Cell
	Kinds    []Kind
	Fragile  []FragileReason
	Covering []string
	LostFrom []string
	Excluded map[string][]Dimension
	Groups   []string
}

func engineCells(res *Result) []gotCell {
	var out []gotCell
	for _, g := range res.Gaps {
		c := gotCell{Cell: g.Cell, Kinds: g.Kinds, Fragile: g.Fragile, Groups: g.Groups, Excluded: map[string][]Dimension{}}
		for _, s := range g.Covering {
			c.Covering = append(c.Covering, s.ID)
		}
		for _, lf := range g.LostFrom {
			c.LostFrom = append(c.LostFrom, lf.From)
		}
		for _, e := range g.Excluded {
			var dims []Dimension
			for _, r := range e.Reasons {
				dims = append(dims, r.Dimension)
			}
			c.Excluded[e.Service] = dims
		}
		out = append(out, c)
	}
	return out
}

func oracleCells(ores oResult) []gotCell {
	var out []gotCell
	for _, oc := range ores.gaps {
		out = append(out, gotCell{Cell: oc.cell, Kinds: oc.kinds, Fragile: oc.fragile, Covering: oc.covering, LostFrom: oc.lostFrom, Excluded: oc.excluded, Groups: oc.groups})
	}
	return out
}

// checkOracle compares everything res says with what the oracle finds for
// l, q and sc.
func checkOracle(t *testing.T, l *graph.Landscape, q Query, sc Scenario, res *Result) {
	t.Helper()
	o := newOracle(l)
	o.apply(sc)
	ores := o.analyse(q)
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = Kinds
	}
	want := func(k Kind) bool { return slices.Contains(kinds, k) }
	scanned := want(KindUncovered) || want(KindEntitledUnserved) || want(KindFragile) || want(KindLostInTransition) || want(KindCriticality)
	if scanned {
		if diff := cmp.Diff(ores.summary, res.Summary); diff != "" {
			t.Errorf("summary mismatch (-want +got):\n%s", diff)
		}
		if ores.profiles != res.Profiles {
			t.Errorf("profiles: want %d, got %d", ores.profiles, res.Profiles)
		}
		if diff := cmp.Diff(oracleCells(ores), engineCells(res), cmp.Comparer(func(a, b map[string][]Dimension) bool { return cmp.Equal(a, b) })); diff != "" {
			t.Errorf("gaps mismatch (-want +got):\n%s", diff)
		}
		if res.GapsTotal != len(ores.gaps) {
			t.Errorf("gaps_total: want %d, got %d", len(ores.gaps), res.GapsTotal)
		}
	}
	if scanned {
		checkTallies(t, ores, res)
	}
	if want(KindFragmentation) {
		for i := 1; i < len(res.Fragmentation); i++ {
			a, b := res.Fragmentation[i-1], res.Fragmentation[i]
			if fragKey(a.Organisations.Size, a.Sectors.Size) < fragKey(b.Organisations.Size, b.Sectors.Size) {
				t.Errorf("fragmentation %d (%s: %d organisations, %d sectors) listed after %s (%d, %d)", i, b.Profile, b.Organisations.Size, b.Sectors.Size, a.Profile, a.Organisations.Size, a.Sectors.Size)
				break
			}
		}
	}
	if len(sc.Changes) > 0 && scanned {
		checkDiff(t, l, q, ores, res.Diff)
	}
	if want(KindCriticality) {
		wantCrit := map[string]oImpact{}
		for id, im := range ores.critical {
			wantCrit[id] = *im
		}
		gotCrit := map[string]oImpact{}
		for _, si := range res.Criticality {
			if si.Cells == 0 {
				continue
			}
			im := oImpact{cells: si.Cells, profiles: si.Profiles, needs: map[string]int{}, groups: map[string]bool{}}
			for _, n := range si.Needs {
				im.needs[n.Need] = n.Cells
			}
			for _, g := range si.Groups {
				im.groups[g] = true
			}
			gotCrit[si.Service] = im
		}
		if diff := cmp.Diff(wantCrit, gotCrit, cmp.AllowUnexported(oImpact{})); diff != "" {
			t.Errorf("criticality mismatch (-want +got):\n%s", diff)
		}
		open := 0
		for _, s := range o.services {
			if !s.closed {
				open++
			}
		}
		if res.CriticalityTotal != open {
			t.Errorf("criticality lists %d services, want every open one: %d", res.CriticalityTotal, open)
		}
	}
	if want(KindLostInTransition) {
		type loss struct {
			Groups   map[string]bool
			Cells    int
			Needs    map[string]int
			Profiles map[string]int
			Stages   map[string][]string
		}
		wantT, gotT := map[[2]string]loss{}, map[[2]string]loss{}
		for k, ls := range ores.transitions {
			w := loss{Groups: ls.groups, Cells: ls.cells, Needs: ls.needs, Profiles: ls.profiles, Stages: map[string][]string{}}
			for n, st := range ls.stages {
				for _, s := range o.orderedStages() {
					if st[s] {
						w.Stages[n] = append(w.Stages[n], s)
					}
				}
			}
			wantT[k] = w
		}
		for _, tr := range res.Transitions {
			g := loss{Groups: map[string]bool{}, Cells: tr.Cells, Needs: map[string]int{}, Profiles: map[string]int{}, Stages: map[string][]string{}}
			for _, id := range tr.Groups {
				g.Groups[id] = true
			}
			for _, nl := range tr.NeedsLost {
				g.Needs[nl.Need], g.Profiles[nl.Need], g.Stages[nl.Need] = nl.Cells, nl.Profiles, nl.Stages
			}
			gotT[[2]string{tr.From, tr.To}] = g
		}
		if diff := cmp.Diff(wantT, gotT); diff != "" {
			t.Errorf("transitions mismatch (-want +got):\n%s", diff)
		}
		var gotX [][2]string
		for _, x := range res.Exits {
			gotX = append(gotX, [2]string{x.From, x.To})
		}
		if diff := cmp.Diff(o.exits(q), gotX); diff != "" {
			t.Errorf("exits mismatch (-want +got):\n%s", diff)
		}
		if res.ExitsTotal != len(res.Exits) {
			t.Errorf("exits_total %d, listed %d", res.ExitsTotal, len(res.Exits))
		}
	}
	if want(KindFragmentation) {
		wantP, wantG := o.fragmentation(q)
		gotP := map[Profile]oFragment{}
		for _, f := range res.Fragmentation {
			gotP[*f.Profile] = oFragment{Uncoverable: f.Uncoverable, Orgs: f.Organisations.Size, Sectors: f.Sectors.Size, Links: f.ReferralLinks}
			checkCover(t, o, f)
		}
		if diff := cmp.Diff(wantP, gotP); diff != "" {
			t.Errorf("fragmentation mismatch (-want +got):\n%s", diff)
		}
		gotG := map[string]oFragment{}
		for _, f := range res.GroupFragmentation {
			gotG[f.Group] = oFragment{Uncoverable: f.Uncoverable, Orgs: f.Organisations.Size, Sectors: f.Sectors.Size, Links: f.ReferralLinks}
		}
		if diff := cmp.Diff(wantG, gotG); diff != "" {
			t.Errorf("group fragmentation mismatch (-want +got):\n%s", diff)
		}
	}
}

// checkDiff compares a scenario's diff with the oracle's cells before and
// after the scenario.
func checkDiff(t *testing.T, l *graph.Landscape, q Query, after oResult, d *Diff) {
	t.Helper()
	if d == nil {
		t.Fatal("scenario analysed without a diff")
	}
	before := newOracle(l).analyse(q)
	kindsOf := func(r oResult) map[Cell][]Kind {
		m := map[Cell][]Kind{}
		for _, c := range r.gaps {
			m[c.cell] = c.kinds
		}
		return m
	}
	was, now := kindsOf(before), kindsOf(after)
	opened, closed := map[GapChange]bool{}, map[GapChange]bool{}
	for c, ks := range now {
		for _, k := range ks {
			if !slices.Contains(was[c], k) {
				opened[GapChange{Cell: c, Kind: k}] = true
			}
		}
	}
	for c, ks := range was {
		for _, k := range ks {
			if !slices.Contains(now[c], k) {
				closed[GapChange{Cell: c, Kind: k}] = true
			}
		}
	}
	set := func(gs []GapChange) map[GapChange]bool {
		m := map[GapChange]bool{}
		for _, g := range gs {
			m[g] = true
		}
		return m
	}
	if diff := cmp.Diff(opened, set(d.OpenedGaps)); diff != "" {
		t.Errorf("opened gaps mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(closed, set(d.ClosedGaps)); diff != "" {
		t.Errorf("closed gaps mismatch (-want +got):\n%s", diff)
	}
	if d.OpenedTotal != len(opened) || d.ClosedTotal != len(closed) {
		t.Errorf("diff totals: opened %d closed %d, want %d and %d", d.OpenedTotal, d.ClosedTotal, len(opened), len(closed))
	}
	if diff := cmp.Diff(before.summary, d.Baseline); diff != "" {
		t.Errorf("diff baseline mismatch (-want +got):\n%s", diff)
	}
}

// checkCover checks that a profile's organisation cover is exact, that its
// services belong to its members, and that Unlinked follows from the
// referrals between them.
func checkCover(t *testing.T, o *oracle, f Fragmentation) {
	t.Helper()
	if !f.Organisations.Exact || !f.Sectors.Exact {
		t.Errorf("%s: cover not exact on a small landscape", f.Profile)
	}
	byID := map[string]*oService{}
	for _, s := range o.services {
		byID[s.id] = s
	}
	for _, id := range f.Organisations.Services {
		if !slices.Contains(f.Organisations.Members, byID[id].org) {
			t.Errorf("%s: service %s of the cover is run by %s, not a member of %v", f.Profile, id, byID[id].org, f.Organisations.Members)
		}
	}
	var unlinked []string
	if svcs := f.Organisations.Services; len(svcs) > 1 {
		for _, a := range svcs {
			linked := false
			for _, b := range svcs {
				if a != b && (slices.Contains(byID[a].refers, b) || slices.Contains(byID[b].refers, a)) {
					linked = true
				}
			}
			if !linked {
				unlinked = append(unlinked, a)
			}
		}
	}
	if diff := cmp.Diff(unlinked, f.Unlinked); diff != "" {
		t.Errorf("%s: unlinked mismatch (-want +got):\n%s", f.Profile, diff)
	}
}

// TestEngineAgreesWithOracle draws random landscapes, queries and scenarios
// and checks the indexed engine against the per-cell reference.
func TestEngineAgreesWithOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		q := randomQuery(rng, l)
		var sc Scenario
		if rng.IntN(2) == 0 {
			sc = randomScenario(rng, l)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			res, err := Analyse(context.Background(), l, q, sc)
			if err != nil {
				t.Fatalf("Analyse(%+v, %+v): %v", q, sc, err)
			}
			checkOracle(t, l, q, sc, res)
			if t.Failed() {
				t.Logf("query %+v\nscenario %+v", q, sc)
			}
		})
	}
}

// TestEngineAgreesWithOracleMultiWord runs the oracle on landscapes with more
// than 64 services and groups, so that every bitset spans several words.
func TestEngineAgreesWithOracleMultiWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for i := range 3 {
		c := genConfig{
			statuses: 6, expls: 3, needs: 6, stages: 3, countries: 2, counties: 2, municipalities: 2,
			services: 130 + rng.IntN(70), orgs: 6, groups: 70, recommendations: 3,
			pEmpty: 0.1, maxAccepts: 2, maxMeets: 1, maxCovers: 1,
		}
		l := generate(t, rng, c)
		q := Query{
			Genders: []graph.Gender{graph.Genders[rng.IntN(3)]}, AgeBands: []graph.AgeBand{graph.AgeBands[rng.IntN(3)]},
			Exploitation: []string{"e0"},
			Limit:        -1, MaxExcluded: -1,
		}
		sc := randomScenario(rng, l)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			res, err := Analyse(context.Background(), l, q, sc)
			if err != nil {
				t.Fatal(err)
			}
			checkOracle(t, l, q, sc, res)
			if len(res.Gaps) == 0 || len(res.Groups) == 0 {
				t.Errorf("%d gaps, %d groups: the landscape tests nothing", len(res.Gaps), len(res.Groups))
			}
		})
	}
}

// checkTallies compares the Result's tallies, status and need counts and
// group summaries with the oracle's.
func checkTallies(t *testing.T, ores oResult, res *Result) {
	t.Helper()
	got := map[Dimension]map[string]Counts{}
	for _, tl := range res.Tallies {
		if got[tl.Dimension] == nil {
			got[tl.Dimension] = map[string]Counts{}
		}
		got[tl.Dimension][tl.Value] = tl.Counts
	}
	if diff := cmp.Diff(ores.tallies, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("tallies mismatch (-want +got):\n%s", diff)
	}
	gotSN := map[[2]string]Counts{}
	for _, sn := range res.StatusNeeds {
		gotSN[[2]string{sn.Status, sn.Need}] = sn.Counts
	}
	if diff := cmp.Diff(ores.statusNeeds, gotSN, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("status and need counts mismatch (-want +got):\n%s", diff)
	}
	want := map[string]oGroup{}
	for id, g := range ores.groups {
		if g.Counts.Cells > 0 {
			want[id] = *g
		}
	}
	gotG := map[string]oGroup{}
	for _, g := range res.Groups {
		og := oGroup{Profiles: g.Profiles, Counts: g.Counts, Uncovered: map[string]bool{}}
		for _, n := range g.NeedsUncovered {
			og.Uncovered[n] = true
		}
		gotG[g.Group] = og
	}
	if diff := cmp.Diff(want, gotG, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("group summaries mismatch (-want +got):\n%s", diff)
	}
}

// TestEngineAgreesWithOracleWideProfiles runs the oracle on landscapes with
// more than 64 (gender, age band, exploitation) triples, so that the cube's
// profile masks span several words.
func TestEngineAgreesWithOracleWideProfiles(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	for i := range 4 {
		c := genConfig{
			statuses: 2 + rng.IntN(3), expls: 8 + rng.IntN(8), needs: 2 + rng.IntN(3), stages: 1 + rng.IntN(2),
			countries: 1, counties: 2, municipalities: 1,
			services: 6 + rng.IntN(10), orgs: 3, groups: 3, recommendations: 1,
			pEmpty: 0.3, maxAccepts: 3, maxMeets: 2, maxCovers: 2,
		}
		l := generate(t, rng, c)
		var sc Scenario
		if i%2 == 1 {
			sc = randomScenario(rng, l)
		}
		q := Query{Limit: -1, MaxExcluded: -1}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			res, err := Analyse(context.Background(), l, q, sc)
			if err != nil {
				t.Fatal(err)
			}
			checkOracle(t, l, q, sc, res)
			if len(res.Gaps) == 0 {
				t.Errorf("no gaps: the landscape tests nothing")
			}
		})
	}
}
