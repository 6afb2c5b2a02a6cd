package gap

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// TestGroupCellsAgreesWithAnalyse checks GroupCells against the group
// summaries of Analyse: summed over statuses, needs and stages, a group's
// cells and its uncovered, entitled but unserved and fragile cells are the
// same, and a need is uncovered for it exactly when Analyse says so.
func TestGroupCellsAgreesWithAnalyse(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	for _, q := range []Query{
		{},
		{Stages: []string{"reflection_stabilisation"}, Regions: []string{"oslo"}},
		{Statuses: []string{"undocumented", "reflection"}, Groups: []string{"men_forced_labour", "child_victims"}},
	} {
		cells, err := GroupCells(ctx, l, q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		q.Kinds = []Kind{KindUncovered, KindEntitledUnserved, KindFragile}
		res, err := Analyse(ctx, l, q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]Counts{}
		uncovered := map[string][]string{}
		for _, c := range cells {
			if c.MinServices > c.MaxServices || (c.Uncovered > 0) != (c.MinServices == 0) {
				t.Errorf("%+v: min and max services disagree with the uncovered count", c)
			}
			sum := got[c.Group]
			sum.Cells += c.Cells
			sum.Uncovered += c.Uncovered
			sum.EntitledUnserved += c.EntitledUnserved
			sum.Fragile += c.Fragile
			got[c.Group] = sum
			if c.Uncovered > 0 && !slices.Contains(uncovered[c.Group], c.Need) {
				uncovered[c.Group] = append(uncovered[c.Group], c.Need)
				slices.Sort(uncovered[c.Group])
			}
		}
		want := map[string]Counts{}
		wantUncovered := map[string][]string{}
		for _, g := range res.Groups {
			if len(q.Groups) > 0 && !slices.Contains(q.Groups, g.Group) {
				continue // Analyse also counts the other groups of the cells it keeps
			}
			c := g.Counts
			c.LostInTransition = 0
			want[g.Group] = c
			if len(g.NeedsUncovered) > 0 {
				wantUncovered[g.Group] = g.NeedsUncovered
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("query %+v: group counts mismatch (-Analyse +GroupCells):\n%s", q, diff)
		}
		if diff := cmp.Diff(wantUncovered, uncovered); diff != "" {
			t.Errorf("query %+v: needs uncovered mismatch (-Analyse +GroupCells):\n%s", q, diff)
		}
	}
}

// TestGroupCellsAgreesWithReference compares GroupCells with the reference
// implementation (groupcells_ref_test.go), profile by profile, on random
// landscapes, queries and scenarios, and on the Norwegian seed.
func TestGroupCellsAgreesWithReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	type landscapeCase struct {
		l  *graph.Landscape
		q  Query
		sc Scenario
	}
	cases := []landscapeCase{{l: norway(t)}, {l: norway(t), q: Query{Statuses: []string{"undocumented", "reflection"}, Groups: []string{"men_forced_labour", "child_victims"}}}}
	for range 150 {
		l := generate(t, rng, small(rng))
		c := landscapeCase{l: l, q: randomQuery(rng, l)}
		if rng.IntN(2) == 0 {
			c.sc = randomScenario(rng, l)
		}
		cases = append(cases, c)
	}
	for range 3 {
		l := generate(t, rng, genConfig{
			statuses: 3, expls: 9, needs: 3, stages: 2, countries: 1, counties: 2, municipalities: 1,
			services: 70 + rng.IntN(30), orgs: 5, groups: 70, recommendations: 1,
			pEmpty: 0.2, maxAccepts: 2, maxMeets: 2, maxCovers: 1,
		})
		cases = append(cases, landscapeCase{l: l, q: Query{}, sc: randomScenario(rng, l)})
	}
	ctx := context.Background()
	for i, c := range cases {
		got, err := GroupCells(ctx, c.l, c.q, c.sc)
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		ix, err := NewIndex(c.l)
		if err != nil {
			t.Fatal(err)
		}
		p, err := newPlan(c.l, ix.d, c.q)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.sc.Changes) > 0 {
			r, err := ix.r.apply(ix.l, ix.d, c.sc)
			if err != nil {
				t.Fatal(err)
			}
			ix = ix.withRules(r)
		}
		want, err := ix.groupCellsReference(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%d: query %+v scenario %+v: group cells mismatch (-reference +cube):\n%s", i, c.q, c.sc, diff)
		}
	}
}
