package graph_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

func TestErrors(t *testing.T) {
	field := graph.FieldError("Service rosa", "funding", "unknown value %q", "grant")
	for _, test := range []struct {
		name         string
		err          error
		code, msg    string
		errorMessage string
	}{
		{"nil", nil, "", "", ""},
		{"field error", field, graph.EINVALID, `Service rosa: funding: unknown value "grant"`, `Service rosa: funding: unknown value "grant"`},
		{"wrapped", fmt.Errorf("apply: %w", field), graph.EINVALID, `apply: Service rosa: funding: unknown value "grant"`, `Service rosa: funding: unknown value "grant"`},
		{"no node or field", graph.Errorf(graph.ENOTFOUND, "no %s", "x"), graph.ENOTFOUND, "no x", "no x"},
		{"plain", errors.New("disk on fire"), graph.EINTERNAL, "disk on fire", "internal error"},
	} {
		t.Run(test.name, func(t *testing.T) {
			if got := graph.ErrorCode(test.err); got != test.code {
				t.Errorf("ErrorCode = %q, want %q", got, test.code)
			}
			if got := graph.ErrorMessage(test.err); got != test.errorMessage {
				t.Errorf("ErrorMessage = %q, want %q", got, test.errorMessage)
			}
			if test.err != nil && test.err.Error() != test.msg {
				t.Errorf("Error() = %q, want %q", test.err.Error(), test.msg)
			}
		})
	}
}
