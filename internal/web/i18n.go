package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gapmap/gapmap/internal/web/middleware"
)

// langOf returns the page language of r's context, which the language
// middleware chose.
func langOf(ctx context.Context) string { return middleware.LangOf(ctx) }

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
