package render

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/web/static"
)

//go:embed templates/*.html
var templateFS embed.FS

// Embedded is the embedded templates directory.
func Embedded() fs.FS {
	sub, err := fs.Sub(templateFS, "templates")
	if err != nil {
		// fs.Sub fails only on an invalid path; "templates" is valid.
		panic(err)
	}
	return sub
}

// layoutFiles are parsed once, under every page.
var layoutFiles = []string{"layout.html", "partials.html", "editing.html"}

// pageFiles are the page templates, each with the files it is parsed
// from on top of the layout and the partials. Every page of the site is
// here: they are all parsed at start-up, and a failure stops it.
var pageFiles = map[string][]string{
	"front": {"front.html"}, "landscape": {"landscape.html"}, "service": {"service.html"},
	"node": {"node.html"}, "error": {"error.html"}, "login": {"login.html"},
	"account": {"account.html"}, "manage": {"manage.html"}, "edit": {"edit.html"},
	"history": {"history.html"}, "stale": {"stale.html"}, "admin_users": {"admin_users.html"},
	"pathway":    {"pathway.html"},
	"dash":       {"dash.html", "dash_evidence.html"},
	"dash_index": {"dash_index.html"},
	"export_job": {"export_job.html"},
	"study_new":  {"study_new.html"},
}

// Templates holds every page template, parsed once at start-up.
type Templates struct {
	pages map[string]*template.Template
}

// Parse parses the templates of fsys (a templates directory): the
// layout and partials once, then a clone of them per page.
func Parse(fsys fs.FS) (*Templates, error) {
	base, err := template.ParseFS(fsys, layoutFiles...)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	t := &Templates{pages: make(map[string]*template.Template, len(pageFiles))}
	for name, files := range pageFiles {
		clone, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout for %s: %w", name, err)
		}
		if _, err := clone.ParseFS(fsys, files...); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
		t.pages[name] = clone
	}
	return t, nil
}

// Page holds what the layout needs; every page's data embeds it. Its
// methods give templates the text of the page's language.
type Page struct {
	Lang          string
	Title         string
	Version       int64
	Charts        bool
	OtherLang     string
	OtherLangName string
	OtherLangURL  string
	RequestID     string
	// User is the signed-in user, for the navigation; nil if none.
	User *auth.User
	// Editing reports whether sign-in and editing are enabled.
	Editing bool
	// Assets are the static files, for the hashed URLs of Static.
	Assets *static.Files
}

// Static returns the URL of static file name (as "app.js" or
// "vendor/echarts.min.js"): its content-hashed URL, cached for good.
func (p Page) Static(name string) string {
	if p.Assets == nil {
		return "/static/" + name
	}
	return p.Assets.URL(name)
}

// Date returns day (as "2006-01-02") as the page's language writes a date:
// "7 December 2026", "7. desember 2026"; anything else as it is.
func (p Page) Date(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return FormatDate(p.Lang, t)
}

// T returns the text of key in the page's language.
func (p Page) T(key string) string { return Translate(p.Lang, key) }

// Tf returns the text of key formatted with args.
func (p Page) Tf(key string, args ...any) string { return Translatef(p.Lang, key, args...) }

// Enum returns the text of an enum value of kind ("sector", "funding",
// "gender", "age").
func (p Page) Enum(kind string, value any) string {
	return TranslateEnum(p.Lang, kind, fmt.Sprint(value))
}

// Paired is a value with its page, for partials that need the page's text.
type Paired struct {
	P Page
	V any
}

// With pairs v with the page, for {{template "fact" $.With .}}.
func (p Page) With(v any) Paired { return Paired{P: p, V: v} }

// Render executes page name with data into a buffer and writes it with
// status. Nothing is written if the template fails.
func (ts *Templates) Render(w http.ResponseWriter, r *http.Request, status int, name string, data any) error {
	t, ok := ts.pages[name]
	if !ok {
		return fmt.Errorf("render: no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if w.Header().Get("Cache-Control") == "" { // private pages set no-store
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = buf.WriteTo(w)
	}
	return nil
}

// errorPage is the data of the error page.
type errorPage struct {
	Page
	Problem Problem
	// Forbidden is a 403: the page says so politely in the reader's
	// language, with a way on (StaleList: the list of services due for
	// checking, which editors may not open).
	Forbidden, StaleList bool
}

// RenderError writes the HTML error page of p; if even that fails, a plain
// text one.
func (e Errors) RenderError(w http.ResponseWriter, r *http.Request, p Problem) {
	title := p.Title
	if p.Status == http.StatusNotFound {
		title = Translate(LangOf(r.Context()), "error.404")
	}
	forbidden := p.Status == http.StatusForbidden
	if forbidden {
		title = Translate(LangOf(r.Context()), "error.403.title")
	}
	data := errorPage{Page: e.Page(r, title), Problem: p, Forbidden: forbidden,
		StaleList: forbidden && strings.HasPrefix(r.URL.Path, "/manage/stale")}
	if err := e.Templates.Render(w, r, p.Status, "error", data); err != nil {
		e.Log.ErrorContext(r.Context(), "render error page", "err", err, "request_id", p.RequestID)
		http.Error(w, p.Title, p.Status)
	}
}
