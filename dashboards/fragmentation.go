package dashboards

import (
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// Fragmentation returns the fragmentation dashboard from res (gap.Analyse of
// the query with kind fragmentation): per named group, the fewest
// organisations and sectors whose services together cover its needs, and
// the referral breaks among those services (services with no referral link
// to another of them). A group too wide for a joint cover is shown by its
// most fragmented profile, worst[group] (the first Fragmentation of
// gap.GroupGaps for the group), and the table says so.
func Fragmentation(res *gap.Result, worst map[string]*gap.Fragmentation, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	type row struct {
		f     gap.Fragmentation
		basis string
	}
	var rows []row
	for _, f := range res.GroupFragmentation {
		basis := word(lang, "fragmentation.joint")
		if f.Skipped != "" {
			w, ok := worst[f.Group]
			if !ok || w == nil {
				continue
			}
			people := f.PeopleAffected
			g := f.Group
			f = *w
			f.Group, f.PeopleAffected = g, people
			basis = wordf(lang, "fragmentation.worst", profileText(l, res.Names, f.Profile, lang))
		}
		rows = append(rows, row{f, basis})
	}
	groups := make([]string, len(rows))
	orgs, sectors, breaks := make([]opts.BarData, len(rows)), make([]opts.BarData, len(rows)), make([]opts.BarData, len(rows))
	for i, r := range rows {
		groups[i] = nameOf(l, res.Names, r.f.Group, lang)
		orgs[i] = opts.BarData{Value: r.f.Organisations.Size}
		sectors[i] = opts.BarData{Value: r.f.Sectors.Size}
		breaks[i] = opts.BarData{Value: r.f.UnlinkedCount}
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	bar.AddSeries(word(lang, "fragmentation.orgs"), orgs, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#2f6db5"}))
	bar.AddSeries(word(lang, "fragmentation.sectors"), sectors, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#7a4fa3"}))
	bar.AddSeries(word(lang, "fragmentation.breaks"), breaks, charts.WithItemStyleOpts(opts.ItemStyle{Color: kindColours["uncovered"]}))
	chart := withOptions{Chart: bar, extra: map[string]any{
		"animation": false,
		"grid":      grid{Left: "8", Right: "24", Top: "40", Bottom: "8", ContainLabel: true},
		"xAxis":     []map[string]any{{"type": "value", "minInterval": 1}},
		"yAxis": []map[string]any{{"type": "category", "data": groups, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "width": 240, "overflow": "truncate"}}},
	}}

	t := Table{Caption: word(lang, "fragmentation.caption")}
	for _, c := range []struct {
		key string
		num bool
	}{{"group", false}, {"people", true}, {"needs", false}, {"uncoverable", false}, {"organisations", false},
		{"sectors", false}, {"services", false}, {"referral_breaks", false}, {"basis", false}} {
		t.addColumn(lang, c.key, c.num)
	}
	ids := []string{}
	for _, r := range rows {
		f := r.f
		var secs []string
		for _, s := range f.Sectors.Members {
			secs = append(secs, word(lang, "sector."+s))
		}
		basis := r.basis
		if !f.Organisations.Exact && f.Organisations.Size > 0 {
			basis += "; " + wordf(lang, "fragmentation.bound", f.Organisations.LowerBound)
		}
		t.Rows = append(t.Rows, []Cell{
			nodeCell(l, res.Names, f.Group, lang),
			text(peopleText(f.PeopleAffected, lang)),
			text(namesOf(l, res.Names, f.Needs, lang)),
			{Text: namesOf(l, res.Names, f.Uncoverable, lang), State: stateIf(len(f.Uncoverable) > 0, "uncovered")},
			text(itoa(f.Organisations.Size) + ": " + namesOf(l, res.Names, f.Organisations.Members, lang)),
			text(itoa(f.Sectors.Size) + ": " + strings.Join(secs, ", ")),
			text(namesOf(l, res.Names, f.Organisations.Services, lang)),
			{Text: itoa(f.UnlinkedCount) + breakList(l, res.Names, f.Unlinked, lang), State: stateIf(f.UnlinkedCount > 0, "fragile")},
			text(basis),
		})
		ids = append(ids, f.Group)
		ids = append(ids, f.Organisations.Services...)
	}
	srcs, recs := citeNodes(l, ids)
	return View{
		Chart:           chart,
		Height:          max(320, 90+46*len(rows)),
		Table:           t,
		Notes:           []string{word(lang, "fragmentation.note")},
		Sources:         srcs,
		Recommendations: recs,
	}
}

func breakList(l *graph.Landscape, names map[string]string, ids []string, lang string) string {
	if len(ids) == 0 {
		return ""
	}
	return ": " + namesOf(l, names, ids, lang)
}

func stateIf(b bool, state string) string {
	if b {
		return state
	}
	return ""
}

// profileText describes a profile in words: "female, adults, Undocumented,
// Sexual exploitation, Oslo".
func profileText(l *graph.Landscape, names map[string]string, p *gap.Profile, lang string) string {
	if p == nil {
		return ""
	}
	parts := []string{word(lang, "gender."+string(p.Gender)), word(lang, "age."+string(p.AgeBand))}
	for _, id := range []string{p.Status, p.Exploitation, p.Region} {
		if id != "" {
			parts = append(parts, nameOf(l, names, id, lang))
		}
	}
	return strings.Join(parts, ", ")
}
