package dashboards

import (
	"cmp"
	"math"
	"slices"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// SizeByCapacity sizes the services of the landscape dashboard by their
// capacity instead of their degree.
const SizeByCapacity = "capacity"

// LandscapeGaps returns the landscape dashboard: the force graph of
// LandscapeChart with services coloured by sector (one legend entry per
// sector) and, from res (gap.Analyse of the query with the cell kinds), the
// needs and statuses with gaps highlighted: a red ring whose width grows with
// the share of their cells that no service covers. Statuses and needs the
// query leaves out are faded. sizeBy SizeByCapacity sizes services by their
// capacity (unknown capacity: the smallest size); anything else by degree.
func LandscapeGaps(res *gap.Result, l *graph.Landscape, lang, sizeBy string) View {
	lang = Lang(lang)
	nodes, links := landscapeData(l, lang)
	focused := len(res.Query.Needs) > 0 || len(res.Query.Statuses) > 0
	if focused {
		nodes, links = focus(l, nodes, links, res.Query.Statuses, res.Query.Needs)
	}

	// Categories: the sectors of the services drawn, then the other types.
	var sectors []graph.Sector
	for _, s := range graph.All[*graph.Service](l) {
		if !slices.Contains(sectors, s.Sector) {
			sectors = append(sectors, s.Sector)
		}
	}
	slices.SortFunc(sectors, func(a, b graph.Sector) int {
		return cmp.Compare(slices.Index(graph.Sectors, a), slices.Index(graph.Sectors, b))
	})
	var categories []*opts.GraphCategory
	var legend []string
	category := map[string]int{}
	addCategory := func(key, name, colour string) {
		category[key] = len(categories)
		categories = append(categories, &opts.GraphCategory{Name: name, ItemStyle: &opts.ItemStyle{Color: colour}})
		legend = append(legend, name)
	}
	for _, s := range sectors {
		addCategory("sector:"+string(s), word(lang, "sector."+string(s)), sectorColour(s))
	}
	for _, t := range LandscapeNodeTypes[1:] {
		addCategory(string(t), word(lang, string(t)), typeColours[t])
	}

	share := map[string]gap.Counts{}
	for _, t := range res.Tallies {
		if t.Dimension == gap.DimNeed || t.Dimension == gap.DimStatus {
			share[t.Value] = t.Counts
		}
	}
	kept := func(ids []string, id string) bool { return len(ids) == 0 || slices.Contains(ids, id) }
	for i := range nodes {
		n := &nodes[i]
		switch n.Type {
		case graph.TypeService:
			s, _ := graph.Lookup[*graph.Service](l, n.ID)
			n.Category = category["sector:"+string(s.Sector)]
			if sizeBy == SizeByCapacity {
				n.SymbolSize = capacitySize(s.Capacity)
			}
		default:
			n.Category = category[string(n.Type)]
		}
		if n.Type != graph.TypeStatus && n.Type != graph.TypeNeed {
			continue
		}
		ids := res.Query.Needs
		if n.Type == graph.TypeStatus {
			ids = res.Query.Statuses
		}
		if !kept(ids, n.ID) {
			n.ItemStyle = &opts.ItemStyle{Opacity: opts.Float(0.2)}
			continue
		}
		c, ok := share[n.ID]
		if !ok || c.Cells == 0 {
			continue
		}
		f := float64(c.Uncovered) / float64(c.Cells)
		n.Value = math.Round(f * 100)
		if c.Uncovered > 0 {
			style := &opts.ItemStyle{BorderColor: kindColours["uncovered"], BorderWidth: float32(math.Round(1 + 7*f))}
			if n.ItemStyle != nil {
				style.Opacity = n.ItemStyle.Opacity
			}
			n.ItemStyle = style
		}
	}

	groupBySector(nodes, l, sectors)

	chart := charts.NewGraph()
	chart.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Data: legend}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	chart.AddSeries(word(lang, "title"), nil, nil,
		charts.WithGraphChartOpts(opts.GraphChart{
			Layout: "force", Roam: opts.Bool(true), Draggable: opts.Bool(true),
			Categories: categories, EdgeSymbol: []string{"none", "arrow"}, EdgeSymbolSize: 7,
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Curveness: 0.1, Opacity: opts.Float(0.6)}),
		charts.WithEmphasisOpts(opts.Emphasis{Focus: "adjacency"}),
		charts.WithSeriesAnimation(false),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Force = force{GraphForce: opts.GraphForce{Repulsion: 260, Gravity: 0.15, EdgeLength: []float32{40, 120}}}
			s.Data = nodes
			s.Links = links
			s.Top = "60"
			s.LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
		}),
	)

	// The table: needs and statuses, most uncovered first.
	t := Table{Caption: word(lang, "landscape.caption")}
	for _, c := range []struct {
		key string
		num bool
	}{{"name", false}, {"type", false}, {"cells", true}, {"uncovered", true}, {"entitled_unserved", true},
		{"fragile", true}, {"share_uncovered", true}} {
		t.addColumn(lang, c.key, c.num)
	}
	type item struct {
		id string
		t  graph.NodeType
		c  gap.Counts
	}
	var items []item
	for _, tl := range res.Tallies {
		switch tl.Dimension {
		case gap.DimNeed:
			items = append(items, item{tl.Value, graph.TypeNeed, tl.Counts})
		case gap.DimStatus:
			items = append(items, item{tl.Value, graph.TypeStatus, tl.Counts})
		}
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Compare(float64(b.c.Uncovered)/float64(max(b.c.Cells, 1)), float64(a.c.Uncovered)/float64(max(a.c.Cells, 1)))
	})
	var ids []string
	for _, it := range items {
		st := ""
		if it.c.Uncovered > 0 {
			st = "uncovered"
		}
		t.Rows = append(t.Rows, []Cell{
			nodeCell(l, res.Names, it.id, lang),
			text(word(lang, string(it.t))),
			text(itoa(it.c.Cells)),
			text(itoa(it.c.Uncovered)),
			text(itoa(it.c.EntitledUnserved)),
			text(itoa(it.c.Fragile)),
			{Text: percent(it.c.Uncovered, it.c.Cells), State: st},
		})
		if it.c.Uncovered > 0 {
			ids = append(ids, it.id)
		}
	}
	srcs, recs := citeNodes(l, ids)
	notes := []string{word(lang, "landscape.note"), word(lang, "landscape.size."+sizeKey(sizeBy))}
	if focused {
		notes = append(notes, word(lang, "landscape.focus"))
	}
	// The page's script puts a search box above the map, in these words.
	search := map[string]string{"label": word(lang, "landscape.search"), "found": word(lang, "landscape.found"), "none": word(lang, "landscape.none")}
	return View{Chart: withOptions{Chart: chart, extra: map[string]any{"gapmapSearch": search}}, Height: 640, Table: t,
		Notes: notes, Sources: srcs, Recommendations: recs}
}

func sizeKey(sizeBy string) string {
	if sizeBy == SizeByCapacity {
		return SizeByCapacity
	}
	return "degree"
}

// capacitySize sizes a service by the square root of its capacity.
func capacitySize(capacity int) float64 {
	if capacity <= 0 {
		return 8
	}
	return math.Round(math.Min(10+3*math.Sqrt(float64(capacity)), 44))
}

// focus keeps the neighbourhood of the statuses and needs a query names:
// those statuses and needs, the services that accept one of the statuses
// (when it names statuses) and meet one of the needs (when it names needs),
// and the organisations that run them; the links among what it keeps.
// Everything else is hidden, not faded.
func focus(l *graph.Landscape, nodes []landscapeNode, links []landscapeLink, statuses, needs []string) ([]landscapeNode, []landscapeLink) {
	keep := map[string]bool{}
	for _, id := range slices.Concat(statuses, needs) {
		keep[id] = true
	}
	linked := func(svc string, t graph.EdgeType, ids []string) bool {
		if len(ids) == 0 {
			return true
		}
		for _, e := range l.Out(svc, t) {
			if slices.Contains(ids, e.To) {
				return true
			}
		}
		return false
	}
	for _, s := range graph.All[*graph.Service](l) {
		if linked(s.ID, graph.EdgeAccepts, statuses) && linked(s.ID, graph.EdgeMeets, needs) {
			keep[s.ID] = true
			for _, e := range l.Out(s.ID, graph.EdgeRunBy) {
				keep[e.To] = true
			}
		}
	}
	var kn []landscapeNode
	for _, n := range nodes {
		if keep[n.ID] {
			kn = append(kn, n)
		}
	}
	var kl []landscapeLink
	for _, k := range links {
		from, _ := k.Source.(string)
		to, _ := k.Target.(string)
		if keep[from] && keep[to] {
			kl = append(kl, k)
		}
	}
	return kn, kl
}

// groupBySector starts each service in its sector's place on a ring, and
// every other node spread on an inner ring (never all on one point, whose
// labels would be drawn on top of each other), so that the force layout
// draws the services of a sector together.
func groupBySector(nodes []landscapeNode, l *graph.Landscape, sectors []graph.Sector) {
	const radius, inner = 300, 120
	for i := range nodes {
		n := &nodes[i]
		if n.Type != graph.TypeService {
			a := 2 * math.Pi * float64(i) / float64(len(nodes))
			n.X, n.Y = float32(inner*math.Cos(a)), float32(inner*math.Sin(a))
			continue
		}
		s, err := graph.Lookup[*graph.Service](l, n.ID)
		if err != nil {
			continue
		}
		a := 2 * math.Pi * float64(slices.Index(sectors, s.Sector)) / float64(max(len(sectors), 1))
		n.X, n.Y = float32(radius*math.Cos(a)), float32(radius*math.Sin(a))
	}
}
