package web

import (
	"context"
	"io/fs"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/render"
)

// The names below bring package render's pages, words, numbers and
// problems to the handlers of this package under the names they have
// always used, so that each handler file is unchanged by the split.

// page holds what the layout needs; every page's data embeds it.
type page = render.Page

// problem is an RFC 9457 problem detail.
type problem = render.Problem

// fieldProblem is one field at fault in a form or an API request.
type fieldProblem = render.FieldProblem

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc = render.HandlerFunc

// Error codes of the web layer, beside graph's codes: render's one table.
const (
	codeMethodNotAllowed     = render.CodeMethodNotAllowed
	codeUnavailable          = render.CodeUnavailable
	codePreconditionFailed   = render.CodePreconditionFailed
	codePreconditionRequired = render.CodePreconditionRequired
	codeUnsupportedMedia     = render.CodeUnsupportedMedia
	codeTooLarge             = render.CodeTooLarge
	codeURITooLong           = render.CodeURITooLong
	codeTooMany              = render.CodeTooMany
)

// fieldWords translate the messages of the service form's checks
// (edit_check.go, manage_form.go, manage_edit.go), keyed by their English
// format: the fields domain of internal/locale, read once and never
// changed after.
var fieldWords = render.MustDomain("fields")

func langOf(ctx context.Context) string               { return render.LangOf(ctx) }
func translate(lang, key string) string               { return render.Translate(lang, key) }
func translatef(lang, key string, args ...any) string { return render.Translatef(lang, key, args...) }
func translateEnum(lang, kind, value string) string   { return render.TranslateEnum(lang, kind, value) }
func formatInt(lang string, n int64) string           { return render.FormatInt(lang, n) }
func newProblem(r *http.Request, err error) problem   { return render.NewProblem(r, err) }
func writeProblem(w http.ResponseWriter, p problem)   { render.WriteProblem(w, p) }
func writeJSON(w http.ResponseWriter, status int, contentType string, v any) error {
	return render.WriteJSON(w, status, contentType, v)
}

// withTemplates makes the server parse the templates directory fsys
// instead of the embedded one, for tests.
func withTemplates(fsys fs.FS) Option {
	return func(s *Server) { s.templateFS = fsys }
}

// newPage returns the layout data of a page with title for r.
func (s *Server) newPage(r *http.Request, title string) page {
	lang := langOf(r.Context())
	other := render.OtherLang(lang)
	p := page{
		Lang:          lang,
		Title:         title,
		Charts:        s.static.Charts(),
		OtherLang:     other,
		OtherLangName: translate(other, "lang.name"),
		OtherLangURL:  render.SwitchURL(r, other),
		RequestID:     requestID(r.Context()),
		User:          s.currentUser(r),
		Editing:       s.edit != nil,
		Assets:        s.static,
	}
	if l := s.lv.Landscape(); l != nil {
		p.Version = l.Version()
	}
	return p
}

// errors is the adapter from the handlers' errors to error pages and
// problems.
func (s *Server) errors() render.Errors {
	return render.Errors{Log: s.log, Templates: s.tmpl, Page: s.newPage}
}

// handle adapts h to http.Handler: an error becomes a problem+json response
// under /api/ and an HTML error page elsewhere (render.Errors).
func (s *Server) handle(h handlerFunc) http.Handler { return s.errors().Handle(h) }

// serveError writes err as a problem (API) or an error page (HTML).
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	s.errors().Serve(w, r, err)
}

// render executes page name with data and writes it with status.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	return s.tmpl.Render(w, r, status, name, data)
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
