package dashboards

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// View is what one dashboard shows: a chart, the table with the same
// numbers under it, further tables, the notes that explain the chart (its
// legend in words) and what it cites. The web layer renders it as a page and
// as the JSON twin; the export layer can render the same chart and table.
type View struct {
	// Chart is the go-echarts chart; Option turns it into the ECharts option.
	Chart Chart
	// Height is the chart's height in pixels, which grows with its rows.
	Height int
	Table  Table
	// More are further tables (the scenario's changes, the cells a
	// scenario opens and closes).
	More []Table
	// Notes explain what the chart shows and how to read it.
	Notes           []string
	Sources         []gap.SourceRef
	Recommendations []gap.RecommendationRef
	// Evidence is the evidence dashboard's cells with their studies
	// (nil on every other dashboard).
	Evidence *EvidenceView
}

// Table is a table model: column headings and rows of cells, the first
// cell of a row heading it. Every number is already text; a count of people
// under the suppression threshold is "<5", never the number.
type Table struct {
	Caption string   `json:"caption"`
	Columns []Column `json:"columns"`
	Rows    [][]Cell `json:"rows"`
}

// Column is a table's column heading.
type Column struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Numeric right-aligns the column.
	Numeric bool `json:"numeric,omitempty"`
}

// Cell is one table cell: its text, a link to the page of what it names,
// and the kind of gap it marks ("uncovered", "entitled_unserved",
// "fragile", "covered"), if any.
//
// Assumed marks a cell naming a node whose facts are assumptions, not
// verified in a source; its text then says so ("(assumed)").
type Cell struct {
	Text    string `json:"text"`
	URL     string `json:"url,omitempty"`
	State   string `json:"state,omitempty"`
	Assumed bool   `json:"assumed,omitempty"`
}

// addColumn appends a column with the heading of key in lang.
func (t *Table) addColumn(lang, key string, numeric bool) {
	t.Columns = append(t.Columns, Column{Key: key, Label: word(lang, "col."+key), Numeric: numeric})
}

// text is a cell of plain text.
func text(s string) Cell { return Cell{Text: s} }

// nodeCell is a cell naming node id, linked to its page when the landscape
// has it.
func nodeCell(l *graph.Landscape, names map[string]string, id, lang string) Cell {
	if n, ok := l.Node(id); ok {
		c := Cell{Text: n.Base().Label(lang), URL: NodeURL(n)}
		if n.Base().Assumed() {
			c.Text += " (" + word(lang, "assumed") + ")"
			c.Assumed = true
		}
		return c
	}
	return Cell{Text: nameOf(l, names, id, lang)}
}

// nameOf returns the label of node id in lang: the landscape's, else the
// name a result gives it (a service a scenario adds), else the id.
func nameOf(l *graph.Landscape, names map[string]string, id, lang string) string {
	if n, ok := l.Node(id); ok {
		return n.Base().Label(lang)
	}
	if n, ok := names[id]; ok && n != "" {
		return n
	}
	return id
}

// namesOf returns the labels of ids, joined by ", ".
func namesOf(l *graph.Landscape, names map[string]string, ids []string, lang string) string {
	out := ""
	for i, id := range ids {
		if i > 0 {
			out += ", "
		}
		out += nameOf(l, names, id, lang)
	}
	return out
}

// citations returns the sources and recommendations of res whose ids are
// among srcs and recs.
func citations(res *gap.Result, srcs, recs []string) ([]gap.SourceRef, []gap.RecommendationRef) {
	var ss []gap.SourceRef
	for _, s := range res.Sources {
		if slices.Contains(srcs, s.ID) {
			ss = append(ss, s)
		}
	}
	var rs []gap.RecommendationRef
	for _, r := range res.Recommendations {
		if slices.Contains(recs, r.ID) {
			rs = append(rs, r)
		}
	}
	return ss, rs
}

// citeNodes returns the sources of nodes ids (their SOURCED_FROM edges) and
// the recommendations that concern them, each once, by id.
func citeNodes(l *graph.Landscape, ids []string) ([]gap.SourceRef, []gap.RecommendationRef) {
	srcSeen, recSeen := map[string]bool{}, map[string]bool{}
	for _, id := range ids {
		for _, s := range l.Sources(id) {
			srcSeen[s.ID] = true
		}
		for _, e := range l.In(id, graph.EdgeConcerns) {
			recSeen[e.From] = true
		}
	}
	var ss []gap.SourceRef
	for _, s := range graph.All[*graph.Source](l) {
		if srcSeen[s.ID] {
			ss = append(ss, gap.SourceRef{ID: s.ID, Kind: s.Kind, Authors: s.Authors, Title: s.Title, Year: s.Year, URL: s.URL})
		}
	}
	var rs []gap.RecommendationRef
	for _, r := range graph.All[*graph.Recommendation](l) {
		if !recSeen[r.ID] {
			continue
		}
		ref := gap.RecommendationRef{ID: r.ID, Body: r.Body, Round: r.Round, Reference: r.Reference,
			Paragraph: r.Paragraph, Summary: r.Summary, SummaryNB: r.SummaryNB, Year: r.Year, Concerns: []string{}}
		for _, e := range l.Out(r.ID, graph.EdgeConcerns) {
			ref.Concerns = append(ref.Concerns, e.To)
		}
		rs = append(rs, ref)
	}
	return ss, rs
}

// kindColours colour the kinds of gap the same way on every dashboard.
var kindColours = map[string]string{
	"entitled_unserved":  "#7b1fa2",
	"uncovered":          "#d32f2f",
	"fragile":            "#f9a825",
	"entitled_partial":   "#ab47bc",
	"single_provider":    "#9e9d24",
	"covered":            "#2e7d32",
	"lost_in_transition": "#ef6c00",
	"none":               "#9e9e9e",
}

// sectorColours colour services by sector.
var sectorColours = map[graph.Sector]string{
	graph.SectorHealth:       "#1565c0",
	graph.SectorShelter:      "#00897b",
	graph.SectorSocial:       "#6d4c41",
	graph.SectorJustice:      "#37474f",
	graph.SectorLegal:        "#5e35b1",
	graph.SectorImmigration:  "#c2185b",
	graph.SectorChildWelfare: "#00acc1",
	graph.SectorReturn:       "#8d6e63",
	graph.SectorCoordination: "#43a047",
}

// sectorColour returns the colour of sector s.
func sectorColour(s graph.Sector) string {
	if c, ok := sectorColours[s]; ok {
		return c
	}
	return "#607d8b"
}

// percent formats part/whole as a whole percentage.
func percent(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return itoa((part*100+whole/2)/whole) + " %"
}
