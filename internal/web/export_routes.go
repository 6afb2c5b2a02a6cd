package web

import (
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/web/exportjobs"
)

// exportHandlers serve the downloads of the dashboards: a chart as SVG, PNG
// or PDF and a table as CSV or XLSX, each built from the dashboard of the
// same filters and language as the page; and the GRETA response pack, made
// in the background as a job whose status page refreshes until it can be
// downloaded.
type exportHandlers struct {
	s    *Server
	dash *dashHandlers
	cfg  Exports
	jobs *exportjobs.Jobs
}

// registerExportRoutes registers the downloads:
//
//	GET  /exports/{dashboard}.svg|png|pdf|csv|xlsx   the dashboard's filters
//	                                                as the query; ?scale=2 (PNG)
//	POST /exports/pack                               same-origin; redirects to
//	GET  /exports/jobs/{id}                          the job's status page
//	GET  /exports/jobs/{id}/download                 the pack, once done
//
// Jobs live in the memory of this instance (see package exportjobs).
func (s *Server) registerExportRoutes(r *mux.Router) {
	cfg := s.exports.withDefaults()
	e := &exportHandlers{s: s, dash: &dashHandlers{s: s}, cfg: cfg, jobs: s.packs}
	r.Handle("/exports/pack", s.handle(e.startPack)).Methods(http.MethodPost)
	r.Handle("/exports/jobs/{id}", s.handle(e.jobPage)).Methods(readMethods...)
	r.Handle("/exports/jobs/{id}/download", e.handleFile(e.download)).Methods(readMethods...)
	r.Handle("/exports/{name:[a-z]+}.{format:svg|png|pdf|csv|xlsx}", e.handleFile(e.file)).Methods(readMethods...)
}

// handleFile adapts a download handler: its errors are RFC 9457 problems
// (application/problem+json), as the API's, since what asked for a file
// wants no HTML page. A renderer that cannot run (no Chromium, no ECharts)
// is a 503 that says what is missing.
func (e *exportHandlers) handleFile(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		var un *chart.UnavailableError
		if errors.As(err, &un) {
			err = &graph.Error{Code: codeUnavailable, Message: un.Reason}
		}
		p := newProblem(r, err)
		if p.Status >= http.StatusInternalServerError {
			e.s.log.ErrorContext(r.Context(), "export failed", "err", err, "status", p.Status,
				"method", r.Method, "path", r.URL.Path, "request_id", requestID(r.Context()))
		}
		writeProblem(w, p)
	})
}
