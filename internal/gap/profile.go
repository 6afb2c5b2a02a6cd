package gap

import (
	"slices"
	"strings"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Profile is one point of the profile space: a gender, an age band, a
// residency status, a form of exploitation and a region, by id.
//
// Profiles are ordered by gender, age band, exploitation, region and then
// status (each dimension in its own order: genders and age bands as graph
// lists them, stages by Order, everything else by id), so that all the
// statuses of one situation, and the transitions between them, sit together.
type Profile struct {
	Gender       graph.Gender  `json:"gender"`
	AgeBand      graph.AgeBand `json:"age_band"`
	Status       string        `json:"status"`
	Exploitation string        `json:"exploitation"`
	Region       string        `json:"region"`
}

// String returns the profile as "female/adult/undocumented/sexual/oslo".
func (p Profile) String() string {
	return strings.Join([]string{string(p.Gender), string(p.AgeBand), p.Status, p.Exploitation, p.Region}, "/")
}

// Cell is a profile, a need and a stage: the unit a gap is found in.
type Cell struct {
	Profile Profile `json:"profile"`
	Need    string  `json:"need"`
	Stage   string  `json:"stage"`
}

// prof is a profile by ordinals.
type prof struct{ g, a, e, r, s int }

func (d *dims) profile(p prof) Profile {
	return Profile{
		Gender:       d.genders[p.g],
		AgeBand:      d.ages[p.a],
		Status:       d.statuses[p.s],
		Exploitation: d.expls[p.e],
		Region:       d.regions[p.r],
	}
}

// groupIndex says which groups span which values. A group spans every value
// of a dimension it names nothing for; a group in a region spans that region
// and every region inside it.
type groupIndex struct {
	byGender, byAge, byStatus, byExpl, byRegion, byNeed []bitset
	sizes                                               []int
	needs                                               [][]int // per group: the needs it names (every need when none)

	// nested lists the pairs of groups of which the inner may be part of
	// the outer: the outer spans every gender, age band, status, form of
	// exploitation and region the inner spans (privacy.Rule.Withheld).
	nested []privacy.Nested

	// withheldBy holds, per normalized privacy.Rule, the groups withheld
	// under it ([]bool by group ordinal), computed on first use.
	withheldBy sync.Map

	// apart holds, per group, the groups that can share no person with
	// it (disjoint), found once on first use.
	apartOnce sync.Once
	apart     []bitset
}

func newGroupIndex(l *graph.Landscape, d *dims) *groupIndex {
	n := len(d.groups)
	gi := &groupIndex{sizes: make([]int, n), needs: make([][]int, n)}
	mk := func(values int) []bitset {
		a := newArena(n, values)
		bs := make([]bitset, values)
		for i := range bs {
			bs[i] = a.alloc()
		}
		return bs
	}
	gi.byGender, gi.byAge = mk(len(d.genders)), mk(len(d.ages))
	gi.byStatus, gi.byExpl = mk(len(d.statuses)), mk(len(d.expls))
	gi.byRegion, gi.byNeed = mk(len(d.regions)), mk(len(d.needs))
	for k, g := range d.groups {
		gi.sizes[k] = g.SizeEstimate
		mark(gi.byGender, k, d.genderSet(g.Genders).members())
		mark(gi.byAge, k, d.ageSet(g.AgeBands).members())
		mark(gi.byStatus, k, targets(l, d, g.ID, graph.EdgeHasStatus, len(d.statuses)))
		mark(gi.byExpl, k, targets(l, d, g.ID, graph.EdgeSubjectTo, len(d.expls)))
		gi.needs[k] = targets(l, d, g.ID, graph.EdgeNeeds, len(d.needs))
		mark(gi.byNeed, k, gi.needs[k])
		regions := newBitset(len(d.regions))
		for _, r := range targets(l, d, g.ID, graph.EdgeInRegion, len(d.regions)) {
			regions.or(d.within[r])
		}
		mark(gi.byRegion, k, regions.members())
	}
	gi.nested = gi.nestedPairs()
	return gi
}

// nestedPairs returns the pairs of groups of which one spans, in every
// dimension that says who belongs to a group (gender, age band, status,
// form of exploitation, and region with the regions inside it), every value
// the other spans: the inner group may be part of the outer one (a
// municipality's in its county's, an age band in all ages), so their two
// sizes side by side could give the people between them by subtraction.
// Groups that span the same values are nested both ways. The needs a group
// names are not who belongs to it and are left out. Pairs come inner group
// by inner group, each with its outer groups in order.
func (gi *groupIndex) nestedPairs() []privacy.Nested {
	n := len(gi.sizes)
	var out []privacy.Nested
	outer := newBitset(n)
	for k := range n {
		outer.fill(n)
		for _, by := range [][]bitset{gi.byGender, gi.byAge, gi.byStatus, gi.byExpl, gi.byRegion} {
			for _, vs := range by {
				if vs.has(k) {
					outer.and(outer, vs)
				}
			}
		}
		for o := outer.next(0); o >= 0; o = outer.next(o + 1) {
			if o != k {
				out = append(out, privacy.Nested{Outer: o, Inner: k})
			}
		}
	}
	return out
}

// shown returns the group sizes as rule lets them be published: a group
// whose size, beside those of groups nested in it, would give fewer people
// than the threshold by subtraction is withheld (0: unknown), so that it
// is neither shown nor added into any total (withheld).
func (gi *groupIndex) shown(rule privacy.Rule) []int {
	sizes := slices.Clone(gi.sizes)
	for k, w := range gi.withheld(rule) {
		if w {
			sizes[k] = 0
		}
	}
	return sizes
}

// withheld returns, by group ordinal, the groups whose size rule does not
// let be published (privacy.Rule.Withheld over the nested pairs, taking
// together groups that share no person), computed once per rule.
func (gi *groupIndex) withheld(rule privacy.Rule) []bool {
	rule = rule.Normalize()
	if w, ok := gi.withheldBy.Load(rule); ok {
		return w.([]bool)
	}
	w := rule.Withheld(gi.sizes, gi.nested, gi.disjoint)
	gi.withheldBy.Store(rule, w)
	return w
}

// disjoint reports whether groups a and b can share no person: in some
// dimension that says who belongs to a group they span no value in common
// (two municipalities, two genders, children and adults).
func (gi *groupIndex) disjoint(a, b int) bool {
	gi.apartOnce.Do(gi.findApart)
	return gi.apart[a].has(b)
}

// findApart fills gi.apart: per group, the groups it shares no value with
// in some dimension that says who belongs to a group.
func (gi *groupIndex) findApart() {
	n := len(gi.sizes)
	dims := [][]bitset{gi.byGender, gi.byAge, gi.byStatus, gi.byExpl, gi.byRegion}
	spans := make([][]bitset, len(dims)) // per dimension, per group: the values it spans
	for d, by := range dims {
		spans[d] = make([]bitset, n)
		for k := range n {
			spans[d][k] = newBitset(len(by))
		}
		for v, vs := range by {
			for k := vs.next(0); k >= 0; k = vs.next(k + 1) {
				spans[d][k].set(v)
			}
		}
	}
	gi.apart = make([]bitset, n)
	for a := range n {
		gi.apart[a] = newBitset(n)
		for b := range n {
			for d := range dims {
				if !spans[d][a].intersects(spans[d][b]) {
					gi.apart[a].set(b)
					break
				}
			}
		}
	}
}

// WithheldGroups returns the ids of the groups whose size estimate must not
// be published under rule, though it is at or above the threshold: beside
// the sizes of the groups nested in it, it would give fewer people than the
// threshold by subtraction (privacy.Rule.Withheld). The gap results leave
// these sizes out of every total; every other output that shows a group's
// size (the landscape API, the node pages, the graph exports) withholds the
// same ones, so that nothing published beside them gives them back.
func (ix *Index) WithheldGroups(rule privacy.Rule) map[string]bool {
	out := map[string]bool{}
	for k, w := range ix.gi.withheld(rule) {
		if w {
			out[ix.d.groups[k].ID] = true
		}
	}
	return out
}

// WithheldGroups is (*Index).WithheldGroups on the index kept with l.
func WithheldGroups(l *graph.Landscape, rule privacy.Rule) (map[string]bool, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return ix.WithheldGroups(rule), nil
}

// targets returns the ordinals of the targets of id's edges of type t, or
// every ordinal below n when there is none.
func targets(l *graph.Landscape, d *dims, id string, t graph.EdgeType, n int) []int {
	es := l.Out(id, t)
	if len(es) == 0 {
		return seq(n)
	}
	is := make([]int, len(es))
	for i, e := range es {
		is[i] = d.ordinal[e.To]
	}
	return sortedUnique(is)
}

func mark(bs []bitset, k int, values []int) {
	for _, v := range values {
		bs[v].set(k)
	}
}

// ofProfile sets dst to the groups that span profile p.
func (gi *groupIndex) ofProfile(dst bitset, p prof) {
	dst.and(gi.byGender[p.g], gi.byAge[p.a])
	dst.and(dst, gi.byExpl[p.e])
	dst.and(dst, gi.byRegion[p.r])
	dst.and(dst, gi.byStatus[p.s])
}

// people sums the size estimates of groups gs that the plan publishes
// (plan.sizes: a total withheld is unknown) as its rule publishes a total
// (privacy.Rule.Sum: a group under the threshold is never added in, so
// that no total gives it back by subtraction); unknown when no group in gs
// has one. Groups can overlap, so the sum is an upper bound on the people
// affected.
func (p *plan) people(gs bitset) privacy.Count {
	var sizes []int
	for k := gs.next(0); k >= 0; k = gs.next(k + 1) {
		sizes = append(sizes, p.sizes[k])
	}
	return p.rule.Sum(sizes...)
}

// ids returns the ids of groups gs.
func (gi *groupIndex) ids(d *dims, gs bitset) []string {
	var ids []string
	for k := gs.next(0); k >= 0; k = gs.next(k + 1) {
		ids = append(ids, d.groups[k].ID)
	}
	return ids
}
