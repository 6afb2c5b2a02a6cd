package dashboards

import (
	"net/url"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
)

// EvidenceView is what the evidence dashboard shows beside its chart and
// tables: each cell with its studies, so that a click on a cell lists
// them, and the column notes.
type EvidenceView struct {
	Map   *evidence.Map
	Cells []EvidenceCell
	// Notes are the column notes in words: the NKVTS finding and
	// recommendation beside the health-workers column of Norway.
	Notes []EvidenceNote
}

// EvidenceCell is one cell of the grid as the page lists it.
type EvidenceCell struct {
	Key          string // "theme.participants"
	Theme        string
	Participants string
	Studies      []EvidenceStudy
	Gap          bool
}

// EvidenceStudy is a study as a cell lists it: each tag named in the
// language, an assumed one marked as such.
type EvidenceStudy struct {
	ID, Name, Title, Page string
	Year                  int
	Design, Countries     string
	Participants, Themes  string
	Assumed               bool
}

// EvidenceNote is a column note in words, with the source it cites.
type EvidenceNote struct {
	Participants   string
	Finding        string
	Recommendation string
	Source         string
	Empty          bool
}

// heatPiece is a piece of the evidence map's visual map: a range of
// counts, Max nil for no upper bound.
type heatPiece struct {
	Min   int    `json:"min"`
	Max   *int   `json:"max,omitempty"`
	Label string `json:"label"`
	Color string `json:"color"`
}

func upTo(n int) *int { return &n }

// evidenceBand is a range of study counts on the evidence map: its colour,
// the mark its cells and its legend entry carry so that it reads without
// the colour, and the words of its legend entry.
type evidenceBand struct {
	min    int
	max    *int // nil: no upper bound
	mark   string
	colour string
	key    string
}

// evidenceBands are the evidence map's ranges, from no study (a gap in
// knowledge, in the red of an uncovered need) to four or more. The text on
// a cell is black or white, whichever reads on its colour (textOn).
var evidenceBands = []evidenceBand{
	{min: 0, max: upTo(0), mark: "✕", colour: kindColours["uncovered"], key: "ev.gap"},
	{min: 1, max: upTo(1), mark: "○", colour: "#bbdefb", key: "ev.one"},
	{min: 2, max: upTo(3), mark: "◑", colour: "#64b5f6", key: "ev.few"},
	{min: 4, mark: "●", colour: "#1565c0", key: "ev.many"},
}

// evidenceBandOf returns the band of a cell with n studies.
func evidenceBandOf(n int) evidenceBand {
	for _, b := range evidenceBands {
		if n >= b.min && (b.max == nil || n <= *b.max) {
			return b
		}
	}
	return evidenceBands[len(evidenceBands)-1]
}

// evidenceItem is a heatmap data item: [participants, theme, studies], the
// tooltip, the count as its label (with "*" when an assumed tag places a
// study there, then the mark of its band, in black or white on the band's
// colour) and the link that lists the cell's studies.
type evidenceItem struct {
	Name  string    `json:"name"`
	Value [3]int    `json:"value"`
	Label itemLabel `json:"label"`
	URL   string    `json:"url"`
}

// EvidenceCellURL is the page that lists the studies of a cell of map m.
func EvidenceCellURL(m *evidence.Map, th graph.Theme, p graph.Participant) string {
	v := url.Values{}
	if m.Filter.Country != "" && m.Filter.Country != evidence.CountryGlobal {
		v.Set("country", m.Filter.Country)
	}
	if m.Filter.Design != "" {
		v.Set("design", string(m.Filter.Design))
	}
	v.Set("cell", string(th)+"."+string(p))
	return "/dashboards/evidence?" + v.Encode() + "#cell"
}

// Evidence returns the evidence dashboard of map m: a heatmap of themes
// (rows) by participants (columns), each cell the number of studies in
// it, empty cells marked as gaps in knowledge; the same numbers in a
// table; the studies in a second table with every tag and whether it is
// assumed; the column notes; and the studies as its sources.
func Evidence(m *evidence.Map, l *graph.Landscape, lang string) View {
	lang = Lang(lang)
	names := map[string]evidence.Study{}
	for _, s := range m.Studies {
		names[s.ID] = s
	}
	norway := m.Filter.NorwayOnly()
	colLabels := make([]string, len(m.Participants))
	for i, p := range m.Participants {
		colLabels[i] = ParticipantsLabel(lang, p)
		if norway && p == graph.ParticipantHealthWorkers && len(m.Notes) > 0 && m.Notes[0].Empty {
			colLabels[i] = ewf(lang, "ev.col.hw.norway", colLabels[i])
		}
	}
	rowLabels := make([]string, len(m.Themes))
	for i, th := range m.Themes {
		rowLabels[i] = ThemeLabel(lang, th)
	}

	caption := ew(lang, "ev.caption")
	if m.Filter.Country != evidence.CountryGlobal || m.Filter.Design != "" {
		var in []string
		in = append(in, CountryFilterLabel(lang, m.Filter.Country))
		if m.Filter.Design != "" {
			in = append(in, DesignLabel(lang, m.Filter.Design))
		}
		caption = ewf(lang, "ev.caption.in", strings.Join(in, "; "))
	}
	t := Table{Caption: caption}
	t.Columns = append(t.Columns, Column{Key: "theme", Label: ew(lang, "ev.col.theme")})
	for i, p := range m.Participants {
		t.Columns = append(t.Columns, Column{Key: string(p), Label: colLabels[i], Numeric: true})
	}
	var data []evidenceItem
	view := &EvidenceView{Map: m}
	for y, th := range m.Themes {
		row := []Cell{text(rowLabels[y])}
		for x, p := range m.Participants {
			c := m.Cell(th, p)
			n := len(c.Studies)
			label := itoa(n)
			if c.Assumed > 0 {
				label += "*"
			}
			band := evidenceBandOf(n)
			var studyNames []string
			ec := EvidenceCell{Key: string(th) + "." + string(p), Theme: rowLabels[y], Participants: ParticipantsLabel(lang, p), Gap: c.Gap()}
			for _, id := range c.Studies {
				s := names[id]
				studyNames = append(studyNames, s.Name)
				ec.Studies = append(ec.Studies, evidenceStudy(lang, s))
			}
			view.Cells = append(view.Cells, ec)
			var tip string
			switch n {
			case 0:
				tip = ew(lang, "ev.tip.none")
			default:
				tip = ewf(lang, "ev.tip.studies", n, c.Assumed, strings.Join(studyNames, "; "))
			}
			u := EvidenceCellURL(m, th, p)
			data = append(data, evidenceItem{Name: ewf(lang, "ev.tip", rowLabels[y], ParticipantsLabel(lang, p), tip),
				Value: [3]int{x, y, n}, Label: itemLabel{Show: true, Formatter: label + " " + band.mark, Color: textOn(band.colour)}, URL: u})
			cell := Cell{Text: label, URL: u}
			if c.Gap() {
				cell.State = "knowledge_gap"
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}

	studies := Table{Caption: ew(lang, "ev.studies")}
	for _, k := range []string{"study", "year", "kind", "design", "country", "participants", "themes", "needs", "assumed"} {
		studies.Columns = append(studies.Columns, Column{Key: k, Label: ew(lang, "ev.col."+k), Numeric: k == "year"})
	}
	var srcIDs []string
	for _, s := range m.Studies {
		srcIDs = append(srcIDs, s.ID)
		es := evidenceStudy(lang, s)
		var needs []string
		for _, n := range s.Needs {
			needs = append(needs, tagText(lang, nameOf(l, nil, n.ID, lang), n.Confidence))
		}
		studies.Rows = append(studies.Rows, []Cell{
			{Text: s.Name, URL: es.Page}, text(yearText(s.Year)), text(ew(lang, "ev.kind."+string(s.Kind))),
			text(es.Design), text(es.Countries), text(es.Participants), text(es.Themes),
			text(orNone(lang, strings.Join(needs, ", "))), text(assumedText(lang, s)),
		})
	}

	notes := []string{ewf(lang, "ev.note", len(m.Studies), m.Total), ew(lang, "ev.note.assumed")}
	for _, n := range m.Notes {
		finding, rec := n.Text(lang)
		src := strings.Join(n.Sources, ", ")
		if s, ok := l.Node(evidence.FoundingSource); ok {
			src = s.Base().Label(lang)
		}
		line := ewf(lang, "ev.note.finding", finding, rec, src)
		if !n.Empty {
			line += " " + ew(lang, "ev.note.filled")
		}
		notes = append(notes, line)
		view.Notes = append(view.Notes, EvidenceNote{Participants: ParticipantsLabel(lang, n.Participants),
			Finding: finding, Recommendation: rec, Source: src, Empty: n.Empty})
		srcIDs = append(srcIDs, n.Sources...)
	}
	if len(m.Unplaced) > 0 {
		var ns []string
		for _, id := range m.Unplaced {
			ns = append(ns, names[id].Name)
		}
		notes = append(notes, ewf(lang, "ev.note.unplaced", strings.Join(ns, "; ")))
	}
	if len(m.Untagged) > 0 {
		notes = append(notes, ewf(lang, "ev.note.untagged", namesOf(l, nil, m.Untagged, lang)))
	}

	var pieces []heatPiece
	for _, b := range evidenceBands {
		pieces = append(pieces, heatPiece{Min: b.min, Max: b.max, Label: b.mark + " " + ew(lang, b.key), Color: b.colour})
	}
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{AssetsHost: AssetsHost, Width: "100%"}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item", Formatter: "{b}"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true)}),
	)
	hm.AddSeries(ew(lang, "ev.series"), nil,
		charts.WithSeriesAnimation(false),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), FontWeight: "bold"}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#fff", BorderWidth: 2}),
	)
	chart := withOptions{Chart: hm, extra: map[string]any{
		"grid": grid{Left: "8", Right: "24", Top: "130", Bottom: "60", ContainLabel: true},
		"xAxis": []map[string]any{{
			"type": "category", "data": colLabels, "position": "top",
			"axisLabel": map[string]any{"interval": 0, "width": 120, "overflow": "break", "lineHeight": 15},
			"splitArea": map[string]any{"show": true},
		}},
		"yAxis": []map[string]any{{
			"type": "category", "data": rowLabels, "inverse": true,
			"axisLabel": map[string]any{"interval": 0, "width": 240, "overflow": "truncate"},
			"splitArea": map[string]any{"show": true},
		}},
		"visualMap": []map[string]any{{
			"type": "piecewise", "dimension": 2, "pieces": pieces, "orient": "horizontal",
			"left": "center", "bottom": 0, "selectedMode": false,
		}},
	}}
	srcs := sourceRefs(l, srcIDs)
	return View{
		Chart:    chart,
		Height:   max(420, 220+40*len(m.Themes)),
		Table:    t,
		More:     []Table{studies},
		Notes:    notes,
		Sources:  srcs,
		Evidence: view,
	}
}

// sourceRefs returns the sources ids of l, each once, in the landscape's
// order.
func sourceRefs(l *graph.Landscape, ids []string) []gap.SourceRef {
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
	}
	var out []gap.SourceRef
	for _, s := range graph.All[*graph.Source](l) {
		if seen[s.ID] {
			out = append(out, gap.SourceRef{ID: s.ID, Kind: s.Kind, Authors: s.Authors, Title: s.Title, Year: s.Year, URL: s.URL})
		}
	}
	return out
}

// evidenceStudy names the tags of s in lang.
func evidenceStudy(lang string, s evidence.Study) EvidenceStudy {
	join := func(tags []evidence.Tag, name func(string) string) string {
		var out []string
		for _, t := range tags {
			out = append(out, tagText(lang, name(t.ID), t.Confidence))
		}
		return orNone(lang, strings.Join(out, ", "))
	}
	return EvidenceStudy{
		ID: s.ID, Name: s.Name, Title: s.Title, Page: "/nodes/" + url.PathEscape(s.ID), Year: s.Year,
		Design:       join(s.Designs, func(id string) string { return DesignLabel(lang, graph.Design(id)) }),
		Countries:    join(s.Countries, func(id string) string { return CountryLabel(lang, id) }),
		Participants: join(s.Participants, func(id string) string { return ParticipantsLabel(lang, graph.Participant(id)) }),
		Themes:       join(s.Themes, func(id string) string { return ThemeLabel(lang, graph.Theme(id)) }),
		Assumed:      s.Assumed,
	}
}

// tagText is a tag's name, with "(assumed)" when it is.
func tagText(lang, name string, c graph.Confidence) string {
	if c == graph.Assumed {
		return name + " (" + ew(lang, "ev.assumed") + ")"
	}
	return name
}

// assumedText says how many of a study's tags are assumed.
func assumedText(lang string, s evidence.Study) string {
	n, all := 0, 0
	for _, tags := range [][]evidence.Tag{s.Countries, s.Designs, s.Participants, s.Themes, s.Needs} {
		for _, t := range tags {
			all++
			if t.Confidence == graph.Assumed {
				n++
			}
		}
	}
	if n == 0 {
		return ew(lang, "ev.no")
	}
	return itoa(n) + " / " + itoa(all)
}

func orNone(lang, s string) string {
	if s == "" {
		return ew(lang, "ev.none")
	}
	return s
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return itoa(y)
}
