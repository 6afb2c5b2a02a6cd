package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// dashPage is the data of a dashboard page.
type dashPage struct {
	page
	Name     string
	Question string
	Nav      []dashLink
	// Filters are the selects of the filter form; Active describes the
	// filters in effect.
	Filters []dashSelect
	Active  []string
	// Query is the filters as a query string, for links that keep them.
	Query  string
	APIURL string
	Built  *builtDashboard
	Option json.RawMessage
	// PhoneTable says the chart cannot be read on a phone: there the page
	// points to its table instead.
	PhoneTable bool
	// StageName names the stage the coverage dashboard shows.
	StageName string
	// Sources and Recs are what the dashboard cites, for the page.
	Sources []dashSource
	Recs    []gap.RecommendationRef
	// What-if: the example scenarios, the chosen one, an uploaded text and
	// the error it gave.
	Examples    []dashOption
	Upload      string
	UploadError string
	// Evidence: the evidence map's cells and notes, and the cell chosen
	// (by a click on the chart or a link of the table) with its studies.
	Evidence *dashboards.EvidenceView
	Cell     *dashboards.EvidenceCell
}

// dashLink is a link to a dashboard that keeps the filters.
type dashLink struct {
	Name, Label, Blurb, URL string
	Current                 bool
}

// dashSelect is one select of the filter form.
type dashSelect struct {
	Param, Label string
	Options      []dashOption
}

// dashOption is one option of a select.
type dashOption struct {
	Value, Label string
	Selected     bool
}

// dashSource is a cited source as the page lists it; Link is set only for
// http and https URLs.
type dashSource struct {
	gap.SourceRef
	Page string
	Link string
}

// page serves GET /dashboards/{name}.
func (d *dashHandlers) page(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["name"]
	if err := knownDashboard(name); err != nil {
		return err
	}
	req, err := d.s.dashRequestOf(r, name)
	if err != nil {
		return err
	}
	b, err := d.built(r.Context(), req)
	if err != nil {
		if name == "whatif" && graph.ErrorCode(err) == graph.EINVALID {
			// An example that does not fit this landscape: say so on the page.
			return d.render(w, r, http.StatusBadRequest, req, nil, "", graph.ErrorMessage(err))
		}
		return err
	}
	if r.Method != http.MethodGet || d.s.currentUser(r) != nil {
		return d.render(w, r, http.StatusOK, req, b, "", "")
	}
	// Readers who are not signed in all see the same page for a query.
	body, err := b.page(r.URL.RawQuery, func() ([]byte, error) {
		var buf bytes.Buffer
		rec := &bufferWriter{header: http.Header{}, buf: &buf}
		if err := d.render(rec, r, http.StatusOK, req, b, "", ""); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
	return nil
}

// bufferWriter is a ResponseWriter that keeps the body in buf.
type bufferWriter struct {
	header http.Header
	buf    *bytes.Buffer
}

func (bw *bufferWriter) Header() http.Header         { return bw.header }
func (bw *bufferWriter) Write(p []byte) (int, error) { return bw.buf.Write(p) }
func (bw *bufferWriter) WriteHeader(int)             {}

// upload serves POST /dashboards/whatif: the what-if dashboard of an
// uploaded scenario (a file or pasted text). An invalid scenario is shown
// on the page with its error, the text kept for correction.
func (d *dashHandlers) upload(w http.ResponseWriter, r *http.Request) error {
	text, err := readUpload(w, r, true)
	if err != nil {
		return err
	}
	req, err := d.s.dashRequestOf(r, "whatif")
	if err != nil {
		return err
	}
	req.upload, req.scenario = text, uploadKey(text)
	b, err := d.built(r.Context(), req)
	if err != nil {
		if graph.ErrorCode(err) != graph.EINVALID {
			return err
		}
		return d.render(w, r, http.StatusBadRequest, req, nil, string(text), graph.ErrorMessage(err))
	}
	return d.render(w, r, http.StatusOK, req, b, string(text), "")
}

// render renders dashboard b (nil when an upload failed).
func (d *dashHandlers) render(w http.ResponseWriter, r *http.Request, status int, req dashRequest, b *builtDashboard, upload, uploadErr string) error {
	l, err := d.s.landscape()
	if err != nil {
		return err
	}
	lang := req.lang
	data := dashPage{
		page:        d.s.newPage(r, translate(lang, "dash."+req.name)),
		Name:        req.name,
		Question:    translate(lang, "dash."+req.name+".question"),
		Query:       req.filters.Encode(),
		Built:       b,
		Upload:      upload,
		UploadError: uploadErr,
		PhoneTable:  phoneTable(req.name),
	}
	data.Nav = dashNav(lang, req.name, data.Query)
	data.Filters, data.Active = filterForm(l, req, lang)
	api := url.URL{Path: "/api/v1/charts/" + req.name, RawQuery: data.Query}
	data.APIURL = api.String()
	if b != nil {
		data.Option = b.Option
		if n, ok := l.Node(b.Stage); ok {
			data.StageName = n.Base().Label(lang)
		}
		for _, s := range b.View.Sources {
			data.Sources = append(data.Sources, dashSourceOf(l, s, lang))
		}
		data.Recs = b.View.Recommendations
		if b.View.Evidence != nil {
			data.Evidence = b.View.Evidence
			data.Cell = chosenCell(b.View.Evidence, r.URL.Query().Get("cell"))
		}
	}
	if req.name == "whatif" {
		examples, err := dashboards.Examples()
		if err != nil {
			return err
		}
		for _, e := range examples {
			sel := b != nil && b.ScenarioID == e.ID || b == nil && req.scenario == e.ID
			data.Examples = append(data.Examples, dashOption{Value: e.ID, Label: e.Title[lang], Selected: sel})
			if sel && upload == "" {
				data.Upload = e.Source
			}
		}
	}
	return d.s.render(w, r, status, "dash", data)
}

// phoneTable reports whether dashboard name's chart is too wide or too
// dense for a phone (a heatmap of every need, a sankey, a graph of every
// service): on a phone its table stands in for it.
func phoneTable(name string) bool {
	switch name {
	case "landscape", "coverage", "pathways":
		return true
	}
	return false
}

// index serves GET /dashboards: what each dashboard answers, with links
// that keep the filters.
func (d *dashHandlers) index(w http.ResponseWriter, r *http.Request) error {
	lang := langOf(r.Context())
	req, err := d.s.dashRequestOf(r, "")
	if err != nil {
		return err
	}
	data := dashPage{page: d.s.newPage(r, translate(lang, "dash.index")), Query: req.filters.Encode()}
	data.Nav = dashNav(lang, "", data.Query)
	return d.s.render(w, r, http.StatusOK, "dash_index", data)
}

// dashNav links every dashboard with the filters of query.
func dashNav(lang, current, query string) []dashLink {
	links := make([]dashLink, len(dashboardNames))
	for i, n := range dashboardNames {
		u := url.URL{Path: "/dashboards/" + n, RawQuery: query}
		links[i] = dashLink{Name: n, Label: translate(lang, "dash."+n), Blurb: translate(lang, "dash."+n+".question"),
			URL: u.String(), Current: n == current}
	}
	return links
}

// filterForm returns the selects of the filter form, their options named in
// lang and the request's values selected, and the filters in effect in words.
func filterForm(l *graph.Landscape, req dashRequest, lang string) ([]dashSelect, []string) {
	if req.name == "evidence" {
		return evidenceFilterForm(req, lang)
	}
	var sels []dashSelect
	var active []string
	add := func(param string, opts []dashOption) {
		chosen := req.filters[param]
		var names []string
		for i := range opts {
			for _, c := range chosen {
				if opts[i].Value == c {
					opts[i].Selected = true
					names = append(names, opts[i].Label)
				}
			}
		}
		label := translate(lang, "filter."+param)
		all := dashOption{Value: "", Label: translate(lang, "filter.all"), Selected: len(chosen) == 0}
		sels = append(sels, dashSelect{Param: param, Label: label, Options: append([]dashOption{all}, opts...)})
		if len(names) > 0 {
			active = append(active, label+": "+strings.Join(names, ", "))
		}
	}
	nodes := func(ns []graph.Node) []dashOption {
		out := make([]dashOption, len(ns))
		for i, n := range ns {
			out[i] = dashOption{Value: n.Base().ID, Label: n.Base().Label(lang)}
		}
		return out
	}
	var genders, ages []dashOption
	for _, g := range graph.Genders {
		genders = append(genders, dashOption{Value: string(g), Label: translateEnum(lang, "gender", string(g))})
	}
	for _, a := range graph.AgeBands {
		ages = append(ages, dashOption{Value: string(a), Label: translateEnum(lang, "age", string(a))})
	}
	var stages []graph.Node
	for _, s := range orderedStages(l) {
		stages = append(stages, s)
	}
	add("group", nodes(l.Nodes(graph.TypeGroup)))
	add("gender", genders)
	add("age", ages)
	add("status", nodes(l.Nodes(graph.TypeStatus)))
	add("exploitation", nodes(l.Nodes(graph.TypeExploitation)))
	add("region", nodes(l.Nodes(graph.TypeRegion)))
	add("stage", nodes(stages))
	add("need", nodes(l.Nodes(graph.TypeNeed)))
	if req.name == "landscape" {
		sels = append(sels, dashSelect{Param: "size", Label: translate(lang, "filter.size"), Options: []dashOption{
			{Value: "", Label: translate(lang, "filter.size.degree"), Selected: req.size == ""},
			{Value: dashboards.SizeByCapacity, Label: translate(lang, "filter.size.capacity"), Selected: req.size != ""},
		}})
	}
	return sels, active
}

// dashSourceOf is s as the page lists it, by its title: a source without
// one by its name in the landscape, never by its id.
func dashSourceOf(l *graph.Landscape, s gap.SourceRef, lang string) dashSource {
	ds := dashSource{SourceRef: s, Page: "/nodes/" + url.PathEscape(s.ID)}
	if u, err := url.Parse(s.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		ds.Link = s.URL
	}
	if ds.Title == "" {
		if n, ok := l.Node(s.ID); ok {
			ds.Title = n.Base().Label(lang)
		}
	}
	return ds
}
