package web

import (
	"fmt"
	"net/http"

	"github.com/gapmap/gapmap/graph"
)

// maxQueryBytes bounds the query string of a request. The longest link
// gapmap makes, a dashboard with every filter value of the Norwegian seed
// chosen, is under 2 KB.
const maxQueryBytes = 8 << 10

// limitURL refuses a request whose query string is longer than
// maxQueryBytes with 414, before any handler parses it.
func (s *Server) limitURL(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery) > maxQueryBytes {
			s.serveError(w, r, &graph.Error{Code: codeURITooLong, Field: "query",
				Message: fmt.Sprintf("the query string is %d bytes; at most %d", len(r.URL.RawQuery), maxQueryBytes)})
			return
		}
		next.ServeHTTP(w, r)
	})
}
