package chart

import (
	"net/url"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// FilterParams are the filters of a gap query, by the name the web's query
// string and gapmap's flags give them, in the order captions list them.
var FilterParams = []string{"group", "gender", "age", "status", "exploitation", "region", "stage", "need"}

// QueryValues returns the filters of q by parameter name, each list sorted;
// filters that are not set are left out.
func QueryValues(q gap.Query) url.Values {
	v := url.Values{}
	set := func(key string, vs []string) {
		if len(vs) > 0 {
			vs = slices.Clone(vs)
			slices.Sort(vs)
			v[key] = vs
		}
	}
	set("group", q.Groups)
	set("gender", toStrings(q.Genders))
	set("age", toStrings(q.AgeBands))
	set("status", q.Statuses)
	set("exploitation", q.Exploitation)
	set("region", q.Regions)
	set("stage", q.Stages)
	set("need", q.Needs)
	return v
}

// QueryFlags returns the filters of q as gapmap's command-line flags, in
// the order of FilterParams: ["--status", "reflection,undocumented", ...].
func QueryFlags(q gap.Query) []string {
	v := QueryValues(q)
	var out []string
	for _, key := range FilterParams {
		if vs := v[key]; len(vs) > 0 {
			out = append(out, "--"+key, strings.Join(vs, ","))
		}
	}
	return out
}

// FilterText describes the filters of q in lang, one "Label: value, value"
// per filter set, the values named as the landscape names them.
func FilterText(l *graph.Landscape, q gap.Query, lang string) []string {
	v := QueryValues(q)
	var out []string
	for _, key := range FilterParams {
		vs := v[key]
		if len(vs) == 0 {
			continue
		}
		names := make([]string, len(vs))
		for i, id := range vs {
			switch key {
			case "gender":
				names[i] = xword(lang, "gender."+id)
			case "age":
				names[i] = xword(lang, "age."+id)
			default:
				names[i] = id
				if n, ok := l.Node(id); ok {
					names[i] = n.Base().Label(lang)
				}
			}
		}
		out = append(out, xword(lang, "filter."+key)+": "+strings.Join(names, ", "))
	}
	return out
}

func toStrings[T ~string](vs []T) []string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return s
}
