package hsds

import (
	"strings"

	"github.com/google/uuid"
)

// HSDS 3.0 gives every id the format uuid. The bundle's records get UUIDs
// (version 5, SHA-1 of a name) derived from their gapmap ids, so that the
// same record keeps the same UUID in every export: the name is the HSDS
// table and the gapmap id, "service/rosa", in the namespace Namespace.
// gapmap's own ids stay in the file where HSDS 3.0 has a place for an
// identifier: an organisation's organization_identifiers (scheme "gapmap"),
// and for a service an attribute of the taxonomy gapmap-id whose value is
// the id. Import maps them back.

// Namespace is the UUID namespace of gapmap's HSDS ids: the version 5
// UUID of the URL https://github.com/gapmap/gapmap/hsds in the URL
// namespace (RFC 9562).
var Namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/gapmap/gapmap/hsds"))

// UUID returns the UUID of the record of HSDS table (organization,
// service, location, taxonomy_term, ...) whose gapmap id is id.
func UUID(table, id string) string {
	return uuid.NewSHA1(Namespace, []byte(table+"/"+id)).String()
}

// The identifiers of gapmap's ids.
const (
	// IdentifierScheme is the identifier_scheme of an organisation's
	// gapmap id in organization_identifiers.
	IdentifierScheme = "gapmap"
	// TaxonomyGapmapID is the taxonomy of the attribute that holds a
	// service's gapmap id as its value; its one term is "gapmap-id:id".
	TaxonomyGapmapID = "gapmap-id"
)

// useUUIDs gives every record of b its UUID, rewrites every reference to
// it, and keeps the gapmap ids of the organisations and services in their
// identifiers.
func useUUIDs(b *Bundle) {
	idTerm := TaxonomyTerm{ID: termID(TaxonomyGapmapID, "id"), Code: "id", Name: "gapmap id",
		Description: "The record's id in gapmap: the attribute's value. Import matches records on it.",
		Taxonomy:    TaxonomyGapmapID, TaxonomyID: TaxonomyGapmapID, Language: "en"}
	b.Taxonomies = append(b.Taxonomies, Taxonomy{ID: TaxonomyGapmapID, Name: TaxonomyGapmapID,
		Description: "gapmap's ids of the services (attributes whose value is the id).", Version: taxonomyVersion})
	b.TaxonomyTerms = append(b.TaxonomyTerms, idTerm)

	org := func(id string) string { return optUUID("organization", id) }
	for i := range b.Organizations {
		o := &b.Organizations[i]
		gid := o.ID
		o.ID = org(gid)
		o.OrganizationIdentifiers = []OrganizationIdentifier{{
			ID: UUID("organization_identifier", gid), OrganizationID: o.ID,
			IdentifierScheme: IdentifierScheme, IdentifierType: "gapmap id", Identifier: gid,
		}}
		uuidAttributes(o.Attributes)
	}
	for i := range b.Services {
		s := &b.Services[i]
		gid := s.ID
		s.ID, s.OrganizationID = UUID("service", gid), org(s.OrganizationID)
		for j := range s.Phones {
			s.Phones[j].ID, s.Phones[j].ServiceID = UUID("phone", s.Phones[j].ID), s.ID
		}
		for j := range s.Schedules {
			s.Schedules[j].ID, s.Schedules[j].ServiceID = UUID("schedule", s.Schedules[j].ID), s.ID
		}
		for j := range s.ServiceAreas {
			a := &s.ServiceAreas[j]
			a.ID, a.ServiceID = UUID("service_area", a.ID), s.ID
			uuidAttributes(a.Attributes)
		}
		for j := range s.ServiceAtLocations {
			x := &s.ServiceAtLocations[j]
			x.ID, x.ServiceID, x.LocationID = UUID("service_at_location", x.ID), s.ID, optUUID("location", x.LocationID)
		}
		for j := range s.Languages {
			s.Languages[j].ID, s.Languages[j].ServiceID = UUID("language", s.Languages[j].ID), s.ID
		}
		for j := range s.Contacts {
			c := &s.Contacts[j]
			c.ID, c.ServiceID = UUID("contact", c.ID), s.ID
			for k := range c.Phones {
				c.Phones[k].ID = UUID("phone", c.Phones[k].ID)
			}
		}
		uuidAttributes(s.Attributes)
		s.Attributes = append(s.Attributes, Attribute{
			ID: UUID("attribute", gid+":"+TaxonomyGapmapID), LinkID: s.ID, LinkType: "identifier", LinkEntity: "service",
			TaxonomyTermID: UUID("taxonomy_term", idTerm.ID), Value: gid,
		})
	}
	for i := range b.Locations {
		l := &b.Locations[i]
		l.ID, l.OrganizationID = UUID("location", l.ID), org(l.OrganizationID)
		for j := range l.Addresses {
			l.Addresses[j].ID, l.Addresses[j].LocationID = UUID("address", l.Addresses[j].ID), l.ID
		}
	}
	for i := range b.Taxonomies {
		b.Taxonomies[i].ID = UUID("taxonomy", b.Taxonomies[i].ID)
	}
	for i := range b.TaxonomyTerms {
		t := &b.TaxonomyTerms[i]
		t.ID, t.ParentID, t.TaxonomyID = UUID("taxonomy_term", t.ID), optUUID("taxonomy_term", t.ParentID), UUID("taxonomy", t.TaxonomyID)
	}
}

// uuidAttributes gives attributes and the records they name their UUIDs.
func uuidAttributes(attrs []Attribute) {
	for i := range attrs {
		a := &attrs[i]
		a.ID = UUID("attribute", a.ID)
		a.LinkID = optUUID(a.LinkEntity, a.LinkID)
		a.TaxonomyTermID = optUUID("taxonomy_term", a.TaxonomyTermID)
	}
}

// optUUID is UUID, or "" for no id.
func optUUID(table, id string) string {
	if id == "" {
		return ""
	}
	return UUID(table, id)
}

// useGapmapIDs gives the organisations and services of an imported bundle
// their gapmap ids back, from their identifiers (useUUIDs), and rewrites the
// references to them; the attributes that held the ids are taken out. A
// record without a gapmap identifier (a third party's) keeps its id.
func useGapmapIDs(b *Bundle) {
	taxNames := map[string]string{}
	for _, t := range b.Taxonomies {
		taxNames[t.ID] = t.Name
	}
	isIDTerm := func(t *TaxonomyTerm) bool {
		return t != nil && (t.Taxonomy == TaxonomyGapmapID || t.TaxonomyID == TaxonomyGapmapID || taxNames[t.TaxonomyID] == TaxonomyGapmapID)
	}
	idTerms := map[string]bool{}
	for i := range b.TaxonomyTerms {
		if isIDTerm(&b.TaxonomyTerms[i]) {
			idTerms[b.TaxonomyTerms[i].ID] = true
		}
	}
	ids := map[string]string{} // HSDS id -> gapmap id
	for i := range b.Organizations {
		o := &b.Organizations[i]
		for _, x := range o.OrganizationIdentifiers {
			if strings.EqualFold(x.IdentifierScheme, IdentifierScheme) && x.Identifier != "" {
				ids[o.ID] = x.Identifier
				o.ID = x.Identifier
				break
			}
		}
	}
	for i := range b.Services {
		s := &b.Services[i]
		kept := s.Attributes[:0]
		for _, a := range s.Attributes {
			if idTerms[a.TaxonomyTermID] || isIDTerm(a.TaxonomyTerm) {
				if a.Value != "" {
					ids[s.ID] = a.Value
				}
				continue
			}
			kept = append(kept, a)
		}
		s.Attributes = kept
		s.ID = mapped(ids, s.ID)
	}
	for i := range b.Organizations {
		remapLinks(ids, b.Organizations[i].Attributes)
	}
	for i := range b.Services {
		s := &b.Services[i]
		s.OrganizationID = mapped(ids, s.OrganizationID)
		remapLinks(ids, s.Attributes)
	}
	for i := range b.Locations {
		b.Locations[i].OrganizationID = mapped(ids, b.Locations[i].OrganizationID)
	}
}

// remapLinks gives the attributes' link_ids their gapmap ids.
func remapLinks(ids map[string]string, attrs []Attribute) {
	for i := range attrs {
		attrs[i].LinkID = mapped(ids, attrs[i].LinkID)
	}
}

func mapped(ids map[string]string, id string) string {
	if g, ok := ids[id]; ok {
		return g
	}
	return id
}
