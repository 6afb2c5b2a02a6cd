package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gapmap/gapmap/internal/web/middleware"
)

// HandlerFunc is a handler that returns its error instead of writing it.
// It must write nothing before it fails: pages and JSON are rendered into a
// buffer first.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Errors is the one adapter from a handler's returned error to what the
// client gets: a problem+json response under /api/ and an HTML error page
// elsewhere, its status taken from the one table in problem.go. Internal
// errors are logged and their details hidden.
type Errors struct {
	Log       *slog.Logger
	Templates *Templates
	// Page returns the layout data of a page with title for r.
	Page func(r *http.Request, title string) Page
}

// Handle adapts h to http.Handler, its error served by Serve.
func (e Errors) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			e.Serve(w, r, err)
		}
	})
}

// Serve writes err as a problem (API) or an error page (HTML).
func (e Errors) Serve(w http.ResponseWriter, r *http.Request, err error) {
	p := NewProblem(r, err)
	if p.Status >= http.StatusInternalServerError {
		e.Log.ErrorContext(r.Context(), "request failed", "err", err, "status", p.Status,
			"method", r.Method, "path", r.URL.Path, "request_id", middleware.RequestID(r.Context()))
	}
	if IsAPI(r) {
		WriteProblem(w, p)
		return
	}
	e.RenderError(w, r, p)
}

// IsAPI reports whether r is a request to the JSON API.
func IsAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// WriteJSON writes v as JSON with status. It encodes into a buffer first, so
// an encoding error is returned before anything is written.
func WriteJSON(w http.ResponseWriter, status int, contentType string, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
	return nil
}
