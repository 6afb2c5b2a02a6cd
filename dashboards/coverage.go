package dashboards

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// The states of a coverage cell, worst first; they are the values of the
// heatmap's visual map.
const (
	stateEntitledUnserved = iota + 1
	stateUncovered
	stateFragile
	stateCovered
)

// stateMarks mark the states on the heatmap's cells and in its legend, so
// that a cell's state reads without its colour.
var stateMarks = map[int]string{
	stateEntitledUnserved: "§",
	stateUncovered:        "✕",
	stateFragile:          "!",
	stateCovered:          "✓",
}

var stateKeys = map[int]string{
	stateEntitledUnserved: "entitled_unserved",
	stateUncovered:        "uncovered",
	stateFragile:          "fragile",
	stateCovered:          "covered",
}

// coverageCell is one group and need at the chosen stage, summed over the
// group's statuses.
type coverageCell struct {
	gap.Counts
	min, max int
}

func (c coverageCell) state() int {
	switch {
	case c.EntitledUnserved > 0:
		return stateEntitledUnserved
	case c.Uncovered > 0:
		return stateUncovered
	case c.Fragile > 0:
		return stateFragile
	}
	return stateCovered
}

// services is how a cell shows the services that cover it: the fewest for
// one of the group's profiles, and the most when they differ ("0–3").
func (c coverageCell) services() string {
	if c.min == c.max {
		return itoa(c.min)
	}
	return itoa(c.min) + "–" + itoa(c.max)
}

// heatItem is a heatmap data item: [need, group, state], a description for
// the tooltip (ECharts escapes it) and the number of services as its label.
type heatItem struct {
	Name  string    `json:"name"`
	Value [3]int    `json:"value"`
	Label itemLabel `json:"label"`
	// Detail lists the cell's services, shown under the chart when the
	// cell is selected.
	Detail *cellDetail `json:"detail,omitempty"`
}

// Coverage returns the coverage dashboard: a heatmap of the named groups
// (rows) by the needs they name (columns) at stage, from cells (gap.GroupCells
// of the query). A cell shows how many services cover the need at the stage
// for the group, the fewest for any one of its profiles (and the most, when
// they differ); its colour is its worst state over those profiles: entitled
// but unserved, uncovered, fragile or covered. A need the group does not
// name is left blank. res is the gap Result of the same query, for the
// groups' size estimates; covers (gap.GroupCovers of the same query) are
// the services of each cell, which a selected cell lists under the chart.
func Coverage(cells []gap.GroupCell, covers []gap.GroupCover, res *gap.Result, l *graph.Landscape, stage, lang string) View {
	lang = Lang(lang)
	coverOf := map[[2]string]*gap.GroupCover{}
	for i, gc := range covers {
		if gc.Stage == stage {
			coverOf[[2]string{gc.Group, gc.Need}] = &covers[i]
		}
	}
	sum := map[[2]string]*coverageCell{}
	var groups, needs []string
	for _, c := range cells {
		if c.Stage != stage {
			continue
		}
		k := [2]string{c.Group, c.Need}
		cc, ok := sum[k]
		if !ok {
			cc = &coverageCell{min: c.MinServices}
			sum[k] = cc
			if !slices.Contains(groups, c.Group) {
				groups = append(groups, c.Group)
			}
			if !slices.Contains(needs, c.Need) {
				needs = append(needs, c.Need)
			}
		}
		cc.Cells += c.Cells
		cc.Uncovered += c.Uncovered
		cc.EntitledUnserved += c.EntitledUnserved
		cc.Fragile += c.Fragile
		cc.min = min(cc.min, c.MinServices)
		cc.max = max(cc.max, c.MaxServices)
	}
	byLabel := func(a, b string) int {
		return cmp.Or(strings.Compare(nameOf(l, res.Names, a, lang), nameOf(l, res.Names, b, lang)), strings.Compare(a, b))
	}
	slices.SortFunc(groups, byLabel)
	slices.SortFunc(needs, byLabel)

	people := map[string]string{}
	for _, g := range res.Groups {
		people[g.Group] = g.People.String()
	}
	needLabels := make([]string, len(needs))
	for i, n := range needs {
		needLabels[i] = nameOf(l, res.Names, n, lang)
	}
	groupLabels := make([]string, len(groups))
	for i, g := range groups {
		groupLabels[i] = nameOf(l, res.Names, g, lang)
	}

	var data []heatItem
	t := Table{Caption: wordf(lang, "coverage.caption", nameOf(l, res.Names, stage, lang))}
	t.addColumn(lang, "group", false)
	t.addColumn(lang, "need", false)
	t.addColumn(lang, "services", true)
	t.addColumn(lang, "state", false)
	t.addColumn(lang, "profiles", true)
	t.addColumn(lang, "uncovered", true)
	t.addColumn(lang, "entitled_unserved", true)
	t.addColumn(lang, "fragile", true)
	t.addColumn(lang, "people", true)
	for y, g := range groups {
		for x, n := range needs {
			c, ok := sum[[2]string{g, n}]
			if !ok {
				continue
			}
			st := c.state()
			desc := wordf(lang, "coverage.tip", groupLabels[y], needLabels[x], c.services(),
				word(lang, "state."+stateKeys[st]), c.Uncovered, c.Cells)
			data = append(data, heatItem{Name: desc, Value: [3]int{x, y, st},
				Label:  itemLabel{Show: true, Formatter: c.services() + " " + stateMarks[st], Color: textOn(kindColours[stateKeys[st]])},
				Detail: coverageDetail(coverOf[[2]string{g, n}], c, l, res.Names, groupLabels[y], needLabels[x], stage, lang)})
			t.Rows = append(t.Rows, []Cell{
				nodeCell(l, res.Names, g, lang),
				nodeCell(l, res.Names, n, lang),
				text(c.services()),
				{Text: word(lang, "state."+stateKeys[st]), State: stateKeys[st]},
				text(itoa(c.Cells)),
				text(itoa(c.Uncovered)),
				text(itoa(c.EntitledUnserved)),
				text(itoa(c.Fragile)),
				text(people[g]),
			})
		}
	}

	var pieces []piece
	for _, st := range []int{stateEntitledUnserved, stateUncovered, stateFragile, stateCovered} {
		k := stateKeys[st]
		pieces = append(pieces, piece{Value: st, Label: stateMarks[st] + " " + word(lang, "state."+k), Color: kindColours[k]})
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	hm.AddSeries(word(lang, "coverage.series"), nil,
		charts.WithSeriesAnimation(false),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Color: "#fff", FontWeight: "bold"}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 2}),
	)
	chart := withOptions{Chart: hm, extra: map[string]any{
		"grid": grid{Left: "8", Right: "24", Top: "120", Bottom: "40", ContainLabel: true},
		"xAxis": []map[string]any{{
			"type": "category", "data": needLabels, "position": "top",
			"axisLabel": map[string]any{"interval": 0, "rotate": 30, "width": 140, "overflow": "truncate"},
			"splitArea": map[string]any{"show": true},
		}},
		"yAxis": []map[string]any{{
			"type": "category", "data": groupLabels, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "width": 280, "overflow": "truncate"},
			"splitArea": map[string]any{"show": true},
		}},
		"visualMap": []map[string]any{{
			"type": "piecewise", "dimension": 2, "pieces": pieces, "orient": "horizontal",
			"left": "center", "bottom": 0, "selectedMode": false,
		}},
	}}

	var ids []string
	ids = append(ids, groups...)
	ids = append(ids, needs...)
	ids = append(ids, stage)
	srcs, recs := citeNodes(l, ids)
	return View{
		Chart:           chart,
		Height:          max(360, 200+34*len(groups)),
		Table:           t,
		Notes:           []string{wordf(lang, "coverage.note", nameOf(l, res.Names, stage, lang)), word(lang, "coverage.legend"), word(lang, "coverage.select")},
		Sources:         srcs,
		Recommendations: recs,
	}
}
