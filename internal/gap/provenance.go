package gap

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// provenance collects, for one Result, the display name of every id it
// mentions and every source and recommendation it cites, so that items can
// name them by id and the Result list each once.
//
// Sources and recommendations are cited by ordinal (citeIndex), as bitsets,
// so that an item's citations come out sorted without sorting strings.
type provenance struct {
	ix      *Index
	names   map[string]string
	sources map[string]bool
	recs    map[string]bool

	srcUsed, recUsed bitset
}

func newProvenance(ix *Index) *provenance {
	ci := ix.cite
	return &provenance{ix: ix, names: map[string]string{}, sources: map[string]bool{}, recs: map[string]bool{},
		srcUsed: newBitset(len(ci.srcIDs)), recUsed: newBitset(len(ci.recIDs))}
}

// citeIndex numbers the landscape's sources and recommendations in id
// order.
type citeIndex struct {
	srcIDs, recIDs []string
	srcOrd         map[string]int
	srcsOf         map[string][]int // node id -> ordinals of its sources (SOURCED_FROM)
	recsOf         map[string][]int // node id -> ordinals of the recommendations that concern it
	assumed        map[string]bool  // ids of the nodes whose facts are assumed
}

func newCiteIndex(l *graph.Landscape) *citeIndex {
	ci := &citeIndex{srcOrd: map[string]int{}, srcsOf: map[string][]int{}, recsOf: map[string][]int{}, assumed: map[string]bool{}}
	for _, t := range graph.NodeTypes {
		for _, n := range l.Nodes(t) {
			if n.Base().Assumed() {
				ci.assumed[n.Base().ID] = true
			}
		}
	}
	for _, s := range graph.All[*graph.Source](l) {
		ci.srcIDs = append(ci.srcIDs, s.ID)
	}
	slices.Sort(ci.srcIDs)
	for i, id := range ci.srcIDs {
		ci.srcOrd[id] = i
		for _, e := range l.In(id, graph.EdgeSourcedFrom) {
			ci.srcsOf[e.From] = append(ci.srcsOf[e.From], i)
		}
	}
	for _, r := range graph.All[*graph.Recommendation](l) {
		ci.recIDs = append(ci.recIDs, r.ID)
	}
	slices.Sort(ci.recIDs)
	for i, id := range ci.recIDs {
		for _, e := range l.Out(id, graph.EdgeConcerns) {
			ci.recsOf[e.To] = append(ci.recsOf[e.To], i)
		}
	}
	return ci
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

// citation gathers what one item cites: sources and recommendations by
// ordinal, and any source id that names no Source node.
type citation struct {
	pv       *provenance
	src, rec bitset
	other    []string
	assumed  []string // the assumed facts cited: node ids, and edges as "TYPE from->to"
}

func (pv *provenance) newCitation() *citation {
	return &citation{pv: pv, src: newBitset(len(pv.ix.cite.srcIDs)), rec: newBitset(len(pv.ix.cite.recIDs))}
}

func (c *citation) source(id string) {
	if i, ok := c.pv.ix.cite.srcOrd[id]; ok {
		c.src.set(i)
	} else {
		c.other = append(c.other, id)
	}
}

// nodes cites the sources of nodes ids and the recommendations concerning
// them, and names them.
func (c *citation) nodes(ids ...string) {
	for _, id := range ids {
		if id == "" {
			continue
		}
		c.pv.name(id)
		ci := c.pv.ix.cite
		if ci.assumed[id] {
			c.assumed = append(c.assumed, id)
		}
		for _, s := range ci.srcsOf[id] {
			c.src.set(s)
		}
		if c.pv.ix.r.addedSources {
			if i, ok := c.pv.ix.r.byID[id]; ok {
				for _, s := range c.pv.ix.r.services[i].sources {
					c.source(s)
				}
			}
		}
		for _, r := range ci.recsOf[id] {
			c.rec.set(r)
		}
	}
}

// edges cites the sources of edges es; nil edges are skipped.
func (c *citation) edges(es ...*graph.Edge) {
	for _, e := range es {
		if e != nil {
			if e.Confidence == graph.Assumed {
				c.assumed = append(c.assumed, e.Key().String())
			}
			for _, s := range e.Sources {
				c.source(s)
			}
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
	ci := c.pv.ix.cite
	if n := c.src.count(); n > 0 {
		sources = make([]string, 0, n+len(c.other))
	}
	for i := c.src.next(0); i >= 0; i = c.src.next(i + 1) {
		sources = append(sources, ci.srcIDs[i])
	}
	c.pv.srcUsed.or(c.src)
	if len(c.other) > 0 {
		sources = sortedSet(append(sources, c.other...))
		for _, s := range c.other {
			c.pv.sources[s] = true
		}
	}
	if n := c.rec.count(); n > 0 {
		recs = make([]string, 0, n)
	}
	for i := c.rec.next(0); i >= 0; i = c.rec.next(i + 1) {
		recs = append(recs, ci.recIDs[i])
	}
	c.pv.recUsed.or(c.rec)
	return sources, recs
}

// assumedFacts returns the assumed facts c cites, sorted, each once.
func (c *citation) assumedFacts() []string { return sortedSet(c.assumed) }

func sortedSet(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	ss = slices.Clone(ss)
	slices.Sort(ss)
	return slices.Compact(ss)
}

// merge adds what o recorded to pv.
func (pv *provenance) merge(o *provenance) {
	for id, name := range o.names {
		pv.names[id] = name
	}
	for id := range o.sources {
		pv.sources[id] = true
	}
	for id := range o.recs {
		pv.recs[id] = true
	}
	pv.srcUsed.or(o.srcUsed)
	pv.recUsed.or(o.recUsed)
}

// fill writes the Result's dictionaries: names, sources, recommendations.
func (pv *provenance) fill(res *Result) {
	l, ci := pv.ix.l, pv.ix.cite
	for i := pv.srcUsed.next(0); i >= 0; i = pv.srcUsed.next(i + 1) {
		pv.sources[ci.srcIDs[i]] = true
	}
	for i := pv.recUsed.next(0); i >= 0; i = pv.recUsed.next(i + 1) {
		pv.recs[ci.recIDs[i]] = true
	}
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
		ref := RecommendationRef{ID: r.ID, Body: r.Body, Round: r.Round, Reference: r.Reference, Paragraph: r.Paragraph, Summary: r.Summary, SummaryNB: r.SummaryNB, Year: r.Year, Concerns: []string{}}
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
