package gap

import (
	"context"
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// GroupCell breaks down the cells of one named group: for one of its
// statuses, one need it names and one stage, how many of the group's
// profiles with that status the need is uncovered, entitled but unserved or
// fragile for, and the fewest and most services that cover it for one of
// those profiles. The coverage dashboard and the pathways sankey read it.
//
// Counts.Cells is the number of profiles (one cell each); LostInTransition
// is not counted here.
type GroupCell struct {
	Group  string `json:"group"`
	Status string `json:"status"`
	Need   string `json:"need"`
	Stage  string `json:"stage"`
	Counts
	MinServices int `json:"min_services"`
	MaxServices int `json:"max_services"`
}

// GroupCells returns the GroupCells of every named group (those of
// q.Groups, or every group) over the profiles, needs and stages q keeps,
// with scenario sc applied; a group's needs are the ones it names (every
// need when it names none). Groups, statuses, needs and stages come in the
// order of the landscape (stages by Order); a combination no profile of the
// group reaches is left out. Query.Kinds, Limit and Offset are ignored.
//
// Errors: those of Analyse.
func GroupCells(ctx context.Context, l *graph.Landscape, q Query, sc Scenario) ([]GroupCell, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	if len(sc.Changes) > 0 {
		if _, err := newPlan(l, ix.d, q); err != nil {
			return nil, err // the query's error first, as Analyse reports it
		}
		r, err := ix.r.apply(ix.l, ix.d, sc)
		if err != nil {
			return nil, err
		}
		ix = ix.withRules(r)
	}
	return ix.groupCells(ctx, q)
}

// groupCells computes the GroupCells of q on ix with the cube pass
// (cube.go), which for this counts, besides its masks, how many services
// cover each profile of each bucket, in bit-sliced counters: a group's
// fewest and most services are then read off the counters for all its
// profiles at once.
func (ix *Index) groupCells(ctx context.Context, q Query) ([]GroupCell, error) {
	q.Kinds = []Kind{KindUncovered, KindEntitledUnserved, KindFragile}
	q.Limit, q.Offset = 0, 0
	an, err := ix.newAnalysis(q, Scenario{})
	if err != nil {
		return nil, err
	}
	cu := newCube(an)
	cu.groupCells = true
	an.gcells = make([]groupCellAcc, len(ix.d.groups)*len(ix.d.statuses)*len(an.p.needs)*len(an.p.stages))
	if err := cu.run(ctx); err != nil {
		return nil, fmt.Errorf("gap: group cells: %w", err)
	}
	return an.groupCellList(), nil
}

// groupCellAcc accumulates one GroupCell.
type groupCellAcc struct {
	cells, uncovered, entitled, fragile int
	min, max                            int
}

// add adds the counts of x, which covers other profiles of the same cell.
func (g *groupCellAcc) add(x groupCellAcc) {
	if x.cells == 0 {
		return
	}
	if g.cells == 0 || x.min < g.min {
		g.min = x.min
	}
	g.max = max(g.max, x.max)
	g.cells += x.cells
	g.uncovered += x.uncovered
	g.entitled += x.entitled
	g.fragile += x.fragile
}

// groupCellAt returns the index of (group k, status ordinal s, need
// position ni, stage position ti) in analysis.gcells.
func (an *analysis) groupCellAt(k, s, ni, ti int) int {
	return ((k*len(an.ix.d.statuses)+s)*len(an.p.needs)+ni)*len(an.p.stages) + ti
}

// groupCellList returns the GroupCells accumulated, in the order of
// GroupCells.
func (an *analysis) groupCellList() []GroupCell {
	d, p := an.ix.d, an.p
	var out []GroupCell
	for k, grp := range d.groups {
		for s := range d.statuses {
			for ni, n := range p.needs {
				for ti, t := range p.stages {
					ga := an.gcells[an.groupCellAt(k, s, ni, ti)]
					if ga.cells == 0 {
						continue
					}
					out = append(out, GroupCell{
						Group: grp.ID, Status: d.statuses[s], Need: d.needs[n], Stage: d.stages[t],
						Counts:      Counts{Cells: ga.cells, Uncovered: ga.uncovered, EntitledUnserved: ga.entitled, Fragile: ga.fragile},
						MinServices: ga.min, MaxServices: ga.max,
					})
				}
			}
		}
	}
	return out
}

// accumulateGroupCells adds region r's cells to the worker's GroupCells:
// for every group that spans the region (a selected one, with a group
// filter), the profiles it spans at each status, need and stage.
func (w *cubeWorker) accumulateGroupCells() {
	cu, an := w.cu, w.cu.an
	p, cbw, sw := an.p, cu.cb.w, cu.sw
	nt, planes := len(p.stages), w.planes
	for ni := range p.needs {
		appl := cu.appl[ni]
		for ti := range nt {
			if !cu.arises[ni].has(ti) {
				continue // the need does not arise at the stage
			}
			b := ni*nt + ti
			at := b * sw
			for _, k := range w.needGroups[ni] {
				if p.groups != nil && !p.groups.has(k) {
					continue
				}
				gm := cu.groupMask[k]
				for si, pos := range cu.evalPos {
					o := pos * cbw
					x := gm[o : o+cbw]
					if appl != nil {
						x = w.tmp[1]
						for q := range x {
							x[q] = gm[o+q] & appl[o+q]
						}
					}
					if !anyBits(x) {
						continue
					}
					cnt := w.now.count[b*planes*sw:]
					for d := range planes {
						w.plane[d] = cnt[d*sw+o : d*sw+o+cbw]
					}
					lo, hi := sliceRange(w.plane, x, w.tmp[0])
					c1 := w.now.c1[at+o : at+o+cbw]
					w.acc.gcells[an.groupCellAt(k, p.statuses[si], ni, ti)].add(groupCellAcc{
						cells: popcount(x), uncovered: popcount(x) - andCount(x, c1),
						entitled: andCount(x, w.now.e[at+o:at+o+cbw]), fragile: andCount(x, w.now.f[at+o:at+o+cbw]),
						min: lo, max: hi,
					})
				}
			}
		}
	}
}

// sliceRange returns the smallest and the largest of the counts, held in
// bit-sliced planes (plane b holds bit b of every count), of the members
// of x; cand is scratch of x's length.
func sliceRange(planes [][]uint64, x, cand []uint64) (lo, hi int) {
	copy(cand, x)
	for b := len(planes) - 1; b >= 0; b-- {
		if andAny(cand, planes[b]) {
			for k := range cand {
				cand[k] &= planes[b][k]
			}
			hi |= 1 << b
		}
	}
	copy(cand, x)
	for b := len(planes) - 1; b >= 0; b-- {
		if andNotAny(cand, planes[b]) {
			for k := range cand {
				cand[k] &^= planes[b][k]
			}
		} else {
			lo |= 1 << b
		}
	}
	return lo, hi
}

func andNotAny(a, b []uint64) bool {
	for k, x := range a {
		if x&^b[k] != 0 {
			return true
		}
	}
	return false
}

// groupAccum accumulates one GroupCell.
