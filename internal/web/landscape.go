package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/graphfile"
	"github.com/gapmap/gapmap/internal/privacy"
)

// registerLandscapeRoutes registers the front page (the top findings), the
// landscape page and the whole graph in the JSON API.
func (s *Server) registerLandscapeRoutes(r *mux.Router) {
	r.Handle("/", s.handle(s.handleFrontPage)).Methods(readMethods...)
	r.Handle("/landscape", s.handle(s.handleLandscapePage)).Methods(readMethods...)
	r.Handle("/api/v1/landscape", s.handle(s.handleLandscapeAPI)).Methods(readMethods...)
}

// landscapePage is the data of the landscape page.
type landscapePage struct {
	page
	Query string
	// Option is the landscape chart's ECharts option; html/template writes
	// it, escaped, into a JSON data island.
	Option json.RawMessage
	Rows   []dashboards.ServiceRow
	// Total is the number of services in the landscape.
	Total int
}

// handleLandscapePage serves the landscape: the force graph and the table
// of services, filtered by ?q=.
func (s *Server) handleLandscapePage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	q, err := searchQuery(r)
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	all := graph.All[*graph.Service](l)
	services := all
	if q != "" {
		services = l.Search(q)
	}
	data := landscapePage{
		page:  s.newPage(r, translate(lang, "landscape.title")),
		Query: q,
		Rows:  dashboards.ServiceTable(l, services, lang),
		Total: len(all),
	}
	if data.Charts {
		data.Option, err = dashboards.Option(dashboards.LandscapeChart(l, lang))
		if err != nil {
			return fmt.Errorf("landscape chart: %w", err)
		}
	}
	return s.render(w, r, http.StatusOK, "landscape", data)
}

// apiLandscape is the whole graph in the JSON API.
type apiLandscape struct {
	Version int64             `json:"version"`
	Nodes   []json.RawMessage `json:"nodes"`
	Edges   []graph.Edge      `json:"edges"`
}

// handleLandscapeAPI serves every node (as the public sees it) and edge.
// The ETag is the landscape version, which every write changes.
func (s *Server) handleLandscapeAPI(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	etag := fmt.Sprintf(`"landscape-%d"`, l.Version())
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	out := apiLandscape{Version: l.Version(), Nodes: []json.RawMessage{}, Edges: orEmpty(l.Edges())}
	rule := privacy.Rule{Threshold: s.cfg.SuppressBelow, Step: s.cfg.SuppressStep}
	withheld, err := gap.WithheldGroups(l, rule) // the group sizes no gap result shows either
	if err != nil {
		return err
	}
	for _, n := range l.AllNodes() {
		b, err := graphfile.PublicNodeJSON(n, rule, withheld) // typed counts, as the JSON export
		if err != nil {
			return err
		}
		out.Nodes = append(out.Nodes, b)
	}
	return writeJSON(w, http.StatusOK, "application/json", out)
}
