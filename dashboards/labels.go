// Package dashboards turns gapmap's landscape (and, later, gap results) into
// go-echarts chart options and table models. It is pure: no I/O and no
// net/http. The web and export layers render what it returns; the web layer
// emits chart options through html/template as JSON data, never through
// go-echarts' own renderers.
package dashboards

import (
	"fmt"
	"net/url"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/locale"
)

// NodeURL returns the path of the page that shows node n: /services/{id} for
// a service, /nodes/{id} for any other node.
func NodeURL(n graph.Node) string {
	id := url.PathEscape(n.Base().ID)
	if n.Type() == graph.TypeService {
		return "/services/" + id
	}
	return "/nodes/" + id
}

// messages is the catalogue of the dashboards' words (the locale domains
// dashboards and evidence), built on first use from the message files
// embedded in internal/locale; it never changes after.
var messages = sync.OnceValue(func() *locale.Catalog {
	c, err := locale.New()
	if err != nil {
		panic(fmt.Sprintf("dashboards: the embedded message files: %v", err))
	}
	return c
})

// Lang returns lang if it is a language the dashboards speak (a folder of
// internal/locale/messages: "en", "nb"), and "en" otherwise.
func Lang(lang string) string { return messages().Lang(lang) }

// word returns the chart word for key in lang, falling back to English,
// then to key itself.
func word(lang, key string) string { return messages().Domain("dashboards").Text(lang, key) }

// wordf formats the chart word for key in lang with args, with lang's
// number formats (grouping) and plural choices.
func wordf(lang, key string, args ...any) string {
	return messages().Domain("dashboards").Sprintf(lang, key, args...)
}
