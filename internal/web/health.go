package web

import (
	"context"
	"net/http"

	"github.com/gorilla/mux"
)

// registerHealthRoutes registers liveness and readiness.
func (s *Server) registerHealthRoutes(r *mux.Router) {
	r.HandleFunc("/healthz", s.handleHealthz).Methods(readMethods...)
	r.HandleFunc("/readyz", s.handleReadyz).Methods(readMethods...)
}

// handleHealthz reports that the process serves HTTP.
func (s *Server) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeText(w, http.StatusOK, "ok\n")
}

// handleReadyz reports 200 when a landscape is loaded and the store
// answers within Config.ReadyTimeout, 503 otherwise. The store's error is
// logged, not shown.
func (s *Server) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if s.lv.Landscape() == nil {
		writeText(w, http.StatusServiceUnavailable, "not ready: no landscape loaded\n")
		return
	}
	if s.store != nil {
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.ReadyTimeout)
		defer cancel()
		if _, err := s.store.Version(ctx); err != nil {
			s.log.WarnContext(r.Context(), "readiness: store does not answer", "err", err,
				"request_id", requestID(r.Context()))
			writeText(w, http.StatusServiceUnavailable, "not ready: store unavailable\n")
			return
		}
	}
	writeText(w, http.StatusOK, "ok\n")
}

// writeText writes a short plain-text response that no cache keeps.
func writeText(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
