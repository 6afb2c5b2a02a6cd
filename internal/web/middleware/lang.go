package middleware

import (
	"context"
	"net/http"
	"strings"
)

// langCookie remembers the language a reader chose with ?lang=.
const langCookie = "gapmap_lang"

type langKey struct{}

// Lang puts the page language in the request context: ?lang= if it
// names a known language (and then remembered in a cookie), else the
// cookie, else Accept-Language, else def.
func Lang(def string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return withLang(def, next)
	}
}

func withLang(def string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		if q := r.URL.Query().Get("lang"); Known(q) {
			lang = q
			http.SetCookie(w, &http.Cookie{
				Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode,
			})
		} else if c, err := r.Cookie(langCookie); err == nil && Known(c.Value) {
			lang = c.Value
		} else {
			lang = acceptLanguage(r.Header.Get("Accept-Language"), def)
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

// WithLang returns ctx with the page language lang, as Lang gives it.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// LangOf returns the page language of r's context.
func LangOf(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return "en"
}

// Known reports whether lang is a language gapmap's pages speak.
func Known(lang string) bool { return lang == "en" || lang == "nb" }

// acceptLanguage returns "nb" if the header's first Norwegian or English
// tag is Norwegian (nb, no, nn), "en" if it is English, and def otherwise.
func acceptLanguage(header, def string) string {
	for _, part := range strings.Split(header, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		switch primary {
		case "nb", "no", "nn":
			return "nb"
		case "en":
			return "en"
		}
	}
	return def
}
