package gap

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
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
