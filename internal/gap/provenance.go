package gap

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// provenance collects, for one Result, the display name of every id it
// mentions and every source and recommendation it cites, so that items can
// name them by id and the Result list each once.
type provenance struct {
	ix       *Index
	names    map[string]string
	sources  map[string]bool
	recs     map[string]bool
	nodeSrcs map[string][]string // node id -> its sources, as looked up
}

func newProvenance(ix *Index) *provenance {
	return &provenance{ix: ix, names: map[string]string{}, sources: map[string]bool{}, recs: map[string]bool{}, nodeSrcs: map[string][]string{}}
}

// sourcesOf returns the ids of the sources of node id (and of a service a
// scenario adds).
func (pv *provenance) sourcesOf(id string) []string {
	if ss, ok := pv.nodeSrcs[id]; ok {
		return ss
	}
	var ss []string
	for _, s := range pv.ix.l.Sources(id) {
		ss = append(ss, s.ID)
	}
	if i, ok := pv.ix.r.byID[id]; ok {
		ss = append(ss, pv.ix.r.services[i].sources...)
	}
	pv.nodeSrcs[id] = ss
	return ss
}

// name records the display names of nodes ids (and of services a scenario
// adds).
func (pv *provenance) name(ids ...string) {
	for _, id := range ids {
		if id == "" {
			continue
		}
		if _, ok := pv.names[id]; ok {
			continue
		}
		if n, ok := pv.ix.l.Node(id); ok {
			pv.names[id] = n.Base().Name
		} else if i, ok := pv.ix.r.byID[id]; ok {
			pv.names[id] = pv.ix.r.services[i].name
		}
	}
}

// citation gathers what one item cites.
type citation struct {
	pv      *provenance
	sources []string
	recs    []string
}

func (pv *provenance) newCitation() *citation { return &citation{pv: pv} }

// nodes cites the sources of nodes ids and the recommendations concerning
// them, and names them.
func (c *citation) nodes(ids ...string) {
	for _, id := range ids {
		if id == "" {
			continue
		}
		c.pv.name(id)
		c.sources = append(c.sources, c.pv.sourcesOf(id)...)
		c.recs = append(c.recs, c.pv.ix.recs[id]...)
	}
}

// edges cites the sources of edges es; nil edges are skipped.
func (c *citation) edges(es ...*graph.Edge) {
	for _, e := range es {
		if e != nil {
			c.sources = append(c.sources, e.Sources...)
		}
	}
}

// service cites service i as covering status s and need n: the service, its
// ACCEPTS and MEETS edges, and its organisation's name.
func (c *citation) service(i, s, n int) {
	ix := c.pv.ix
	sr := ix.r.services[i]
	c.nodes(sr.id)
	if sr.org >= 0 {
		c.pv.name(ix.d.orgs[sr.org])
	}
	c.edges(edgeOf(ix.l, graph.EdgeAccepts, sr.id, ix.d.statuses[s]), edgeOf(ix.l, graph.EdgeMeets, sr.id, ix.d.needs[n]))
}

// ids returns what c cites, sorted, and records it for the Result.
func (c *citation) ids() (sources, recs []string) {
	sources, recs = sortedSet(c.sources), sortedSet(c.recs)
	for _, s := range sources {
		c.pv.sources[s] = true
	}
	for _, r := range recs {
		c.pv.recs[r] = true
	}
	return sources, recs
}

func sortedSet(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}

// fill writes the Result's dictionaries: names, sources, recommendations.
func (pv *provenance) fill(res *Result) {
	l := pv.ix.l
	res.Names = pv.names
	for _, id := range sortedKeys(pv.sources) {
		s, err := graph.Lookup[*graph.Source](l, id)
		if err != nil {
			continue
		}
		res.Sources = append(res.Sources, SourceRef{ID: s.ID, Kind: s.Kind, Authors: s.Authors, Title: s.Title, Year: s.Year, URL: s.URL})
	}
	for _, id := range sortedKeys(pv.recs) {
		r, err := graph.Lookup[*graph.Recommendation](l, id)
		if err != nil {
			continue
		}
		ref := RecommendationRef{ID: r.ID, Body: r.Body, Round: r.Round, Reference: r.Reference, Paragraph: r.Paragraph, Summary: r.Summary, Year: r.Year, Concerns: []string{}}
		for _, e := range l.Out(r.ID, graph.EdgeConcerns) {
			ref.Concerns = append(ref.Concerns, e.To)
		}
		res.Recommendations = append(res.Recommendations, ref)
	}
}

func sortedKeys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
