package web

import (
	"net/http"

	"github.com/gapmap/gapmap/graph"
)

// Error codes of the web layer, beside graph's codes.
const (
	codeMethodNotAllowed = "method_not_allowed"
	codeUnavailable      = "unavailable" // no landscape loaded yet
)

// codeStatus maps error codes to HTTP statuses. It is the one table: any
// other code (graph.EINTERNAL and plain errors) is a 500 whose details are
// logged and hidden. EINVALID is a 400 because every input the read-only
// routes take is in the URL.
var codeStatus = map[string]int{
	graph.ENOTFOUND:      http.StatusNotFound,
	graph.EINVALID:       http.StatusBadRequest,
	graph.ECONFLICT:      http.StatusConflict,
	codeMethodNotAllowed: http.StatusMethodNotAllowed,
	codeUnavailable:      http.StatusServiceUnavailable,
}

// problem is an RFC 9457 problem detail, with the domain error code and the
// request id as extension members.
type problem struct {
	Type      string `json:"type"`
	Title     string `json:"title"`
	Status    int    `json:"status"`
	Detail    string `json:"detail,omitempty"`
	Instance  string `json:"instance,omitempty"`
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
}

// newProblem describes err for r's client. An internal error's message is
// replaced with a generic one.
func newProblem(r *http.Request, err error) problem {
	code := graph.ErrorCode(err)
	status, ok := codeStatus[code]
	if !ok {
		code, status = graph.EINTERNAL, http.StatusInternalServerError
	}
	detail := graph.ErrorMessage(err)
	if status == http.StatusInternalServerError {
		detail = "internal error; the request id identifies it in the server log"
	}
	return problem{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  r.URL.Path,
		Code:      code,
		RequestID: requestID(r.Context()),
	}
}

// writeProblem writes p as application/problem+json.
func writeProblem(w http.ResponseWriter, p problem) {
	if p.Status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD")
	}
	// A problem cannot fail to encode: it holds only strings and an int.
	_ = writeJSON(w, p.Status, "application/problem+json", p)
}
