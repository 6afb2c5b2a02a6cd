package pack

import (
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/findings"
	"github.com/gapmap/gapmap/internal/gap"
)

// packReportHTML (report.html) is the template of the pack's report.pdf: portrait text
// pages, the diagrams on landscape pages at full width, the annex on
// landscape pages (CSS named pages).
//
//go:embed report.html
var packReportHTML string

var packReportTemplate = template.Must(template.New("pack").Parse(packReportHTML))

// The sizes of the report, chosen to keep the Norwegian seed's report
// under 30 pages: the full tables are the pack's CSV and XLSX files.
const (
	// summaryFindings is how many findings the summary lists.
	summaryFindings = 8
	// shortRows is how many rows a dashboard's table shows in the report.
	shortRows = 5
	// shortTables is how many of a dashboard's tables the report shows.
	shortTables = 2
	// annexRows is how many gap rows (the worst) the annex shows.
	annexRows = 20
	// findingSources and findingRecs are how many sources and
	// recommendations the summary cites for a finding (the first ones);
	// it says how many more there are.
	findingSources, findingRecs = 5, 3
)

// packFigure is one dashboard of the report: its figure, what it cites and
// the files of its full tables.
type packFigure struct {
	Figure  chart.ReportFigure
	Sources []gap.SourceRef
	Recs    []gap.RecommendationRef
	Files   []string
}

// packDoc is what report.html shows.
type packDoc struct {
	Lang, Title string
	W           map[string]string
	Cover       *reportCover
	Summary     packSummary
	Method      *reportMethod
	Privacy     []string
	Figures     []packFigureText
	Unknown     *reportUnknown
	Annex       *packAnnex
	References  []string
}

// reportCover is the report's title page.
type reportCover struct {
	Title, Subtitle string
	Facts           [][2]string
	Contents        []string
	Files           string
}

// reportMethod explains the gap measures.
type reportMethod struct {
	Intro      string
	Measures   []string
	Confidence string
}

// methodKeys are the gap measures the method section explains, in order.
var methodKeys = []string{"uncovered", "entitled_unserved", "entitled_partial", "fragile", "single_provider", "lost_in_transition", "fragmentation", "criticality"}

// gapRowText is one row of the gap list.
type gapRowText struct {
	Cells           []string
	Recommendations []string
	Sources         []string
}

// packSummary is the summary of findings.
type packSummary struct {
	Intro    string
	Findings []packFindingText
	None     string
}

// packAnnex is the annex: the worst gaps by residency status and need.
type packAnnex struct {
	Note, Short string
	Columns     []string
	Rows        []gapRowText
}

// packFindingText is one finding of the summary.
type packFindingText struct {
	Title   string
	Facts   []string
	Rests   string
	Assumed string
}

// packFigureText is one dashboard's section.
type packFigureText struct {
	chart.ReportFigure
	Cites  string
	Tables []dashboards.Table
	Short  []string
}

// citer numbers the references of the report in the order of their first
// citation, so that every reference is cited and every citation has its
// reference.
type citer struct {
	n     map[string]int
	texts []string
}

func (c *citer) cite(id, text string) int {
	if n, ok := c.n[id]; ok {
		return n
	}
	c.texts = append(c.texts, text)
	c.n[id] = len(c.texts)
	return len(c.texts)
}

// numbers formats citation numbers in order, runs as ranges: "[1]–[3], [7]".
func numbers(ns []int) string {
	ns = slices.Compact(slices.Sorted(slices.Values(ns)))
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, fmt.Sprintf("[%d]", ns[i]))
		case j == i+1:
			parts = append(parts, fmt.Sprintf("[%d], [%d]", ns[i], ns[j]))
		default:
			parts = append(parts, fmt.Sprintf("[%d]–[%d]", ns[i], ns[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// webInstruction matches the sentences of a dashboard's notes that tell
// the reader of the web page what to select or hover, which a printed
// report cannot do.
var webInstruction = []*regexp.Regexp{
	regexp.MustCompile(`;\s*(?:hover|hold pekeren over)[^.;]*\.`),
	regexp.MustCompile(`\s*(?:Select|Click|Tap|Velg|Klikk|Trykk) (?:a|an|the|en|et|ei|på) [^.]*\.`),
}

// printedNote is a dashboard's note without its web instructions.
func printedNote(s string) string {
	s = webInstruction[0].ReplaceAllString(s, ".")
	return strings.TrimSpace(webInstruction[1].ReplaceAllString(s, ""))
}

// manifest returns the pack's manifest, without its files yet.
func (b *packBuilder) manifest() *Manifest {
	return &Manifest{
		Gapmap:      cmp.Or(b.st.Gapmap, "dev"),
		Date:        b.st.Day(),
		DataVersion: b.l.Version(),
		DataChanged: dataversion.Value(b.l.Changed()),
		Language:    b.lang,
		Query:       chart.QueryValues(b.req.Query),
		Suppression: b.req.Query.Privacy.Normalize(),
		Dashboards:  b.names,
		Scenario:    b.req.ScenarioID,
		CSV:         b.req.CSV,
		Command:     packCommand(b.req, b.names, b.st),
	}
}

// report prints the report and puts it first in the pack: the title page
// (with what m records), the summary of the top findings, the method and
// the suppression, each diagram with a short table, what we do not know,
// the references (numbered by first citation) and the annex.
func (b *packBuilder) report(ctx context.Context, m *Manifest) error {
	b.progress("report")
	html, err := b.reportHTML(ctx, m)
	if err != nil {
		return err
	}
	pdf, err := b.r.PrintPDF(ctx, html, chart.FooterText(xword(b.lang, "pack.title"), m.DataVersion, b.l.Changed(), b.st, b.lang), b.st.Time())
	if err != nil {
		return err
	}
	b.files = append([]packFile{{ManifestFile: ManifestFile{Path: "report.pdf", Kind: "report", Title: xword(b.lang, "pack.title")}, data: pdf}}, b.files...)
	return nil
}

// reportHTML returns the report's document, for PrintPDF.
func (b *packBuilder) reportHTML(ctx context.Context, m *Manifest) ([]byte, error) {
	lang := b.lang
	c := &citer{n: map[string]int{}}
	doc := packDoc{Lang: lang, Title: xword(lang, "pack.title"), W: packWordsFor(lang)}

	summary, err := b.summary(ctx, c)
	if err != nil {
		return nil, err
	}
	doc.Summary = summary
	doc.Method = &reportMethod{Intro: xword(lang, "method.intro"), Confidence: xword(lang, "method.confidence")}
	for _, k := range methodKeys {
		doc.Method.Measures = append(doc.Method.Measures, xword(lang, "method."+k))
	}
	doc.Privacy = []string{chart.PrivacyLine(b.req.Query.Privacy, lang), xword(lang, "pack.privacy.note")}

	for _, pf := range b.figs {
		ft := packFigureText{ReportFigure: pf.Figure}
		ft.Caption = pf.Figure.Caption
		ft.Notes = nil
		for _, n := range pf.Figure.Notes {
			if n = printedNote(n); n != "" {
				ft.Notes = append(ft.Notes, n)
			}
		}
		var ns []int
		for _, s := range pf.Sources {
			ns = append(ns, c.cite(s.ID, chart.SourceText(s)))
		}
		for _, r := range pf.Recs {
			ns = append(ns, c.cite(r.ID, chart.RecText(r)))
		}
		if len(ns) > 0 {
			ft.Cites = xwordf(lang, "pack.cites", numbers(ns))
		} else {
			ft.Cites = xword(lang, "foot.nosources")
		}
		for i, t := range pf.Figure.Tables {
			if i >= shortTables || len(t.Rows) == 0 {
				continue
			}
			file := ""
			if i < len(pf.Files) {
				file = pf.Files[i]
			}
			if len(t.Rows) > shortRows {
				ft.Short = append(ft.Short, xwordf(lang, "pack.short", shortRows, len(t.Rows), file, strings.TrimSuffix(file, ".xlsx")+".csv"))
				t.Rows = t.Rows[:shortRows]
			}
			ft.Tables = append(ft.Tables, t)
		}
		if n := len(pf.Figure.Tables); n > shortTables {
			ft.Short = append(ft.Short, xwordf(lang, "pack.more", n-shortTables))
		}
		doc.Figures = append(doc.Figures, ft)
	}
	doc.Unknown = unknownSection(b.l, lang)
	doc.Annex = b.annex(c)

	doc.Cover = &reportCover{
		Title:    xword(lang, "pack.title"),
		Subtitle: xword(lang, "pack.subtitle"),
		Facts: [][2]string{
			{xword(lang, "pack.version"), fmt.Sprint(m.DataVersion)},
			{xword(lang, "pack.changed"), cmp.Or(changedFact(b.l.Changed()), "–")},
			{xword(lang, "pack.date"), m.Date},
			{xword(lang, "pack.filters"), filtersValue(chart.FilterText(b.l, b.req.Query, lang), lang)},
			{xword(lang, "pack.lang"), xword(lang, "pack.lang."+lang)},
			{xword(lang, "pack.gapmap"), "gapmap " + m.Gapmap},
			{xword(lang, "pack.regen"), m.Command},
		},
		Files: xword(lang, "pack.files"),
	}
	contents := []string{xword(lang, "pack.summary"), xword(lang, "pack.method")}
	for _, f := range doc.Figures {
		contents = append(contents, f.Title)
	}
	if doc.Unknown != nil {
		contents = append(contents, doc.Unknown.Title)
	}
	doc.Cover.Contents = append(contents, xword(lang, "pack.refs"), xword(lang, "pack.annex"))
	doc.References = c.texts

	return renderPackReport(doc)
}

// summary returns the summary of the top findings of the pack's query,
// citing their sources and recommendations with c.
func (b *packBuilder) summary(ctx context.Context, c *citer) (packSummary, error) {
	lang := b.lang
	q := b.req.Query
	q.Kinds, q.Limit, q.Offset = nil, summaryFindings, 0
	list, err := findings.Find(ctx, b.l, q)
	if err != nil {
		return packSummary{}, fmt.Errorf("findings: %w", err)
	}
	s := packSummary{None: xword(lang, "pack.summary.none")}
	if list.Total == 0 {
		return s, nil
	}
	s.Intro = xwordf(lang, "pack.summary.intro", bigNumber(lang, list.Total), bigNumber(lang, list.GapCells), len(list.Findings))
	srcs := map[string]gap.SourceRef{}
	for _, r := range list.Sources {
		srcs[r.ID] = r
	}
	recs := map[string]gap.RecommendationRef{}
	for _, r := range list.Recommendations {
		recs[r.ID] = r
	}
	for _, f := range list.Findings {
		ft := packFindingText{Title: f.Title}
		if lang == "nb" {
			ft.Title = cmp.Or(f.TitleNB, f.Title)
		}
		people := xword(lang, "pack.people.none")
		if f.People.Known() {
			people = xwordf(lang, "pack.people", f.People.String())
		}
		kind := []rune(findings.KindLabel(f.Kind, lang))
		kind[0] = unicode.ToUpper(kind[0])
		ft.Facts = []string{string(kind), people}
		var ns []int
		for _, id := range f.Sources[:min(len(f.Sources), findingSources)] {
			ref, ok := srcs[id]
			if !ok {
				ref = gap.SourceRef{ID: id}
			}
			ns = append(ns, c.cite(id, chart.SourceText(ref)))
		}
		var rs []int
		for _, id := range f.Recommendations[:min(len(f.Recommendations), findingRecs)] {
			if r, ok := recs[id]; ok {
				rs = append(rs, c.cite(id, chart.RecText(r)))
			}
		}
		parts := []string{}
		if len(ns) > 0 {
			parts = append(parts, xwordf(lang, "pack.rests", numbers(ns)+more(lang, len(f.Sources)-len(ns))))
		} else {
			parts = append(parts, xword(lang, "pack.rests.none"))
		}
		if len(rs) > 0 {
			parts = append(parts, xwordf(lang, "pack.recs", numbers(rs)+more(lang, len(f.Recommendations)-len(rs))))
		}
		ft.Rests = strings.Join(parts, " ")
		if f.Assumed {
			ft.Assumed = xwordf(lang, "pack.assumed", strings.Join(factLabels(b.l, f.AssumedFacts, lang), "; "))
		} else {
			ft.Assumed = xword(lang, "pack.assumed.none")
		}
		s.Findings = append(s.Findings, ft)
	}
	return s, nil
}

// bigNumber writes n with the thousands separated as lang writes them:
// "1,380,495" in English, "1 380 495" in Norwegian.
func bigNumber(lang string, n int) string {
	tag := language.English
	if lang == "nb" {
		tag = language.MustParse("nb")
	}
	return message.NewPrinter(tag).Sprintf("%d", n)
}

// more says how many more a list has than it cites: "" for none.
func more(lang string, n int) string {
	if n <= 0 {
		return ""
	}
	return xwordf(lang, "pack.andmore", n)
}

// factLabels names assumed facts for a reader: a node by its label in
// lang, an edge ("TYPE from->to") by the labels of its ends.
func factLabels(l *graph.Landscape, ids []string, lang string) []string {
	name := func(id string) string {
		if n, ok := l.Node(id); ok {
			return n.Base().Label(lang)
		}
		return id
	}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if _, ends, ok := strings.Cut(id, " "); ok {
			if from, to, ok := strings.Cut(ends, "->"); ok {
				out = append(out, name(from)+" → "+name(to))
				continue
			}
		}
		out = append(out, name(id))
	}
	return out
}

// annex returns the worst gaps by residency status and need, citing their
// recommendations and sources with c. The legal right is named only in
// English, as the sources name it; a report in another language leaves it
// to the tables.
func (b *packBuilder) annex(c *citer) *packAnnex {
	lang := b.lang
	rg := &packAnnex{Note: xword(lang, "pack.gaps.note")}
	cols := gapColumns
	if lang != "en" {
		cols = []string{"status", "need", "cells", "uncovered", "entitled_unserved", "fragile", "lost_in_transition", "assumed"}
	}
	for _, k := range cols {
		rg.Columns = append(rg.Columns, xword(lang, "col."+k))
	}
	rows := b.pg.rows
	if len(rows) > annexRows {
		rg.Short = xwordf(lang, "pack.annex.short", annexRows, len(rows), "tables/gaps-by-status-need.xlsx", "tables/gaps-by-status-need.csv")
		rows = rows[:annexRows]
	}
	for _, g := range rows {
		cells := []string{g.Status, g.Need, itoa(g.Cells), itoa(g.Uncovered), itoa(g.EntitledUnserved), itoa(g.Fragile), itoa(g.LostInTransition)}
		if lang == "en" {
			cells = append(cells, g.LegalBasis)
		}
		assumed := "–"
		if len(g.Assumed) > 0 {
			assumed = strings.Join(factLabels(b.l, g.Assumed, lang), "; ")
		}
		row := gapRowText{Cells: append(cells, assumed)}
		for _, r := range g.Recs {
			row.Recommendations = append(row.Recommendations, fmt.Sprintf("%s [%d]", recShort(r), c.cite(r.ID, chart.RecText(recRef(b.l, r)))))
		}
		var ns []int
		for _, s := range g.Sources {
			ref := gap.SourceRef{ID: s.ID, Kind: s.Kind, Authors: s.Authors, Title: cmp.Or(s.Title, s.Label(lang)), Year: s.Year, URL: s.URL}
			ns = append(ns, c.cite(s.ID, chart.SourceText(ref)))
		}
		if len(ns) > 0 {
			row.Sources = []string{numbers(ns)}
		}
		rg.Rows = append(rg.Rows, row)
	}
	return rg
}

// packWords are the headings pack_report.html prints.
var packWords = []string{"pdf.notes", "pdf.tables", "pack.method", "pack.gaps", "pack.gaps.none", "pack.privacy",
	"pack.contents", "col.recommendations", "col.sources", "pack.summary", "pack.refs", "pack.annex", "pack.covers"}

func packWordsFor(lang string) map[string]string {
	w := make(map[string]string, len(packWords))
	for _, k := range packWords {
		w[strings.ReplaceAll(k, ".", "_")] = xword(lang, k)
	}
	return w
}

// renderPackReport executes pack_report.html. A dashboard shown twice has
// its second chart's ids renamed, so that no id is found twice.
func renderPackReport(doc packDoc) ([]byte, error) {
	seen := map[string]int{}
	for i, f := range doc.Figures {
		seen[f.IDs]++
		if n := seen[f.IDs]; n > 1 && f.IDs != "" {
			prefix := fmt.Sprintf("%s-%d", f.IDs, n)
			svg, err := chart.RenumberIDs(string(f.SVG), f.IDs, prefix)
			if err != nil {
				return nil, fmt.Errorf("render the report: %s: %w", f.Title, err)
			}
			doc.Figures[i].SVG, doc.Figures[i].IDs = template.HTML(svg), prefix // checked by renumberIDs
		}
	}
	var buf bytes.Buffer
	if err := packReportTemplate.Execute(&buf, doc); err != nil {
		return nil, fmt.Errorf("render the report: %w", err)
	}
	return buf.Bytes(), nil
}

// filtersValue is the filters as the title page lists them.
func filtersValue(filters []string, lang string) string {
	if len(filters) == 0 {
		return xword(lang, "pack.nofilter")
	}
	return strings.Join(filters, "; ")
}

// recRef is recommendation r as a result cites it.
func recRef(l *graph.Landscape, r *graph.Recommendation) gap.RecommendationRef {
	ref := gap.RecommendationRef{ID: r.ID, Body: r.Body, Round: r.Round, Reference: r.Reference, Paragraph: r.Paragraph,
		Summary: r.Summary, SummaryNB: r.SummaryNB, Year: r.Year}
	for _, e := range l.Out(r.ID, graph.EdgeConcerns) {
		ref.Concerns = append(ref.Concerns, e.To)
	}
	return ref
}

// changedFact is the time of the last change for the report's title page:
// dataversion.ChangedText, or "" for the zero time.
func changedFact(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dataversion.ChangedText(t)
}
