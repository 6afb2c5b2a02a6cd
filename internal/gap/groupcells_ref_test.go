package gap

import (
	"context"
	"encoding/binary"
	"fmt"
)

// The reference implementation of GroupCells: per profile, the covering
// set of every cell from the index's bitsets, profile by profile. The
// tests compare the cube-based GroupCells with it.

type groupAccum struct {
	cells, uncovered, entitled, fragile int
	min, max                            int
}

// groupCells scans the profiles of p. The states of a profile's cells depend
// only on the services that accept it (its mask), its status and its age
// band (for entitlements), so they are computed once per such key.
func (ix *Index) groupCellsReference(ctx context.Context, p *plan) ([]GroupCell, error) {
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
								for ti, t := range p.stages {
									if !d.applies(s, a, n, t) {
										continue
									}
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
									case st.frag&fragFragile != 0:
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
