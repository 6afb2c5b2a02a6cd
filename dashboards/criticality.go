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

// maxCriticalBars is how many services the criticality chart ranks.
const maxCriticalBars = 20

// criticalBar is a bar of the criticality chart: the service's page is
// opened when the bar is clicked.
type criticalBar struct {
	Value     int             `json:"value"`
	URL       string          `json:"url,omitempty"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// Criticality returns the criticality dashboard from res (gap.Analyse of the
// query with kind criticality): the services ranked by the cells that only
// they cover, which their closure would leave uncovered, coloured by sector.
func Criticality(res *gap.Result, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	var ranked []gap.ServiceImpact
	for _, si := range res.Criticality {
		if si.Cells > 0 {
			ranked = append(ranked, si)
		}
	}
	shown := ranked[:min(len(ranked), maxCriticalBars)]
	names := make([]string, len(shown))
	data := make([]criticalBar, len(shown))
	var sectors []graph.Sector
	for i, si := range shown {
		if !slices.Contains(sectors, si.Sector) {
			sectors = append(sectors, si.Sector)
		}
		names[i] = nameOf(l, res.Names, si.Service, lang)
		data[i] = criticalBar{Value: si.Cells, ItemStyle: &opts.ItemStyle{Color: sectorColour(si.Sector)}}
		if n, ok := l.Node(si.Service); ok {
			data[i].URL = NodeURL(n)
		}
	}
	// Two services of the same name are told apart by who runs them.
	names = uniqueLabels(names, func(i int) string {
		if o := shown[i].Organisation; o != "" {
			return nameOf(l, res.Names, o, lang)
		}
		return ""
	})
	// The bars' colours are their sectors: the legend is the key.
	slices.SortFunc(sectors, func(a, b graph.Sector) int {
		return cmp.Compare(slices.Index(graph.Sectors, a), slices.Index(graph.Sectors, b))
	})
	var key []any
	var keyNames []string
	for _, sec := range sectors {
		keyNames = append(keyNames, word(lang, "sector."+string(sec)))
		key = append(key, keySeries(keyNames[len(keyNames)-1], sectorColour(sec)))
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", AxisPointer: &opts.AxisPointer{Type: "shadow"}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0", Data: keyNames, SelectedMode: "false"}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	bar.AddSeries(word(lang, "criticality.series"), nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}))
	chart := withOptions{Chart: bar, more: key, extra: map[string]any{
		"animation": false,
		"grid":      grid{Left: "8", Right: "60", Top: "48", Bottom: "8", ContainLabel: true},
		"xAxis":     []map[string]any{{"type": "value", "name": word(lang, "criticality.axis"), "nameLocation": "middle", "nameGap": 28}},
		"yAxis": []map[string]any{{"type": "category", "data": names, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "width": 260, "overflow": "truncate"}}},
	}}

	t := Table{Caption: word(lang, "criticality.caption")}
	for _, c := range []struct {
		key string
		num bool
	}{{"service", false}, {"organisation", false}, {"sector", false}, {"funding", false}, {"cells", true},
		{"profiles", true}, {"needs_lost", false}, {"groups", false}, {"people", true}} {
		t.addColumn(lang, c.key, c.num)
	}
	var srcs, recs []string
	for _, si := range ranked {
		var needs []string
		for _, ni := range si.Needs {
			needs = append(needs, wordf(lang, "criticality.need", nameOf(l, res.Names, ni.Need, lang), ni.Cells))
		}
		org := text("")
		if si.Organisation != "" {
			org = nodeCell(l, res.Names, si.Organisation, lang)
		}
		t.Rows = append(t.Rows, []Cell{
			nodeCell(l, res.Names, si.Service, lang),
			org,
			text(word(lang, "sector."+string(si.Sector))),
			text(word(lang, "funding."+string(si.Funding))),
			text(itoa(si.Cells)),
			text(itoa(si.Profiles)),
			text(strings.Join(needs, "; ")),
			text(namesOf(l, res.Names, si.Groups, lang)),
			text(si.PeopleAffected.String()),
		})
		srcs = append(srcs, si.Sources...)
		recs = append(recs, si.Recommendations...)
	}
	ss, rs := citations(res, srcs, recs)
	return View{
		Chart:           chart,
		Height:          max(320, 92+30*len(shown)),
		Table:           t,
		Notes:           []string{wordf(lang, "criticality.note", len(shown), len(ranked))},
		Sources:         ss,
		Recommendations: rs,
	}
}
