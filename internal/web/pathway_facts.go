package web

import (
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// pathFacts gathers, while a path is built, the sources to cite and the
// assumed facts to name, and puts services and rules in words.
type pathFacts struct {
	l       *graph.Landscape
	lang    string
	sources map[string]bool
	assumed map[string]bool
}

func newPathFacts(l *graph.Landscape, lang string) *pathFacts {
	return &pathFacts{l: l, lang: lang, sources: map[string]bool{}, assumed: map[string]bool{}}
}

// service describes a covering service; its sources and, if assumed, the
// service itself are noted.
func (f *pathFacts) service(ref gap.ServiceRef) pathService {
	out := pathService{ID: ref.ID, Name: nodeLabel(f.l, ref.ID, f.lang), Partial: ref.Partial,
		Fragile: ref.Funding == graph.FundingProject || ref.Funding == graph.FundingVolunteer}
	if ref.Organisation != "" {
		out.Organisation = nodeLabel(f.l, ref.Organisation, f.lang)
	}
	if svc, err := graph.Lookup[*graph.Service](f.l, ref.ID); err == nil {
		out.Phone, out.Email, out.Address = svc.Phone, svc.Email, svc.PublicAddress()
		if webURL(svc.URL) {
			out.URL = svc.URL
		}
		if svc.Assumed() {
			out.Assumed = true
			f.assumed[ref.ID] = true
		}
	}
	for _, e := range f.l.Out(ref.ID, graph.EdgeSourcedFrom) {
		f.sources[e.To] = true
	}
	return out
}

// exclusion describes a service that excludes the person, with its rules
// in words.
func (f *pathFacts) exclusion(e gap.Exclusion) pathExclusion {
	out := pathExclusion{ID: e.Service, Name: nodeLabel(f.l, e.Service, f.lang), Rules: []string{}}
	if svc, err := graph.Lookup[*graph.Service](f.l, e.Service); err == nil {
		for _, re := range f.l.Out(svc.ID, graph.EdgeRunBy) {
			out.Organisation = nodeLabel(f.l, re.To, f.lang)
		}
	}
	for _, r := range e.Reasons {
		out.Rules = append(out.Rules, f.rule(r))
	}
	return out
}

// rule says one excluding rule in words: "does not accept women".
func (f *pathFacts) rule(r gap.Reason) string {
	var value string
	switch r.Dimension {
	case gap.DimGender:
		value = translateEnum(f.lang, "people", r.Value)
	case gap.DimAgeBand:
		value = translateEnum(f.lang, "age", r.Value)
	default:
		value = nodeLabel(f.l, r.Value, f.lang)
	}
	return translatef(f.lang, "pathway.rule."+string(r.Dimension), value)
}

// gap notes the sources and assumed facts of a gap.
func (f *pathFacts) gap(g *gap.Gap) {
	f.ids(g.Sources)
	for _, a := range g.AssumedFacts {
		f.assumed[a] = true
	}
}

// edge notes the sources of an edge and the edge itself if assumed.
func (f *pathFacts) edge(e *graph.Edge) {
	f.ids(e.Sources)
	if e.Confidence == graph.Assumed {
		f.assumed[string(e.Type)+" "+e.From+"->"+e.To] = true
	}
}

// ids notes source ids.
func (f *pathFacts) ids(ids []string) {
	for _, id := range ids {
		f.sources[id] = true
	}
}

// sourceTitle is a source's title, else its name.
func (f *pathFacts) sourceTitle(id string) string {
	if src, err := graph.Lookup[*graph.Source](f.l, id); err == nil && src.Title != "" {
		return src.Title
	}
	return nodeLabel(f.l, id, f.lang)
}

// list returns the sources by title and the assumed facts in words, each
// sorted.
func (f *pathFacts) list() ([]pathSource, []string) {
	srcs := []pathSource{}
	for id := range f.sources {
		ps := pathSource{ID: id, Title: f.sourceTitle(id)}
		if src, err := graph.Lookup[*graph.Source](f.l, id); err == nil && webURL(src.URL) {
			ps.URL = src.URL
		}
		srcs = append(srcs, ps)
	}
	slices.SortFunc(srcs, func(a, b pathSource) int { return strings.Compare(a.Title, b.Title) })
	assumed := []string{}
	seen := map[string]bool{}
	for a := range f.assumed {
		w := f.assumedWords(a)
		if !seen[w] {
			seen[w] = true
			assumed = append(assumed, w)
		}
	}
	slices.Sort(assumed)
	return srcs, assumed
}

// assumedWords says an assumed fact in words: a node by its name, an edge
// ("TRANSITIONS_TO a->b") as "A can change to B".
func (f *pathFacts) assumedWords(fact string) string {
	typ, ends, ok := strings.Cut(fact, " ")
	if !ok {
		return nodeLabel(f.l, fact, f.lang)
	}
	from, to, _ := strings.Cut(ends, "->")
	return nodeLabel(f.l, from, f.lang) + " " + translate(f.lang, "edge."+typ) + " " + nodeLabel(f.l, to, f.lang)
}
