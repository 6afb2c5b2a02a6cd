package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// langCookie remembers the language a reader chose with ?lang=.
const langCookie = "gapmap_lang"

type langKey struct{}

// withLang puts the page language in the request context: ?lang= if it
// names a known language (and then remembered in a cookie), else the
// cookie, else Accept-Language, else Config.Lang.
func (s *Server) withLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := ""
		if q := r.URL.Query().Get("lang"); known(q) {
			lang = q
			http.SetCookie(w, &http.Cookie{
				Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode,
			})
		} else if c, err := r.Cookie(langCookie); err == nil && known(c.Value) {
			lang = c.Value
		} else {
			lang = acceptLanguage(r.Header.Get("Accept-Language"), s.cfg.Lang)
		}
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

// langOf returns the page language of r's context.
func langOf(ctx context.Context) string {
	if l, ok := ctx.Value(langKey{}).(string); ok {
		return l
	}
	return "en"
}

// known reports whether lang is a language gapmap's pages speak.
func known(lang string) bool { return lang == "en" || lang == "nb" }

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

// otherLang is the language a page offers to switch to.
func otherLang(lang string) string {
	if lang == "nb" {
		return "en"
	}
	return "nb"
}

// switchURL returns r's path and query with lang set to to.
func switchURL(r *http.Request, to string) string {
	q := r.URL.Query()
	q.Set("lang", to)
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// translate returns the text of key in lang, falling back to English and
// then to the key itself.
func translate(lang, key string) string {
	if t, ok := messages[lang][key]; ok {
		return t
	}
	if t, ok := messages["en"][key]; ok {
		return t
	}
	return key
}

// translateEnum returns the text of an enum value such as sector "health",
// or the value itself with underscores as spaces.
func translateEnum(lang, kind, value string) string {
	key := kind + "." + value
	if t := translate(lang, key); t != key {
		return t
	}
	return strings.ReplaceAll(value, "_", " ")
}

// translatef formats the text of key with args.
func translatef(lang, key string, args ...any) string {
	return fmt.Sprintf(translate(lang, key), args...)
}
