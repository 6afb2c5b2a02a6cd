package gap

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestListsArePagesOfTheWhole checks that a capped Result lists what the
// uncapped one lists, from the offset, in the same order: gaps,
// fragmentation, the gaps a scenario opens and closes, and the cells a
// service alone covers.
func TestListsArePagesOfTheWhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for i := range 60 {
		l := generate(t, rng, small(rng))
		q := randomQuery(rng, l)
		q.Kinds = nil
		var sc Scenario
		if rng.IntN(2) == 0 {
			sc = randomScenario(rng, l)
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			all, err := Analyse(context.Background(), l, q, sc)
			if err != nil {
				t.Fatal(err)
			}
			capped := q
			capped.Limit, capped.Offset = 1+rng.IntN(7), rng.IntN(max(1, all.GapsTotal))
			page, err := Analyse(context.Background(), l, capped, sc)
			if err != nil {
				t.Fatal(err)
			}
			window := func(n, offset, limit int) (int, int) { return min(n, offset), min(n, offset+limit) }
			from, to := window(len(all.Gaps), capped.Offset, capped.Limit)
			if diff := cmp.Diff(all.Gaps[from:to], page.Gaps); diff != "" {
				t.Errorf("gaps from %d, %d of them, mismatch (-whole +page):\n%s", capped.Offset, capped.Limit, diff)
			}
			if page.GapsTotal != all.GapsTotal || page.FragmentationTotal != all.FragmentationTotal {
				t.Errorf("totals change with the cap: %d/%d gaps, %d/%d profiles", page.GapsTotal, all.GapsTotal, page.FragmentationTotal, all.FragmentationTotal)
			}
			_, to = window(len(all.Fragmentation), 0, capped.Limit)
			if diff := cmp.Diff(all.Fragmentation[:to], page.Fragmentation); diff != "" {
				t.Errorf("fragmentation mismatch (-whole +page):\n%s", diff)
			}
			if all.Diff != nil {
				_, to := window(len(all.Diff.OpenedGaps), 0, capped.Limit)
				if diff := cmp.Diff(all.Diff.OpenedGaps[:to], page.Diff.OpenedGaps); diff != "" {
					t.Errorf("opened gaps mismatch (-whole +page):\n%s", diff)
				}
				_, to = window(len(all.Diff.ClosedGaps), 0, capped.Limit)
				if diff := cmp.Diff(all.Diff.ClosedGaps[:to], page.Diff.ClosedGaps); diff != "" {
					t.Errorf("closed gaps mismatch (-whole +page):\n%s", diff)
				}
			}
			for _, si := range all.Criticality {
				if si.Cells == 0 {
					continue
				}
				one, err := Criticality(context.Background(), l, si.Service, capped, sc)
				if err != nil {
					t.Fatal(err)
				}
				whole, err := Criticality(context.Background(), l, si.Service, q, sc)
				if err != nil {
					t.Fatal(err)
				}
				list := whole.Criticality[0].CellList
				if len(list) != si.Cells {
					t.Errorf("%s: %d cells listed, %d counted", si.Service, len(list), si.Cells)
				}
				_, to := window(len(list), 0, capped.Limit)
				if diff := cmp.Diff(list[:to], one.Criticality[0].CellList); diff != "" {
					t.Errorf("%s: critical cells mismatch (-whole +page):\n%s", si.Service, diff)
				}
				break
			}
		})
	}
}
