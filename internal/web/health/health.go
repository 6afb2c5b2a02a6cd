package health

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// Landscapes gives the current landscape snapshot; nil while none is loaded.
type Landscapes interface {
	Landscape() *graph.Landscape
}

// Versioner reports the store's landscape version; readiness asks it.
type Versioner interface {
	Version(ctx context.Context) (int64, error)
}

// Checks answers liveness and readiness.
type Checks struct {
	Landscapes Landscapes
	// Store is asked whether it answers; nil skips the question.
	Store Versioner
	// Timeout bounds the store's answer.
	Timeout time.Duration
	Log     *slog.Logger
}

// Register registers liveness and readiness on r, for methods.
func (c *Checks) Register(r *mux.Router, methods ...string) {
	r.HandleFunc("/healthz", c.handleHealthz).Methods(methods...)
	r.HandleFunc("/readyz", c.handleReadyz).Methods(methods...)
}

// handleHealthz reports that the process serves HTTP.
func (c *Checks) handleHealthz(w http.ResponseWriter, r *http.Request) {
	writeText(w, http.StatusOK, "ok\n")
}

// handleReadyz reports 200 when a landscape is loaded and the store
// answers within Timeout, 503 otherwise. The store's error is logged, not
// shown.
func (c *Checks) handleReadyz(w http.ResponseWriter, r *http.Request) {
	if c.Landscapes.Landscape() == nil {
		writeText(w, http.StatusServiceUnavailable, "not ready: no landscape loaded\n")
		return
	}
	if c.Store != nil {
		ctx, cancel := context.WithTimeout(r.Context(), c.Timeout)
		defer cancel()
		if _, err := c.Store.Version(ctx); err != nil {
			c.Log.WarnContext(r.Context(), "readiness: store does not answer", "err", err,
				"request_id", middleware.RequestID(r.Context()))
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
