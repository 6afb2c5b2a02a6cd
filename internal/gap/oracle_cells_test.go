package gap

import (
	"cmp"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

type oProfile struct {
	g       graph.Gender
	a       graph.AgeBand
	s, e, r string
}

func (p oProfile) with(s string) oProfile { p.s = s; return p }

func (p oProfile) Profile() Profile {
	return Profile{Gender: p.g, AgeBand: p.a, Status: p.s, Exploitation: p.e, Region: p.r}
}

// covers is the definition: the service meets the need, works at the stage,
// covers the region and accepts the profile on every dimension.
func (s *oService) covers(p oProfile, n, t string) bool {
	_, meets := s.needs[n]
	_, accepts := s.statuses[p.s]
	return !s.closed && meets && s.stages[t] && s.covered[p.r] && accepts &&
		s.genders[p.g] && s.ages[p.a] && s.expls[p.e]
}

func (o *oracle) covering(p oProfile, n, t string) []*oService {
	var out []*oService
	for _, s := range o.services {
		if s.covers(p, n, t) {
			out = append(out, s)
		}
	}
	return out
}

// orderedStages returns the stages by Order, then id.
func (o *oracle) orderedStages() []string {
	st := graph.All[*graph.Stage](o.l)
	slices.SortStableFunc(st, func(a, b *graph.Stage) int { return cmp.Compare(a.Order, b.Order) })
	var out []string
	for _, s := range st {
		out = append(out, s.ID)
	}
	return out
}

// profileRegions: every region but a country with a region inside it, and
// but the lower of two regions of the same area (by level, then id).
func (o *oracle) profileRegions() []string {
	var out []string
	level := func(id string) int {
		r, _ := graph.Lookup[*graph.Region](o.l, id)
		return slices.Index(graph.RegionLevels, r.Level)
	}
	for _, r := range graph.All[*graph.Region](o.l) {
		if r.Level == graph.LevelCountry && len(o.l.In(r.ID, graph.EdgePartOf)) > 0 {
			continue
		}
		if t, ok := o.twin[r.ID]; ok && (level(t) < level(r.ID) || level(t) == level(r.ID) && t < r.ID) {
			continue
		}
		out = append(out, r.ID)
	}
	return out
}

func orAll(filter, all []string) []string {
	if len(filter) == 0 {
		return all
	}
	var out []string
	for _, v := range all {
		if slices.Contains(filter, v) {
			out = append(out, v)
		}
	}
	return out
}

func orAllValues[T comparable](filter, all []T) []T {
	if len(filter) == 0 {
		return all
	}
	var out []T
	for _, v := range all {
		if slices.Contains(filter, v) {
			out = append(out, v)
		}
	}
	return out
}

// spans reports whether group g spans profile p (and, when need is not "",
// names need).
func (o *oracle) spans(g *graph.Group, p oProfile, need string) bool {
	l := o.l
	in := func(t graph.EdgeType, id string) bool {
		es := l.Out(g.ID, t)
		return len(es) == 0 || slices.ContainsFunc(es, func(e *graph.Edge) bool { return e.To == id })
	}
	regionOK := len(l.Out(g.ID, graph.EdgeInRegion)) == 0 ||
		slices.ContainsFunc(l.Out(g.ID, graph.EdgeInRegion), func(e *graph.Edge) bool { return o.inside(p.r, e.To) })
	return (len(g.Genders) == 0 || slices.Contains(g.Genders, p.g)) &&
		(len(g.AgeBands) == 0 || slices.Contains(g.AgeBands, p.a)) &&
		in(graph.EdgeHasStatus, p.s) && in(graph.EdgeSubjectTo, p.e) && regionOK &&
		(need == "" || in(graph.EdgeNeeds, need))
}

// oCell is what the oracle finds in one cell.
type oCell struct {
	cell     Cell
	kinds    []Kind
	fragile  []FragileReason
	covering []string
	lostFrom []string
	excluded map[string][]Dimension
	groups   []string
}

type oResult struct {
	profiles    int
	summary     Counts
	tallies     map[Dimension]map[string]Counts
	statusNeeds map[[2]string]Counts
	groups      map[string]*oGroup
	gaps        []oCell
	critical    map[string]*oImpact
	transitions map[[2]string]*oLoss
	sole        map[string][]Cell
}

type oImpact struct {
	cells, profiles int
	needs           map[string]int
	groups          map[string]bool
}

// oGroup is a named group's share of the cells.
type oGroup struct {
	Profiles  int
	Counts    Counts
	Uncovered map[string]bool
}

type oLoss struct {
	groups   map[string]bool
	cells    int
	needs    map[string]int
	profiles map[string]int
	stages   map[string]map[string]bool
}

// analyse evaluates every cell of the query, in result order.
func (o *oracle) analyse(q Query) oResult {
	l := o.l
	kinds := q.Kinds
	if len(kinds) == 0 {
		kinds = Kinds
	}
	want := func(k Kind) bool { return slices.Contains(kinds, k) }
	res := oResult{critical: map[string]*oImpact{}, transitions: map[[2]string]*oLoss{}, sole: map[string][]Cell{},
		tallies: map[Dimension]map[string]Counts{}, statusNeeds: map[[2]string]Counts{}, groups: map[string]*oGroup{}}
	tally := func(dim Dimension, value string, kinds []Kind) {
		if res.tallies[dim] == nil {
			res.tallies[dim] = map[string]Counts{}
		}
		c := res.tallies[dim][value]
		c.add(kindsOf(kinds))
		c.Cells++
		res.tallies[dim][value] = c
	}
	allGroups := graph.All[*graph.Group](l)
	statuses := orAll(q.Statuses, ids(l, graph.TypeStatus))
	needs := orAll(q.Needs, ids(l, graph.TypeNeed))
	stages := orAll(q.Stages, o.orderedStages())
	regions := o.profileRegions()
	if len(q.Regions) > 0 {
		regions = orAll(q.Regions, ids(l, graph.TypeRegion))
	}
	var groups []*graph.Group
	for _, g := range graph.All[*graph.Group](l) {
		if len(q.Groups) == 0 || slices.Contains(q.Groups, g.ID) {
			groups = append(groups, g)
		}
	}
	kept := func(p oProfile, n string) bool {
		if len(q.Groups) == 0 {
			return true
		}
		return slices.ContainsFunc(groups, func(g *graph.Group) bool { return o.spans(g, p, n) })
	}
	for _, g := range orAllValues(q.Genders, graph.Genders) {
		for _, a := range orAllValues(q.AgeBands, graph.AgeBands) {
			for _, e := range orAll(q.Exploitation, ids(l, graph.TypeExploitation)) {
				for _, r := range regions {
					for _, s := range statuses {
						p := oProfile{g: g, a: a, s: s, e: e, r: r}
						profileKept := false
						for _, n := range needs {
							if !kept(p, n) || !o.appliesAny(p, n, stages) {
								continue
							}
							profileKept = true
							for _, t := range stages {
								if !o.applies(p, n, t) {
									continue // not a need the profile has: no cell
								}
								oc := o.cell(p, n, t, want)
								res.summary.Cells++
								for _, x := range []struct {
									dim   Dimension
									value string
								}{{DimGender, string(g)}, {DimAgeBand, string(a)}, {DimStatus, s}, {DimExploitation, e}, {DimRegion, r}, {DimNeed, n}, {DimStage, t}} {
									tally(x.dim, x.value, oc.kinds)
								}
								sn := res.statusNeeds[[2]string{s, n}]
								sn.add(kindsOf(oc.kinds))
								sn.Cells++
								res.statusNeeds[[2]string{s, n}] = sn
								for _, grp := range allGroups {
									if !o.spans(grp, p, n) {
										continue
									}
									og := res.groups[grp.ID]
									if og == nil {
										og = &oGroup{Uncovered: map[string]bool{}}
										res.groups[grp.ID] = og
									}
									og.Counts.Cells++
									og.Counts.add(kindsOf(oc.kinds))
									if slices.Contains(oc.kinds, KindUncovered) {
										og.Uncovered[n] = true
									}
								}
								for _, k := range oc.kinds {
									switch k {
									case KindUncovered:
										res.summary.Uncovered++
									case KindEntitledUnserved:
										res.summary.EntitledUnserved++
									case KindEntitledPartial:
										res.summary.EntitledPartial++
									case KindFragile:
										res.summary.Fragile++
									case KindSingleProvider:
										res.summary.SingleProvider++
									case KindLostInTransition:
										res.summary.LostInTransition++
									}
								}
								if len(oc.kinds) > 0 {
									res.gaps = append(res.gaps, oc)
								}
								if cov := o.covering(p, n, t); len(cov) == 1 && want(KindCriticality) {
									id := cov[0].id
									im := res.critical[id]
									if im == nil {
										im = &oImpact{needs: map[string]int{}, groups: map[string]bool{}}
										res.critical[id] = im
									}
									im.cells++
									im.needs[n]++
									for _, grp := range allGroups {
										if o.spans(grp, p, n) {
											im.groups[grp.ID] = true
										}
									}
									res.sole[id] = append(res.sole[id], oc.cell)
								}
							}
						}
						if profileKept {
							res.profiles++
							for _, grp := range allGroups {
								if o.spans(grp, p, "") {
									og := res.groups[grp.ID]
									if og == nil {
										og = &oGroup{Uncovered: map[string]bool{}}
										res.groups[grp.ID] = og
									}
									og.Profiles++
								}
							}
						}
					}
					if want(KindLostInTransition) {
						o.transitions(&res, oProfile{g: g, a: a, e: e, r: r}, statuses, needs, stages, kept)
					}
				}
			}
		}
	}
	// Profiles per critical service: count distinct profiles among its cells.
	for id, cells := range res.sole {
		seen := map[Profile]bool{}
		for _, c := range cells {
			seen[c.Profile] = true
		}
		res.critical[id].profiles = len(seen)
	}
	return res
}

func (o *oracle) cell(p oProfile, n, t string, want func(Kind) bool) oCell {
	oc := oCell{cell: Cell{Profile: p.Profile(), Need: n, Stage: t}, excluded: map[string][]Dimension{}}
	cov := o.covering(p, n, t)
	for _, s := range cov {
		oc.covering = append(oc.covering, s.id)
	}
	var kinds []Kind
	if len(cov) == 0 {
		kinds = append(kinds, KindUncovered)
		if e := o.ents[[2]string{p.s, n}]; e != nil && e.ages[p.a] {
			kinds = append(kinds, KindEntitledUnserved)
		}
		for _, tr := range o.l.In(p.s, graph.EdgeTransitionsTo) {
			if !o.terminal[tr.From] && len(o.covering(p.with(tr.From), n, t)) > 0 {
				oc.lostFrom = append(oc.lostFrom, tr.From)
			}
		}
		if len(oc.lostFrom) > 0 {
			kinds = append(kinds, KindLostInTransition)
		}
	} else {
		// Fragile: no permanent funding, partial only, one NGO, or
		// capacity-limited only. One service or one organisation alone is
		// the milder single_provider.
		orgs := map[string]bool{}
		permanent, full, unlimited := false, false, false
		for _, s := range cov {
			orgs[s.org] = true
			permanent = permanent || s.funding == graph.FundingPermanent
			full = full || s.statuses[p.s] && s.needs[n]
			unlimited = unlimited || !s.limited
		}
		single := len(orgs) == 1
		if len(cov) == 1 {
			oc.fragile = append(oc.fragile, SingleService)
		} else if single {
			oc.fragile = append(oc.fragile, SingleOrganisation)
		}
		fragile := false
		for _, r := range []struct {
			on     bool
			reason FragileReason
		}{{!permanent, NoPermanentFunding}, {!full, PartialOnly}, {single && cov[0].ngo, SingleNGO}, {!unlimited, CapacityLimit}} {
			if r.on {
				oc.fragile = append(oc.fragile, r.reason)
				fragile = true
			}
		}
		switch {
		case fragile:
			if e := o.ents[[2]string{p.s, n}]; !full && e != nil && e.ages[p.a] && e.full[p.a] {
				kinds = append(kinds, KindEntitledPartial)
			}
			kinds = append(kinds, KindFragile)
		case single:
			kinds = append(kinds, KindSingleProvider)
		}
	}
	for _, k := range kinds {
		if want(k) {
			oc.kinds = append(oc.kinds, k)
		}
	}
	if !slices.Contains(oc.kinds, KindFragile) && !slices.Contains(oc.kinds, KindSingleProvider) {
		oc.fragile = nil
	}
	if !slices.Contains(oc.kinds, KindLostInTransition) {
		oc.lostFrom = nil
	}
	for _, s := range o.services {
		if _, meets := s.needs[n]; !meets || s.closed || slices.Contains(oc.covering, s.id) {
			continue
		}
		var why []Dimension
		if !s.genders[p.g] {
			why = append(why, DimGender)
		}
		if !s.ages[p.a] {
			why = append(why, DimAgeBand)
		}
		if _, ok := s.statuses[p.s]; !ok {
			why = append(why, DimStatus)
		}
		if !s.expls[p.e] {
			why = append(why, DimExploitation)
		}
		if !s.covered[p.r] {
			why = append(why, DimRegion)
		}
		if !s.stages[t] {
			why = append(why, DimStage)
		}
		oc.excluded[s.id] = why
	}
	for _, g := range graph.All[*graph.Group](o.l) {
		if o.spans(g, p, n) {
			oc.groups = append(oc.groups, g.ID)
		}
	}
	return oc
}

// transitions counts the losses of every transition with an end among
// statuses, for one (gender, age, exploitation, region).
func (o *oracle) transitions(res *oResult, base oProfile, statuses, needs, stages []string, kept func(oProfile, string) bool) {
	for _, e := range o.l.Edges() {
		if e.Type != graph.EdgeTransitionsTo || !slices.Contains(statuses, e.From) && !slices.Contains(statuses, e.To) {
			continue
		}
		if o.terminal[e.From] || o.terminal[e.To] {
			continue // an exit, not a loss
		}
		key := [2]string{e.From, e.To}
		ls := res.transitions[key]
		if ls == nil {
			ls = &oLoss{needs: map[string]int{}, profiles: map[string]int{}, stages: map[string]map[string]bool{}, groups: map[string]bool{}}
			res.transitions[key] = ls
		}
		from, to := base.with(e.From), base.with(e.To)
		for _, n := range needs {
			if !kept(from, n) {
				continue
			}
			lost := false
			for _, t := range stages {
				if !o.applies(from, n, t) {
					continue
				}
				if len(o.covering(from, n, t)) > 0 && len(o.covering(to, n, t)) == 0 {
					ls.cells++
					ls.needs[n]++
					if ls.stages[n] == nil {
						ls.stages[n] = map[string]bool{}
					}
					ls.stages[n][t] = true
					lost = true
				}
			}
			if lost {
				ls.profiles[n]++
				for _, grp := range graph.All[*graph.Group](o.l) {
					if o.spans(grp, from, n) {
						ls.groups[grp.ID] = true
					}
				}
			}
		}
	}
}

// kindsOf returns kinds as a kindSet.
func kindsOf(kinds []Kind) kindSet {
	var ks kindSet
	for _, k := range kinds {
		ks |= kindBit(k)
	}
	return ks
}

// exits lists the transitions into (or out of) a terminal status with an
// end among the query's statuses, in the landscape's edge order.
func (o *oracle) exits(q Query) [][2]string {
	statuses := orAll(q.Statuses, ids(o.l, graph.TypeStatus))
	var out [][2]string
	for _, e := range o.l.Edges() {
		if e.Type != graph.EdgeTransitionsTo || !o.terminal[e.From] && !o.terminal[e.To] {
			continue
		}
		if slices.Contains(statuses, e.From) || slices.Contains(statuses, e.To) {
			out = append(out, [2]string{e.From, e.To})
		}
	}
	return out
}
