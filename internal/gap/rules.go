package gap

import (
	"github.com/gapmap/gapmap/graph"
)

// serviceRule is whom one service serves, with every dimension spelled out as
// an explicit set over the dimension's ordinals. The landscape's shorthands
// are resolved here, once:
//
//   - Genders, AgeBands: empty means every value.
//   - SERVES: no edge means every exploitation type.
//   - AT_STAGE: no edge means every stage.
//   - ACCEPTS: no edge means no status (the seed's rule: accepts empty = none).
//   - MEETS: no edge means no need.
//   - COVERS: no edge means no region; a covered region brings every region
//     inside it (PART_OF).
//
// A partial ACCEPTS or MEETS edge (help that "cannot wait") still covers; it
// is recorded in statusPartial and needPartial and makes a cell covered only
// in part fragile.
type serviceRule struct {
	id      string
	name    string
	org     int // ordinal in dims.orgs, or -1 when no organisation runs it
	sector  graph.Sector
	funding graph.Funding
	ngo     bool // run by an NGO
	limited bool // capacity-limited (graph.Service.CapacityLimited)

	genders, ages, statuses, statusPartial, expls, regions, needs, needPartial, stages bitset

	refersTo []string // REFERS_TO targets
	sources  []string // sources of a service added by a scenario
	added    bool     // added by a scenario
	closed   bool     // closed by a scenario
}

// entitlement is a status's statutory right to a need (ENTITLES).
type entitlement struct {
	ages       bitset // over dims.ages; every age when the edge names none
	full       bitset // over dims.ages: the ages entitled in full (extent, FullAgeBands)
	extent     graph.Extent
	legalBasis string
	edge       *graph.Edge // nil when granted by a scenario
}

// rules are the parts of a landscape a scenario can change: the services'
// rules and the entitlements. Everything else is read from the landscape.
type rules struct {
	// addedSources: a service added by a scenario cites sources.
	addedSources bool
	services     []*serviceRule // baseline services by id, then added services in order
	byID         map[string]int
	ents         [][]*entitlement // [status][need]; nil: no entitlement
}

func newRules(l *graph.Landscape, d *dims) *rules {
	r := &rules{byID: make(map[string]int)}
	for _, s := range graph.All[*graph.Service](l) {
		r.byID[s.ID] = len(r.services)
		r.services = append(r.services, newServiceRule(l, d, s))
	}
	r.ents = make([][]*entitlement, len(d.statuses))
	for si, sid := range d.statuses {
		r.ents[si] = make([]*entitlement, len(d.needs))
		for _, e := range l.Out(sid, graph.EdgeEntitles) {
			r.ents[si][d.ordinal[e.To]] = &entitlement{
				ages:       d.ageSet(e.AgeBands),
				full:       d.fullAges(e.Extent, e.FullAgeBands),
				extent:     e.Extent,
				legalBasis: e.LegalBasis,
				edge:       e,
			}
		}
	}
	return r
}

func newServiceRule(l *graph.Landscape, d *dims, s *graph.Service) *serviceRule {
	sr := &serviceRule{
		id:            s.ID,
		name:          s.Name,
		org:           -1,
		sector:        s.Sector,
		funding:       s.Funding,
		limited:       s.CapacityLimited,
		genders:       d.genderSet(s.Genders),
		ages:          d.ageSet(s.AgeBands),
		statuses:      newBitset(len(d.statuses)),
		statusPartial: newBitset(len(d.statuses)),
		expls:         newBitset(len(d.expls)),
		regions:       newBitset(len(d.regions)),
		needs:         newBitset(len(d.needs)),
		needPartial:   newBitset(len(d.needs)),
		stages:        newBitset(len(d.stages)),
	}
	if o, ok := l.Organisation(s.ID); ok {
		sr.org = d.ordinal[o.ID]
		sr.ngo = o.Kind == graph.OrgNGO
	}
	for _, e := range l.Out(s.ID, graph.EdgeAccepts) {
		sr.statuses.set(d.ordinal[e.To])
		if e.Partial() {
			sr.statusPartial.set(d.ordinal[e.To])
		}
	}
	for _, e := range l.Out(s.ID, graph.EdgeMeets) {
		sr.needs.set(d.ordinal[e.To])
		if e.Partial() {
			sr.needPartial.set(d.ordinal[e.To])
		}
	}
	serves := l.Out(s.ID, graph.EdgeServes)
	if len(serves) == 0 || len(l.Nodes(graph.TypeExploitation)) == 0 {
		sr.expls.fill(len(d.expls))
	}
	for _, e := range serves {
		sr.expls.set(d.ordinal[e.To])
	}
	stages := l.Out(s.ID, graph.EdgeAtStage)
	if len(stages) == 0 || len(l.Nodes(graph.TypeStage)) == 0 {
		sr.stages.fill(len(d.stages))
	}
	for _, e := range stages {
		sr.stages.set(d.ordinal[e.To])
	}
	if d.noRegions {
		sr.regions.fill(len(d.regions))
	}
	for _, e := range l.Out(s.ID, graph.EdgeCovers) {
		sr.regions.or(d.within[d.ordinal[e.To]])
	}
	for _, e := range l.Out(s.ID, graph.EdgeRefersTo) {
		sr.refersTo = append(sr.refersTo, e.To)
	}
	return sr
}

// fullAges returns the age bands an entitlement of extent x gives in full:
// every one unless x is partial, then those of full.
func (d *dims) fullAges(x graph.Extent, full []graph.AgeBand) bitset {
	if x != graph.ExtentPartial {
		return d.ageSet(nil)
	}
	b := newBitset(len(d.ages))
	for _, a := range full {
		if i := d.ageOrdinal(a); i >= 0 {
			b.set(i)
		}
	}
	return b
}

// clone returns a copy of r that a scenario may change without touching r.
// Service rules are copied when a change touches them (see mutable).
func (r *rules) clone() *rules {
	c := &rules{
		services: append([]*serviceRule(nil), r.services...),
		byID:     make(map[string]int, len(r.byID)),
		ents:     make([][]*entitlement, len(r.ents)),
	}
	for id, i := range r.byID {
		c.byID[id] = i
	}
	for i, row := range r.ents {
		c.ents[i] = append([]*entitlement(nil), row...)
	}
	return c
}

// mutable returns service i's rule, copied first so that the copy r was
// cloned from keeps its own.
func (r *rules) mutable(i int) *serviceRule {
	s := *r.services[i]
	for _, b := range []*bitset{&s.genders, &s.ages, &s.statuses, &s.statusPartial, &s.expls, &s.regions, &s.needs, &s.needPartial, &s.stages} {
		*b = b.clone()
	}
	s.refersTo = append([]string(nil), s.refersTo...)
	s.sources = append([]string(nil), s.sources...)
	r.services[i] = &s
	return &s
}
