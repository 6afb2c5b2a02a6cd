package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

// registerEvidenceRoutes registers the JSON API of the evidence map,
// /api/v1/evidence?country=..&design=..; the page is the dashboard
// /dashboards/evidence.
func (s *Server) registerEvidenceRoutes(r *mux.Router) {
	r.Handle("/api/v1/evidence", s.handle(s.apiEvidence)).Methods(readMethods...)
	s.registerStudyRoutes(r)
	s.registerStudyForm(r)
}

// apiEvidence is the evidence map as JSON: the cells with the ids of their
// studies (an empty list is a gap in knowledge), the studies with every
// tag and its confidence, the studies on no cell, and the column notes.
type apiEvidence struct {
	Version int64 `json:"version"`
	*evidence.Map
}

// apiEvidence serves GET /api/v1/evidence.
func (s *Server) apiEvidence(w http.ResponseWriter, r *http.Request) error {
	f, err := evidenceFilterOf(r.URL.Query())
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, "application/json", apiEvidence{Version: l.Version(), Map: evidence.Build(l, f)})
}

// evidenceFilterOf reads the evidence map's filter from a query string:
// country and design, each at most once.
func evidenceFilterOf(v url.Values) (evidence.Filter, error) {
	for _, key := range []string{"country", "design"} {
		if len(v[key]) > 1 {
			return evidence.Filter{}, graph.FieldError("query", key, "give one value, not %d", len(v[key]))
		}
	}
	return evidence.ParseFilter(v.Get("country"), v.Get("design"))
}

// evidenceFilterForm is the filter form of the evidence dashboard: where
// the data come from, and the design.
func evidenceFilterForm(req dashRequest, lang string) ([]dashSelect, []string) {
	var active []string
	country := dashSelect{Param: "country", Label: translate(lang, "evidence.filter.country")}
	for _, c := range evidence.CountryFilters {
		value := c
		if c == evidence.CountryGlobal {
			value = ""
		}
		sel := req.evidence.Country == c || c == evidence.CountryGlobal && req.evidence.Country == ""
		country.Options = append(country.Options, dashOption{Value: value, Label: dashboards.CountryFilterLabel(lang, c), Selected: sel})
		if sel && value != "" {
			active = append(active, country.Label+": "+dashboards.CountryFilterLabel(lang, c))
		}
	}
	if c := req.evidence.Country; c != "" && !slices.Contains(evidence.CountryFilters, c) {
		country.Options = append(country.Options, dashOption{Value: c, Label: dashboards.CountryFilterLabel(lang, c), Selected: true})
		active = append(active, country.Label+": "+dashboards.CountryFilterLabel(lang, c))
	}
	design := dashSelect{Param: "design", Label: translate(lang, "evidence.filter.design"),
		Options: []dashOption{{Value: "", Label: translate(lang, "filter.all"), Selected: req.evidence.Design == ""}}}
	for _, d := range graph.Designs {
		sel := req.evidence.Design == d
		design.Options = append(design.Options, dashOption{Value: string(d), Label: dashboards.DesignLabel(lang, d), Selected: sel})
		if sel {
			active = append(active, design.Label+": "+dashboards.DesignLabel(lang, d))
		}
	}
	return []dashSelect{country, design}, active
}

// chosenCell returns the cell key names ("theme.participants"), or nil.
func chosenCell(v *dashboards.EvidenceView, key string) *dashboards.EvidenceCell {
	for i := range v.Cells {
		if v.Cells[i].Key == key {
			return &v.Cells[i]
		}
	}
	return nil
}
