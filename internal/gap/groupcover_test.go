package gap

import (
	"context"
	"testing"
)

// TestGroupCoversAgreeWithGroupCells checks GroupCovers against GroupCells
// on the Norwegian seed: a group's need at a stage spans as many profiles
// as GroupCells counts (summed over statuses); a service covers it for
// every profile exactly when GroupCells' fewest services is at least the
// number of such services, no service covers it exactly when every
// profile is uncovered, and every excluded service gives a rule.
func TestGroupCoversAgreeWithGroupCells(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	for _, q := range []Query{
		{Stages: []string{"first_contact"}},
		{Stages: []string{"reflection_stabilisation"}, Regions: []string{"oslo"}},
		{Statuses: []string{"undocumented"}, Groups: []string{"men_forced_labour", "child_victims"}},
	} {
		cells, err := GroupCells(ctx, l, q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		type sum struct{ cells, uncovered, min, max int }
		want := map[[3]string]*sum{}
		for _, c := range cells {
			k := [3]string{c.Group, c.Need, c.Stage}
			w, ok := want[k]
			if !ok {
				w = &sum{min: c.MinServices}
				want[k] = w
			}
			w.cells += c.Cells
			w.uncovered += c.Uncovered
			w.min, w.max = min(w.min, c.MinServices), max(w.max, c.MaxServices)
		}
		covers, err := GroupCovers(ctx, l, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(covers) != len(want) {
			t.Errorf("%+v: %d group covers, GroupCells has %d groups' needs at a stage", q, len(covers), len(want))
		}
		for _, gc := range covers {
			k := [3]string{gc.Group, gc.Need, gc.Stage}
			w, ok := want[k]
			if !ok {
				t.Errorf("%+v: a cover for %v, which GroupCells does not have", q, k)
				continue
			}
			if gc.Profiles != w.cells {
				t.Errorf("%v: %d profiles, GroupCells %d", k, gc.Profiles, w.cells)
			}
			all := 0
			for _, s := range gc.Covering {
				if s.Profiles <= 0 || s.Profiles > gc.Profiles {
					t.Errorf("%v: %s covers %d of %d profiles", k, s.ID, s.Profiles, gc.Profiles)
				}
				if s.Profiles == gc.Profiles {
					all++
				}
			}
			if all > w.min || len(gc.Covering) < w.max {
				t.Errorf("%v: %d services cover every profile and %d some, GroupCells says %d–%d services", k, all, len(gc.Covering), w.min, w.max)
			}
			if (len(gc.Covering) == 0) != (w.uncovered == w.cells) {
				t.Errorf("%v: %d covering services, but %d of %d profiles uncovered", k, len(gc.Covering), w.uncovered, w.cells)
			}
			for _, x := range gc.Excluded {
				if len(x.Reasons) == 0 || x.Profiles <= 0 || x.Profiles > gc.Profiles {
					t.Errorf("%v: %s excludes %d of %d profiles for reasons %v", k, x.Service, x.Profiles, gc.Profiles, x.Reasons)
				}
			}
		}
	}
}

// BenchmarkGroupCovers times the coverage dashboard's cell lists: every
// named group's needs at one stage on the Norwegian seed.
func BenchmarkGroupCovers(b *testing.B) {
	l := norway(b)
	ctx := context.Background()
	q := Query{Stages: []string{"first_contact"}}
	if _, err := GroupCovers(ctx, l, q); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GroupCovers(ctx, l, q); err != nil {
			b.Fatal(err)
		}
	}
}
