package gap

import (
	"fmt"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// apply returns a copy of r with the changes of sc applied in order. Every
// id a change names must exist (a service may also be one added by an
// earlier change); errors are EINVALID and name the change and the field.
func (r *rules) apply(l *graph.Landscape, d *dims, sc Scenario) (*rules, error) {
	if err := sc.Check(); err != nil {
		return nil, err
	}
	out := r.clone()
	for i := range sc.Changes {
		c := &sc.Changes[i]
		rv := resolver{l: l, d: d, r: out, ref: changeRef(i, c.Kind)}
		if err := rv.apply(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// resolver applies one change, resolving its ids.
type resolver struct {
	l   *graph.Landscape
	d   *dims
	r   *rules
	ref string
}

func (rv *resolver) errorf(field, format string, args ...any) error {
	return graph.FieldError(rv.ref, field, format, args...)
}

func (rv *resolver) apply(c *Change) error {
	switch c.Kind {
	case CloseService:
		i, err := rv.service(c.Service)
		if err != nil {
			return err
		}
		rv.r.mutable(i).closed = true
	case AddService:
		return rv.add(c)
	case Widen, Narrow:
		i, err := rv.service(c.Service)
		if err != nil {
			return err
		}
		return rv.eligibility(rv.r.mutable(i), c, c.Kind == Widen)
	case GrantEntitlement, RemoveEntitlement:
		s, err := rv.one("status", c.Status, graph.TypeStatus)
		if err != nil {
			return err
		}
		n, err := rv.one("need", c.Need, graph.TypeNeed)
		if err != nil {
			return err
		}
		if c.Kind == RemoveEntitlement {
			if rv.r.ents[s][n] == nil {
				return rv.errorf("need", "status %q has no entitlement to %q", c.Status, c.Need)
			}
			rv.r.ents[s][n] = nil
			return nil
		}
		ages, err := rv.ages(c.AgeBands)
		if err != nil {
			return err
		}
		if len(c.AgeBands) == 0 {
			ages.fill(len(rv.d.ages))
		}
		if len(c.FullAgeBands) > 0 && c.Extent != graph.ExtentPartial {
			return rv.errorf("full_age_bands", "needs extent partial (the age bands listed get the right in full, the others in part)")
		}
		if _, err := rv.ages(c.FullAgeBands); err != nil {
			return err
		}
		rv.r.ents[s][n] = &entitlement{ages: ages, full: rv.d.fullAges(c.Extent, c.FullAgeBands), extent: c.Extent, legalBasis: c.LegalBasis}
	}
	return nil
}

// service returns the ordinal of open service id.
func (rv *resolver) service(id string) (int, error) {
	i, ok := rv.r.byID[id]
	if !ok {
		return 0, rv.errorf("service", "no service with id %q", id)
	}
	if rv.r.services[i].closed {
		return 0, rv.errorf("service", "service %q is closed by an earlier change", id)
	}
	return i, nil
}

// add adds the service a change describes.
func (rv *resolver) add(c *Change) error {
	d := rv.d
	if !graph.ValidID(c.Service) {
		return rv.errorf("service", "%q is not a valid id (lower-case letters, digits, '_' and '-')", c.Service)
	}
	if _, ok := rv.l.Node(c.Service); ok {
		return rv.errorf("service", "id %q is already used in the landscape", c.Service)
	}
	if _, ok := rv.r.byID[c.Service]; ok {
		return rv.errorf("service", "id %q is already used by an earlier change", c.Service)
	}
	if !slices.Contains(graph.Sectors, c.Sector) {
		return rv.errorf("sector", "unknown value %q", c.Sector)
	}
	if !slices.Contains(graph.Fundings, c.Funding) {
		return rv.errorf("funding", "unknown value %q (want permanent, project or volunteer)", c.Funding)
	}
	s := &serviceRule{
		id: c.Service, name: c.Name, org: -1, sector: c.Sector, funding: c.Funding, added: true,
		genders:       newBitset(len(d.genders)),
		ages:          newBitset(len(d.ages)),
		statuses:      newBitset(len(d.statuses)),
		statusPartial: newBitset(len(d.statuses)),
		expls:         newBitset(len(d.expls)),
		regions:       newBitset(len(d.regions)),
		needs:         newBitset(len(d.needs)),
		needPartial:   newBitset(len(d.needs)),
		stages:        newBitset(len(d.stages)),
	}
	if s.name == "" {
		s.name = c.Service
	}
	if c.RunBy != "" {
		o, err := rv.one("run_by", c.RunBy, graph.TypeOrganisation)
		if err != nil {
			return err
		}
		s.org = o
		org, _ := graph.Lookup[*graph.Organisation](rv.l, c.RunBy)
		s.ngo = org != nil && org.Kind == graph.OrgNGO
	}
	if len(c.Genders) == 0 {
		s.genders.fill(len(d.genders))
	}
	if len(c.AgeBands) == 0 {
		s.ages.fill(len(d.ages))
	}
	if len(c.Exploitation) == 0 {
		s.expls.fill(len(d.expls))
	}
	if len(c.Stages) == 0 {
		s.stages.fill(len(d.stages))
	}
	if err := rv.eligibility(s, c, true); err != nil {
		return err
	}
	for k, id := range c.RefersTo {
		if _, ok := rv.r.byID[id]; !ok {
			return rv.errorf(fmt.Sprintf("refers_to[%d]", k), "no service with id %q", id)
		}
	}
	s.refersTo = slices.Clone(c.RefersTo)
	for k, id := range c.Sources {
		if _, err := rv.one(fmt.Sprintf("sources[%d]", k), id, graph.TypeSource); err != nil {
			return err
		}
	}
	s.sources = slices.Clone(c.Sources)
	rv.r.addedSources = rv.r.addedSources || len(s.sources) > 0
	rv.r.byID[s.id] = len(rv.r.services)
	rv.r.services = append(rv.r.services, s)
	return nil
}

// eligibility adds (widen) or removes (narrow) the values a change lists.
func (rv *resolver) eligibility(s *serviceRule, c *Change, widen bool) error {
	d := rv.d
	genders, err := resolveValues(rv, "genders", c.Genders, d.genders)
	if err != nil {
		return err
	}
	ages, err := rv.ages(c.AgeBands)
	if err != nil {
		return err
	}
	statuses, err := rv.many("statuses", c.Statuses, graph.TypeStatus)
	if err != nil {
		return err
	}
	expls, err := rv.many("exploitation", c.Exploitation, graph.TypeExploitation)
	if err != nil {
		return err
	}
	regions, err := rv.many("regions", c.Regions, graph.TypeRegion)
	if err != nil {
		return err
	}
	needs, err := rv.many("needs", c.Needs, graph.TypeNeed)
	if err != nil {
		return err
	}
	stages, err := rv.many("stages", c.Stages, graph.TypeStage)
	if err != nil {
		return err
	}
	partial := c.Extent == graph.ExtentPartial
	if widen {
		s.genders.or(genders)
		s.ages.or(ages)
		s.expls.or(expls)
		s.stages.or(stages)
		for _, r := range regions.members() {
			s.regions.or(d.within[r])
		}
		widenExtent(s.statuses, s.statusPartial, statuses, partial)
		widenExtent(s.needs, s.needPartial, needs, partial)
		return nil
	}
	s.genders.andNot(genders)
	s.ages.andNot(ages)
	s.expls.andNot(expls)
	s.stages.andNot(stages)
	for _, r := range regions.members() {
		s.regions.andNot(d.within[r])
	}
	s.statuses.andNot(statuses)
	s.statusPartial.andNot(statuses)
	s.needs.andNot(needs)
	s.needPartial.andNot(needs)
	return nil
}

// widenExtent adds values to set, in part or in full.
func widenExtent(set, partialSet, values bitset, partial bool) {
	for _, v := range values.members() {
		if partial && !set.has(v) {
			partialSet.set(v)
		} else if !partial {
			partialSet.clear(v)
		}
		set.set(v)
	}
}
