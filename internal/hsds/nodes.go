package hsds

import (
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// organization plans the import of one organisation.
func (im *importer) organization(o *Organization) {
	if o.Name == "" {
		im.fail(field(o.path, "name"), "is required")
	}
	stored, _ := im.l.Node(o.ID)
	org := &graph.Organisation{}
	if s, ok := stored.(*graph.Organisation); ok {
		c := *s
		org = &c
	}
	org.ID, org.Name, org.NameNB, org.URL = o.ID, o.Name, o.AlternateName, o.Website
	f := im.attributes(o.ID, "organization", o.Attributes)
	switch kinds := f.values[TaxonomyOrganizationKind]; {
	case len(kinds) > 0:
		org.Kind = graph.OrgKind(kinds[0])
	case slices.Contains(graph.OrgKinds, graph.OrgKind(strings.ToLower(o.LegalStatus))):
		org.Kind = graph.OrgKind(strings.ToLower(o.LegalStatus))
	case stored == nil:
		im.fail(field(o.path, "attributes"), "a new organisation needs a %s term (or a legal_status of ngo, municipal, state, international or private)", TaxonomyOrganizationKind)
	}
	if d := strings.TrimSpace(o.Description); d != "" && d != valueDescription(orgKindTerms, string(org.Kind)) {
		im.skip(field(o.path, "description"), "gapmap keeps no description of an organisation: left out")
	}
	n := &importedNode{path: o.path, node: org, edgePaths: f.paths}
	if stored != nil {
		n.stored = stored
	}
	if f.any || stored == nil {
		n.owned = []graph.EdgeType{graph.EdgeSourcedFrom}
		n.edges = im.withStoredProps(f, f.edges[TaxonomySource])
	} else {
		im.skip(o.path, "no term of gapmap's taxonomies: its kind and sources are kept as they are")
	}
	im.add(n)
}

func (im *importer) add(n *importedNode) {
	im.imported = append(im.imported, n)
	im.byID[n.node.Base().ID] = n
}

// withStoredProps gives each edge whose attribute gave no properties the
// properties of the stored edge it replaces, if any.
func (im *importer) withStoredProps(f *facts, edges []graph.Edge) []graph.Edge {
	out := make([]graph.Edge, len(edges))
	for i, e := range edges {
		if !f.given[e.Key()] {
			if old, ok := im.l.Edge(e.Key()); ok {
				e = *old
			}
		}
		out[i] = e
	}
	return out
}

// service plans the import of one service.
func (im *importer) service(s *Service) {
	if s.Name == "" {
		im.fail(field(s.path, "name"), "is required")
	}
	if s.Status != "" && s.Status != "active" {
		im.skip(field(s.path, "status"), "%q: gapmap has no closed or inactive services; the service is imported as open", s.Status)
	}
	storedNode, _ := im.l.Node(s.ID)
	stored, _ := storedNode.(*graph.Service)
	svc := &graph.Service{}
	if stored != nil {
		c := *stored
		svc = &c
	}
	svc.ID, svc.Name, svc.Description, svc.URL, svc.Cost = s.ID, s.Name, s.Description, s.URL, s.FeesDescription
	svc.AltNames = splitAltNames(s.AlternateName)
	svc.Email = cmpOr(s.Email, firstContactEmail(s.Contacts))
	svc.Phone = im.phone(s)
	svc.OpeningHours = im.openingHours(s)
	svc.Languages = im.languages(s)
	svc.LastVerified = im.assuredDate(s)
	if stored != nil && sameDate(stored.LastVerified, svc.LastVerified) {
		svc.LastVerified = stored.LastVerified // HSDS keeps the date; keep the stored time of day
	}
	im.location(s, svc, stored)

	f := im.attributes(s.ID, "service", s.Attributes)
	areas, areasAny := im.serviceAreas(s)
	gapmapTerms := f.any || areasAny
	keep := stored != nil && !gapmapTerms
	if keep {
		im.skip(s.path, "no term of gapmap's taxonomies: its eligibility, needs, stages, sector, funding and sources are kept as they are")
	}

	if !keep {
		svc.Genders = toValues[graph.Gender](f.values[TaxonomyGender])
		svc.AgeBands = toValues[graph.AgeBand](f.values[TaxonomyAgeBand])
	}
	if _, given := f.values[TaxonomyAgeBand]; !given && (s.MinimumAge != nil || s.MaximumAge != nil) {
		svc.AgeBands = ageBands(s.MinimumAge, s.MaximumAge)
	}
	for _, v := range []struct {
		tax string
		set func(string)
	}{
		{TaxonomySector, func(c string) { svc.Sector = graph.Sector(c) }},
		{TaxonomyFunding, func(c string) { svc.Funding = graph.Funding(c) }},
	} {
		if codes := f.values[v.tax]; len(codes) > 0 {
			v.set(codes[0])
		} else if stored == nil {
			im.fail(field(s.path, "attributes"), "a new service needs a %s term", v.tax)
		}
	}

	n := &importedNode{path: s.path, node: svc, edgePaths: f.paths, owned: []graph.EdgeType{graph.EdgeRunBy}}
	if stored != nil {
		n.stored = stored
	}
	n.edges = append(n.edges, im.runBy(s)...)
	if !keep {
		for _, t := range taxonomies {
			if t.edge != "" && t.linkEntity == "service" {
				n.owned = append(n.owned, t.edge)
				n.edges = append(n.edges, im.withStoredProps(f, f.edges[t.id])...)
			}
		}
	}
	if !keep || len(areas) > 0 {
		n.owned = append(n.owned, graph.EdgeCovers)
		for _, a := range areas {
			n.edges = append(n.edges, a.edge)
			n.edgePaths[a.edge.Key()] = a.path
		}
	}
	im.add(n)
}
