package gap

import (
	"context"
	"encoding/binary"
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
	p, err := newPlan(l, ix.d, q)
	if err != nil {
		return nil, err
	}
	if len(sc.Changes) > 0 {
		r, err := ix.r.apply(ix.l, ix.d, sc)
		if err != nil {
			return nil, err
		}
		ix = ix.withRules(r)
	}
	return ix.groupCells(ctx, p)
}

// groupAccum accumulates one GroupCell.
type groupAccum struct {
	cells, uncovered, entitled, fragile int
	min, max                            int
}

// groupCells scans the profiles of p. The states of a profile's cells depend
// only on the services that accept it (its mask), its status and its age
// band (for entitlements), so they are computed once per such key.
func (ix *Index) groupCells(ctx context.Context, p *plan) ([]GroupCell, error) {
	d, gi := ix.d, ix.gi
	nn, nt := len(p.needs), len(p.stages)
	ns := len(d.statuses)
	acc := make([]groupAccum, len(d.groups)*ns*nn*nt)
	at := func(k, s, ni, ti int) *groupAccum { return &acc[((k*ns+s)*nn+ni)*nt+ti] }

	type state struct {
		count int32
		frag  uint8
		ent   bool
	}
	memo := map[string][]state{}
	var key []byte
	pg, cg := newBitset(len(d.groups)), newBitset(len(d.groups))
	m, mn, full, c := newBitset(ix.n), newBitset(ix.n), newBitset(ix.n), newBitset(ix.n)
	for _, g := range p.genders {
		for _, a := range p.ages {
			for _, e := range p.expls {
				if err := ctx.Err(); err != nil {
					return nil, fmt.Errorf("gap: group cells: %w", err)
				}
				for _, r := range p.regions {
					for _, s := range p.statuses {
						pr := prof{g: g, a: a, e: e, r: r, s: s}
						gi.ofProfile(pg, pr)
						if p.groups != nil {
							pg.and(pg, p.groups)
						}
						if pg.empty() {
							continue
						}
						ix.profileMask(m, pr)
						key = key[:0]
						for _, w := range m {
							key = binary.LittleEndian.AppendUint64(key, w)
						}
						key = binary.LittleEndian.AppendUint32(key, uint32(s))
						key = binary.LittleEndian.AppendUint32(key, uint32(a))
						states, ok := memo[string(key)]
						if !ok {
							states = make([]state, nn*nt)
							for ni, n := range p.needs {
								mn.and(m, ix.need[n])
								full.and(ix.statusFull[s], ix.needFull[n])
								ent := entitledTo(ix, s, n, a)
								for ti, t := range p.stages {
									st := ix.cellState(mn, ix.stage[t], full, c)
									states[ni*nt+ti] = state{count: st.count, frag: st.frag, ent: ent}
								}
							}
							memo[string(key)] = states
						}
						for ni, n := range p.needs {
							if !cg.and(pg, gi.byNeed[n]) {
								continue
							}
							for k := cg.next(0); k >= 0; k = cg.next(k + 1) {
								for ti := range p.stages {
									st := states[ni*nt+ti]
									ga := at(k, s, ni, ti)
									cnt := int(st.count)
									if ga.cells == 0 || cnt < ga.min {
										ga.min = cnt
									}
									ga.max = max(ga.max, cnt)
									ga.cells++
									switch {
									case cnt == 0:
										ga.uncovered++
										if st.ent {
											ga.entitled++
										}
									case st.frag != 0:
										ga.fragile++
									}
								}
							}
						}
					}
				}
			}
		}
	}
	var out []GroupCell
	for k, grp := range d.groups {
		for s := range ns {
			for ni, n := range p.needs {
				for ti, t := range p.stages {
					ga := at(k, s, ni, ti)
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
	return out, nil
}
