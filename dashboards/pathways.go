package dashboards

import (
	"slices"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// sankeyNode is a sankey node with its column and colour.
type sankeyNode struct {
	Name      string          `json:"name"`
	Depth     int             `json:"depth"`
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// sankeyLink joins two nodes by index.
type sankeyLink struct {
	Source int     `json:"source"`
	Target int     `json:"target"`
	Value  float64 `json:"value"`
}

// pathwayFlow is one group with one of its statuses: its weight and, per
// stage, the share of its needs that no service meets.
type pathwayFlow struct {
	group, status string
	weight        float64
	lost          []float64 // per stage
}

// groupWeight is the weight of a group in the sankey: its size estimate as
// the privacy rule shows it; the threshold when the size is suppressed, so
// that no link reveals it; 1 when the size is unknown.
func groupWeight(c privacy.Count, rule privacy.Rule) float64 {
	if v, ok := c.Value(); ok && v > 0 {
		return float64(v)
	}
	if c.Suppressed() {
		return float64(rule.Normalize().Threshold)
	}
	return 1
}

// Pathways returns the pathways dashboard: a sankey of how the named groups
// move through their residency statuses and then the stages of the pathway,
// from cells (gap.GroupCells of the query, every stage). Each group's weight
// is its size estimate (see groupWeight), shared equally among its statuses.
// At each stage a flow narrows by the share of the group's needs there that
// no service meets for its profiles with that status; what it loses flows to
// a "no service" node of that stage. res is the gap Result of the same
// query, for the groups' size estimates and the privacy rule.
func Pathways(cells []gap.GroupCell, res *gap.Result, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	var stages []string
	stageOrder := map[string]int{}
	for _, c := range cells {
		if _, ok := stageOrder[c.Stage]; !ok {
			stageOrder[c.Stage] = len(stages)
			stages = append(stages, c.Stage)
		}
	}
	// GroupCells lists stages in order within each group, status and need;
	// a group that reaches fewer stages cannot reorder them.
	type key struct{ group, status string }
	type tally struct{ cells, uncovered []int }
	tallies := map[key]*tally{}
	var order []key
	for _, c := range cells {
		k := key{c.Group, c.Status}
		t, ok := tallies[k]
		if !ok {
			t = &tally{cells: make([]int, len(stages)), uncovered: make([]int, len(stages))}
			tallies[k] = t
			order = append(order, k)
		}
		t.cells[stageOrder[c.Stage]] += c.Cells
		t.uncovered[stageOrder[c.Stage]] += c.Uncovered
	}
	people := map[string]privacy.Count{}
	for _, g := range res.Groups {
		people[g.Group] = g.People
	}
	statusesOf := map[string]int{}
	for _, k := range order {
		statusesOf[k.group]++
	}
	rule := res.Query.Privacy
	var flows []pathwayFlow
	for _, k := range order {
		t := tallies[k]
		f := pathwayFlow{group: k.group, status: k.status, weight: groupWeight(people[k.group], rule) / float64(statusesOf[k.group])}
		for i := range stages {
			share := 0.0
			if t.cells[i] > 0 {
				share = float64(t.uncovered[i]) / float64(t.cells[i])
			}
			f.lost = append(f.lost, share)
		}
		flows = append(flows, f)
	}

	// Nodes: groups, statuses, stages, a "no service" node per stage, and
	// the end of the pathway with service.
	var nodes []sankeyNode
	index := map[string]int{}
	used := map[string]bool{}
	add := func(id, name string, depth int, colour string) int {
		if i, ok := index[id]; ok {
			return i
		}
		for used[name] { // ECharts joins links by name: keep names unique
			name += " "
		}
		used[name] = true
		index[id] = len(nodes)
		nodes = append(nodes, sankeyNode{Name: name, Depth: depth, ItemStyle: &opts.ItemStyle{Color: colour}})
		return index[id]
	}
	links := map[[2]int]float64{}
	link := func(a, b int, v float64) {
		if v > 0 {
			links[[2]int{a, b}] += v
		}
	}
	for _, f := range flows {
		g := add("g:"+f.group, nameOf(l, res.Names, f.group, lang), 0, "#7a4fa3")
		s := add("s:"+f.status, nameOf(l, res.Names, f.status, lang), 1, "#c27c0e")
		link(g, s, f.weight)
		from, w := s, f.weight
		for i, st := range stages {
			n := add("t:"+st, nameOf(l, res.Names, st, lang), 2+i, "#2f6db5")
			link(from, n, w)
			lost := w * f.lost[i]
			x := add("x:"+st, wordf(lang, "pathways.noservice", nameOf(l, res.Names, st, lang)), 3+i, kindColours["uncovered"])
			link(n, x, lost)
			from, w = n, w-lost
		}
		if len(stages) > 0 {
			end := add("end", word(lang, "pathways.end"), 2+len(stages), kindColours["covered"])
			link(from, end, w)
		}
	}
	keys := make([][2]int, 0, len(links))
	for k := range links {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	})
	var data []sankeyLink
	for _, k := range keys {
		if v := round1(links[k]); v > 0 {
			data = append(data, sankeyLink{Source: k[0], Target: k[1], Value: v})
		}
	}

	sk := charts.NewSankey()
	sk.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	sk.AddSeries(word(lang, "pathways.series"), nil, nil,
		charts.WithSeriesAnimation(false),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "gradient", Curveness: 0.5, Opacity: opts.Float(0.35)}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Data = nodes
			s.Links = data
			s.Left, s.Right, s.Top, s.Bottom = "8", "190", "16", "16"
			s.NodeAlign = "left"
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", FontSize: 11,
			BackgroundColor: "rgba(255,255,255,0.8)"}),
	)

	t := Table{Caption: word(lang, "pathways.caption")}
	t.addColumn(lang, "group", false)
	t.addColumn(lang, "status", false)
	t.addColumn(lang, "people", true)
	t.addColumn(lang, "weight", true)
	for _, st := range stages {
		t.Columns = append(t.Columns, Column{Key: "stage:" + st, Label: wordf(lang, "pathways.col.stage", nameOf(l, res.Names, st, lang)), Numeric: true})
	}
	t.addColumn(lang, "served_to_end", true)
	var ids []string
	for _, f := range flows {
		row := []Cell{
			nodeCell(l, res.Names, f.group, lang),
			nodeCell(l, res.Names, f.status, lang),
			text(peopleText(people[f.group], lang)),
			text(formatFloat(round1(f.weight))),
		}
		left := 1.0
		for i := range stages {
			row = append(row, text(itoa(int(f.lost[i]*100+0.5))+" %"))
			left *= 1 - f.lost[i]
		}
		row = append(row, text(itoa(int(left*100+0.5))+" %"))
		t.Rows = append(t.Rows, row)
		ids = append(ids, f.group, f.status)
	}
	ids = append(ids, stages...)
	srcs, recs := citeNodes(l, ids)
	return View{
		Chart:           sk,
		Height:          max(420, 26*len(nodes)),
		Table:           t,
		Notes:           []string{word(lang, "pathways.note"), wordf(lang, "pathways.weights", rule.Label(), rule.Normalize().Threshold)},
		Sources:         srcs,
		Recommendations: recs,
	}
}

// peopleText shows a size estimate: the count, "<5", or "unknown".
func peopleText(c privacy.Count, lang string) string {
	if !c.Known() {
		return word(lang, "unknown")
	}
	return c.String()
}

// formatFloat formats x rounded to one decimal.
func formatFloat(x float64) string { return strconv.FormatFloat(round1(x), 'f', -1, 64) }
