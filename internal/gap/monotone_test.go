package gap

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// cellsOf returns the cells of res's gaps that have kind k.
func cellsOf(res *Result, k Kind) map[Cell]bool {
	m := map[Cell]bool{}
	for _, g := range res.Gaps {
		for _, gk := range g.Kinds {
			if gk == k {
				m[g.Cell] = true
			}
		}
	}
	return m
}

// analyseBoth analyses l as it is and with sc, listing every gap.
func analyseBoth(t *testing.T, l *graph.Landscape, sc Scenario) (before, after *Result) {
	t.Helper()
	q := Query{Limit: -1, Kinds: []Kind{KindUncovered, KindEntitledUnserved}}
	before, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	after, err = Analyse(context.Background(), l, q, sc)
	if err != nil {
		t.Fatalf("Analyse with %+v: %v", sc, err)
	}
	return before, after
}

// subsetOf reports the members of a that are not in b.
func notIn(a, b map[Cell]bool) []Cell {
	var out []Cell
	for c := range a {
		if !b[c] {
			out = append(out, c)
		}
	}
	return out
}

func TestAddingServiceNeverAddsUncoveredCell(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		sc := Scenario{Changes: []Change{randomChange(rng, l, AddService, ids(l, graph.TypeService), 0)}}
		before, after := analyseBoth(t, l, sc)
		if extra := notIn(cellsOf(after, KindUncovered), cellsOf(before, KindUncovered)); len(extra) > 0 {
			t.Errorf("%d: adding %+v uncovers %v", i, sc.Changes[0], extra)
		}
		if after.Diff.Opened.Uncovered != 0 {
			t.Errorf("%d: diff opens %d uncovered cells", i, after.Diff.Opened.Uncovered)
		}
	}
}

func TestClosingServiceNeverRemovesUncoveredCell(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		svcs := ids(l, graph.TypeService)
		if len(svcs) == 0 {
			continue
		}
		sc := Scenario{Changes: []Change{{Kind: CloseService, Service: svcs[rng.IntN(len(svcs))]}}}
		before, after := analyseBoth(t, l, sc)
		if lost := notIn(cellsOf(before, KindUncovered), cellsOf(after, KindUncovered)); len(lost) > 0 {
			t.Errorf("%d: closing %s covers %v", i, sc.Changes[0].Service, lost)
		}
		if after.Diff.Closed.Uncovered != 0 {
			t.Errorf("%d: diff closes %d uncovered cells", i, after.Diff.Closed.Uncovered)
		}
	}
}

func TestWideningNeverOpensGap(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		svcs := ids(l, graph.TypeService)
		if len(svcs) == 0 {
			continue
		}
		sc := Scenario{Changes: []Change{randomChange(rng, l, Widen, svcs, 0)}}
		before, after := analyseBoth(t, l, sc)
		for _, k := range []Kind{KindUncovered, KindEntitledUnserved} {
			if extra := notIn(cellsOf(after, k), cellsOf(before, k)); len(extra) > 0 {
				t.Errorf("%d: %+v opens %s gaps in %v", i, sc.Changes[0], k, extra)
			}
		}
		if d := after.Diff; d.Opened.Uncovered != 0 || d.Opened.EntitledUnserved != 0 {
			t.Errorf("%d: diff opens gaps: %+v", i, d.Opened)
		}
	}
}

func TestEmptyScenarioHasEmptyDiff(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		res, err := Analyse(context.Background(), l, Query{}, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Diff != nil || res.Scenario != nil {
			t.Fatalf("%d: empty scenario: diff %+v, scenario %+v", i, res.Diff, res.Scenario)
		}
		// A scenario that restates the landscape changes nothing.
		var sc Scenario
		for _, e := range l.Edges() {
			switch e.Type {
			case graph.EdgeEntitles:
				sc.Changes = append(sc.Changes, Change{Kind: GrantEntitlement, Status: e.From, Need: e.To, AgeBands: e.AgeBands, Extent: e.Extent, FullAgeBands: e.FullAgeBands})
			case graph.EdgeAccepts:
				if !e.Partial() {
					sc.Changes = append(sc.Changes, Change{Kind: Widen, Service: e.From, Statuses: []string{e.To}})
				}
			}
		}
		if len(sc.Changes) == 0 {
			continue
		}
		res, err = Analyse(context.Background(), l, Query{Limit: -1}, sc)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Diff.Empty() {
			t.Errorf("%d: restating scenario: opened %v, closed %v", i, res.Diff.OpenedGaps, res.Diff.ClosedGaps)
		}
	}
}

// TestCriticalityIsWhatClosingUncovers checks the definition of criticality
// against a scenario that closes the service.
func TestCriticalityIsWhatClosingUncovers(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range iterations {
		l := generate(t, rng, small(rng))
		svcs := ids(l, graph.TypeService)
		if len(svcs) == 0 {
			continue
		}
		id := svcs[rng.IntN(len(svcs))]
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			q := Query{Limit: -1}
			crit, err := Criticality(context.Background(), l, id, q, Scenario{})
			if err != nil {
				t.Fatal(err)
			}
			closed, err := Analyse(context.Background(), l, Query{Limit: -1, Kinds: []Kind{KindUncovered}}, Scenario{Changes: []Change{{Kind: CloseService, Service: id}}})
			if err != nil {
				t.Fatal(err)
			}
			want := map[Cell]bool{}
			for _, g := range closed.Diff.OpenedGaps {
				want[g.Cell] = true
			}
			got := map[Cell]bool{}
			for _, c := range crit.Criticality[0].CellList {
				got[c] = true
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("closing %s: mismatch (-want +got):\n%s", id, diff)
			}
			if crit.Criticality[0].Cells != len(want) {
				t.Errorf("closing %s: criticality counts %d cells, closing uncovers %d", id, crit.Criticality[0].Cells, len(want))
			}
		})
	}
}
