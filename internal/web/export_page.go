package web

import (
	"net/url"
	"strings"
)

// ExportQuery is the query string of the dashboard page's downloads: its
// filters, its language, and the dashboard's own choice (the landscape's
// node size, the what-if example), so that a file shows what the page
// shows.
func (p dashPage) ExportQuery() string {
	v, _ := url.ParseQuery(p.Query) // Query is url.Values.Encode's output
	v.Set("lang", p.Lang)
	for _, sel := range p.Filters {
		if sel.Param != "size" {
			continue
		}
		for _, o := range sel.Options {
			if o.Selected && o.Value != "" {
				v.Set("size", o.Value)
			}
		}
	}
	if p.Built != nil && p.Built.ScenarioID != "" {
		v.Set("scenario", p.Built.ScenarioID)
	}
	return v.Encode()
}

// Exportable reports whether the page's dashboard can be downloaded by a
// link: not a what-if of an uploaded scenario, which no query string names.
func (p dashPage) Exportable() bool {
	return p.Built != nil && (p.Name != "whatif" || p.Built.ScenarioID != "")
}

// ExportURL is the link that downloads the page's dashboard as format:
// svg, png, png2 (PNG at twice the size), pdf, csv, csv-excel (CSV for
// Excel on Norwegian settings) or xlsx.
func (p dashPage) ExportURL(format string) string {
	q := p.ExportQuery()
	if f, ok := strings.CutSuffix(format, "2"); ok {
		format, q = f, q+"&scale=2"
	}
	if f, ok := strings.CutSuffix(format, "-excel"); ok {
		format, q = f, q+"&csv=excel"
	}
	u := url.URL{Path: "/exports/" + p.Name + "." + format, RawQuery: q}
	return u.String()
}

// PackURL is where the page's pack form posts.
func (p dashPage) PackURL() string {
	u := url.URL{Path: "/exports/pack", RawQuery: p.ExportQuery()}
	return u.String()
}
