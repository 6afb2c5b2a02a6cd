package web

import (
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// registerServiceRoutes registers the service profile page and the
// services of the JSON API.
func (s *Server) registerServiceRoutes(r *mux.Router) {
	r.Handle("/services/{id}", s.handle(s.handleServicePage)).Methods(readMethods...)
	r.Handle("/api/v1/services", s.handle(s.handleServicesAPI)).Methods(readMethods...)
	r.Handle("/api/v1/services/{id}", s.handle(s.handleServiceAPI)).Methods(readMethods...)
}

// servicePage is the data of a service's profile page.
type servicePage struct {
	page
	Service serviceView
	// CanEdit and CanHistory offer the signed-in user the editing form and
	// the history of the service.
	CanEdit    bool
	CanHistory bool
}

// handleServicePage serves the profile of one service.
func (s *Server) handleServicePage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	svc, err := graph.Lookup[*graph.Service](l, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	data := servicePage{
		page:    s.newPage(r, svc.Label(lang)),
		Service: newServiceView(l, svc, lang),
	}
	if u := data.User; u != nil {
		org := orgOf(l, svc.ID)
		data.CanEdit = auth.Can(u, auth.ActionEdit, org)
		data.CanHistory = auth.Can(u, auth.ActionReadHistory, org)
		if svc.ConfidentialAddress && auth.Can(u, auth.ActionReadConfidential, org) {
			data.Service.PrivateAddress = svc.Address
		}
		w.Header().Set("Cache-Control", "private, no-store")
	}
	return s.render(w, r, http.StatusOK, "service", data)
}

// apiServices is the list of services in the JSON API.
type apiServices struct {
	Version int64 `json:"version"`
	// Count is the number of services that match, on every page.
	Count int `json:"count"`
	// Offset and Limit are the page's (limit 0: every service from offset).
	Offset   int          `json:"offset"`
	Limit    int          `json:"limit,omitempty"`
	Services []apiService `json:"services"`
}

// handleServicesAPI serves every service, or those whose names match ?q=,
// a page at a time with ?limit= (at most MaxLimit) and ?offset=.
func (s *Server) handleServicesAPI(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	q, err := searchQuery(r)
	if err != nil {
		return err
	}
	services := graph.All[*graph.Service](l)
	if q != "" {
		services = l.Search(q)
	}
	v := r.URL.Query()
	limit, err := intParam(v, "limit", 0, MaxLimit)
	if err != nil {
		return err
	}
	offset, err := intParam(v, "offset", 0, 1<<30)
	if err != nil {
		return err
	}
	out := apiServices{Version: l.Version(), Count: len(services), Offset: offset, Limit: limit, Services: []apiService{}}
	services = services[min(offset, len(services)):]
	if limit > 0 {
		services = services[:min(limit, len(services))]
	}
	for _, svc := range services {
		out.Services = append(out.Services, newAPIService(l, svc))
	}
	return writeJSON(w, http.StatusOK, "application/json", out)
}

// handleServiceAPI serves one service. Its ETag is the service's version,
// the version an update must name. Edges do not change it, so the ETag is
// not used to answer If-None-Match.
func (s *Server) handleServiceAPI(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	svc, err := graph.Lookup[*graph.Service](l, mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	// With an API token of someone who may see it, the confidential
	// address is included, so that what the owner GETs can be PUT back.
	u, err := s.optionalAPIUser(r)
	if err != nil {
		return err
	}
	a := newAPIService(l, svc)
	if u != nil && auth.Can(u, auth.ActionReadConfidential, orgOf(l, svc.ID)) {
		a.Address = svc.Address
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Header().Set("ETag", fmt.Sprintf(`"%d"`, svc.Version))
	return writeJSON(w, http.StatusOK, "application/json", a)
}
