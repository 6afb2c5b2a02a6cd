package gap

import (
	"context"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// cube is the shared, read-only state of one analysis's cube pass.
type cube struct {
	an       *analysis
	cb       *combos
	now, was *side // was is nil without a scenario

	sw int // words per slab: len(plan.scan) chunks
	// groupCells: the pass computes GroupCells (groupcells.go) instead of
	// a Result, and counts the services covering each profile.
	groupCells bool
	// cells: the pass fills this CellMap (cellmap.go) instead of a Result.
	cells     *CellMap
	evalPos   []int // position in plan.scan of each evaluated status (plan.statuses)
	allSlab   []uint64
	groupMask [][]uint64 // per group: the (scanned status, triple) profiles it spans, nil if none
	groupNeed []bitset   // per group: the plan's need positions it names

	// appl, per need position, the profiles the need applies to (not of a
	// terminal status, of an age band it names), nil when every profile;
	// arises, per need position, the plan's stage positions it arises at.
	appl   [][]uint64
	arises []bitset

	// Counts per block (triple, region position), at [triple*regions+rpos]:
	// listed kinds of gap, kinds opened and closed by the scenario, cells
	// the focus service alone covers.
	blockGaps, blockOpened, blockClosed, blockFocus []int32
}

// sideMasks are one side's masks for the cells of one region: per bucket
// (need position * stages + stage position), one slab each.
type sideMasks struct {
	c1, sole, u, e, ep, f, sp, l []uint64
	// count holds, with cube.groupCells, how many services cover each
	// profile: per bucket, bit-sliced planes of one slab each.
	count   []uint64
	buckets [][]int32 // services per bucket, organisation by organisation
	list    []int32   // the region's services
}

func newCube(an *analysis) *cube {
	p, d := an.p, an.ix.d
	cb, now := an.side()
	cu := &cube{an: an, cb: cb, now: now, sw: len(p.scan) * cb.w}
	if an.base != nil {
		cu.was = newSide(an.base, p, cb)
	}
	for _, s := range p.statuses {
		cu.evalPos = append(cu.evalPos, an.scanPos[s])
	}
	cu.allSlab = make([]uint64, cu.sw)
	for k := range p.scan {
		copy(cu.allSlab[k*cb.w:], cb.all)
	}
	cu.appl = make([][]uint64, len(p.needs))
	cu.arises = make([]bitset, len(p.needs))
	for ni, n := range p.needs {
		cu.arises[ni] = newBitset(len(p.stages))
		for ti, t := range p.stages {
			if d.needStages[n].has(t) {
				cu.arises[ni].set(ti)
			}
		}
		tri := cb.product(
			func(int) bool { return true },
			func(a int) bool { return d.needAges[n].has(p.ages[a]) },
			func(int) bool { return true },
		)
		m := make([]uint64, cu.sw)
		for pos, s := range p.scan {
			if !d.terminal.has(s) {
				copy(m[pos*cb.w:], tri)
			}
		}
		if !slices.Equal(m, cu.allSlab) {
			cu.appl[ni] = m
		}
	}
	gi := an.ix.gi
	cu.groupMask = make([][]uint64, len(d.groups))
	cu.groupNeed = make([]bitset, len(d.groups))
	for k := range d.groups {
		tri := cb.product(
			func(g int) bool { return gi.byGender[p.genders[g]].has(k) },
			func(a int) bool { return gi.byAge[p.ages[a]].has(k) },
			func(e int) bool { return gi.byExpl[p.expls[e]].has(k) },
		)
		cu.groupNeed[k] = newBitset(len(p.needs))
		for ni, n := range p.needs {
			if gi.byNeed[n].has(k) {
				cu.groupNeed[k].set(ni)
			}
		}
		if bitset(tri).empty() {
			continue
		}
		m := make([]uint64, cu.sw)
		for pos, s := range p.scan {
			if gi.byStatus[s].has(k) {
				copy(m[pos*cb.w:], tri)
			}
		}
		if bitset(m).empty() {
			continue
		}
		cu.groupMask[k] = m
	}
	blocks := cb.n * len(p.regions)
	cu.blockGaps = make([]int32, blocks)
	if an.diff != nil {
		cu.blockOpened, cu.blockClosed = make([]int32, blocks), make([]int32, blocks)
	}
	if an.focus >= 0 {
		cu.blockFocus = make([]int32, blocks)
	}
	return cu
}

// run evaluates every region, on as many workers as there are CPUs, and
// merges what they accumulated into an.
func (cu *cube) run(ctx context.Context) error {
	p := cu.an.p
	workers := min(runtime.GOMAXPROCS(0), len(p.regions))
	ws := make([]*cubeWorker, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for k := range ws {
		ws[k] = newCubeWorker(cu)
		wg.Go(func() {
			w := ws[k]
			for {
				rpos := int(next.Add(1) - 1)
				if rpos >= len(p.regions) {
					return
				}
				if rpos%16 == 0 {
					if err := ctx.Err(); err != nil {
						errs[k] = err
						return
					}
				}
				w.region(rpos)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, w := range ws {
		if cu.cells != nil {
			continue
		}
		if cu.groupCells {
			for i, x := range w.acc.gcells {
				cu.an.gcells[i].add(x)
			}
			continue
		}
		cu.an.merge(&w.acc)
	}
	return nil
}

// cubeAcc is what one worker accumulates; workers' accumulators are added
// up when every region is done.
type cubeAcc struct {
	tally    tallies
	profiles int
	gaps     int
	groups   []groupAcc
	crit     []critAcc // by service; nil without criticality
	trans    []transAcc
	diff     Diff           // counts and totals only
	gcells   []groupCellAcc // with cube.groupCells
}

// transAcc accumulates one reported transition (analysis.trans).
type transAcc struct {
	cells        int
	needCells    []int
	needProfiles []int
	needStages   []bitset
	groups       bitset
}

// cubeWorker evaluates regions with its own buffers and accumulators.
type cubeWorker struct {
	cu       *cube
	now, was sideMasks
	acc      cubeAcc

	// scratch slabs
	c2, co1, o2, om, pm, fl, ng, un []uint64
	valid                           [][]uint64 // per need position: the profiles whose cells are kept
	kept                            []uint64
	lostAny                         []uint64
	tmp                             [12][]uint64 // one chunk each
	groups                          []int        // groups spanning the region
	needGroups                      [][]int      // per need position: those of groups that need it
	local                           []int32      // service -> position in now.list
	profMask                        [][]uint64   // per position in now.list: profiles it alone covers a cell of

	cells, unc, ent, entp, frag, single, lost, gap, opened, closed, focus *vcounter

	planes int        // with cube.groupCells: planes of sideMasks.count
	plane  [][]uint64 // scratch: one chunk of each plane
}

func newCubeWorker(cu *cube) *cubeWorker {
	an, p, cb := cu.an, cu.an.p, cu.cb
	d := an.ix.d
	nb := len(p.needs) * len(p.stages)
	w := &cubeWorker{cu: cu}
	slab := func() []uint64 { return make([]uint64, cu.sw) }
	w.c2, w.co1, w.o2, w.om, w.pm, w.fl, w.ng, w.un = slab(), slab(), slab(), slab(), slab(), slab(), slab(), slab()
	w.kept, w.lostAny = slab(), make([]uint64, cb.w)
	for k := range w.tmp {
		w.tmp[k] = make([]uint64, cb.w)
	}
	newMasks := func(sm *sideMasks) {
		for _, m := range []*[]uint64{&sm.c1, &sm.sole, &sm.u, &sm.e, &sm.ep, &sm.f, &sm.sp, &sm.l} {
			*m = make([]uint64, nb*cu.sw)
		}
		sm.buckets = make([][]int32, nb)
	}
	newMasks(&w.now)
	if cu.was != nil {
		newMasks(&w.was)
	}
	if cu.groupCells {
		w.planes = bits.Len(uint(an.ix.n))
		w.now.count = make([]uint64, nb*w.planes*cu.sw)
		w.plane = make([][]uint64, w.planes)
		w.acc.gcells = make([]groupCellAcc, len(an.gcells))
	}
	if an.p.groups != nil {
		w.valid = make([][]uint64, len(p.needs))
		for ni := range w.valid {
			w.valid[ni] = slab()
		}
	}
	adds := nb * len(p.statuses)
	mk := func(max int) *vcounter { return newVCounter(cb.w, max) }
	w.cells, w.unc, w.ent, w.entp, w.frag, w.single, w.lost, w.gap = mk(adds), mk(adds), mk(adds), mk(adds), mk(adds), mk(adds), mk(adds), mk(adds)
	if an.diff != nil {
		w.opened, w.closed = mk(cellKinds*adds), mk(cellKinds*adds)
	}
	if an.focus >= 0 {
		w.focus = mk(adds)
	}

	a := &w.acc
	a.tally = newTallies(d, p)
	a.groups = make([]groupAcc, len(d.groups))
	if p.kinds.has(bitCriticality) {
		a.crit = make([]critAcc, an.ix.n)
		w.local = make([]int32, an.ix.n)
	}
	a.trans = make([]transAcc, len(an.trans))
	for k := range a.trans {
		t := &a.trans[k]
		t.needCells, t.needProfiles = make([]int, len(p.needs)), make([]int, len(p.needs))
		t.needStages = make([]bitset, len(p.needs))
		for ni := range t.needStages {
			t.needStages[ni] = newBitset(len(p.stages))
		}
		t.groups = newBitset(len(d.groups))
	}
	return w
}

// region evaluates every cell of the region at plan position rpos.
func (w *cubeWorker) region(rpos int) {
	cu := w.cu
	r := cu.an.p.regions[rpos]
	w.masks(cu.now, r, &w.now)
	if cu.was != nil {
		w.masks(cu.was, r, &w.was)
	}
	w.spanning(r)
	if cu.cells != nil {
		w.recordCells(rpos)
		return
	}
	if cu.groupCells {
		w.accumulateGroupCells()
		return
	}
	w.accumulate(r, rpos)
}

// masks computes the masks of side sd's cells in region r into sm.
func (w *cubeWorker) masks(sd *side, r int, sm *sideMasks) {
	cu, an := w.cu, w.cu.an
	p, cbw, sw := an.p, cu.cb.w, cu.sw
	nt := len(p.stages)
	sm.list = sd.regionServices(sm.list, r)
	for b := range sm.buckets {
		sm.buckets[b] = sm.buckets[b][:0]
	}
	for _, i := range sm.list {
		for _, ni := range sd.needs[i] {
			for _, ti := range sd.stages[i] {
				b := int(ni)*nt + int(ti)
				sm.buckets[b] = append(sm.buckets[b], i)
			}
		}
	}
	orgOf := sd.ix.orgOf
	kinds := p.kinds
	for b, bucket := range sm.buckets {
		ni := b / nt
		c1 := sm.c1[b*sw : (b+1)*sw]
		sole, u, e, f, l := sm.sole[b*sw:(b+1)*sw], sm.u[b*sw:(b+1)*sw], sm.e[b*sw:(b+1)*sw], sm.f[b*sw:(b+1)*sw], sm.l[b*sw:(b+1)*sw]
		ep, sp := sm.ep[b*sw:(b+1)*sw], sm.sp[b*sw:(b+1)*sw]
		clear(c1)
		clear(w.c2)
		clear(w.co1)
		clear(w.o2)
		clear(w.pm)
		clear(w.fl)
		clear(w.ng)
		clear(w.un)
		var count []uint64
		if sm.count != nil {
			count = sm.count[b*w.planes*sw : (b+1)*w.planes*sw]
			clear(count)
		}
		org := -1
		flush := func() {
			for k, x := range w.om {
				w.o2[k] |= w.co1[k] & x
				w.co1[k] |= x
			}
			clear(w.om)
		}
		for _, i := range bucket {
			if o := orgOf[i]; o != org {
				if org >= 0 {
					flush()
				}
				org = o
			}
			base, perm, full := sd.base[i], sd.perm[i], sd.needIsFull(int(i), ni)
			ngo, unl := sd.ngo[i], sd.unl[i]
			for _, st := range sd.statuses[i] {
				o := int(st.pos) * cbw
				if count != nil {
					for k, x := range base {
						for d, carry := 0, x; carry != 0; d++ {
							at := d*sw + o + k
							count[at], carry = count[at]^carry, count[at]&carry
						}
					}
				}
				for k, x := range base {
					w.c2[o+k] |= c1[o+k] & x
					c1[o+k] |= x
					w.om[o+k] |= x
					if perm {
						w.pm[o+k] |= x
					}
					if full && st.full {
						w.fl[o+k] |= x
					}
					if ngo {
						w.ng[o+k] |= x
					}
					if unl {
						w.un[o+k] |= x
					}
				}
			}
		}
		if org >= 0 {
			flush()
		}
		clear(u)
		clear(e)
		clear(ep)
		clear(f)
		clear(sp)
		clear(l)
		for k := range sole {
			sole[k] = c1[k] &^ w.c2[k]
		}
		for _, pos := range cu.evalPos {
			o := pos * cbw
			ent := sd.ent[pos][ni*cbw : (ni+1)*cbw]
			entFull := sd.entFull[pos][ni*cbw : (ni+1)*cbw]
			s := p.scan[pos]
			for k := range cbw {
				unc := cu.cb.all[k] &^ c1[o+k]
				var lost uint64
				if kinds.has(bitLost) {
					for _, tr := range an.preds[s] {
						lost |= c1[tr.fromPos*cbw+k]
					}
					lost &= unc
				}
				if kinds.has(bitEntitledUnserved) {
					e[o+k] = unc & ent[k]
				}
				if kinds&(bitFragile|bitSingleProvider|bitEntitledPartial) != 0 {
					// Fragile: no permanent funding, partial only, one
					// organisation that is an NGO, or capacity-limited
					// only; else one organisation is a single provider.
					one := c1[o+k] &^ w.o2[o+k]
					frag := c1[o+k] & (^w.pm[o+k] | ^w.fl[o+k] | one&w.ng[o+k] | ^w.un[o+k])
					if kinds.has(bitFragile) {
						f[o+k] = frag
					}
					if kinds.has(bitSingleProvider) {
						sp[o+k] = one &^ frag
					}
					if kinds.has(bitEntitledPartial) {
						ep[o+k] = c1[o+k] &^ w.fl[o+k] & entFull[k]
					}
				}
				if kinds.has(bitUncovered) {
					u[o+k] = unc
				}
				l[o+k] = lost
			}
		}
	}
}

// spanning lists the groups that span region r, and the profiles whose
// cells the analysis keeps, per need: every profile, or with a group filter
// those that a selected group spans and that need the need.
func (w *cubeWorker) spanning(r int) {
	cu, an := w.cu, w.cu.an
	gi := an.ix.gi
	w.groups = w.groups[:0]
	for k, m := range cu.groupMask {
		if m != nil && gi.byRegion[r].has(k) {
			w.groups = append(w.groups, k)
		}
	}
	if w.needGroups == nil {
		w.needGroups = make([][]int, len(an.p.needs))
	}
	for ni := range w.needGroups {
		w.needGroups[ni] = w.needGroups[ni][:0]
		for _, k := range w.groups {
			if cu.groupNeed[k].has(ni) {
				w.needGroups[ni] = append(w.needGroups[ni], k)
			}
		}
	}
	if w.valid == nil {
		return
	}
	for ni, v := range w.valid {
		clear(v)
		for _, k := range w.groups {
			if an.p.groups.has(k) && cu.groupNeed[k].has(ni) {
				orWords(v, cu.groupMask[k])
			}
		}
		if m := cu.appl[ni]; m != nil {
			for k := range v {
				v[k] &= m[k]
			}
		}
	}
}

// validOf returns the kept profiles of need position ni: those the need
// applies to, and with a group filter those a selected group spans.
func (w *cubeWorker) validOf(ni int) []uint64 {
	if w.valid == nil {
		if m := w.cu.appl[ni]; m != nil {
			return m
		}
		return w.cu.allSlab
	}
	return w.valid[ni]
}
