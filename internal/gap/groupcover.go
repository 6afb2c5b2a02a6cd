package gap

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// GroupCover is what covers one named group's need at one stage, over the
// group's profiles that the query keeps and the need arises for: the
// services that cover it for some of those profiles, and the services that
// meet the need but exclude some of them, with the rules that exclude. It
// is the coverage dashboard's cell explained: Profiles is the cell's
// GroupCell Cells summed over the group's statuses.
type GroupCover struct {
	Group    string `json:"group"`
	Need     string `json:"need"`
	Stage    string `json:"stage"`
	Profiles int    `json:"profiles"`
	// Covering are the services that cover the need for one profile or
	// more, by id; Excluded the services that meet the need but exclude
	// one profile or more, by id.
	Covering []ServiceShare   `json:"covering,omitempty"`
	Excluded []ExclusionShare `json:"excluded,omitempty"`
}

// ServiceShare is a service covering a need for Profiles of a group's
// profiles.
type ServiceShare struct {
	ServiceRef
	Profiles int `json:"profiles"`
}

// ExclusionShare is a service that meets a need but excludes Profiles of a
// group's profiles, with every rule that excludes one of them (once each,
// in the order of Index.reasons, then by value).
type ExclusionShare struct {
	Service  string   `json:"service"`
	Profiles int      `json:"profiles"`
	Reasons  []Reason `json:"reasons"`
}

// GroupCovers returns a GroupCover for each named group (of q.Groups, or
// every group), each need it names (every need when it names none) that q
// keeps and each stage q keeps, where one profile of the group or more has
// the need at the stage; by group, need and stage in the order of
// GroupCells. No scenario applies.
//
// Errors: those of Analyse for q.
func GroupCovers(ctx context.Context, l *graph.Landscape, q Query) ([]GroupCover, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return ix.groupCovers(ctx, q)
}

func (ix *Index) groupCovers(ctx context.Context, q Query) ([]GroupCover, error) {
	d, gi := ix.d, ix.gi
	p, err := newPlan(ix.l, d, q)
	if err != nil {
		return nil, err
	}
	cov, cand := newBitset(ix.n), newBitset(ix.n)
	var out []GroupCover
	for k, grp := range d.groups {
		if p.groups != nil && !p.groups.has(k) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("gap: group covers: %w", err)
		}
		var profs []prof
		for _, s := range p.statuses {
			for _, g := range p.genders {
				for _, a := range p.ages {
					for _, e := range p.expls {
						for _, r := range p.regions {
							if gi.byStatus[s].has(k) && gi.byGender[g].has(k) && gi.byAge[a].has(k) &&
								gi.byExpl[e].has(k) && gi.byRegion[r].has(k) {
								profs = append(profs, prof{g: g, a: a, e: e, r: r, s: s})
							}
						}
					}
				}
			}
		}
		for _, n := range p.needs {
			if !slices.Contains(gi.needs[k], n) {
				continue
			}
			for _, t := range p.stages {
				gc := GroupCover{Group: grp.ID, Need: d.needs[n], Stage: d.stages[t]}
				covering := map[string]*ServiceShare{}
				excluded := map[string]*ExclusionShare{}
				for _, pr := range profs {
					if !d.applies(pr.s, pr.a, n, t) {
						continue
					}
					gc.Profiles++
					clear(cov)
					if ix.covering(cov, pr, n, t) {
						for i := cov.next(0); i >= 0; i = cov.next(i + 1) {
							ref := ix.serviceRef(i, pr.s, n)
							sh, ok := covering[ref.ID]
							if !ok {
								sh = &ServiceShare{ServiceRef: ref}
								covering[ref.ID] = sh
							}
							sh.Partial = sh.Partial || ref.Partial
							sh.Profiles++
						}
					}
					// The services that meet the need and do not cover the
					// profile, with the rules that exclude it, as
					// Index.excluded finds them (without their words).
					copy(cand, ix.need[n])
					cand.andNot(cov)
					rules := [...]struct {
						set   bitset
						dim   Dimension
						value string
					}{
						{ix.gender[pr.g], DimGender, string(d.genders[pr.g])}, {ix.age[pr.a], DimAgeBand, string(d.ages[pr.a])},
						{ix.status[pr.s], DimStatus, d.statuses[pr.s]}, {ix.expl[pr.e], DimExploitation, d.expls[pr.e]},
						{ix.region[pr.r], DimRegion, d.regions[pr.r]}, {ix.stage[t], DimStage, d.stages[t]},
					}
					for i := cand.next(0); i >= 0; i = cand.next(i + 1) {
						var sh *ExclusionShare
						for _, r := range rules {
							if r.set.has(i) {
								continue
							}
							if sh == nil {
								id := ix.r.services[i].id
								if sh = excluded[id]; sh == nil {
									sh = &ExclusionShare{Service: id}
									excluded[id] = sh
								}
								sh.Profiles++
							}
							if reason := (Reason{Dimension: r.dim, Value: r.value}); !slices.Contains(sh.Reasons, reason) {
								sh.Reasons = append(sh.Reasons, reason)
							}
						}
					}
				}
				if gc.Profiles == 0 {
					continue
				}
				for _, sh := range covering {
					gc.Covering = append(gc.Covering, *sh)
				}
				slices.SortFunc(gc.Covering, func(a, b ServiceShare) int {
					return cmp.Or(cmp.Compare(b.Profiles, a.Profiles), strings.Compare(a.ID, b.ID))
				})
				for _, sh := range excluded {
					slices.SortFunc(sh.Reasons, func(a, b Reason) int {
						return cmp.Or(cmp.Compare(reasonRank(a.Dimension), reasonRank(b.Dimension)),
							strings.Compare(a.Value, b.Value))
					})
					gc.Excluded = append(gc.Excluded, *sh)
				}
				slices.SortFunc(gc.Excluded, func(a, b ExclusionShare) int {
					return cmp.Or(cmp.Compare(b.Profiles, a.Profiles), strings.Compare(a.Service, b.Service))
				})
				out = append(out, gc)
			}
		}
	}
	return out, nil
}

// reasonRank is the place of dimension d among the rules an exclusion
// gives, as Index.reasons lists them.
func reasonRank(d Dimension) int {
	return slices.Index([]Dimension{DimGender, DimAgeBand, DimStatus, DimExploitation, DimRegion, DimStage}, d)
}
