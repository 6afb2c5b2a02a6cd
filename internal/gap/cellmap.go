package gap

import (
	"context"
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// CellMap holds, for every cell a query keeps, which kinds of gap of a cell
// kind it has, as bit masks: one row per (region, need, stage, status), one
// bit per (gender, age band, exploitation) triple, in the positions of the
// map's dimension lists. It is what a layer over the gaps (the findings)
// reads to see every gap cell without describing each one: at Europe scale
// a few tens of megabytes for fifty million cells.
//
// The dimension lists are the query's values in result order, by id.
type CellMap struct {
	Genders      []graph.Gender
	AgeBands     []graph.AgeBand
	Statuses     []string
	Exploitation []string
	Regions      []string
	Needs        []string
	Stages       []string
	// Kinds are the cell kinds the map holds, in the order of Kinds.
	Kinds []Kind
	// Groups are the named groups, with what they span in the map's
	// positions, for the people a set of cells reaches.
	Groups []GroupSpan

	words int
	// masks holds the rows by need, stage, status, region and kind, the
	// order the findings read them in.
	masks []uint64
}

// GroupSpan is a named group as positions of a CellMap's dimension lists:
// the values it spans (a dimension it names nothing for spans every value),
// and its size estimate as the query's privacy rule lets it be published
// (0 when it has none, or when it is withheld: beside a group nested in it
// it would give fewer people than the threshold by subtraction).
type GroupSpan struct {
	ID                                              string
	Size                                            int
	Genders, AgeBands, Statuses, Exploitation, Need []bool
	Regions                                         []bool
}

// Words returns the number of 64-bit words of one row.
func (m *CellMap) Words() int { return m.words }

// Triples returns the number of (gender, age band, exploitation) triples of
// a row.
func (m *CellMap) Triples() int { return len(m.Genders) * len(m.AgeBands) * len(m.Exploitation) }

// Triple returns the positions of the gender, age band and exploitation of
// triple bit b.
func (m *CellMap) Triple(b int) (g, a, e int) {
	na, ne := len(m.AgeBands), len(m.Exploitation)
	return b / (na * ne), b / ne % na, b % ne
}

// TripleBit returns the bit of the triple at positions (g, a, e).
func (m *CellMap) TripleBit(g, a, e int) int {
	return (g*len(m.AgeBands)+a)*len(m.Exploitation) + e
}

// Row returns the triples of region r, need n, stage t and status s (map
// positions) that have a gap of the kind at position k of Kinds. The row is
// the map's own: callers must not modify it.
func (m *CellMap) Row(k, r, n, t, s int) []uint64 {
	at := (((((n*len(m.Stages)+t)*len(m.Statuses)+s)*len(m.Regions)+r)*len(m.Kinds) + k) * m.words)
	return m.masks[at : at+m.words]
}

// Cells returns the CellMap of the cells query q keeps in landscape l, as
// it is (no scenario). Query.Kinds selects the cell kinds the map holds
// (every cell kind when it names none); Limit and Offset are ignored.
//
// Errors: those of Analyse.
func Cells(ctx context.Context, l *graph.Landscape, q Query) (*CellMap, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return ix.Cells(ctx, q)
}

// CachedIndex returns the index of l that the package-level functions
// share (built once per snapshot, kept with the snapshot), for callers that
// run many narrow analyses of one snapshot with the Index methods.
func CachedIndex(l *graph.Landscape) (*Index, error) { return indexOf(l) }

// Cells is the package-level Cells on an index built beforehand.
func (ix *Index) Cells(ctx context.Context, q Query) (*CellMap, error) {
	var cellKinds []Kind
	for _, k := range q.Kinds {
		if kindBit(k)&bitCellKinds != 0 {
			cellKinds = append(cellKinds, k)
		}
	}
	none := len(q.Kinds) > 0 && len(cellKinds) == 0 // only fragmentation or criticality asked for
	if len(cellKinds) == 0 {
		cellKinds = bitCellKinds.list()
	}
	q.Kinds = cellKinds
	q.Limit, q.Offset = 0, 0
	an, err := ix.newAnalysis(q, Scenario{})
	if err != nil {
		return nil, err
	}
	p, d := an.p, ix.d
	m := &CellMap{Kinds: p.kinds.list()}
	for _, g := range p.genders {
		m.Genders = append(m.Genders, d.genders[g])
	}
	for _, a := range p.ages {
		m.AgeBands = append(m.AgeBands, d.ages[a])
	}
	pick := func(ords []int, ids []string) []string {
		out := make([]string, len(ords))
		for i, o := range ords {
			out[i] = ids[o]
		}
		return out
	}
	m.Statuses, m.Exploitation = pick(p.statuses, d.statuses), pick(p.expls, d.expls)
	m.Regions, m.Needs, m.Stages = pick(p.regions, d.regions), pick(p.needs, d.needs), pick(p.stages, d.stages)
	m.Groups = an.groupSpans()

	if none {
		m.Kinds = nil
		return m, nil
	}
	cu := newCube(an)
	cu.cells = m
	m.words = cu.cb.w
	rows := len(m.Regions) * len(m.Needs) * len(m.Stages) * len(m.Statuses)
	m.masks = make([]uint64, rows*len(m.Kinds)*m.words)
	if err := cu.run(ctx); err != nil {
		return nil, fmt.Errorf("gap: cells: %w", err)
	}
	return m, nil
}

// groupSpans describes the groups in the plan's positions.
func (an *analysis) groupSpans() []GroupSpan {
	d, p, gi := an.ix.d, an.p, an.ix.gi
	out := make([]GroupSpan, len(d.groups))
	over := func(ords []int, by []bitset, k int) []bool {
		b := make([]bool, len(ords))
		for i, o := range ords {
			b[i] = by[o].has(k)
		}
		return b
	}
	for k, g := range d.groups {
		out[k] = GroupSpan{
			ID: g.ID, Size: p.sizes[k],
			Genders: over(p.genders, gi.byGender, k), AgeBands: over(p.ages, gi.byAge, k),
			Statuses: over(p.statuses, gi.byStatus, k), Exploitation: over(p.expls, gi.byExpl, k),
			Regions: over(p.regions, gi.byRegion, k), Need: over(p.needs, gi.byNeed, k),
		}
	}
	return out
}

// recordCells copies the masks of the region at plan position rpos into the
// cube's CellMap: the cells the analysis keeps, per kind.
func (w *cubeWorker) recordCells(rpos int) {
	cu := w.cu
	m, p, cbw, sw := cu.cells, cu.an.p, cu.cb.w, cu.sw
	nt := len(p.stages)
	for k, kind := range m.Kinds {
		var masks []uint64
		switch kindBit(kind) {
		case bitUncovered:
			masks = w.now.u
		case bitEntitledUnserved:
			masks = w.now.e
		case bitEntitledPartial:
			masks = w.now.ep
		case bitFragile:
			masks = w.now.f
		case bitSingleProvider:
			masks = w.now.sp
		case bitLost:
			masks = w.now.l
		default:
			// A cell kind without its mask here records no cell; the
			// findings' cover test against the oracle fails until it has
			// one.
			continue
		}
		for ni := range p.needs {
			valid := w.validOf(ni)
			for ti := range nt {
				if !cu.arises[ni].has(ti) {
					continue // the need does not arise at the stage: no cell
				}
				at := (ni*nt + ti) * sw
				for si, pos := range cu.evalPos {
					o := pos * cbw
					row := m.Row(k, rpos, ni, ti, si)
					for j := range cbw {
						row[j] = masks[at+o+j] & valid[o+j]
					}
				}
			}
		}
	}
}

// DescribeCells lists and describes the cells with a gap of the kinds q
// asks for, as Analyse lists them in Result.Gaps (capped by q.Limit), with
// the Result's Names, Sources and Recommendations, and GapsTotal the gaps
// seen; nothing else of the Result is computed. It scans the cells one
// block at a time without the cube pass, which for the few cells of a
// narrow query (a finding's sample) costs a fraction of Analyse.
//
// Errors: those of Analyse.
func (ix *Index) DescribeCells(ctx context.Context, q Query) (*Result, error) {
	an, err := ix.newAnalysis(q, Scenario{})
	if err != nil {
		return nil, err
	}
	p := an.p
	sc := newScanner(ix, p)
	scans := []*scanner{sc}
	for _, g := range p.genders {
		for _, a := range p.ages {
			sc.setGenderAge(g, a)
			for _, e := range p.expls {
				sc.setExploitation(e)
				for _, r := range p.regions {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
					sc.setRegion(r)
					sc.block()
					an.listBlock(prof{g: g, a: a, e: e, r: r}, scans)
				}
			}
		}
	}
	if err := an.describeGaps(ctx); err != nil {
		return nil, err
	}
	an.res.GapsTotal = an.gapsSeen
	an.pv.fill(an.res)
	return an.res, nil
}
