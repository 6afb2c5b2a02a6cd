// Package render draws gapmap's pages and errors: the embedded templates
// (templates/*.html, every page on top of layout.html and partials.html),
// parsed once by Parse at start-up, where a template that does not parse
// stops it; Page, the layout's data with the words, numbers and dates of
// the page's language that the templates use (the web domain of
// internal/locale); and Errors, the one adapter that turns a handler's
// returned error into an HTML error page or an RFC 9457
// application/problem+json response, its status taken from the one table
// of error codes in problem.go.
package render
