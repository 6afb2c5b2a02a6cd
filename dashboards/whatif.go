package dashboards

import (
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// whatIfKinds are the kinds of gap a scenario's difference counts: every
// cell kind but the note single_provider, which is not a gap.
var whatIfKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindEntitledPartial, gap.KindFragile, gap.KindLostInTransition}

// WhatIfKinds returns the kinds of gap the what-if dashboard counts, in the
// order of its bars and table rows: the kinds its gap.Analyse must ask for.
func WhatIfKinds() []gap.Kind { return slices.Clone(whatIfKinds) }

// maxChangedCells is how many of the cells a scenario opens and closes the
// table lists.
const maxChangedCells = 50

// WhatIf returns the what-if dashboard from res (gap.Analyse of the query
// with a scenario, so with its Diff): per kind of gap, the cells with that
// gap in the landscape as it is and under the scenario side by side, and the
// cells the scenario closes and opens. Further tables list the scenario's
// changes and the first cells it closes and opens.
func WhatIf(res *gap.Result, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	df := res.Diff
	if df == nil {
		df = &gap.Diff{Baseline: res.Summary}
	}
	get := func(c gap.Counts, k gap.Kind) int {
		switch k {
		case gap.KindUncovered:
			return c.Uncovered
		case gap.KindEntitledUnserved:
			return c.EntitledUnserved
		case gap.KindEntitledPartial:
			return c.EntitledPartial
		case gap.KindFragile:
			return c.Fragile
		case gap.KindSingleProvider:
			return c.SingleProvider
		case gap.KindLostInTransition:
			return c.LostInTransition
		}
		return 0
	}
	categories := make([]string, len(whatIfKinds))
	var base, scen, closed, opened []opts.BarData
	t := Table{Caption: word(lang, "whatif.caption")}
	for _, c := range []struct {
		key string
		num bool
	}{{"kind", false}, {"baseline", true}, {"scenario", true}, {"closed", true}, {"opened", true}, {"change", true}} {
		t.addColumn(lang, c.key, c.num)
	}
	for i, k := range whatIfKinds {
		categories[i] = word(lang, "state."+string(k))
		b, o, c := get(df.Baseline, k), get(df.Opened, k), get(df.Closed, k)
		s := b + o - c
		base = append(base, opts.BarData{Value: b})
		scen = append(scen, opts.BarData{Value: s})
		if weakCover(k) {
			// A weak cover closed is not good news when it became no
			// cover: these bars are grey, not green and red.
			closed = append(closed, opts.BarData{Value: c, ItemStyle: &opts.ItemStyle{Color: neutralClosed}})
			opened = append(opened, opts.BarData{Value: o, ItemStyle: &opts.ItemStyle{Color: neutralOpened}})
		} else {
			closed = append(closed, opts.BarData{Value: c})
			opened = append(opened, opts.BarData{Value: o})
		}
		t.Rows = append(t.Rows, []Cell{
			{Text: categories[i], State: string(k)},
			text(itoa(b)), text(itoa(s)), text(itoa(c)), text(itoa(o)), changeCell(k, s-b, lang),
		})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	bar.AddSeries(word(lang, "whatif.baseline"), base, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#78909c"}))
	bar.AddSeries(word(lang, "whatif.scenario"), scen, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#2f6db5"}))
	bar.AddSeries(word(lang, "whatif.closed"), closed, charts.WithItemStyleOpts(opts.ItemStyle{Color: kindColours["covered"]}))
	bar.AddSeries(word(lang, "whatif.opened"), opened, charts.WithItemStyleOpts(opts.ItemStyle{Color: kindColours["uncovered"]}))
	chart := withOptions{Chart: bar, extra: map[string]any{
		"animation": false,
		"grid":      grid{Left: "8", Right: "16", Top: "48", Bottom: "8", ContainLabel: true},
		"xAxis":     []map[string]any{{"type": "category", "data": categories, "axisLabel": map[string]any{"interval": 0}}},
		"yAxis":     []map[string]any{{"type": "value", "name": word(lang, "whatif.axis"), "nameTextStyle": map[string]any{"align": "left"}}},
	}}

	v := View{Chart: chart, Height: 400, Table: t}
	if res.Scenario != nil {
		v.More = append(v.More, changesTable(res.Scenario, l, res.Names, lang))
	}
	v.More = append(v.More, changedCells(df, l, res.Names, lang))
	ids := []string{}
	if res.Scenario != nil {
		for _, c := range res.Scenario.Changes {
			ids = append(ids, c.Service, c.Status, c.Need)
		}
	}
	v.Sources, v.Recommendations = citeNodes(l, ids)
	v.Notes = []string{headline(df, lang), word(lang, "whatif.note")}
	return v
}

// neutralClosed and neutralOpened draw the closed and opened weak covers,
// which are neither good nor bad news by themselves: light and dark grey,
// each at least 3:1 against the white page.
const (
	neutralClosed = "#8d8d8d"
	neutralOpened = "#424242"
)

// weakCover reports whether k is a kind of gap that is a weak cover: a
// need met, but fragilely or in part. Fewer of them is good news only when
// they became a full cover, bad news when they became no cover.
func weakCover(k gap.Kind) bool {
	return k == gap.KindFragile || k == gap.KindEntitledPartial || k == gap.KindSingleProvider
}

// changeCell says in words how a scenario changes the count of the gap k
// by n, signed so that more gaps always reads as worse: "+39,490 more
// (worse)" in red, "120 fewer (better)" in green. A weak cover's change is
// said without a verdict, for its meaning depends on where it went.
func changeCell(k gap.Kind, n int, lang string) Cell {
	switch {
	case n == 0:
		return text(word(lang, "whatif.same"))
	case weakCover(k) && n > 0:
		return text(wordf(lang, "whatif.weak_more", n))
	case weakCover(k):
		return text(wordf(lang, "whatif.weak_fewer", -n))
	case n > 0:
		return Cell{Text: wordf(lang, "whatif.worse", n), State: string(gap.KindUncovered)}
	}
	return Cell{Text: wordf(lang, "whatif.better", -n), State: "covered"}
}

// headline says what matters first: how many more (or fewer) of a
// person's needs at a stage no service covers under the scenario.
func headline(df *gap.Diff, lang string) string {
	switch n := df.Opened.Uncovered - df.Closed.Uncovered; {
	case n > 0:
		return wordf(lang, "whatif.headline.worse", n)
	case n < 0:
		return wordf(lang, "whatif.headline.better", -n)
	}
	return word(lang, "whatif.headline.same")
}

// changesTable lists the changes of sc.
func changesTable(sc *gap.Scenario, l *graph.Landscape, names map[string]string, lang string) Table {
	t := Table{Caption: wordf(lang, "whatif.changes", sc.Name)}
	t.addColumn(lang, "change", false)
	t.addColumn(lang, "what", false)
	for _, c := range sc.Changes {
		var what []string
		add := func(label string, ids []string) {
			if len(ids) > 0 {
				what = append(what, word(lang, "col."+label)+": "+namesOf(l, names, ids, lang))
			}
		}
		if c.Service != "" {
			n := c.Name
			if n == "" {
				n = nameOf(l, names, c.Service, lang)
			}
			what = append(what, n)
		}
		add("status", nonEmpty(c.Status))
		add("need", nonEmpty(c.Need))
		add("statuses", c.Statuses)
		add("needs", c.Needs)
		add("regions", c.Regions)
		add("stages", c.Stages)
		add("exploitation", c.Exploitation)
		t.Rows = append(t.Rows, []Cell{text(word(lang, "change."+string(c.Kind))), text(strings.Join(what, "; "))})
	}
	return t
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// changedCells lists the first cells the scenario closes and opens.
func changedCells(df *gap.Diff, l *graph.Landscape, names map[string]string, lang string) Table {
	t := Table{Caption: wordf(lang, "whatif.cells", df.ClosedTotal, df.OpenedTotal)}
	for _, k := range []string{"change", "kind", "profile", "need", "stage"} {
		t.addColumn(lang, k, false)
	}
	add := func(gcs []gap.GapChange, change, state string) {
		for i, g := range gcs {
			if i == maxChangedCells {
				break
			}
			p := g.Profile
			t.Rows = append(t.Rows, []Cell{
				{Text: word(lang, "whatif."+change), State: state},
				text(word(lang, "state."+string(g.Kind))),
				text(profileText(l, names, &p, lang)),
				nodeCell(l, names, g.Need, lang),
				nodeCell(l, names, g.Stage, lang),
			})
		}
	}
	add(df.ClosedGaps, "closed", "covered")
	add(df.OpenedGaps, "opened", "uncovered")
	return t
}
