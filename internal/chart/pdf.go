package chart

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html"
	"html/template"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/gap"
)

// reportHTML is the template of a chart's PDF (the GRETA pack's report has
// its own, in package pack).
//
//go:embed report.html
var reportHTML string

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))

// reportDoc is what report.html shows: a chart's PDF, with one figure and
// its citations.
type reportDoc struct {
	Lang  string
	Title string
	// W holds the headings in Lang.
	W map[string]string

	Figures []reportFigure
	// Recs and Sources are cited in full at the end.
	Recs    []string
	Sources []string
	// Privacy says how small counts are shown.
	Privacy string
}

// reportFigure is one dashboard: its chart with caption and footnote, how
// to read it, and its tables.
type reportFigure struct {
	Title   string
	Caption []string
	SVG     template.HTML
	// IDs is the prefix of the SVG's ids and classes (chartIDPrefix).
	IDs      string
	Footnote []string
	Notes    []string
	Tables   []dashboards.Table
}

// reportWords are the headings report.html prints.
var reportWords = []string{"pdf.notes", "pdf.tables", "pdf.sources", "pdf.recs", "pdf.norecs"}

func wordsFor(lang string) map[string]string {
	w := make(map[string]string, len(reportWords))
	for _, k := range reportWords {
		w[strings.ReplaceAll(k, ".", "_")] = xword(lang, k)
	}
	return w
}

// renderReport executes report.html. Every chart's SVG names its ids and
// classes for its dashboard; a dashboard shown twice has its second chart's
// renamed, so that no id is found twice in the document.
func renderReport(doc reportDoc) ([]byte, error) {
	doc.W = wordsFor(doc.Lang)
	doc.Figures = slices.Clone(doc.Figures)
	seen := map[string]int{}
	for i, f := range doc.Figures {
		seen[f.IDs]++
		if n := seen[f.IDs]; n > 1 && f.IDs != "" {
			prefix := fmt.Sprintf("%s-%d", f.IDs, n)
			svg, err := renumberIDs(string(f.SVG), prefixNames(f.IDs), prefix)
			if err != nil {
				return nil, fmt.Errorf("render the report: %s: %w", f.Title, err)
			}
			doc.Figures[i].SVG, doc.Figures[i].IDs = template.HTML(svg), prefix // checked by renumberIDs
		}
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, doc); err != nil {
		return nil, fmt.Errorf("render the report: %w", err)
	}
	return b.Bytes(), nil
}

// figureOf returns dashboard d, drawn as chart (an SVG from drawSVG, placed
// by pdfChart), as a figure of the report.
func figureOf(d *Dashboard, f Figure, chart string) reportFigure {
	tables := append([]dashboards.Table{d.View.Table}, d.View.More...)
	return reportFigure{
		Title:    f.Title,
		Caption:  f.Caption,
		SVG:      template.HTML(chart), // checked well-formed and script-free by drawSVG
		IDs:      chartIDPrefix(f),
		Footnote: f.Footnote,
		Notes:    d.View.Notes,
		Tables:   tables,
	}
}

// pdfChart returns the chart of drawing d (checked by drawSVG) alone, for a
// PDF.
func pdfChart(d *drawing) (string, error) {
	svg, err := chartSVG(d.SVG, 0)
	if err != nil {
		return "", err
	}
	return printableSVG(svg), nil
}

// gradientFill matches the start tag of a shape filled with a gradient and
// made translucent with fill-opacity.
var gradientFill = regexp.MustCompile(`<path [^>]*fill="url\(#[^"]*\)"[^>]*>`)

// printableSVG works around Chromium's printing, which ignores fill-opacity
// on a gradient fill (the sankey's links print opaque): a shape with no
// stroke gets the same look from opacity, which prints.
func printableSVG(svg string) string {
	return gradientFill.ReplaceAllStringFunc(svg, func(tag string) string {
		if strings.Contains(tag, ` stroke="`) && !strings.Contains(tag, ` stroke="none"`) {
			return tag
		}
		return strings.Replace(tag, ` fill-opacity="`, ` opacity="`, 1)
	})
}

// ChartPDF prints dashboard d as a PDF: the chart (vector, from ECharts' SVG
// renderer) with its caption and footnote, how to read it, its tables, and
// the recommendations and sources it cites.
func (r *Renderer) ChartPDF(ctx context.Context, d *Dashboard, st Stamp) ([]byte, error) {
	f := pdfFigure(d.Figure(st))
	drawn, err := r.drawSVG(ctx, f)
	if err != nil {
		return nil, err
	}
	chart, err := pdfChart(drawn)
	if err != nil {
		return nil, fmt.Errorf("export pdf %s: %w", d.Name, err)
	}
	fig := figureOf(d, f, chart)
	// The sources are listed in full, numbered, at the end: under the
	// chart stands a line that points there, not the SVG's wall of every
	// source and URL, and how small counts are shown.
	fig.Footnote = []string{sourcesLine(nil, d.Lang), privacyLine(d.Query.Privacy, d.Lang)}
	if n := len(d.View.Sources); n > 0 {
		fig.Footnote[0] = xwordf(d.Lang, "pdf.cites", n)
	}
	doc := reportDoc{
		Lang:    d.Lang,
		Title:   f.Title,
		Figures: []reportFigure{fig},
	}
	doc.Recs = recTexts(d.View.Recommendations)
	doc.Sources = sourceTexts(d.View.Sources)
	body, err := renderReport(doc)
	if err != nil {
		return nil, err
	}
	pdf, err := r.PrintPDF(ctx, body, footerText(f.Title, d.Version, d.Changed, st, d.Lang), st.Time())
	if err != nil {
		return nil, fmt.Errorf("export pdf %s: %w", d.Name, err)
	}
	return pdf, nil
}

func recTexts(rs []gap.RecommendationRef) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = recText(r)
	}
	return out
}

func sourceTexts(ss []gap.SourceRef) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = sourceText(s)
	}
	return out
}

// footerText is the text of every page's footer, before the page number.
func footerText(title string, version int64, changed time.Time, st Stamp, lang string) string {
	return xwordf(lang, "pdf.footer", title, dataversion.Text(version, changed, lang), st.Day())
}

// PrintPDF prints an HTML document as a PDF on A4 in landscape (a
// 1000-pixel chart fits the width at its size), with footer (plain text)
// and the page number at the foot of every page. The document is shown with
// JavaScript off and loads nothing: everything it shows is in it. The PDF's
// creation and modification dates are date, not the time it was printed,
// so that the same document and date give the same file (stampPDF).
func (r *Renderer) PrintPDF(ctx context.Context, doc []byte, footer string, date time.Time) ([]byte, error) {
	release, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	tab, closeTab, err := r.tab(ctx)
	if err != nil {
		return nil, err
	}
	defer closeTab()
	tctx, cancel := context.WithTimeout(tab, r.opt.Timeout)
	defer cancel()
	load := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			return chromedp.Void{}, err
		}
		// A blank page first gives the tab the top-level frame whose
		// document is then replaced.
		if _, err := chromedp.Navigate("about:blank")(ctx, t); err != nil {
			return chromedp.Void{}, err
		}
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return chromedp.Void{}, err
		}
		_, err = cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: withChartFonts(string(doc))})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(tctx, load); err != nil {
		return nil, fmt.Errorf("load the document: %w", err)
	}
	foot := `<div style="font: 7pt sans-serif; color: #555; width: 100%; padding: 0 15mm; display: flex; justify-content: space-between;">` +
		`<span>` + html.EscapeString(footer) + `</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`
	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFLandscape(),
		// A document's @page sizes win (the pack's report mixes portrait and
		// landscape pages); report.html asks for A4 landscape.
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFMargins(0.6, 0.6, 0.7, 0.6),
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(`<span></span>`),
		chromedp.PDFFooterTemplate(foot),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("print the PDF: %w", err)
	}
	return stampPDF(pdf, date)
}
