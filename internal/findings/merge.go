package findings

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"

	"github.com/gapmap/gapmap/internal/gap"
)

// The dimensions of a box, in the positions of a gap.CellMap.
const (
	dimStage = iota
	dimStatus
	dimGender
	dimAge
	dimExpl
	dimRegion
	nDims
)

// box is a set of gap cells of one kind and one need that is a product of
// one set of values per dimension: the structure a finding states. Sets
// are interned (interner) so that a box is small and comparable.
type box struct {
	kind int32 // position in the map's kinds, in claim order (claimOrder)
	need int32
	set  [nDims]int32
}

// interner numbers distinct sets of values of one dimension.
type interner struct {
	sets [][]uint64
	ids  map[string]int32
	buf  []byte
}

func newInterner() *interner { return &interner{ids: map[string]int32{}} }

// id returns the number of set b (which the interner copies when new).
func (in *interner) id(b []uint64) int32 {
	in.buf = in.buf[:0]
	for _, w := range b {
		in.buf = binary.LittleEndian.AppendUint64(in.buf, w)
	}
	if id, ok := in.ids[string(in.buf)]; ok {
		return id
	}
	id := int32(len(in.sets))
	in.sets = append(in.sets, append([]uint64(nil), b...))
	in.ids[string(in.buf)] = id
	return id
}

func (in *interner) one(n, i int) int32 {
	b := make([]uint64, words(n))
	b[i/64] |= 1 << (i % 64)
	return in.id(b)
}

func words(n int) int { return (n + 63) / 64 }

func members(b []uint64) []int {
	var out []int
	for k, w := range b {
		for ; w != 0; w &= w - 1 {
			out = append(out, k*64+bits.TrailingZeros64(w))
		}
	}
	return out
}

// merger turns a CellMap into the fewest boxes it finds: every gap cell in
// exactly one box, each cell in the box of its claiming kind (claimOrder).
type merger struct {
	m      *gap.CellMap
	claim  []int // positions in m.Kinds, in claim order
	sizes  [nDims]int
	intern [nDims]*interner
	sc     *scratch
}

// scratch is the memory a merger works in, kept from one need to the next
// by the worker that merges them (merging is where findings spend their
// time, and a fresh allocation for each need was a good part of it).
type scratch struct {
	own, reach, covered []uint64 // overlap's
	at                  map[box]int
	union               []uint64 // mergeAlong's
	accs                []mergeAcc
}

// mergeAcc is a box mergeAlong merges others into, the union of their sets
// along the dimension, and how many it merged.
type mergeAcc struct {
	b     box
	union []uint64
	n     int
}

// grab returns (*b)[:n], growing *b first when it is too short; the
// contents are what they were.
func grab(b *[]uint64, n int) []uint64 {
	if cap(*b) < n {
		*b = make([]uint64, n)
	}
	return (*b)[:n]
}

// newMerger returns a merger of m's cells of the kinds claim, working in
// sc (nil: a scratch of its own).
func newMerger(m *gap.CellMap, claim []int, sc *scratch) (*merger, error) {
	if len(m.Exploitation) > 64 || len(m.AgeBands) > 64 || len(m.Genders) > 64 {
		return nil, fmt.Errorf("findings: at most 64 genders, age bands and forms of exploitation, got %d, %d and %d",
			len(m.Genders), len(m.AgeBands), len(m.Exploitation))
	}
	if sc == nil {
		sc = &scratch{}
	}
	mg := &merger{m: m, claim: claim, sc: sc}
	mg.sizes = [nDims]int{len(m.Stages), len(m.Statuses), len(m.Genders), len(m.AgeBands), len(m.Exploitation), len(m.Regions)}
	for d := range mg.intern {
		mg.intern[d] = newInterner()
	}
	return mg, nil
}

// boxes splits the map's gap cells of need n into boxes, each of one stage
// and one status: cells are grouped, per stage and status, into the
// regions whose rows are alike, and each row is split into boxes over
// gender, age band and exploitation. overlap merges them. (Boxes of
// different needs never merge, so each need has a merger of its own, and
// the needs are merged side by side.)
func (mg *merger) boxes(n int) []box {
	m := mg.m
	w := m.Words()
	nk := len(mg.claim)
	prim := make([]uint64, nk*w)
	claimed := make([]uint64, w)
	var out []box
	regionIn := mg.intern[dimRegion]
	nr := len(m.Regions)
	type group struct {
		kind    int
		content []uint64
		regions []uint64
	}
	byContent := map[string]int{}
	var groups []group
	var key []byte
	{
		for t := range m.Stages {
			for s := range m.Statuses {
				clear(byContent)
				groups = groups[:0]
				for r := range m.Regions {
					clear(claimed)
					for c, k := range mg.claim {
						row := m.Row(k, r, n, t, s)
						p := prim[c*w : (c+1)*w]
						for j := range w {
							p[j] = row[j] &^ claimed[j]
							claimed[j] |= row[j]
						}
					}
					for c := range nk {
						p := prim[c*w : (c+1)*w]
						if allZero(p) {
							continue
						}
						key = binary.LittleEndian.AppendUint32(key[:0], uint32(c))
						for _, x := range p {
							key = binary.LittleEndian.AppendUint64(key, x)
						}
						gi, ok := byContent[string(key)]
						if !ok {
							gi = len(groups)
							byContent[string(key)] = gi
							groups = append(groups, group{kind: c, content: append([]uint64(nil), p...), regions: make([]uint64, words(nr))})
						}
						groups[gi].regions[r/64] |= 1 << (r % 64)
					}
				}
				for _, g := range groups {
					rid := regionIn.id(g.regions)
					for _, tb := range mg.triples(g.content) {
						b := box{kind: int32(g.kind), need: int32(n)}
						b.set[dimStage] = mg.intern[dimStage].one(mg.sizes[dimStage], t)
						b.set[dimStatus] = mg.intern[dimStatus].one(mg.sizes[dimStatus], s)
						b.set[dimGender] = mg.intern[dimGender].id([]uint64{tb[0]})
						b.set[dimAge] = mg.intern[dimAge].id([]uint64{tb[1]})
						b.set[dimExpl] = mg.intern[dimExpl].id([]uint64{tb[2]})
						b.set[dimRegion] = rid
						out = append(out, b)
					}
				}
			}
		}
	}
	return out
}

// mergeOrder is the order in which mergeAll merges along dimensions: the
// dimensions that rarely change the answer first. (Of the orders tried on
// the Norwegian seed it gave the fewest findings.) Read-only.
var mergeOrder = [nDims]int{dimGender, dimExpl, dimRegion, dimStage, dimAge, dimStatus}

// mergeAll merges boxes that differ in one dimension only, dimension by
// dimension, until a whole round merges nothing.
func (mg *merger) mergeAll(bs []box, order [nDims]int) []box {
	for {
		before := len(bs)
		for _, d := range order {
			bs = mg.mergeAlong(bs, d)
		}
		if len(bs) == before {
			return bs
		}
	}
}

// mergeAlong merges the boxes that are alike but for dimension d into one
// whose d-set is the union of theirs. (The boxes partition the cells, so
// boxes alike but for d have disjoint d-sets.)
func (mg *merger) mergeAlong(bs []box, d int) []box {
	if mg.sc.at == nil {
		mg.sc.at = make(map[box]int, len(bs))
	}
	at := mg.sc.at
	clear(at)
	accs := mg.sc.accs[:0]
	in := mg.intern[d]
	wd := words(mg.sizes[d])
	unions := grab(&mg.sc.union, len(bs)*wd)
	for _, b := range bs {
		k := b
		k.set[d] = -1
		i, ok := at[k]
		if !ok {
			i = len(accs)
			at[k] = i
			u := unions[i*wd : (i+1)*wd : (i+1)*wd]
			copy(u, in.sets[b.set[d]])
			accs = append(accs, mergeAcc{b: b, union: u})
		} else {
			for j, x := range in.sets[b.set[d]] {
				accs[i].union[j] |= x
			}
		}
		accs[i].n++
	}
	mg.sc.accs = accs
	out := bs[:0]
	for _, a := range accs {
		if a.n > 1 {
			a.b.set[d] = in.id(a.union)
		}
		out = append(out, a.b)
	}
	return out
}

// triples splits a row (the triples of one kind in one row) into boxes over
// gender, age band and exploitation: merging along exploitation, then age
// band, then gender. Each box is (genders, age bands, forms of
// exploitation) as bit sets of positions.
func (mg *merger) triples(row []uint64) [][3]uint64 {
	m := mg.m
	ng, na := len(m.Genders), len(m.AgeBands)
	// per (gender, age): the forms of exploitation
	es := make([]uint64, ng*na)
	for k, w := range row {
		for ; w != 0; w &= w - 1 {
			g, a, e := m.Triple(k*64 + bits.TrailingZeros64(w))
			es[g*na+a] |= 1 << e
		}
	}
	// per (gender, exploitation set): the age bands; then per (age set,
	// exploitation set): the genders. The lists are short (a few genders
	// and age bands), so they are searched, not hashed.
	type gk struct {
		g    int
		e, a uint64
	}
	var byGE []gk
	for g := range ng {
		for a := range na {
			e := es[g*na+a]
			if e == 0 {
				continue
			}
			i := slices.IndexFunc(byGE, func(x gk) bool { return x.g == g && x.e == e })
			if i < 0 {
				byGE = append(byGE, gk{g: g, e: e})
				i = len(byGE) - 1
			}
			byGE[i].a |= 1 << a
		}
	}
	var out [][3]uint64
	for _, x := range byGE {
		i := slices.IndexFunc(out, func(b [3]uint64) bool { return b[1] == x.a && b[2] == x.e })
		if i < 0 {
			out = append(out, [3]uint64{0, x.a, x.e})
			i = len(out) - 1
		}
		out[i][0] |= 1 << x.g
	}
	return out
}

func allZero(b []uint64) bool {
	for _, x := range b {
		if x != 0 {
			return false
		}
	}
	return true
}

// ownRow is the cells of one row of a CellMap (stage, status, region, for
// the need of the finding) that a finding holds: the triples (gender, age
// band, exploitation) as a mask.
type ownRow struct {
	t, s, r int32
	bits    []uint64
}

// owned is a box a finding states and the cells it holds: the cells of its
// kind in the box that no finding chosen before it holds. The box may
// reach over gap cells of any other kind (held by their findings) and over
// cells of its own kind held by a larger box chosen before it, never over
// a cell that is no gap; it is tightened to the values of the cells it
// holds (hold).
type owned struct {
	b     box
	rows  []ownRow
	cells int
}

// overlap merges the boxes cells of need n (boxes) that differ in one
// dimension only, dimension by dimension, until no two can be (a
// partition), then grows the partition's boxes and chooses among them,
// so that fewer boxes hold the same cells. Each box is grown, one value at
// a time and along stages and statuses first, over the gap cells of every
// kind (those of another kind are held by the findings of that kind, whose
// people the finding states apart), taking a value only when it brings
// cells of the box's own kind; then boxes are chosen greedily, the one
// holding the most cells not yet held first, until every cell of every kind
// is held. Each cell is held by exactly one box: the first chosen of its
// claiming kind that contains it.
//
// (Reaching over the other kinds' cells is what makes the list short: a
// fragile service in two cities would otherwise cut every "no service"
// box of the need in three, and the "no service" cells cut the fragile
// ones. Before it, the seed gave 117 findings; with it, 82.)
func (mg *merger) overlap(n int, cells []box) []owned {
	m := mg.m
	w := m.Words()
	nt, ns, nr := len(m.Stages), len(m.Statuses), len(m.Regions)
	rows := nt * ns * nr
	nk := len(mg.claim)
	// own[c]: the cells whose claiming kind is c. (Every word of own and
	// reach is written below.)
	own := make([][]uint64, nk)
	ownAll := grab(&mg.sc.own, nk*rows*w)
	for c := range nk {
		own[c] = ownAll[c*rows*w : (c+1)*rows*w : (c+1)*rows*w]
	}
	// reach: the cells of every kind; a box may reach over all of them
	// (those of other findings are stated apart).
	reach := grab(&mg.sc.reach, rows*w)
	claimed := make([]uint64, w)
	for t := range nt {
		for s := range ns {
			for r := range nr {
				at := ((t*ns+s)*nr + r) * w
				clear(claimed)
				for c, k := range mg.claim {
					row := m.Row(k, r, n, t, s)
					for j := range w {
						own[c][at+j] = row[j] &^ claimed[j]
						claimed[j] |= row[j]
					}
				}
				copy(reach[at:at+w], claimed)
			}
		}
	}
	bs := mg.mergeAll(cells, mergeOrder)
	byKind := make([][]box, nk)
	for _, b := range bs {
		byKind[b.kind] = append(byKind[b.kind], b)
	}
	var out []owned
	covered := grab(&mg.sc.covered, rows*w)
	for c, part := range byKind {
		clear(covered)
		if len(part) > maxGrown {
			// the choice costs the square of the boxes: a partition this
			// split (drawn landscapes at Europe scale) is kept as it is
			out = append(out, mg.keep(part, own[c], covered)...)
			continue
		}
		var grown []box
		for _, b := range part {
			for _, order := range growOrders {
				grown = append(grown, mg.grow(b, order, own[c], reach))
			}
		}
		out = append(out, mg.choose(grown, own[c], reach, covered)...)
	}
	return out
}

// maxGrown is the most boxes of one need and kind that overlap grows and
// chooses among; a partition of more is kept.
const maxGrown = 64

// boxSets returns the sets of box b, as copies.
func (mg *merger) boxSets(b box) [nDims][]uint64 {
	var sets [nDims][]uint64
	for d := range nDims {
		sets[d] = slices.Clone(mg.intern[d].sets[b.set[d]])
	}
	return sets
}

// tripleMask returns the mask of the triples of sets' genders, age bands
// and forms of exploitation.
func (mg *merger) tripleMask(sets [nDims][]uint64) []uint64 {
	return mg.tripleMaskInto(make([]uint64, mg.m.Words()), sets)
}

// tripleMaskInto is tripleMask written into out, which it returns.
func (mg *merger) tripleMaskInto(out []uint64, sets [nDims][]uint64) []uint64 {
	m := mg.m
	clear(out)
	for g := range len(m.Genders) {
		if !has(sets[dimGender], g) {
			continue
		}
		for a := range len(m.AgeBands) {
			if !has(sets[dimAge], a) {
				continue
			}
			for e := range len(m.Exploitation) {
				if has(sets[dimExpl], e) {
					b := m.TripleBit(g, a, e)
					out[b/64] |= 1 << (b % 64)
				}
			}
		}
	}
	return out
}

func has(b []uint64, i int) bool { return b[i/64]&(1<<(i%64)) != 0 }

// eachRow calls f with the offset (in words) of every row of sets' stages,
// statuses and regions, until f returns false; it reports whether f
// always returned true.
func (mg *merger) eachRow(sets [nDims][]uint64, f func(t, s, r, at int) bool) bool {
	m := mg.m
	nt, ns, nr, w := len(m.Stages), len(m.Statuses), len(m.Regions), m.Words()
	for t := range nt {
		if !has(sets[dimStage], t) {
			continue
		}
		for s := range ns {
			if !has(sets[dimStatus], s) {
				continue
			}
			for k, x := range sets[dimRegion] {
				for ; x != 0; x &= x - 1 {
					r := k*64 + bits.TrailingZeros64(x)
					if !f(t, s, r, ((t*ns+s)*nr+r)*w) {
						return false
					}
				}
			}
		}
	}
	return true
}

// growOrders are the orders in which grow tries the dimensions, each
// giving a candidate box: stages and statuses, which split the findings
// most, first, and in turn the other dimensions. Read-only.
var growOrders = [][nDims]int{
	{dimStage, dimStatus, dimRegion, dimExpl, dimGender, dimAge},
}

// grow returns box b grown, one value at a time, within allowed, each value
// bringing cells of own.
func (mg *merger) grow(b box, order [nDims]int, own, allowed []uint64) box {
	sets := mg.boxSets(b)
	tri := make([]uint64, mg.m.Words())
	var one [nDims][]uint64
	for d := range nDims {
		one[d] = make([]uint64, words(mg.sizes[d]))
	}
	for changed := true; changed; {
		changed = false
		for _, d := range order {
			for v := range mg.sizes[d] {
				if sets[d][v/64]&(1<<(v%64)) != 0 {
					continue
				}
				slab := sets
				slab[d] = one[d]
				clear(slab[d])
				slab[d][v/64] = 1 << (v % 64)
				mg.tripleMaskInto(tri, slab)
				fits, brings := true, false
				mg.eachRow(slab, func(_, _, _, at int) bool {
					for j, x := range tri {
						if x&^allowed[at+j] != 0 {
							fits = false
							return false
						}
						if x&own[at+j] != 0 {
							brings = true
						}
					}
					return true
				})
				if fits && brings {
					sets[d][v/64] |= 1 << (v % 64)
					changed = true
				}
			}
		}
	}
	for d := range nDims {
		b.set[d] = mg.intern[d].id(sets[d])
	}
	return b
}

// choose picks among boxes cs (of one kind) greedily, the box holding the
// most cells of own not yet covered first, until none holds one more; it
// marks the cells it gives in covered.
func (mg *merger) choose(cs []box, own, allowed, covered []uint64) []owned {
	seen := map[box]bool{}
	type cand struct {
		b    box
		sets [nDims][]uint64
		tri  []uint64
		gain int // an upper bound: the gain when last counted
	}
	var cands []*cand
	for _, b := range cs {
		if seen[b] {
			continue
		}
		seen[b] = true
		c := &cand{b: b, sets: mg.boxSets(b)}
		c.tri = mg.tripleMask(c.sets)
		cands = append(cands, c)
	}
	gain := func(c *cand) int {
		n := 0
		mg.eachRow(c.sets, func(_, _, _, at int) bool {
			for j, x := range c.tri {
				n += bits.OnesCount64(x & own[at+j] &^ covered[at+j])
			}
			return true
		})
		return n
	}
	for _, c := range cands {
		c.gain = gain(c)
	}
	var chosen []*cand
	for {
		// lazy greedy: a box's gain only falls as others are chosen, so
		// the box whose fresh gain is at least every other's last count
		// is the best.
		best := -1
		for {
			best = -1
			for i, c := range cands {
				if c.gain > 0 && (best < 0 || c.gain > cands[best].gain) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			old := cands[best].gain
			if cands[best].gain = gain(cands[best]); cands[best].gain == old {
				break
			}
		}
		if best < 0 {
			break
		}
		c := cands[best]
		mg.eachRow(c.sets, func(_, _, _, at int) bool {
			for j, x := range c.tri {
				covered[at+j] |= x & own[at+j]
			}
			return true
		})
		c.gain = 0
		chosen = append(chosen, c)
	}
	// Drop, latest first, a chosen box whose cells the other boxes kept
	// contain all: its cells go to the first of them.
	inBox := func(c *cand, t, s, r int) bool {
		return c.sets[dimStage][t/64]&(1<<(t%64)) != 0 && c.sets[dimStatus][s/64]&(1<<(s%64)) != 0 &&
			c.sets[dimRegion][r/64]&(1<<(r%64)) != 0
	}
	drop := func() {
		for i := len(chosen) - 1; i >= 0 && len(chosen) > 1; i-- {
			c := chosen[i]
			redundant := mg.eachRow(c.sets, func(t, s, r, at int) bool {
				for j, x := range c.tri {
					rest := x & own[at+j]
					for k, o := range chosen {
						if rest == 0 {
							break
						}
						if k != i && inBox(o, t, s, r) {
							rest &^= o.tri[j]
						}
					}
					if rest != 0 {
						return false
					}
				}
				return true
			})
			if redundant {
				chosen = slices.Delete(chosen, i, i+1)
			}
		}
	}
	drop()
	clear(covered)
	var out []owned
	for _, c := range chosen {
		if o := mg.hold(c.b, c.sets, c.tri, own, covered); o.cells > 0 {
			out = append(out, o)
		}
	}
	return out
}

// keep returns the boxes cs (a partition of own) as they are, in order.
func (mg *merger) keep(cs []box, own, covered []uint64) []owned {
	out := make([]owned, 0, len(cs))
	for _, b := range cs {
		sets := mg.boxSets(b)
		if o := mg.hold(b, sets, mg.tripleMask(sets), own, covered); o.cells > 0 {
			out = append(out, o)
		}
	}
	return out
}

// hold returns box b (sets, triple mask tri) holding the cells of own in
// it that covered does not hold yet, and marks them held. The box it
// returns is b tightened to the values of its held cells: a value of b no
// held cell has is left out, so that the finding names only where and for
// whom it holds.
func (mg *merger) hold(b box, sets [nDims][]uint64, tri, own, covered []uint64) owned {
	o := owned{b: b}
	var used [nDims][]uint64
	for d := range nDims {
		used[d] = make([]uint64, words(mg.sizes[d]))
	}
	mark := func(d, v int) { used[d][v/64] |= 1 << (v % 64) }
	// the rows' masks share one slice, cut up when it is full
	w := len(tri)
	held := make([]uint64, w)
	var buf []uint64
	// the rows of the box, at most: o.rows never grows past them
	o.rows = make([]ownRow, 0, ones(sets[dimStage])*ones(sets[dimStatus])*ones(sets[dimRegion]))
	mg.eachRow(sets, func(t, s, r, at int) bool {
		var row []uint64
		for j, x := range tri {
			if y := x & own[at+j] &^ covered[at+j]; y != 0 {
				if row == nil {
					if len(buf) < w {
						buf = make([]uint64, 64*w)
					}
					row, buf = buf[:w:w], buf[w:]
				}
				row[j] = y
				covered[at+j] |= y
				o.cells += bits.OnesCount64(y)
			}
		}
		if row != nil {
			o.rows = append(o.rows, ownRow{t: int32(t), s: int32(s), r: int32(r), bits: row})
			mark(dimStage, t)
			mark(dimStatus, s)
			mark(dimRegion, r)
			for j, y := range row {
				held[j] |= y
			}
		}
		return true
	})
	if o.cells == 0 {
		return o
	}
	for _, k := range members(held) {
		g, a, e := mg.m.Triple(k)
		mark(dimGender, g)
		mark(dimAge, a)
		mark(dimExpl, e)
	}
	for d := range nDims {
		o.b.set[d] = mg.intern[d].id(used[d])
	}
	return o
}

// ones returns how many values set holds.
func ones(set []uint64) int {
	n := 0
	for _, x := range set {
		n += bits.OnesCount64(x)
	}
	return n
}
