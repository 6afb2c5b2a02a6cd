package gap

import (
	"github.com/gapmap/gapmap/graph"
)

// Index is a landscape snapshot indexed for gap analysis. For every value of
// every dimension it holds the set of services that accept it, as a bitset
// over the services, so the covering set of a cell is the AND of seven
// bitsets instead of a scan of every service.
//
// Build an Index once per snapshot with NewIndex and reuse it for every
// query: it is immutable and safe for concurrent use. The package-level
// functions (Analyse, Transitions, GroupGaps, Criticality) keep the index
// with the snapshot itself (graph.Landscape.Derived), so callers that hold
// only a *graph.Landscape get the same reuse.
type Index struct {
	l    *graph.Landscape
	d    *dims
	gi   *groupIndex
	cite *citeIndex
	r    *rules

	n int // services, open or closed

	// Services that accept each value, by ordinal. statusFull and needFull
	// leave out partial acceptance and partial meeting.
	gender, age, status, statusFull, expl, region, need, needFull, stage []bitset
	permanent                                                            bitset // permanently funded
	ngo, unlimited                                                       bitset // run by an NGO; not capacity-limited

	orgOf    []int    // per service: ordinal into orgKeys
	orgKeys  []string // organisation ids, then the ids of services no organisation runs
	orgSets  []bitset // per org key: its open services
	linked   []bitset // per service: the services it has a REFERS_TO edge to or from
	sectorOf []int    // per service: ordinal into graph.Sectors
}

// NewIndex indexes l for gap analysis.
func NewIndex(l *graph.Landscape) (*Index, error) {
	if l == nil {
		return nil, graph.Errorf(graph.EINVALID, "gap: no landscape")
	}
	d := newDims(l)
	ix := &Index{
		l:    l,
		d:    d,
		gi:   newGroupIndex(l, d),
		cite: newCiteIndex(l),
	}
	ix.build(newRules(l, d))
	return ix, nil
}

// Landscape returns the snapshot ix indexes.
func (ix *Index) Landscape() *graph.Landscape { return ix.l }

// withRules returns an index of the same landscape whose services and
// entitlements are r (a scenario's).
func (ix *Index) withRules(r *rules) *Index {
	c := &Index{l: ix.l, d: ix.d, gi: ix.gi, cite: ix.cite}
	c.build(r)
	return c
}

func (ix *Index) build(r *rules) {
	d := ix.d
	ix.r = r
	ix.n = len(r.services)
	values := 2*len(d.genders) + 2*len(d.ages) + 2*len(d.statuses) + len(d.expls) + len(d.regions) + 2*len(d.needs) + len(d.stages) + 3
	a := newArena(ix.n, values)
	mk := func(k int) []bitset {
		bs := make([]bitset, k)
		for i := range bs {
			bs[i] = a.alloc()
		}
		return bs
	}
	ix.gender, ix.age = mk(len(d.genders)), mk(len(d.ages))
	ix.status, ix.statusFull = mk(len(d.statuses)), mk(len(d.statuses))
	ix.expl, ix.region = mk(len(d.expls)), mk(len(d.regions))
	ix.need, ix.needFull = mk(len(d.needs)), mk(len(d.needs))
	ix.stage = mk(len(d.stages))
	ix.permanent, ix.ngo, ix.unlimited = a.alloc(), a.alloc(), a.alloc()

	ix.orgKeys = append([]string(nil), d.orgs...)
	ix.orgOf = make([]int, ix.n)
	ix.sectorOf = make([]int, ix.n)
	for i, s := range r.services {
		ix.orgOf[i] = s.org
		if s.org < 0 {
			ix.orgOf[i] = len(ix.orgKeys)
			ix.orgKeys = append(ix.orgKeys, s.id)
		}
		ix.sectorOf[i] = sectorOrdinal(s.sector)
		if s.closed {
			continue
		}
		put(ix.gender, i, s.genders, nil)
		put(ix.age, i, s.ages, nil)
		put(ix.status, i, s.statuses, nil)
		put(ix.statusFull, i, s.statuses, s.statusPartial)
		put(ix.expl, i, s.expls, nil)
		put(ix.region, i, s.regions, nil)
		put(ix.need, i, s.needs, nil)
		put(ix.needFull, i, s.needs, s.needPartial)
		put(ix.stage, i, s.stages, nil)
		if s.funding == graph.FundingPermanent {
			ix.permanent.set(i)
		}
		if s.ngo {
			ix.ngo.set(i)
		}
		if !s.limited {
			ix.unlimited.set(i)
		}
	}
	oa := newArena(ix.n, len(ix.orgKeys)+ix.n)
	ix.orgSets = make([]bitset, len(ix.orgKeys))
	for k := range ix.orgSets {
		ix.orgSets[k] = oa.alloc()
	}
	ix.linked = make([]bitset, ix.n)
	for i := range ix.linked {
		ix.linked[i] = oa.alloc()
	}
	for i, s := range r.services {
		if s.closed {
			continue
		}
		ix.orgSets[ix.orgOf[i]].set(i)
		for _, id := range s.refersTo {
			if j, ok := r.byID[id]; ok && !r.services[j].closed {
				ix.linked[i].set(j)
				ix.linked[j].set(i)
			}
		}
	}
}

// put adds service i to bs[v] for every value v in values and not in except.
func put(bs []bitset, i int, values, except bitset) {
	for v := values.next(0); v >= 0; v = values.next(v + 1) {
		if except == nil || !except.has(v) {
			bs[v].set(i)
		}
	}
}

func sectorOrdinal(s graph.Sector) int {
	for i, t := range graph.Sectors {
		if t == s {
			return i
		}
	}
	return len(graph.Sectors) // an unknown sector counts as one more
}

// open reports whether service i is open (not closed by a scenario).
func (ix *Index) open(i int) bool { return !ix.r.services[i].closed }
