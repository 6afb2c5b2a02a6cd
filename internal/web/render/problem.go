package render

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
	CodeMethodNotAllowed = "method_not_allowed"
	CodeUnavailable      = exportjobs.CodeUnavailable // no landscape loaded yet, no room for a job
	// The write API (api_write.go).
	CodePreconditionFailed   = "precondition_failed"   // If-Match names a stale version
	CodePreconditionRequired = "precondition_required" // a write without If-Match
	CodeUnsupportedMedia     = "unsupported_media_type"
	CodeTooLarge             = "too_large"
	CodeURITooLong           = middleware.CodeURITooLong
	CodeTooMany              = exportjobs.CodeTooMany // a client over its share (Retry-After says when to retry)
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
	CodeMethodNotAllowed: http.StatusMethodNotAllowed,
	CodeUnavailable:      http.StatusServiceUnavailable,

	auth.EUNAUTHORIZED:       http.StatusUnauthorized,
	auth.EFORBIDDEN:          http.StatusForbidden,
	auth.ELIMITED:            http.StatusTooManyRequests,
	auth.EBUSY:               http.StatusServiceUnavailable,
	CodePreconditionFailed:   http.StatusPreconditionFailed,
	CodePreconditionRequired: http.StatusPreconditionRequired,
	CodeUnsupportedMedia:     http.StatusUnsupportedMediaType,
	CodeTooLarge:             http.StatusRequestEntityTooLarge,
	CodeURITooLong:           http.StatusRequestURITooLong,
	CodeTooMany:              http.StatusTooManyRequests,
}

// Problem is an RFC 9457 problem detail, with the domain error code and the
// request id as extension members.
type Problem struct {
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
	Errors []FieldProblem `json:"errors,omitempty"`
}

// FieldProblem is one field at fault in a form or an API request.
type FieldProblem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// fieldLister is an error that lists every field at fault of an input
// (the web package's form and API checks).
type fieldLister interface {
	error
	FieldProblems() []FieldProblem
}

// NewProblem describes err for r's client. An internal error's message is
// replaced with a generic one.
func NewProblem(r *http.Request, err error) Problem {
	code := ErrorCode(err)
	status, ok := codeStatus[code]
	if !ok {
		code, status = graph.EINTERNAL, http.StatusInternalServerError
	}
	detail := ErrorMessage(err)
	if status == http.StatusInternalServerError {
		detail = "internal error; the request id identifies it in the server log"
	}
	p := Problem{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  r.URL.Path,
		Code:      code,
		RequestID: middleware.RequestID(r.Context()),
	}
	if field, _, ok := ErrorFault(err); ok && status < http.StatusInternalServerError {
		p.Field = field
	}
	var fe fieldLister
	if errors.As(err, &fe) {
		p.Errors = fe.FieldProblems()
		if len(p.Errors) > 0 {
			p.Field = p.Errors[0].Field
		}
	}
	return p
}

// WriteProblem writes p as application/problem+json.
func WriteProblem(w http.ResponseWriter, p Problem) {
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="gapmap"`)
	}
	// A problem cannot fail to encode: it holds only strings and an int.
	_ = WriteJSON(w, p.Status, "application/problem+json", p)
}

// ErrorCode returns the code of err: auth's for an account error (an
// *auth.Error in its chain), graph's otherwise.
func ErrorCode(err error) string {
	if _, ok := auth.AsError(err); ok {
		return auth.ErrorCode(err)
	}
	return graph.ErrorCode(err)
}

// ErrorMessage returns the user-readable message of err, an account error's
// or a domain error's; any other error gives a generic message.
func ErrorMessage(err error) string {
	if _, ok := auth.AsError(err); ok {
		return auth.ErrorMessage(err)
	}
	return graph.ErrorMessage(err)
}

// ErrorFault returns the field at fault and the bare message of the
// *auth.Error or *graph.Error in err's chain; ok is false if it has neither.
func ErrorFault(err error) (field, msg string, ok bool) {
	if ae, ok := auth.AsError(err); ok {
		return ae.Field, ae.Message, true
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.Field, ge.Message, true
	}
	return "", "", false
}
