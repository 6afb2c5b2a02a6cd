package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gapmap/gapmap/graph"
)

// handlerFunc is a handler that returns its error instead of writing it.
// It must write nothing before it fails: pages and JSON are rendered into a
// buffer first.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts h to http.Handler: an error becomes a problem+json response
// under /api/ and an HTML error page elsewhere, its status taken from the
// one table in problem.go. Internal errors are logged and their details
// hidden.
func (s *Server) handle(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.serveError(w, r, err)
		}
	})
}

// serveError writes err as a problem (API) or an error page (HTML).
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	p := newProblem(r, err)
	if p.Status >= http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "err", err, "status", p.Status,
			"method", r.Method, "path", r.URL.Path, "request_id", requestID(r.Context()))
	}
	if isAPI(r) {
		writeProblem(w, p)
		return
	}
	s.renderError(w, r, p)
}

// isAPI reports whether r is a request to the JSON API.
func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// landscape returns the current snapshot, or an unavailable error while
// none is loaded.
func (s *Server) landscape() (*graph.Landscape, error) {
	l := s.lv.Landscape()
	if l == nil {
		return nil, &graph.Error{Code: codeUnavailable, Message: "the landscape is not loaded yet; try again shortly"}
	}
	return l, nil
}

// maxQuery is the longest search query accepted, in characters.
const maxQuery = 200

// searchQuery returns the trimmed ?q= of r; EINVALID if it is too long.
func searchQuery(r *http.Request) (string, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > maxQuery {
		return "", graph.FieldError("query", "q", "must be at most %d characters", maxQuery)
	}
	return q, nil
}

// writeJSON writes v as JSON with status. It encodes into a buffer first, so
// an encoding error is returned before anything is written.
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) error {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
	return nil
}
