package gap

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// coverer solves the covers of profiles and groups for one analysis. It
// reuses its buffers from one profile to the next.
type coverer struct {
	ix       *Index
	p        *plan
	anyStage bitset // services at one of the plan's stages, at least

	buf       []uint64 // scratch bitsets, handed out by take
	used      int
	memberPos []int  // member key -> position among the members seen, or -1
	svcPos    []int  // service -> position among the services seen, or -1
	chosen    []bool // member key -> chosen
	solver    coverSolver
	small     smallSolver
	masks     []uint64

	keys, svcs       []int
	keySets, svcSets []bitset
	ids              []int
	sets             []bitset
	cov              []bitset
	words            []int32  // pattern's words of m at the plan's stages, for profile
	span             []int32  // while profile solves: the only words of its sets that may be non-zero
	members          []int    // cover's scratch
	names            []string // needNames' last answer, for namesOf
	namesOf          []int
	svcMember        []int // per position in svcs: its member's position in keys
	links            int   // cover's referral links, with preferLinks
}

func newCoverer(ix *Index, p *plan) *coverer {
	c := &coverer{ix: ix, p: p, anyStage: newBitset(ix.n)}
	for _, t := range p.stages {
		c.anyStage.or(ix.stage[t])
	}
	c.memberPos = make([]int, max(len(ix.orgKeys), len(graph.Sectors)+1))
	c.chosen = make([]bool, len(c.memberPos))
	c.svcPos = make([]int, ix.n)
	for i := range c.memberPos {
		c.memberPos[i] = -1
	}
	for i := range c.svcPos {
		c.svcPos[i] = -1
	}
	return c
}

// take returns a zeroed bitset of n members from the scratch buffer; reset
// makes the buffer free again.
func (c *coverer) take(n int) bitset {
	w := words(n)
	if c.used+w > len(c.buf) {
		c.buf = make([]uint64, max(2*len(c.buf), c.used+w, 1024))
		c.used = 0
	}
	b := c.buf[c.used : c.used+w : c.used+w]
	clear(b)
	c.used += w
	return b
}

func (c *coverer) reset() { c.used = 0 }

// pattern appends to key what determines the covers of a profile whose
// services are m: for each need of ns, the services that cover it (as
// varints, so the key grows with the services that matter, not with the
// landscape). It also notes the words of m that are not zero, for profile.
func (c *coverer) pattern(key []byte, m bitset, ns []int) []byte {
	ix := c.ix
	c.words = c.words[:0]
	for k, w := range m {
		if w&c.anyStage[k] != 0 {
			c.words = append(c.words, int32(k))
		}
	}
	for _, n := range ns {
		key = binary.AppendUvarint(key, uint64(n))
		need := ix.need[n]
		for _, k := range c.words {
			w := m[k] & need[k] & c.anyStage[k]
			for w != 0 {
				key = binary.AppendUvarint(key, uint64(int(k)<<6+bits.TrailingZeros64(w)+1))
				w &= w - 1
			}
		}
		key = append(key, 0)
	}
	return key
}

// profile computes the fragmentation of the profile whose services are m,
// for needs ns (ordinals). It must follow pattern(m), whose list of the
// words of m at the plan's stages it reads: the other words of the sets to
// cover are zero.
func (c *coverer) profile(m bitset, ns []int) Fragmentation {
	ix := c.ix
	c.reset()
	f := Fragmentation{Needs: c.needNames(ns)}
	cov := c.cov[:0]
	for _, n := range ns {
		b := c.take(ix.n)
		need, any := ix.need[n], uint64(0)
		for _, k := range c.words {
			w := m[k] & need[k] & c.anyStage[k]
			b[k] = w
			any |= w
		}
		if any == 0 {
			f.Uncoverable = append(f.Uncoverable, ix.d.needs[n])
			continue
		}
		cov = append(cov, b)
	}
	c.cov = cov
	c.span = c.words
	c.solve(&f, cov)
	c.span = nil
	return f
}

// appendMembers appends the members of b to ms: of the words in c.span only,
// when profile has set it (the others are zero), else of every word.
func (c *coverer) appendMembers(ms []int, b bitset) []int {
	if c.span == nil {
		for i := b.next(0); i >= 0; i = b.next(i + 1) {
			ms = append(ms, i)
		}
		return ms
	}
	for _, k := range c.span {
		for w := b[k]; w != 0; w &= w - 1 {
			ms = append(ms, int(k)<<6+bits.TrailingZeros64(w))
		}
	}
	return ms
}

// needNames returns the ids of needs ns, shared between the profiles with
// the same needs: a new slice whenever the needs change, never written
// after, so Results may share it.
func (c *coverer) needNames(ns []int) []string {
	if c.names != nil && slices.Equal(c.namesOf, ns) {
		return c.names
	}
	c.namesOf = slices.Clone(ns)
	c.names = make([]string, len(ns))
	for i, n := range ns {
		c.names[i] = c.ix.d.needs[n]
	}
	return c.names
}

// group computes the joint fragmentation of group k: the elements to cover
// are its (profile, need) pairs, over the analysed profiles it spans.
func (c *coverer) group(k int) Fragmentation {
	ix, d, p, gi := c.ix, c.ix.d, c.p, c.ix.gi
	c.reset()
	f := Fragmentation{Needs: []string{}}
	var ns []int
	for _, n := range gi.needs[k] {
		if slices.Contains(p.needs, n) {
			ns = append(ns, n)
			f.Needs = append(f.Needs, d.needs[n])
		}
	}
	// The group spans the product of the values it spans on each dimension.
	spanned := func(values []int, by []bitset) []int {
		var out []int
		for _, v := range values {
			if by[v].has(k) {
				out = append(out, v)
			}
		}
		return out
	}
	gs, as, es := spanned(p.genders, gi.byGender), spanned(p.ages, gi.byAge), spanned(p.expls, gi.byExpl)
	rs, ss := spanned(p.regions, gi.byRegion), spanned(p.statuses, gi.byStatus)
	f.Profiles = len(gs) * len(as) * len(es) * len(rs) * len(ss)
	if f.Profiles*len(ns) > maxGroupElements {
		f.Skipped = fmt.Sprintf("the group spans %d profiles and %d needs, more than %d pairs for a joint cover; see the fragmentation of its profiles", f.Profiles, len(ns), maxGroupElements)
		return f
	}
	var profiles []prof
	for _, g := range gs {
		for _, a := range as {
			for _, e := range es {
				for _, r := range rs {
					for _, s := range ss {
						profiles = append(profiles, prof{g: g, a: a, e: e, r: r, s: s})
					}
				}
			}
		}
	}
	// The needs that apply to none of the group's profiles are not its.
	f.Needs = f.Needs[:0]
	kept := ns[:0]
	for _, n := range ns {
		if slices.ContainsFunc(profiles, func(pr prof) bool { return c.applies(pr, n) }) {
			kept = append(kept, n)
			f.Needs = append(f.Needs, d.needs[n])
		}
	}
	ns = kept
	var cov []bitset
	uncoverable := newBitset(len(d.needs))
	m := newBitset(ix.n)
	for _, pr := range profiles {
		ix.profileMask(m, pr)
		for _, n := range ns {
			if !c.applies(pr, n) {
				continue // not a need of this profile's
			}
			b := c.take(ix.n)
			b.and(m, ix.need[n])
			if !b.and(b, c.anyStage) {
				uncoverable.set(n)
				continue
			}
			cov = append(cov, b)
		}
	}
	for _, n := range uncoverable.members() {
		f.Uncoverable = append(f.Uncoverable, d.needs[n])
	}
	c.solve(&f, cov)
	return f
}

// applies reports whether need n applies to profile pr at one of the
// plan's stages at least (analysis.needApplies).
func (c *coverer) applies(pr prof, n int) bool { return c.ix.d.appliesAtAny(pr.s, pr.a, n, c.p.stages) }

// solve fills in the covers of f: cov[j] holds the services that cover
// element j.
func (c *coverer) solve(f *Fragmentation, cov []bitset) {
	ix := c.ix
	f.Organisations = c.cover(cov, func(i int) int { return ix.orgOf[i] }, func(k int) string { return ix.orgKeys[k] }, true)
	f.ReferralLinks = c.links
	f.Sectors = c.cover(cov, func(i int) int { return ix.sectorOf[i] }, func(k int) string {
		if k < len(graph.Sectors) {
			return string(graph.Sectors[k])
		}
		return "other"
	}, false)
	chosen := f.Organisations.Services
	if len(chosen) < 2 {
		return
	}
	for _, a := range chosen {
		i := ix.r.byID[a]
		linked := false
		for _, b := range chosen {
			if j := ix.r.byID[b]; j != i && ix.linked[i].has(j) {
				linked = true
				break
			}
		}
		if !linked {
			f.Unlinked = append(f.Unlinked, a)
		}
	}
	f.UnlinkedCount = len(f.Unlinked)
}

// cover finds the fewest members (organisations or sectors: keyOf maps a
// service to its member) whose services cover every element, then the
// fewest of those members' services that still do. With preferLinks, among
// the smallest covers it takes the one whose members' services (those that
// cover an element) have the most referral links between them, and leaves
// that count in c.links.
func (c *coverer) cover(cov []bitset, keyOf func(int) int, name func(int) string, preferLinks bool) Cover {
	out := Cover{Members: []string{}, Services: []string{}}
	if preferLinks {
		c.links = 0
	}
	if len(cov) == 0 {
		out.Exact = true
		return out
	}
	c.keys, c.svcs, c.keySets, c.svcSets = c.keys[:0], c.svcs[:0], c.keySets[:0], c.svcSets[:0]
	for j, b := range cov {
		c.members = c.appendMembers(c.members[:0], b)
		for _, i := range c.members {
			k := keyOf(i)
			if c.memberPos[k] < 0 {
				c.memberPos[k] = len(c.keys)
				c.keys = append(c.keys, k)
				c.keySets = append(c.keySets, c.take(len(cov)))
			}
			c.keySets[c.memberPos[k]].set(j)
			if c.svcPos[i] < 0 {
				c.svcPos[i] = len(c.svcs)
				c.svcs = append(c.svcs, i)
				c.svcSets = append(c.svcSets, c.take(len(cov)))
			}
			c.svcSets[c.svcPos[i]].set(j)
		}
	}
	c.svcMember = c.svcMember[:0]
	for _, i := range c.svcs {
		c.svcMember = append(c.svcMember, c.memberPos[keyOf(i)])
	}
	for _, k := range c.keys {
		c.memberPos[k] = -1
	}
	for _, i := range c.svcs {
		c.svcPos[i] = -1
	}
	sol := c.minCover(c.keySets, len(cov))
	if preferLinks {
		sol.chosen, c.links = c.mostLinked(sol.chosen, len(cov))
	}
	out.Size, out.Exact, out.LowerBound = len(sol.chosen), sol.exact, sol.lower
	for _, x := range sol.chosen {
		c.chosen[c.keys[x]] = true
		out.Members = append(out.Members, name(c.keys[x]))
	}
	// The services: a smallest set of the chosen members' services.
	c.ids, c.sets = c.ids[:0], c.sets[:0]
	for x, i := range c.svcs {
		if c.chosen[keyOf(i)] {
			c.ids = append(c.ids, i)
			c.sets = append(c.sets, c.svcSets[x])
		}
	}
	for _, x := range sol.chosen {
		c.chosen[c.keys[x]] = false
	}
	for _, x := range c.minCover(c.sets, len(cov)).chosen {
		out.Services = append(out.Services, c.ix.r.services[c.ids[x]].id)
	}
	slices.Sort(out.Members)
	slices.Sort(out.Services)
	return out
}

// minCover solves the cover of sets over elements elements: with the small
// solver when they fit in a word (a profile's needs), else with the general
// one (a group's profile and need pairs).
func (c *coverer) minCover(sets []bitset, elements int) coverSolution {
	if elements > 64 {
		return c.solver.solve(sets, MaxCoverNodes)
	}
	c.masks = c.masks[:0]
	for _, b := range sets {
		c.masks = append(c.masks, b[0])
	}
	return c.small.solve(c.masks, MaxCoverNodes)
}
