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
}

func newMerger(m *gap.CellMap, claim []int) (*merger, error) {
	if len(m.Exploitation) > 64 || len(m.AgeBands) > 64 || len(m.Genders) > 64 {
		return nil, fmt.Errorf("findings: at most 64 genders, age bands and forms of exploitation, got %d, %d and %d",
			len(m.Genders), len(m.AgeBands), len(m.Exploitation))
	}
	mg := &merger{m: m, claim: claim}
	mg.sizes = [nDims]int{len(m.Stages), len(m.Statuses), len(m.Genders), len(m.AgeBands), len(m.Exploitation), len(m.Regions)}
	for d := range mg.intern {
		mg.intern[d] = newInterner()
	}
	return mg, nil
}

// boxes merges the map's gap cells of need n into boxes. Cells are first
// grouped, per stage and status, into the regions whose rows are alike;
// each row is split into boxes over gender, age band and exploitation; then
// boxes that differ in one dimension only are merged, dimension by
// dimension, until no two can be. (Boxes of different needs never merge,
// so each need has a merger of its own, and the needs are merged side by
// side.)
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
	return mg.mergeAll(out)
}

// mergeOrder is the order in which mergeAll merges along dimensions: the
// dimensions that rarely change the answer first. (Of the orders tried on
// the Norwegian seed it gave the fewest findings.) Read-only.
var mergeOrder = [nDims]int{dimGender, dimExpl, dimRegion, dimStage, dimAge, dimStatus}

// mergeAll merges boxes that differ in one dimension only, dimension by
// dimension, until a whole round merges nothing.
func (mg *merger) mergeAll(bs []box) []box {
	for {
		before := len(bs)
		for _, d := range mergeOrder {
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
	type acc struct {
		b     box
		union []uint64
		n     int
	}
	at := make(map[box]int, len(bs))
	var accs []acc
	in := mg.intern[d]
	for _, b := range bs {
		k := b
		k.set[d] = -1
		i, ok := at[k]
		if !ok {
			i = len(accs)
			at[k] = i
			accs = append(accs, acc{b: b, union: append([]uint64(nil), in.sets[b.set[d]]...)})
		} else {
			for j, x := range in.sets[b.set[d]] {
				accs[i].union[j] |= x
			}
		}
		accs[i].n++
	}
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
