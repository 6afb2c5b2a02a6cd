package chart

import (
	"fmt"
	"strings"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// Tables returns the tables of dashboard d for spreadsheets: the table
// under the chart first, then the dashboard's further tables (the what-if
// scenario's changes and cells). Each table's caption says what it shows,
// with which filters, from which data version and on which day; its
// footnote cites the dashboard's sources and recommendations and says how
// small counts are shown. Counts of people are already text, "<5" when
// under the threshold.
func (d *Dashboard) Tables(st Stamp) []*tablefile.Table {
	all := append([]dashboards.Table{d.View.Table}, d.View.More...)
	out := make([]*tablefile.Table, 0, len(all))
	title := DashboardTitle(d.Name, d.Lang)
	// The caption's lines after the main table's caption: the filters, the
	// data version and the date.
	rest := d.captionLines(st)
	if d.View.Table.Caption != "" {
		rest = rest[1:]
	}
	for i, t := range all {
		caption := rest
		if t.Caption != "" {
			caption = append([]string{t.Caption}, rest...)
		}
		x := &tablefile.Table{Title: title, Caption: strings.Join(caption, " "), Footnote: d.tableFootnote(), Version: d.Version, Changed: d.Changed}
		if i > 0 {
			x.Title = fmt.Sprintf("%s (%d)", title, i+1)
		}
		for _, c := range t.Columns {
			x.Columns = append(x.Columns, c.Label)
			x.Numeric = append(x.Numeric, c.Numeric)
		}
		for _, r := range t.Rows {
			row := make([]string, len(r))
			for j, c := range r {
				row[j] = c.Text
			}
			x.Rows = append(x.Rows, row)
		}
		out = append(out, x)
	}
	return out
}

// tableFootnote is the footnote of d's tables, one line each: the sources,
// the recommendations and how small counts are shown.
func (d *Dashboard) tableFootnote() string {
	lines := []string{sourcesLine(d.View.Sources, d.Lang)}
	if len(d.View.Recommendations) > 0 {
		lines = append(lines, xword(d.Lang, "pdf.recs")+":")
		lines = append(lines, recTexts(d.View.Recommendations)...)
	}
	lines = append(lines, privacyLine(d.Query.Privacy, d.Lang))
	return strings.Join(lines, "\n")
}
