package middleware

import (
	"fmt"
	"net/http"

	"github.com/gapmap/gapmap/graph"
)

// CodeURITooLong is the error code of a query string over MaxQueryBytes.
const CodeURITooLong = "uri_too_long"

// MaxQueryBytes bounds the query string of a request. The longest link
// gapmap makes, a dashboard with every filter value of the Norwegian seed
// chosen, is under 2 KB.
const MaxQueryBytes = 8 << 10

// LimitQuery refuses a request whose query string is longer than
// MaxQueryBytes, before any handler parses it: fail writes the error, of
// code CodeURITooLong (a 414).
func LimitQuery(fail Fail) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if len(r.URL.RawQuery) > MaxQueryBytes {
				fail(w, r, &graph.Error{Code: CodeURITooLong, Field: "query",
					Message: fmt.Sprintf("the query string is %d bytes; at most %d", len(r.URL.RawQuery), MaxQueryBytes)})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
