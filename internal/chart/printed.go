package chart

import (
	"context"
	"time"

	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// The parts of the printed chart that the GRETA pack (package pack) builds
// its report from, so that a diagram, its caption and its citations read
// the same in a chart's PDF and in the pack.

// ReportFigure is a dashboard as a figure of a printed report: its chart
// with caption and footnote, how to read it, and its tables.
type ReportFigure = reportFigure

// DrawFigure draws figure f of dashboard d for two uses: the SVG file
// (caption and footnote drawn in it) and the figure of a printed report
// (the chart alone, the caption and footnote as text). A chart taller than
// the report prints its labels at 7 pt (reportChartMaxMM) is drawn a second
// time, shorter, for the report; others are drawn once.
func (r *Renderer) DrawFigure(ctx context.Context, d *Dashboard, f Figure) (svg []byte, fig ReportFigure, err error) {
	drawn, err := r.drawSVG(ctx, f)
	if err != nil {
		return nil, ReportFigure{}, err
	}
	svg, err = figureSVG(f, drawn)
	if err != nil {
		return nil, ReportFigure{}, err
	}
	if h := printMaxHeight(reportChartMaxMM); f.Height > h {
		f.Height = h
		if drawn, err = r.drawSVG(ctx, f); err != nil {
			return nil, ReportFigure{}, err
		}
	}
	chart, err := pdfChart(drawn)
	if err != nil {
		return nil, ReportFigure{}, err
	}
	return svg, figureOf(d, f, chart), nil
}

// RenumberIDs renames the ids and classes of a figure's SVG, named for
// prefix (ReportFigure.IDs), to newPrefix: a dashboard shown twice in one
// document must not hold an id twice.
func RenumberIDs(svg, prefix, newPrefix string) (string, error) {
	return renumberIDs(svg, prefixNames(prefix), newPrefix)
}

// DataLine is the caption's paragraph on the data: the data version and
// the day of the export.
func DataLine(version int64, changed time.Time, st Stamp, lang string) string {
	return dataLine(version, changed, st, lang)
}

// FiltersLine says which filters (FilterText) are set.
func FiltersLine(filters []string, lang string) string { return filtersLine(filters, lang) }

// PrivacyLine says how counts of people under rule are shown.
func PrivacyLine(rule privacy.Rule, lang string) string { return privacyLine(rule, lang) }

// SourceText cites a source: "Authors (year): title, URL".
func SourceText(s gap.SourceRef) string { return sourceText(s) }

// RecText cites a recommendation: "GRETA 3, GRETA(2017)10 §123 (2017): summary".
func RecText(r gap.RecommendationRef) string { return recText(r) }

// FooterText is the text of every page's footer of a printed report,
// before the page number.
func FooterText(title string, version int64, changed time.Time, st Stamp, lang string) string {
	return footerText(title, version, changed, st, lang)
}

// Word returns the export word for key in lang (a key missing in lang
// falls back to "en"), or key itself.
func Word(lang, key string) string { return xword(lang, key) }

// Wordf formats the export word for key in lang with args.
func Wordf(lang, key string, args ...any) string { return xwordf(lang, key, args...) }

// HasWord reports whether lang has its own message key among the export
// words (the locale's chart domain).
func HasWord(lang, key string) bool { return words().Has(lang, key) }
