package gap

import (
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// The oracle is a straightforward reference implementation of the gap
// definitions: for every cell it scans every service, reading the landscape
// through graph's API and applying scenarios to plain maps. It shares no
// code with the engine beyond the public types.

type oService struct {
	id, org  string // org: the organisation id, or the service id when none runs it
	sector   graph.Sector
	funding  graph.Funding
	genders  map[graph.Gender]bool
	ages     map[graph.AgeBand]bool
	statuses map[string]bool // accepted; value: accepted in full
	expls    map[string]bool
	covered  map[string]bool // every region covered, directly or from above
	needs    map[string]bool // met; value: met in full
	stages   map[string]bool
	refers   []string
	closed   bool
	ngo      bool // run by an NGO
	limited  bool // capacity-limited
}

type oEnt struct {
	ages map[graph.AgeBand]bool
	full map[graph.AgeBand]bool // the ages entitled in full
}

type oracle struct {
	l        *graph.Landscape
	services []*oService
	ents     map[[2]string]*oEnt
	terminal map[string]bool            // statuses with no needs in the country
	needAges map[string][]graph.AgeBand // a need's age bands (none: all)
	needAt   map[string][]string        // a need's stages (none: all)
	twin     map[string]string          // a region's same-area region, either way
}

// applies is the definition: need n applies to profile p at stage t when
// p's status is not terminal and the need names p's age band and t (or
// names none).
func (o *oracle) applies(p oProfile, n, t string) bool {
	ages, at := o.needAges[n], o.needAt[n]
	return !o.terminal[p.s] && (len(ages) == 0 || slices.Contains(ages, p.a)) &&
		(len(at) == 0 || slices.Contains(at, t))
}

// appliesAny: need n applies to p at one of stages at least.
func (o *oracle) appliesAny(p oProfile, n string, stages []string) bool {
	return slices.ContainsFunc(stages, func(t string) bool { return o.applies(p, n, t) })
}

func setOf[T comparable](vs []T, all []T) map[T]bool {
	if len(vs) == 0 {
		vs = all
	}
	m := map[T]bool{}
	for _, v := range vs {
		m[v] = true
	}
	return m
}

func newOracle(l *graph.Landscape) *oracle {
	o := &oracle{l: l, ents: map[[2]string]*oEnt{}, terminal: map[string]bool{}, needAges: map[string][]graph.AgeBand{},
		needAt: map[string][]string{}, twin: map[string]string{}}
	for _, st := range graph.All[*graph.Status](l) {
		o.terminal[st.ID] = st.Terminal
	}
	for _, n := range graph.All[*graph.Need](l) {
		o.needAges[n.ID], o.needAt[n.ID] = n.AgeBands, n.Stages
	}
	for _, r := range graph.All[*graph.Region](l) {
		if r.SameArea != "" {
			o.twin[r.ID], o.twin[r.SameArea] = r.SameArea, r.ID
		}
	}
	for _, s := range graph.All[*graph.Service](l) {
		os := &oService{
			id: s.ID, org: s.ID, sector: s.Sector, funding: s.Funding,
			genders: setOf(s.Genders, graph.Genders), ages: setOf(s.AgeBands, graph.AgeBands),
			statuses: map[string]bool{}, expls: map[string]bool{}, covered: map[string]bool{},
			needs: map[string]bool{}, stages: map[string]bool{},
		}
		if org, ok := l.Organisation(s.ID); ok {
			os.org = org.ID
			os.ngo = org.Kind == graph.OrgNGO
		}
		os.limited = s.CapacityLimited
		for _, e := range l.Out(s.ID, graph.EdgeAccepts) {
			os.statuses[e.To] = !e.Partial()
		}
		for _, e := range l.Out(s.ID, graph.EdgeMeets) {
			os.needs[e.To] = !e.Partial()
		}
		serves := l.Out(s.ID, graph.EdgeServes)
		for _, x := range ids(l, graph.TypeExploitation) {
			os.expls[x] = len(serves) == 0
		}
		for _, e := range serves {
			os.expls[e.To] = true
		}
		at := l.Out(s.ID, graph.EdgeAtStage)
		for _, t := range ids(l, graph.TypeStage) {
			os.stages[t] = len(at) == 0
		}
		for _, e := range at {
			os.stages[e.To] = true
		}
		for _, e := range l.Out(s.ID, graph.EdgeCovers) {
			o.widenRegion(os, e.To)
		}
		for _, e := range l.Out(s.ID, graph.EdgeRefersTo) {
			os.refers = append(os.refers, e.To)
		}
		o.services = append(o.services, os)
	}
	for _, e := range l.Edges() {
		if e.Type == graph.EdgeEntitles {
			full := map[graph.AgeBand]bool{}
			for _, a := range graph.AgeBands {
				full[a] = !e.Partial() || slices.Contains(e.FullAgeBands, a)
			}
			o.ents[[2]string{e.From, e.To}] = &oEnt{ages: setOf(e.AgeBands, graph.AgeBands), full: full}
		}
	}
	return o
}

// inside reports whether region r is region x or lies inside it; a region
// and its same-area twin are one area, each inside the other.
func (o *oracle) inside(r, x string) bool {
	ancs := o.l.Ancestors(r)
	if t, ok := o.twin[r]; ok {
		ancs = append(ancs, o.l.Ancestors(t)...)
	}
	return slices.ContainsFunc(ancs, func(a *graph.Region) bool { return a.ID == x || o.twin[a.ID] == x })
}

func (o *oracle) widenRegion(s *oService, x string) {
	for _, r := range ids(o.l, graph.TypeRegion) {
		if o.inside(r, x) {
			s.covered[r] = true
		}
	}
}

func (o *oracle) service(id string) *oService {
	for _, s := range o.services {
		if s.id == id {
			return s
		}
	}
	return nil
}

// apply applies a scenario the engine accepted (so it is valid).
func (o *oracle) apply(sc Scenario) {
	for _, c := range sc.Changes {
		switch c.Kind {
		case CloseService:
			o.service(c.Service).closed = true
		case AddService:
			s := &oService{
				id: c.Service, org: c.Service, sector: c.Sector, funding: c.Funding,
				genders: setOf(c.Genders, graph.Genders), ages: setOf(c.AgeBands, graph.AgeBands),
				statuses: map[string]bool{}, expls: setOf(c.Exploitation, ids(o.l, graph.TypeExploitation)),
				covered: map[string]bool{}, needs: map[string]bool{}, stages: setOf(c.Stages, ids(o.l, graph.TypeStage)),
				refers: c.RefersTo,
			}
			if c.RunBy != "" {
				s.org = c.RunBy
				org, _ := graph.Lookup[*graph.Organisation](o.l, c.RunBy)
				s.ngo = org != nil && org.Kind == graph.OrgNGO
			}
			for _, st := range c.Statuses {
				s.statuses[st] = c.Extent != graph.ExtentPartial
			}
			for _, n := range c.Needs {
				s.needs[n] = c.Extent != graph.ExtentPartial
			}
			for _, r := range c.Regions {
				o.widenRegion(s, r)
			}
			o.services = append(o.services, s)
		case Widen:
			s := o.service(c.Service)
			for _, g := range c.Genders {
				s.genders[g] = true
			}
			for _, a := range c.AgeBands {
				s.ages[a] = true
			}
			for _, e := range c.Exploitation {
				s.expls[e] = true
			}
			for _, t := range c.Stages {
				s.stages[t] = true
			}
			for _, r := range c.Regions {
				o.widenRegion(s, r)
			}
			for _, st := range c.Statuses {
				full, had := s.statuses[st]
				s.statuses[st] = c.Extent != graph.ExtentPartial || had && full
			}
			for _, n := range c.Needs {
				full, had := s.needs[n]
				s.needs[n] = c.Extent != graph.ExtentPartial || had && full
			}
		case Narrow:
			s := o.service(c.Service)
			for _, g := range c.Genders {
				delete(s.genders, g)
			}
			for _, a := range c.AgeBands {
				delete(s.ages, a)
			}
			for _, e := range c.Exploitation {
				s.expls[e] = false
			}
			for _, t := range c.Stages {
				s.stages[t] = false
			}
			for _, x := range c.Regions {
				for r := range s.covered {
					if o.inside(r, x) {
						delete(s.covered, r)
					}
				}
			}
			for _, st := range c.Statuses {
				delete(s.statuses, st)
			}
			for _, n := range c.Needs {
				delete(s.needs, n)
			}
		case GrantEntitlement:
			o.ents[[2]string{c.Status, c.Need}] = &oEnt{ages: setOf(c.AgeBands, graph.AgeBands), full: setOf(nil, graph.AgeBands)}
			if c.Extent == graph.ExtentPartial {
				o.ents[[2]string{c.Status, c.Need}].full = map[graph.AgeBand]bool{}
				for _, a := range c.FullAgeBands {
					o.ents[[2]string{c.Status, c.Need}].full[a] = true
				}
			}
		case RemoveEntitlement:
			delete(o.ents, [2]string{c.Status, c.Need})
		}
	}
	slices.SortStableFunc(o.services, func(a, b *oService) int { return strings.Compare(a.id, b.id) })
}
