package web

import (
	"errors"
	"net/http"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/web/exportjobs"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// Error codes of the web layer, beside graph's codes.
const (
	codeMethodNotAllowed = "method_not_allowed"
	codeUnavailable      = exportjobs.CodeUnavailable // no landscape loaded yet, no room for a job
	// The write API (api_write.go).
	codePreconditionFailed   = "precondition_failed"   // If-Match names a stale version
	codePreconditionRequired = "precondition_required" // a write without If-Match
	codeUnsupportedMedia     = "unsupported_media_type"
	codeTooLarge             = "too_large"
	codeURITooLong           = middleware.CodeURITooLong
	codeTooMany              = exportjobs.CodeTooMany // a client over its share (Retry-After says when to retry)
)

// codeStatus maps error codes to HTTP statuses. It is the one table: any
// other code (graph.EINTERNAL and plain errors) is a 500 whose details are
// logged and hidden. EINVALID is a 400 because every input the read-only
// routes take is in the URL. It maps auth's codes too (errorCode reads them
// from an *auth.Error): auth.EINVALID, auth.ENOTFOUND and auth.ECONFLICT are
// spelt as graph's codes of the same meaning, so their rows are graph's.
var codeStatus = map[string]int{
	graph.ENOTFOUND:      http.StatusNotFound,
	graph.EINVALID:       http.StatusBadRequest,
	graph.ECONFLICT:      http.StatusConflict,
	codeMethodNotAllowed: http.StatusMethodNotAllowed,
	codeUnavailable:      http.StatusServiceUnavailable,

	auth.EUNAUTHORIZED:       http.StatusUnauthorized,
	auth.EFORBIDDEN:          http.StatusForbidden,
	auth.ELIMITED:            http.StatusTooManyRequests,
	auth.EBUSY:               http.StatusServiceUnavailable,
	codePreconditionFailed:   http.StatusPreconditionFailed,
	codePreconditionRequired: http.StatusPreconditionRequired,
	codeUnsupportedMedia:     http.StatusUnsupportedMediaType,
	codeTooLarge:             http.StatusRequestEntityTooLarge,
	codeURITooLong:           http.StatusRequestURITooLong,
	codeTooMany:              http.StatusTooManyRequests,
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
	// Field names the input field at fault of an invalid request, and
	// Errors lists every field at fault (the write API).
	Field  string         `json:"field,omitempty"`
	Errors []fieldProblem `json:"errors,omitempty"`
}

// newProblem describes err for r's client. An internal error's message is
// replaced with a generic one.
func newProblem(r *http.Request, err error) problem {
	code := errorCode(err)
	status, ok := codeStatus[code]
	if !ok {
		code, status = graph.EINTERNAL, http.StatusInternalServerError
	}
	detail := errorMessage(err)
	if status == http.StatusInternalServerError {
		detail = "internal error; the request id identifies it in the server log"
	}
	p := problem{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  r.URL.Path,
		Code:      code,
		RequestID: requestID(r.Context()),
	}
	if field, _, ok := errorFault(err); ok && status < http.StatusInternalServerError {
		p.Field = field
	}
	var fe *fieldErrors
	if errors.As(err, &fe) {
		p.Errors = fe.problems()
		if len(p.Errors) > 0 {
			p.Field = p.Errors[0].Field
		}
	}
	return p
}

// writeProblem writes p as application/problem+json.
func writeProblem(w http.ResponseWriter, p problem) {
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gapmap"`)
	}
	// A problem cannot fail to encode: it holds only strings and an int.
	_ = writeJSON(w, p.Status, "application/problem+json", p)
}

// errorCode returns the code of err: auth's for an account error (an
// *auth.Error in its chain), graph's otherwise.
func errorCode(err error) string {
	if _, ok := auth.AsError(err); ok {
		return auth.ErrorCode(err)
	}
	return graph.ErrorCode(err)
}

// errorMessage returns the user-readable message of err, an account error's
// or a domain error's; any other error gives a generic message.
func errorMessage(err error) string {
	if _, ok := auth.AsError(err); ok {
		return auth.ErrorMessage(err)
	}
	return graph.ErrorMessage(err)
}

// errorFault returns the field at fault and the bare message of the
// *auth.Error or *graph.Error in err's chain; ok is false if it has neither.
func errorFault(err error) (field, msg string, ok bool) {
	if ae, ok := auth.AsError(err); ok {
		return ae.Field, ae.Message, true
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.Field, ge.Message, true
	}
	return "", "", false
}
