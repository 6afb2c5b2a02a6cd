package render

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gapmap/gapmap/internal/locale"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// LangOf returns the page language of r's context, which the language
// middleware chose.
func LangOf(ctx context.Context) string { return middleware.LangOf(ctx) }

// OtherLang is the language a page offers to switch to.
func OtherLang(lang string) string {
	if lang == "nb" {
		return "en"
	}
	return "nb"
}

// SwitchURL returns r's path and query with lang set to to.
func SwitchURL(r *http.Request, to string) string {
	q := r.URL.Query()
	q.Set("lang", to)
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	return u.String()
}

// pageWords are the pages' texts: the web domain of the message files
// embedded in internal/locale (messages/<lang>/web.json), read once and
// never changed after.
var pageWords = MustDomain("web")

// MustDomain returns domain name of the embedded catalogue. The catalogue
// is embedded in the binary and checked by internal/locale's tests, so a
// failure to read it is a broken build.
func MustDomain(name string) *locale.Domain {
	c, err := locale.New()
	if err != nil {
		panic(err)
	}
	return c.Domain(name)
}

// Translate returns the text of key in lang, falling back to English and
// then to the key itself.
func Translate(lang, key string) string { return pageWords.Text(lang, key) }

// Words are the pages' texts (the web domain of internal/locale), for
// tests that check them.
func Words() *locale.Domain { return pageWords }

// TranslateEnum returns the text of an enum value such as sector "health",
// or the value itself with underscores as spaces.
func TranslateEnum(lang, kind, value string) string {
	key := kind + "." + value
	if t := Translate(lang, key); t != key {
		return t
	}
	return strings.ReplaceAll(value, "_", " ")
}

// Translatef formats the text of key with args. A plural message chooses
// its words by its number (and groups its digits as lang does); any other
// is formatted as fmt.Sprintf does, so years and versions stay plain.
func Translatef(lang, key string, args ...any) string {
	if pageWords.IsPlural(lang, key) {
		return pageWords.Sprintf(lang, key, args...)
	}
	return fmt.Sprintf(Translate(lang, key), args...)
}
