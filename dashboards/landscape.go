package dashboards

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
)

// AssetsHost is where gapmap serves the ECharts script. go-echarts' own
// page renderer is never used, but the chart's assets point here so that
// nothing ever refers to a CDN.
const AssetsHost = "/static/vendor/"

// LandscapeNodeTypes are the node types the landscape graph shows, in the
// order of its categories and legend.
var LandscapeNodeTypes = []graph.NodeType{
	graph.TypeService, graph.TypeOrganisation, graph.TypeStatus, graph.TypeNeed,
}

// LandscapeEdgeTypes are the edge types the landscape graph draws.
var LandscapeEdgeTypes = []graph.EdgeType{
	graph.EdgeRunBy, graph.EdgeAccepts, graph.EdgeMeets, graph.EdgeRefersTo,
}

// typeColours colours the categories; services may later be coloured by
// sector.
var typeColours = map[graph.NodeType]string{
	graph.TypeService:      "#2f6db5",
	graph.TypeOrganisation: "#7a4fa3",
	graph.TypeStatus:       "#c27c0e",
	graph.TypeNeed:         "#2e8b57",
}

// landscapeNode is an ECharts graph data item with gapmap's own fields: the
// node id (which ECharts also uses to join links), the URL of its page,
// which the page script opens on a click, its type and whether it is an
// assumption. Value, its number (its degree, or for a need or status on the
// landscape dashboard its share uncovered), shadows GraphNode's, which
// drops a zero: a need no cell leaves uncovered shows 0 %, not nothing.
type landscapeNode struct {
	opts.GraphNode
	Value   float64        `json:"value"`
	ID      string         `json:"id"`
	URL     string         `json:"url"`
	Type    graph.NodeType `json:"nodeType"`
	Assumed bool           `json:"assumed,omitempty"`
}

// landscapeLink is an ECharts graph link with the edge type and whether the
// fact is assumed or partial.
type landscapeLink struct {
	opts.GraphLink
	Type     graph.EdgeType `json:"edgeType"`
	Assumed  bool           `json:"assumed,omitempty"`
	Partial  bool           `json:"partial,omitempty"`
	Emphasis *linkEmphasis  `json:"emphasis,omitempty"`
}

// force is ECharts' force layout with the option go-echarts lacks:
// layoutAnimation false runs the layout to rest before the first paint, so
// the graph appears still, not jiggling, and a node stays where it is drawn.
type force struct {
	opts.GraphForce
	LayoutAnimation bool    `json:"layoutAnimation"`
	Friction        float32 `json:"friction,omitempty"`
}

// linkEmphasis shows a link's label while the pointer is on it.
type linkEmphasis struct {
	Label *opts.EdgeLabel `json:"label,omitempty"`
}

// LandscapeChart returns the landscape as a force-layout graph: services,
// organisations, residency statuses and needs, one category (and legend
// entry) per node type, sized by degree, joined by RUN_BY, ACCEPTS, MEETS
// and REFERS_TO edges. Assumed nodes are faded; assumed edges are dashed and
// faded. Each node carries the URL of its page. Labels are in lang ("en" or
// "nb").
func LandscapeChart(l *graph.Landscape, lang string) *charts.Graph {
	lang = Lang(lang)
	categories := make([]*opts.GraphCategory, len(LandscapeNodeTypes))
	legend := make([]string, len(LandscapeNodeTypes))
	for i, t := range LandscapeNodeTypes {
		legend[i] = word(lang, string(t))
		categories[i] = &opts.GraphCategory{
			Name:      legend[i],
			ItemStyle: &opts.ItemStyle{Color: typeColours[t]},
		}
	}
	nodes, links := landscapeData(l, lang)

	chart := charts.NewGraph()
	chart.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{
			AssetsHost: AssetsHost, Width: "100%", Height: "600px",
		}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Top: "0", Data: legend}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	chart.AddSeries(word(lang, "title"), nil, nil,
		charts.WithGraphChartOpts(opts.GraphChart{
			Layout:         "force",
			Roam:           opts.Bool(true),
			Draggable:      opts.Bool(true),
			Categories:     categories,
			EdgeSymbol:     []string{"none", "arrow"},
			EdgeSymbolSize: 7,
		}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"}),
		charts.WithLineStyleOpts(opts.LineStyle{Color: "source", Curveness: 0.1, Opacity: opts.Float(0.7)}),
		charts.WithEmphasisOpts(opts.Emphasis{Focus: "adjacency"}),
		// No entrance animation: the graph appears at rest, as it is exported.
		charts.WithSeriesAnimation(false),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Force = force{
				GraphForce: opts.GraphForce{Repulsion: 260, Gravity: 0.15, EdgeLength: []float32{40, 120}},
			}
			s.Data = nodes
			s.Links = links
			s.Top = "40"
			s.LabelLayout = &opts.LabelLayout{HideOverlap: opts.Bool(true)}
		}),
	)
	return chart
}

// landscapeData returns the chart's nodes and links.
func landscapeData(l *graph.Landscape, lang string) ([]landscapeNode, []landscapeLink) {
	category := make(map[graph.NodeType]int, len(LandscapeNodeTypes))
	for i, t := range LandscapeNodeTypes {
		category[t] = i
	}
	shown := func(id string) bool {
		n, ok := l.Node(id)
		if !ok {
			return false
		}
		_, ok = category[n.Type()]
		return ok
	}

	degree := map[string]int{}
	var links []landscapeLink
	for _, t := range LandscapeEdgeTypes {
		for _, e := range l.Edges() {
			if e.Type != t || !shown(e.From) || !shown(e.To) {
				continue
			}
			degree[e.From]++
			degree[e.To]++
			links = append(links, newLandscapeLink(&e, lang))
		}
	}

	var nodes []landscapeNode
	for _, t := range LandscapeNodeTypes {
		for _, n := range l.Nodes(t) {
			m := n.Base()
			d := degree[m.ID]
			node := landscapeNode{
				GraphNode: opts.GraphNode{
					Name:       m.Label(lang),
					Category:   category[t],
					SymbolSize: symbolSize(d),
				},
				Value:   float64(d),
				ID:      m.ID,
				URL:     NodeURL(n),
				Type:    t,
				Assumed: m.Assumed(),
			}
			if m.Assumed() {
				node.ItemStyle = &opts.ItemStyle{Opacity: opts.Float(0.45)}
			}
			nodes = append(nodes, node)
		}
	}
	return nodes, links
}

// newLandscapeLink returns the chart link of e.
func newLandscapeLink(e *graph.Edge, lang string) landscapeLink {
	label := word(lang, string(e.Type))
	if e.Partial() {
		label += " (" + word(lang, "partial") + ")"
	}
	if e.Confidence == graph.Assumed {
		label += " (" + word(lang, "assumed") + ")"
	}
	link := landscapeLink{
		GraphLink: opts.GraphLink{
			Source: e.From,
			Target: e.To,
			Label:  &opts.EdgeLabel{Show: opts.Bool(false), Formatter: label},
		},
		Type:     e.Type,
		Assumed:  e.Confidence == graph.Assumed,
		Partial:  e.Partial(),
		Emphasis: &linkEmphasis{Label: &opts.EdgeLabel{Show: opts.Bool(true)}},
	}
	if link.Assumed {
		link.LineStyle = &opts.LineStyle{Type: "dashed", Opacity: opts.Float(0.45)}
	}
	return link
}

// symbolSize grows with the square root of a node's degree, so hubs stand
// out without swamping the chart.
func symbolSize(degree int) float64 {
	return math.Round(math.Min(8+4*math.Sqrt(float64(degree)), 36))
}
