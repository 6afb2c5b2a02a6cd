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
	q := gap.Query{Privacy: privacy.Rule{Threshold: s.cfg.SuppressBelow, Step: s.cfg.SuppressStep}}
	lists := map[string]*[]string{"group": &q.Groups, "status": &q.Statuses, "exploitation": &q.Exploitation,
		"region": &q.Regions, "stage": &q.Stages, "need": &q.Needs}
	for _, key := range append(slices.Clone(gapFilters), "kind") {
		vs, err := filterValues(v, key)
		if err != nil {
			return q, err
		}
		if l, ok := lists[key]; ok {
			*l = vs
		}
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

// maxFilterValues is the most values one filter parameter may take (the
// Norwegian seed has 28 regions, the most of any filter).
const maxFilterValues = 200

// values returns the values of parameter key, split at commas, trimmed,
// without empties and duplicates, in the order given. It takes time linear
// in the parameter's length and keeps at most maxFilterValues + 1 values:
// filterValues refuses more.
func values(v url.Values, key string) []string {
	var out []string
	seen := map[string]bool{}
	for _, raw := range v[key] {
		for s := range strings.SplitSeq(raw, ",") {
			if s = strings.TrimSpace(s); s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
				if len(out) > maxFilterValues {
					return out
				}
			}
		}
	}
	return out
}

// filterValues is values, refusing more than maxFilterValues with an
// EINVALID error naming the parameter.
func filterValues(v url.Values, key string) ([]string, error) {
	out := values(v, key)
	if len(out) > maxFilterValues {
		return nil, graph.FieldError("query", key, "more than %d values; a filter takes at most %d", maxFilterValues, maxFilterValues)
	}
	return out, nil
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
