package web

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/health"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// routes returns the router with every resource's routes, wrapped in the
// middleware (outermost first): request id, access log, panic recovery,
// security headers, language, the bound on the URL, session, cross-origin
// protection.
func (s *Server) routes() http.Handler {
	r := mux.NewRouter()
	r.NotFoundHandler = s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return graph.Errorf(graph.ENOTFOUND, "no page at %s", r.URL.Path)
	})
	notAllowed := s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &graph.Error{Code: codeMethodNotAllowed, Message: "method " + r.Method + " is not allowed here"}
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Allow", strings.Join(allowedMethods(r, req), ", "))
		notAllowed.ServeHTTP(w, req)
	})

	s.registerRoutes(r)

	var h http.Handler = r
	h = s.crossOrigin(h)
	h = middleware.Session(s.sessionUser)(h)
	h = middleware.LimitQuery(s.serveError)(h)
	h = middleware.Lang(s.cfg.Lang)(h)
	h = middleware.SecurityHeaders(h)
	h = middleware.Recover(s.log, s.serveError)(h)
	h = middleware.AccessLog(s.log)(h)
	h = middleware.WithRequestID(h)
	return h
}

// registerRoutes registers every resource's routes on r.
func (s *Server) registerRoutes(r *mux.Router) {
	checks := &health.Checks{Landscapes: s.lv, Store: s.store, Timeout: s.cfg.ReadyTimeout, Log: s.log}
	checks.Register(r, readMethods...)
	r.PathPrefix("/static/").Handler(s.handle(s.static.Serve)).Methods(readMethods...)
	s.registerLandscapeRoutes(r)
	s.registerServiceRoutes(r)
	s.registerNodeRoutes(r)
	s.registerDashboardRoutes(r)
	s.registerExportRoutes(r)
	s.registerGapRoutes(r)
	s.registerEditingRoutes(r)
	s.registerEvidenceRoutes(r)
	s.registerPathwayRoutes(r)
}

// routeMethods are the methods a route may have, in the order an Allow
// header names them.
var routeMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost,
	http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// allowedMethods returns the methods some route of router has for the
// path of req: what the Allow header of a 405 names.
func allowedMethods(router *mux.Router, req *http.Request) []string {
	var allow []string
	for _, m := range routeMethods {
		try := req.Clone(req.Context())
		try.Method = m
		var match mux.RouteMatch
		if router.Match(try, &match) && match.MatchErr == nil {
			allow = append(allow, m)
		}
	}
	return allow
}

// readMethods are the methods of the read-only routes.
var readMethods = []string{http.MethodGet, http.MethodHead}
