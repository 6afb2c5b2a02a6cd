package render

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

func TestNewProblem(t *testing.T) {
	for _, test := range []struct {
		name   string
		err    error
		status int
		code   string
		detail string
	}{
		{"not found", graph.Errorf(graph.ENOTFOUND, "no Service with id %q", "x"), 404, "not_found", `no Service with id "x"`},
		{"invalid", graph.FieldError("query", "q", "too long"), 400, "invalid", "query: q: too long"},
		{"conflict", fmt.Errorf("update: %w", graph.Errorf(graph.ECONFLICT, "stale version")), 409, "conflict", "stale version"},
		{"unavailable", &graph.Error{Code: CodeUnavailable, Message: "not loaded"}, 503, "unavailable", "not loaded"},
		{"internal", graph.Errorf(graph.EINTERNAL, "bolt: file locked"), 500, "internal", ""},
		{"plain", errors.New("neo4j: password rejected for user gapmap"), 500, "internal", ""},
		{"unknown code", &graph.Error{Code: "teapot", Message: "secret"}, 500, "internal", ""},
	} {
		t.Run(test.name, func(t *testing.T) {
			p := NewProblem(httptest.NewRequest("GET", "/api/v1/x", nil), test.err)
			if p.Status != test.status || p.Code != test.code {
				t.Errorf("status, code = %d, %q; want %d, %q", p.Status, p.Code, test.status, test.code)
			}
			if test.status == 500 {
				// Internal details never reach the client.
				if strings.Contains(p.Detail, "bolt") || strings.Contains(p.Detail, "password") || strings.Contains(p.Detail, "secret") {
					t.Errorf("detail leaks internals: %q", p.Detail)
				}
			} else if p.Detail != test.detail {
				t.Errorf("detail = %q, want %q", p.Detail, test.detail)
			}
		})
	}
}
