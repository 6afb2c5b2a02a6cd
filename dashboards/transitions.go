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

// maxTransitionBars is how many transitions the chart shows; the table lists
// every one.
const maxTransitionBars = 15

// Transitions returns the transitions dashboard from res (gap.Transitions of
// the query): for each status transition that loses needs, most cells lost
// first, a stacked bar of the profiles that lose each need, and a table with
// the trigger, the needs and rights lost, the groups and people affected.
func Transitions(res *gap.Result, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	var reps []gap.TransitionReport
	for _, r := range res.Transitions {
		if r.Cells > 0 || len(r.EntitlementsLost) > 0 {
			reps = append(reps, r)
		}
	}
	slices.SortStableFunc(reps, func(a, b gap.TransitionReport) int {
		return cmp.Or(cmp.Compare(b.Cells, a.Cells), cmp.Compare(len(b.EntitlementsLost), len(a.EntitlementsLost)))
	})
	label := func(r gap.TransitionReport) string {
		return nameOf(l, res.Names, r.From, lang) + " → " + nameOf(l, res.Names, r.To, lang)
	}

	shown := reps[:min(len(reps), maxTransitionBars)]
	var needs []string
	for _, r := range shown {
		for _, nl := range r.NeedsLost {
			if !slices.Contains(needs, nl.Need) {
				needs = append(needs, nl.Need)
			}
		}
	}
	slices.SortFunc(needs, func(a, b string) int {
		return strings.Compare(nameOf(l, res.Names, a, lang), nameOf(l, res.Names, b, lang))
	})
	categories := make([]string, len(shown))
	for i, r := range shown {
		categories[i] = label(r)
	}

	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	for _, n := range needs {
		values := make([]opts.BarData, len(shown))
		for i, r := range shown {
			values[i] = opts.BarData{Value: 0}
			for _, nl := range r.NeedsLost {
				if nl.Need == n {
					values[i] = opts.BarData{Value: nl.Profiles}
				}
			}
		}
		bar.AddSeries(nameOf(l, res.Names, n, lang), values, charts.WithBarChartOpts(opts.BarChart{Stack: "lost"}))
	}
	chart := withOptions{Chart: bar, extra: map[string]any{
		"animation": false,
		"grid":      grid{Left: "8", Right: "24", Top: "60", Bottom: "8", ContainLabel: true},
		"xAxis":     []map[string]any{{"type": "value", "name": word(lang, "transitions.axis"), "nameLocation": "middle", "nameGap": 28}},
		"yAxis": []map[string]any{{"type": "category", "data": categories, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "width": 260, "overflow": "truncate"}}},
	}}

	t := Table{Caption: word(lang, "transitions.caption")}
	t.addColumn(lang, "transition", false)
	t.addColumn(lang, "trigger", false)
	t.addColumn(lang, "typical_days", true)
	t.addColumn(lang, "needs_lost", false)
	t.addColumn(lang, "rights_lost", false)
	t.addColumn(lang, "cells", true)
	t.addColumn(lang, "groups", false)
	t.addColumn(lang, "people", true)
	var srcs, recs []string
	for _, r := range reps {
		var lost []string
		for _, nl := range r.NeedsLost {
			lost = append(lost, wordf(lang, "transitions.need", nameOf(l, res.Names, nl.Need, lang), nl.Profiles))
		}
		var rights []string
		for _, el := range r.EntitlementsLost {
			s := nameOf(l, res.Names, el.Need, lang)
			if len(el.AgeBands) > 0 {
				var ages []string
				for _, a := range el.AgeBands {
					ages = append(ages, word(lang, "age."+string(a)))
				}
				s += " (" + strings.Join(ages, ", ") + ")"
			}
			rights = append(rights, s)
		}
		days := ""
		if r.TypicalDays > 0 {
			days = itoa(r.TypicalDays)
		}
		t.Rows = append(t.Rows, []Cell{
			text(label(r)),
			text(r.Trigger),
			text(days),
			text(strings.Join(lost, "; ")),
			text(strings.Join(rights, ", ")),
			text(itoa(r.Cells)),
			text(namesOf(l, res.Names, r.Groups, lang)),
			text(r.PeopleAffected.String()),
		})
		srcs = append(srcs, r.Sources...)
		recs = append(recs, r.Recommendations...)
	}
	ss, rs := citations(res, srcs, recs)
	return View{
		Chart:           chart,
		Height:          max(360, 120+30*len(shown)),
		Table:           t,
		Notes:           transitionNotes(res, l, lang, len(reps)),
		Sources:         ss,
		Recommendations: rs,
	}
}

// transitionNotes explains the chart, and names the exits it leaves out:
// a move into a terminal status (returning, leaving Norway) is the end of
// the pathway here, not a loss, and is never drawn as one.
func transitionNotes(res *gap.Result, l *graph.Landscape, lang string, n int) []string {
	notes := []string{wordf(lang, "transitions.note", min(n, maxTransitionBars), n)}
	if len(res.Exits) == 0 {
		return notes
	}
	var exits []string
	for _, x := range res.Exits {
		exits = append(exits, nameOf(l, res.Names, x.From, lang)+" → "+nameOf(l, res.Names, x.To, lang))
	}
	return append(notes, wordf(lang, "transitions.exits", len(exits), strings.Join(exits, ", ")))
}
