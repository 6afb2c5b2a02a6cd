package web

import (
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
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
	r.MethodNotAllowedHandler = s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return &graph.Error{Code: codeMethodNotAllowed, Message: "method " + r.Method + " is not allowed here"}
	})

	s.registerRoutes(r)

	var h http.Handler = r
	h = s.crossOrigin(h)
	h = s.withSession(h)
	h = s.limitURL(h)
	h = s.withLang(h)
	h = securityHeaders(h)
	h = s.recoverPanic(h)
	h = s.accessLog(h)
	h = withRequestID(h)
	return h
}

// registerRoutes registers every resource's routes on r.
func (s *Server) registerRoutes(r *mux.Router) {
	s.registerHealthRoutes(r)
	s.registerStaticRoutes(r)
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

// readMethods are the methods of the read-only routes.
var readMethods = []string{http.MethodGet, http.MethodHead}
