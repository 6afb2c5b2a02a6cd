package dashboards

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/seed"
)

func norway(t *testing.T) *graph.Landscape {
	t.Helper()
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkView checks what every dashboard must give: an option that is JSON
// with no raw markup and no JavaScript, a table whose rows fit its columns.
func checkView(t *testing.T, name string, v View) {
	t.Helper()
	raw, err := Option(v.Chart)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var opt map[string]any
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatalf("%s: the option is not JSON: %v", name, err)
	}
	for _, bad := range []string{"<", ">", "__f__", "function", "http://", "https://"} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("%s: the option contains %q", name, bad)
		}
	}
	if v.Table.Caption == "" || len(v.Table.Columns) == 0 || len(v.Table.Rows) == 0 {
		t.Errorf("%s: table %q has %d columns and %d rows", name, v.Table.Caption, len(v.Table.Columns), len(v.Table.Rows))
	}
	for i, row := range v.Table.Rows {
		if len(row) != len(v.Table.Columns) {
			t.Errorf("%s: row %d has %d cells for %d columns", name, i, len(row), len(v.Table.Columns))
		}
	}
	if len(v.Notes) == 0 {
		t.Errorf("%s: no notes explain the chart", name)
	}
}

func TestDashboardsNorway(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	none := gap.Scenario{}
	for _, lang := range []string{"en", "nb"} {
		res, err := gap.Analyse(ctx, l, gap.Query{Kinds: []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile}, Limit: 1}, none)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "landscape", LandscapeGaps(res, l, lang, SizeByCapacity))

		q := gap.Query{Stages: []string{"first_contact"}}
		cells, err := gap.GroupCells(ctx, l, q, none)
		if err != nil {
			t.Fatal(err)
		}
		covers, err := gap.GroupCovers(ctx, l, q)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "coverage", Coverage(cells, covers, res, l, "first_contact", lang))
		all, err := gap.GroupCells(ctx, l, gap.Query{}, none)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "pathways", Pathways(all, res, l, lang))

		tr, err := gap.Transitions(ctx, l, gap.Query{Limit: 1}, none)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "transitions", Transitions(tr, l, lang))

		fr, err := gap.Analyse(ctx, l, gap.Query{Kinds: []gap.Kind{gap.KindFragmentation}, Limit: 1}, none)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "fragmentation", Fragmentation(fr, nil, l, lang))

		cr, err := gap.Analyse(ctx, l, gap.Query{Kinds: []gap.Kind{gap.KindCriticality}, Limit: 50}, none)
		if err != nil {
			t.Fatal(err)
		}
		checkView(t, "criticality", Criticality(cr, l, lang))

		examples, err := Examples()
		if err != nil {
			t.Fatal(err)
		}
		if len(examples) < 3 {
			t.Fatalf("%d example scenarios, want 3", len(examples))
		}
		for _, e := range examples {
			wr, err := gap.Analyse(ctx, l, gap.Query{Kinds: whatIfKinds, Limit: 10}, e.Scenario)
			if err != nil {
				t.Fatalf("example %s: %v", e.ID, err)
			}
			if wr.Diff.Empty() {
				t.Errorf("example %s changes no gap", e.ID)
			}
			checkView(t, "whatif "+e.ID, WhatIf(wr, l, lang))
		}
	}
}

// TestPathwaysWeights checks that a group's size under the threshold weighs
// the threshold and reads "<5", and an unknown size weighs one unit.
func TestPathwaysWeights(t *testing.T) {
	l := norway(t)
	rule := gap.Query{}.Privacy
	for _, test := range []struct {
		n    int
		want float64
	}{{3, 5}, {0, 1}, {163, 163}} {
		var c = rule.Count(test.n)
		if test.n == 0 {
			c = rule.Count(-1)
		}
		if got := groupWeight(c, rule); got != test.want {
			t.Errorf("size %d weighs %v, want %v", test.n, got, test.want)
		}
	}
	res, err := gap.Analyse(context.Background(), l, gap.Query{Kinds: []gap.Kind{gap.KindUncovered}, Limit: 1, Groups: []string{"nigerian_women_street_oslo"}}, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	cells, err := gap.GroupCells(context.Background(), l, gap.Query{Groups: []string{"nigerian_women_street_oslo"}}, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	v := Pathways(cells, res, l, "en")
	raw, _ := Option(v.Chart)
	// 163 people over four statuses: each status link weighs 40.75 -> 40.8.
	if !strings.Contains(string(raw), `"value":40.8`) {
		t.Errorf("the group's links do not carry its size shared among its statuses:\n%s", raw)
	}
}

// TestLandscapeGapsZeroShare checks that a need or status no cell leaves
// uncovered carries a share of 0 in the chart's data, not no value at all.
func TestLandscapeGapsZeroShare(t *testing.T) {
	l := norway(t)
	res, err := gap.Analyse(context.Background(), l, gap.Query{Kinds: []gap.Kind{gap.KindUncovered}, Limit: 1}, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, tl := range res.Tallies {
		if (tl.Dimension == gap.DimNeed || tl.Dimension == gap.DimStatus) && tl.Cells > 0 && tl.Uncovered == 0 {
			covered[tl.Value] = true
		}
	}
	if len(covered) == 0 {
		t.Fatal("the seed has no need or status with every cell covered: the test checks nothing")
	}
	raw, err := Option(LandscapeGaps(res, l, "en", "").Chart)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct {
			Data []struct {
				ID    string   `json:"id"`
				Value *float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	for _, n := range opt.Series[0].Data {
		if covered[n.ID] && (n.Value == nil || *n.Value != 0) {
			t.Errorf("%s, with every cell covered, has the value %v, want 0", n.ID, n.Value)
		}
	}
}
