package chart

import (
	"cmp"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// ChartWidth is the width of an exported chart in CSS pixels (the PNG at
// scale 1); its height is the dashboard's.
const ChartWidth = 1000

// Stamp is what an export names besides its content: the day it was made
// and the gapmap that made it. The same inputs and the same Stamp give the
// same files.
type Stamp struct {
	// Date is the day of the export; the zero Date means today (UTC).
	Date time.Time
	// Gapmap is gapmap's version.
	Gapmap string
}

// Day returns the stamp's date as YYYY-MM-DD.
func (s Stamp) Day() string {
	d := s.Date
	if d.IsZero() {
		d = time.Now()
	}
	return d.UTC().Format(time.DateOnly)
}

// Time returns the stamp's day at midnight UTC: the date a PDF records.
func (s Stamp) Time() time.Time {
	t, _ := time.Parse(time.DateOnly, s.Day()) // Day is a valid date
	return t
}

// Figure is one chart as a file shows it: the ECharts option and the
// caption and footnote that make the file citable on its own.
type Figure struct {
	Dashboard string
	Lang      string
	// Title heads the caption.
	Title string
	// Caption are the caption's further paragraphs: what the chart shows,
	// the filters, the data version and the date.
	Caption []string
	// Footnote are its paragraphs: the sources, how small counts are shown.
	Footnote []string
	Option   json.RawMessage
	// Width and Height are the chart's size in CSS pixels, without the
	// caption and footnote.
	Width, Height int
}

// Figure returns the chart of d as a figure stamped with st.
func (d *Dashboard) Figure(st Stamp) Figure {
	f := Figure{
		Dashboard: d.Name,
		Lang:      d.Lang,
		Title:     DashboardTitle(d.Name, d.Lang),
		Option:    d.Option,
		Width:     ChartWidth,
		Height:    d.View.Height,
	}
	if f.Height <= 0 {
		f.Height = 420
	}
	f.Caption = d.captionLines(st)
	f.Footnote = []string{sourcesLine(d.View.Sources, d.Lang), privacyLine(d.Query.Privacy, d.Lang)}
	return f
}

// captionLines are the caption's paragraphs after the title.
func (d *Dashboard) captionLines(st Stamp) []string {
	var out []string
	if c := d.View.Table.Caption; c != "" {
		out = append(out, c)
	}
	if d.Scenario != nil && d.Scenario.Name != "" {
		out = append(out, xwordf(d.Lang, "caption.scenario", d.Scenario.Name))
	}
	if d.SizeBy == dashboards.SizeByCapacity {
		out = append(out, xword(d.Lang, "caption.size"))
	}
	out = append(out, filtersLine(d.Filters, d.Lang), dataLine(d.Version, d.Changed, st, d.Lang))
	return out
}

// dataLine is the caption's paragraph on the data: the data version and the
// day of the export.
func dataLine(version int64, changed time.Time, st Stamp, lang string) string {
	return xwordf(lang, "caption.data", dataversion.Text(version, changed, lang), st.Day())
}

// filtersLine says which filters are set.
func filtersLine(filters []string, lang string) string {
	if len(filters) == 0 {
		return xword(lang, "caption.nofilter")
	}
	return xwordf(lang, "caption.filters", strings.Join(filters, "; "))
}

// sourcesLine lists sources in one paragraph.
func sourcesLine(srcs []gap.SourceRef, lang string) string {
	if len(srcs) == 0 {
		return xword(lang, "foot.nosources")
	}
	refs := make([]string, len(srcs))
	for i, s := range srcs {
		refs[i] = sourceText(s)
	}
	return xwordf(lang, "foot.sources", strings.Join(refs, "; "))
}

// sourceText cites a source: "Authors (year): title, URL".
func sourceText(s gap.SourceRef) string {
	var b strings.Builder
	if s.Authors != "" {
		b.WriteString(s.Authors)
		if s.Year != 0 {
			fmt.Fprintf(&b, " (%d)", s.Year)
		}
		b.WriteString(": ")
	} else if s.Year != 0 {
		fmt.Fprintf(&b, "(%d) ", s.Year)
	}
	b.WriteString(cmp.Or(s.Title, s.ID))
	if s.URL != "" {
		b.WriteString(", " + s.URL)
	}
	return b.String()
}

// recText cites a recommendation: "GRETA 3, GRETA(2017)10 §123 (2017): summary".
func recText(r gap.RecommendationRef) string {
	var b strings.Builder
	b.WriteString(string(r.Body))
	if r.Round != "" {
		b.WriteString(" " + r.Round)
	}
	if r.Reference != "" {
		b.WriteString(", " + r.Reference)
	}
	if r.Paragraph != "" {
		b.WriteString(" §" + r.Paragraph)
	}
	if r.Year != 0 {
		fmt.Fprintf(&b, " (%d)", r.Year)
	}
	b.WriteString(": " + r.Summary)
	return b.String()
}

// privacyLine says how counts of people are shown under rule.
func privacyLine(rule privacy.Rule, lang string) string {
	rule = rule.Normalize()
	if rule.Step > 1 {
		return xwordf(lang, "foot.step", rule.Threshold, rule.Label(), rule.Step)
	}
	return xwordf(lang, "foot.privacy", rule.Threshold, rule.Label())
}

// paragraphs returns the caption and the footnote as the chart page lays
// them out.
func (f Figure) paragraphs() (caption, footnote []paragraph) {
	caption = append(caption, paragraph{Text: f.Title, Size: 17, Bold: true})
	for _, c := range f.Caption {
		caption = append(caption, paragraph{Text: c, Size: 13})
	}
	for _, c := range f.Footnote {
		footnote = append(footnote, paragraph{Text: c, Size: 11, Grey: true})
	}
	return caption, footnote
}
