package gap

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// The cube pass evaluates the cells of an analysis region by region, as bit
// masks over profiles, instead of one cell at a time.
//
// A profile region's cells differ only by the services that cover the
// region, so the pass takes those services (a few hundred, next to a
// landscape's many thousands), buckets them by need and stage, and for each
// bucket ORs their eligibility masks: masks over every (status, gender, age
// band, exploitation) the plan analyses, one bit per profile. Two running
// ORs give "covered by one service or more" and "by two or more"; the same
// over organisations, over permanently funded services and over services
// that accept in full give every fragile flag. Every count the Result holds
// is then a population count of those masks, and the per-profile tallies
// come from bit-sliced counters. The cells the Result lists (capped by
// Query.Limit) are then found, in result order, by the counts per block, and
// described by the block scanner (scanner), one block at a time.

// combos lays the plan's (gender, age band, exploitation) triples out as
// bits: the triple at plan positions (g, a, e) is bit (g*na+a)*ne+e of a
// chunk of w words, so that bit order is the result's profile order. A slab
// holds one chunk per scanned status (plan.scan), in that order.
type combos struct {
	na, ne int
	n, w   int
	all    []uint64   // the n bits
	age    [][]uint64 // per age band position: its triples
}

func newCombos(p *plan) *combos {
	c := &combos{na: len(p.ages), ne: len(p.expls)}
	c.n = len(p.genders) * c.na * c.ne
	c.w = words(c.n)
	mk := func(k int) [][]uint64 {
		out := make([][]uint64, k)
		for i := range out {
			out[i] = make([]uint64, c.w)
		}
		return out
	}
	c.all = make([]uint64, c.w)
	c.age = mk(c.na)
	for b := range c.n {
		_, a, _ := c.split(b)
		bitset(c.all).set(b)
		bitset(c.age[a]).set(b)
	}
	return c
}

// split returns the plan positions of the gender, age band and exploitation
// of triple b.
func (c *combos) split(b int) (g, a, e int) {
	return b / (c.na * c.ne), b / c.ne % c.na, b % c.ne
}

// product returns the triples whose gender, age band and exploitation
// positions are in gs, as and es (as tests on positions).
func (c *combos) product(gs, as, es func(int) bool) []uint64 {
	out := make([]uint64, c.w)
	for b := range c.n {
		g, a, e := c.split(b)
		if gs(g) && as(a) && es(e) {
			bitset(out).set(b)
		}
	}
	return out
}

// statusRule is a scanned status a service accepts: its position in
// plan.scan and whether it accepts it in full.
type statusRule struct {
	pos  int32
	full bool
}

// side is one index (the landscape analysed, or its baseline under a
// scenario) prepared for the cube pass of one plan.
type side struct {
	ix *Index
	cb *combos
	p  *plan

	// Per service: the triples it accepts, the scanned statuses it
	// accepts, the plan's needs (positions) it meets and the plan's stages
	// (positions) it runs at. A service the cube never needs (closed, or
	// accepting no triple, status, need or stage of the plan) has no base.
	base     [][]uint64
	statuses [][]statusRule
	needs    [][]int32
	needFull []uint64 // per service: the need positions it meets in full (plan needs ≤ 64) — see needIsFull
	needBits []uint64 // per service: the need positions it meets (when plan needs ≤ 64)
	stages   [][]int32
	perm     []bool
	ngo      []bool // run by an NGO
	unl      []bool // not capacity-limited

	relevant bitset     // services with a base
	ent      [][]uint64 // [status position in scan][need position]: triples entitled (w words), nil for none
	entFull  [][]uint64 // the same, entitled in full
}

func newSide(ix *Index, p *plan, cb *combos) *side {
	sd := &side{ix: ix, cb: cb, p: p}
	n := ix.n
	sd.base = make([][]uint64, n)
	sd.statuses = make([][]statusRule, n)
	sd.needs = make([][]int32, n)
	sd.stages = make([][]int32, n)
	sd.needFull = make([]uint64, n)
	sd.needBits = make([]uint64, n)
	sd.perm = make([]bool, n)
	sd.ngo, sd.unl = make([]bool, n), make([]bool, n)
	sd.relevant = newBitset(n)
	for i, sr := range ix.r.services {
		if sr.closed {
			continue
		}
		var sts []statusRule
		for k, s := range p.scan {
			if sr.statuses.has(s) {
				sts = append(sts, statusRule{pos: int32(k), full: !sr.statusPartial.has(s)})
			}
		}
		var ns []int32
		var nf, nb uint64
		for k, nd := range p.needs {
			if sr.needs.has(nd) {
				ns = append(ns, int32(k))
				if k < 64 {
					nb |= 1 << k
					if !sr.needPartial.has(nd) {
						nf |= 1 << k
					}
				}
			}
		}
		var ts []int32
		for k, t := range p.stages {
			if sr.stages.has(t) {
				ts = append(ts, int32(k))
			}
		}
		if len(sts) == 0 || len(ns) == 0 || len(ts) == 0 {
			continue
		}
		base := cb.product(
			func(g int) bool { return sr.genders.has(p.genders[g]) },
			func(a int) bool { return sr.ages.has(p.ages[a]) },
			func(e int) bool { return sr.expls.has(p.expls[e]) },
		)
		if bitset(base).empty() {
			continue
		}
		sd.base[i], sd.statuses[i], sd.needs[i], sd.stages[i] = base, sts, ns, ts
		sd.needFull[i], sd.needBits[i] = nf, nb
		sd.perm[i] = sr.funding == graph.FundingPermanent
		sd.ngo[i], sd.unl[i] = sr.ngo, !sr.limited
		sd.relevant.set(i)
	}
	sd.ent, sd.entFull = make([][]uint64, len(p.scan)), make([][]uint64, len(p.scan))
	for k, s := range p.scan {
		sd.ent[k] = make([]uint64, len(p.needs)*cb.w)
		sd.entFull[k] = make([]uint64, len(p.needs)*cb.w)
		for ni, nd := range p.needs {
			e := ix.r.ents[s][nd]
			if e == nil {
				continue
			}
			row := sd.ent[k][ni*cb.w : (ni+1)*cb.w]
			full := sd.entFull[k][ni*cb.w : (ni+1)*cb.w]
			for a, ab := range p.ages {
				if e.ages.has(ab) {
					orWords(row, cb.age[a])
					if e.full.has(ab) {
						orWords(full, cb.age[a])
					}
				}
			}
		}
	}
	return sd
}

// needIsFull reports whether service i meets the need at plan position ni
// in full.
func (sd *side) needIsFull(i, ni int) bool {
	if ni < 64 {
		return sd.needFull[i]&(1<<ni) != 0
	}
	return !sd.ix.r.services[i].needPartial.has(sd.p.needs[ni])
}

// regionServices appends to dst the services the cube needs that cover
// region r, ordered by organisation key, then by ordinal, so that each
// organisation's services are contiguous.
func (sd *side) regionServices(dst []int32, r int) []int32 {
	dst = dst[:0]
	reg, rel := sd.ix.region[r], sd.relevant
	for k := range reg {
		for w := reg[k] & rel[k]; w != 0; w &= w - 1 {
			dst = append(dst, int32(k<<6+bits.TrailingZeros64(w)))
		}
	}
	orgOf := sd.ix.orgOf
	slices.SortFunc(dst, func(a, b int32) int {
		return cmp.Or(cmp.Compare(orgOf[a], orgOf[b]), cmp.Compare(a, b))
	})
	return dst
}

func orWords(dst, src []uint64) {
	for k := range dst {
		dst[k] |= src[k]
	}
}
