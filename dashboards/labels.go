// Package dashboards turns gapmap's landscape (and, later, gap results) into
// go-echarts chart options and table models. It is pure: no I/O and no
// net/http. The web and export layers render what it returns; the web layer
// emits chart options through html/template as JSON data, never through
// go-echarts' own renderers.
package dashboards

import (
	"fmt"
	"net/url"

	"github.com/gapmap/gapmap/graph"
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

// Lang returns lang if it is a language the dashboards speak ("en" or "nb"),
// and "en" otherwise.
func Lang(lang string) string {
	if lang == "nb" {
		return "nb"
	}
	return "en"
}

// words holds the few words the charts print themselves, by language.
var words = map[string]map[string]string{
	"en": {
		"Service":      "Service",
		"Organisation": "Organisation",
		"Status":       "Residency status",
		"Need":         "Need",
		"RUN_BY":       "run by",
		"ACCEPTS":      "accepts",
		"MEETS":        "meets",
		"REFERS_TO":    "refers to",
		"title":        "Support landscape",
		"assumed":      "assumed",
		"partial":      "partial",
	},
	"nb": {
		"Service":      "Tjeneste",
		"Organisation": "Organisasjon",
		"Status":       "Oppholdsstatus",
		"Need":         "Behov",
		"RUN_BY":       "drives av",
		"ACCEPTS":      "tar imot",
		"MEETS":        "dekker",
		"REFERS_TO":    "henviser til",
		"title":        "Hjelpelandskapet",
		"assumed":      "antatt",
		"partial":      "delvis",
	},
}

// word returns the chart word for key in lang, or key itself.
func word(lang, key string) string {
	if w, ok := words[Lang(lang)][key]; ok {
		return w
	}
	if w, ok := dashWords[Lang(lang)][key]; ok {
		return w
	}
	if w, ok := dashWords["en"][key]; ok {
		return w
	}
	return key
}

// wordf formats the chart word for key in lang with args.
func wordf(lang, key string, args ...any) string {
	return fmt.Sprintf(word(lang, key), args...)
}
