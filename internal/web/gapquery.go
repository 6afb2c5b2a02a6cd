package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// gapFilters are the query parameters that filter a gap analysis, in the
// order links repeat them. Each takes one or more values, repeated or
// separated by commas: ?status=undocumented,reflection&age=adult.
var gapFilters = []string{"group", "gender", "age", "status", "exploitation", "region", "stage", "need"}

// MaxLimit is the most items one API request may list (limit); the rest
// is read a page at a time with offset. Without a cap, one anonymous
// request could ask for every gap of the landscape, each described in
// full: 1.7 million for the Norwegian seed, gigabytes to build.
const MaxLimit = 10000

// gapQuery reads a gap.Query from the query parameters of r. Unknown
// parameters are ignored (a dashboard link may carry its own); an invalid
// value is an EINVALID error naming the parameter. Unknown ids are reported
// by the gap engine.
func (s *Server) gapQuery(r *http.Request) (gap.Query, error) {
	v := r.URL.Query()
	q := gap.Query{
		Groups:       values(v, "group"),
		Statuses:     values(v, "status"),
		Exploitation: values(v, "exploitation"),
		Regions:      values(v, "region"),
		Stages:       values(v, "stage"),
		Needs:        values(v, "need"),
		Privacy:      privacy.Rule{Threshold: s.cfg.SuppressBelow, Step: s.cfg.SuppressStep},
	}
	for _, g := range values(v, "gender") {
		if !slices.Contains(graph.Genders, graph.Gender(g)) {
			return q, graph.FieldError("query", "gender", "unknown gender %q (want female, male or other)", g)
		}
		q.Genders = append(q.Genders, graph.Gender(g))
	}
	for _, a := range values(v, "age") {
		if !slices.Contains(graph.AgeBands, graph.AgeBand(a)) {
			return q, graph.FieldError("query", "age", "unknown age band %q (want child, young_adult or adult)", a)
		}
		q.AgeBands = append(q.AgeBands, graph.AgeBand(a))
	}
	for _, k := range values(v, "kind") {
		kind, err := gap.ParseKind(k)
		if err != nil {
			return q, graph.FieldError("query", "kind", "%s", graph.ErrorMessage(err))
		}
		q.Kinds = append(q.Kinds, kind)
	}
	var err error
	if q.Limit, err = intParam(v, "limit", 0, MaxLimit); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 1<<30); err != nil {
		return q, err
	}
	return q, nil
}

// values returns the values of parameter key, split at commas, trimmed,
// without empties and duplicates.
func values(v url.Values, key string) []string {
	var out []string
	for _, raw := range v[key] {
		for _, s := range strings.Split(raw, ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// intParam parses the integer parameter key (0 when absent) within [lo, hi].
func intParam(v url.Values, key string, lo, hi int) (int, error) {
	raw := v.Get(key)
	if raw == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, graph.FieldError("query", key, "%q is not a whole number from %d to %d", raw, lo, hi)
	}
	return n, nil
}
