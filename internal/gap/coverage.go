package gap

import (
	"encoding/binary"
	"math/bits"
)

// cellState is what the scan keeps of one cell: how many services cover it,
// the one that does when it is alone, and why the coverage is fragile.
type cellState struct {
	count int32
	sole  int32
	frag  uint8
}

func (s cellState) covered() bool { return s.count > 0 }

// maxBlockMemo caps how many distinct blocks a scanner remembers.
const maxBlockMemo = 512

// scanner computes the cell states of one index for one block of profiles:
// one gender, age band, exploitation and region, every status of the plan's
// scan list, every need and stage of the plan. Profile masks are built as
// running ANDs, so each level of the loop costs one AND of two bitsets, and a
// cell costs one more.
//
// A block's states depend only on the services that accept its gender, age
// band, exploitation and region (its mask), and many blocks share a mask (in
// the Norwegian seed, 15 masks for 1,701 blocks: most regions have the same
// services). The scanner remembers the states of up to plan.blockMemo masks.
type scanner struct {
	ix *Index
	p  *plan

	ga, gae, gaer bitset // services accepting the gender, age band, exploitation, region
	ms, mn        bitset // ... and the status, ... and the need
	c             bitset

	// states holds [status in p.scan][need in p.needs][stage in p.stages];
	// covered, per status and need position, the stage positions covered
	// (sw words each). Both belong to the current block's class.
	states  []cellState
	covered []uint64
	sw      int
	class   int // ordinal of the current block's mask, or -1 when not remembered

	ig, is, in []int32 // words of gaer, ms and mn that may be non-zero (compute)

	memo    map[string]int // mask -> class
	classes []blockStates
	key     []byte
	scratch blockStates // for blocks past the memo's capacity
}

type blockStates struct {
	states  []cellState
	covered []uint64
}

func newScanner(ix *Index, p *plan) *scanner {
	a := newArena(ix.n, 7)
	sc := &scanner{
		ix: ix, p: p,
		ga: a.alloc(), gae: a.alloc(), gaer: a.alloc(),
		ms: a.alloc(), mn: a.alloc(), c: a.alloc(),
		sw:   words(len(p.stages)),
		memo: map[string]int{},
	}
	sc.scratch = sc.newStates()
	return sc
}

func (sc *scanner) newStates() blockStates {
	p := sc.p
	return blockStates{
		states:  make([]cellState, len(p.scan)*len(p.needs)*len(p.stages)),
		covered: make([]uint64, len(p.scan)*len(p.needs)*sc.sw),
	}
}

// coveredStages returns the stage positions covered for status position si
// and need position ni.
func (sc *scanner) coveredStages(si, ni int) bitset {
	i := (si*len(sc.p.needs) + ni) * sc.sw
	return sc.covered[i : i+sc.sw : i+sc.sw]
}

// at returns the index in states of status position si, need position ni and
// stage position ti.
func (sc *scanner) at(si, ni, ti int) int {
	return (si*len(sc.p.needs)+ni)*len(sc.p.stages) + ti
}

func (sc *scanner) setGenderAge(g, a int) { sc.ga.and(sc.ix.gender[g], sc.ix.age[a]) }
func (sc *scanner) setExploitation(e int) { sc.gae.and(sc.ga, sc.ix.expl[e]) }
func (sc *scanner) setRegion(r int)       { sc.gaer.and(sc.gae, sc.ix.region[r]) }

// block makes states and covered those of the current block: remembered,
// or computed (and remembered while the memo has room).
func (sc *scanner) block() {
	sc.key = sc.key[:0]
	for _, w := range sc.gaer {
		sc.key = binary.LittleEndian.AppendUint64(sc.key, w)
	}
	if c, ok := sc.memo[string(sc.key)]; ok {
		sc.class = c
		sc.states, sc.covered = sc.classes[c].states, sc.classes[c].covered
		return
	}
	bs := sc.scratch
	sc.class = -1
	if len(sc.classes) < sc.p.blockMemo {
		bs = sc.newStates()
		sc.class = len(sc.classes)
		sc.classes = append(sc.classes, bs)
		sc.memo[string(sc.key)] = sc.class
	}
	sc.states, sc.covered = bs.states, bs.covered
	sc.compute()
}

// compute computes the states of every cell of the current block. The
// block's services (gaer) are few next to all services, so compute walks
// only the words of the bitsets that can be non-zero: those of gaer, of gaer
// and the status (in ms), of those and the need (in mn). ms, mn and c hold
// meaningful values only at the words listed; the others are never read.
func (sc *scanner) compute() {
	ix, p := sc.ix, sc.p
	nt := len(p.needs) * len(p.stages)
	ig := sc.ig[:0]
	for k, w := range sc.gaer {
		if w != 0 {
			ig = append(ig, int32(k))
		}
	}
	sc.ig = ig
	for si, s := range p.scan {
		row := sc.states[si*nt : (si+1)*nt]
		covered := sc.covered[si*len(p.needs)*sc.sw : (si+1)*len(p.needs)*sc.sw]
		is, status := sc.is[:0], ix.status[s]
		for _, k := range ig {
			if w := sc.gaer[k] & status[k]; w != 0 {
				sc.ms[k] = w
				is = append(is, k)
			}
		}
		sc.is = is
		if len(is) == 0 {
			clear(row)
			clear(covered)
			continue
		}
		for ni, n := range p.needs {
			cells := row[ni*len(p.stages) : (ni+1)*len(p.stages)]
			stages := sc.coveredStages(si, ni)
			stages.zero()
			in, need := sc.in[:0], ix.need[n]
			for _, k := range is {
				if w := sc.ms[k] & need[k]; w != 0 {
					sc.mn[k] = w
					in = append(in, k)
				}
			}
			sc.in = in
			if len(in) == 0 {
				clear(cells)
				continue
			}
			sf, nf := ix.statusFull[s], ix.needFull[n]
			for ti, t := range p.stages {
				cells[ti] = ix.cellStateSparse(sc.mn, ix.stage[t], sf, nf, sc.c, in)
				if cells[ti].count > 0 {
					stages.set(ti)
				}
			}
		}
	}
}

// cellStateSparse is cellState for a profile and need whose services (mn)
// lie in the words listed in idx (ascending): mn is read, and c written,
// only there. The services accepting the status and meeting the need in
// full are sf AND nf.
func (ix *Index) cellStateSparse(mn, st, sf, nf, c bitset, idx []int32) cellState {
	var count int
	var perm, fl, unl uint64
	first := -1
	for _, k := range idx {
		w := mn[k] & st[k]
		c[k] = w
		if w == 0 {
			continue
		}
		count += bits.OnesCount64(w)
		perm |= w & ix.permanent[k]
		fl |= w & sf[k] & nf[k]
		unl |= w & ix.unlimited[k]
		if first < 0 {
			first = int(k)<<6 + bits.TrailingZeros64(w)
		}
	}
	if count == 0 {
		return cellState{sole: -1}
	}
	s := cellState{count: int32(count), sole: -1}
	one := true
	if count == 1 {
		s.sole = int32(first)
		s.frag |= fragSingleService
	} else {
		org := ix.orgSets[ix.orgOf[first]]
		for _, k := range idx {
			if c[k]&^org[k] != 0 {
				one = false
				break
			}
		}
		if one {
			s.frag |= fragSingleOrg
		}
	}
	s.frag |= ix.fragFlags(one, first, perm, fl, unl)
	return s
}

// fragFlags returns the fragile flags of a covered cell: one says its
// covering services are of one organisation, first is one of them, perm,
// fl and unl are non-zero when one of them is permanently funded, accepts
// and meets in full, is not capacity-limited.
func (ix *Index) fragFlags(one bool, first int, perm, fl, unl uint64) uint8 {
	var f uint8
	if perm == 0 {
		f |= fragNoPermanent
	}
	if fl == 0 {
		f |= fragPartial
	}
	if one && ix.ngo.has(first) {
		f |= fragSingleNGO
	}
	if unl == 0 {
		f |= fragCapacity
	}
	return f
}

// cellState intersects the services of a profile and need (mn) with those at
// a stage (st), leaving the covering set in c, and reads off the state: the
// count, the sole service, and the fragile flags (full holds the services
// that accept the status and meet the need in full).
func (ix *Index) cellState(mn, st, full, c bitset) cellState {
	var count int
	var perm, fl, unl uint64
	first := -1
	for k := range c {
		w := mn[k] & st[k]
		c[k] = w
		if w == 0 {
			continue
		}
		count += bits.OnesCount64(w)
		perm |= w & ix.permanent[k]
		fl |= w & full[k]
		unl |= w & ix.unlimited[k]
		if first < 0 {
			first = k<<6 + bits.TrailingZeros64(w)
		}
	}
	if count == 0 {
		return cellState{sole: -1}
	}
	s := cellState{count: int32(count), sole: -1}
	one := true
	switch {
	case count == 1:
		s.sole = int32(first)
		s.frag |= fragSingleService
	case c.subsetOf(ix.orgSets[ix.orgOf[first]]):
		s.frag |= fragSingleOrg
	default:
		one = false
	}
	s.frag |= ix.fragFlags(one, first, perm, fl, unl)
	return s
}

// covering sets c to the services that cover cell (p, n, t) of ix and
// reports whether there is any.
func (ix *Index) covering(c bitset, p prof, n, t int) bool {
	c.and(ix.gender[p.g], ix.age[p.a])
	c.and(c, ix.expl[p.e])
	c.and(c, ix.region[p.r])
	c.and(c, ix.status[p.s])
	c.and(c, ix.need[n])
	return c.and(c, ix.stage[t])
}
