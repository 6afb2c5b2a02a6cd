package hsds

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/progress"
)

// Options are the options of the HSDS export.
type Options struct {
	// Progress, if set, is told how many of the services are written.
	Progress progress.Func
}

// Write writes the organisations and services of l as one HSDS 3.0
// bundle (Build), indented JSON.
func Write(w io.Writer, l *graph.Landscape, opt Options) error {
	b, err := Build(l, opt)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("export hsds: %w", err)
	}
	return nil
}

// Build returns the organisations and services of l as an HSDS 3.0
// bundle, mapped as HSDS.md says: every Organisation and Service, a location
// per service with a city or a public address (a confidential address is
// never written), and gapmap's taxonomies with a term for every status,
// need, stage, exploitation, region and source of l and every value of the
// value taxonomies. Every id is a UUID derived from the gapmap id
// (UUID); the organisations and services keep their gapmap ids in
// their identifiers.
func Build(l *graph.Landscape, opt Options) (*Bundle, error) {
	b := &Bundle{
		Version:          Version,
		Generator:        "gapmap",
		LandscapeVersion: l.Version(),
		LandscapeChanged: dataversion.Value(l.Changed()),
		Organizations:    []Organization{},
		Services:         []Service{},
		Locations:        []Location{},
	}
	for _, o := range graph.All[*graph.Organisation](l) {
		org, err := hsdsOrganization(l, o)
		if err != nil {
			return nil, err
		}
		b.Organizations = append(b.Organizations, org)
	}
	services := graph.All[*graph.Service](l)
	for i, s := range services {
		svc, loc, err := hsdsService(l, s)
		if err != nil {
			return nil, err
		}
		b.Services = append(b.Services, svc)
		if loc != nil {
			b.Locations = append(b.Locations, *loc)
		}
		if (i+1)%progress.Every == 0 || i+1 == len(services) {
			opt.Progress.Report(i+1, len(services))
		}
	}
	b.Taxonomies, b.TaxonomyTerms = hsdsTaxonomies(l)
	useUUIDs(b)
	return b, nil
}

func hsdsOrganization(l *graph.Landscape, o *graph.Organisation) (Organization, error) {
	org := Organization{
		ID:            o.ID,
		Name:          o.Name,
		AlternateName: o.NameNB,
		Description:   valueDescription(orgKindTerms, string(o.Kind)),
		Website:       o.URL,
		LegalStatus:   string(o.Kind),
	}
	org.Attributes = append(org.Attributes, valueAttribute(o.ID, "organization", TaxonomyOrganizationKind, string(o.Kind)))
	src, err := edgeAttributes(l, o.ID, "organization", TaxonomySource, graph.EdgeSourcedFrom)
	if err != nil {
		return org, err
	}
	org.Attributes = append(org.Attributes, src...)
	return org, nil
}

// hsdsService returns s as an HSDS service, and its location, if it has
// one.
func hsdsService(l *graph.Landscape, s *graph.Service) (Service, *Location, error) {
	svc := Service{
		ID:                     s.ID,
		Name:                   s.Name,
		AlternateName:          strings.Join(s.AltNames, altNameSep),
		Description:            s.Description,
		URL:                    s.URL,
		Email:                  s.Email,
		Status:                 "active",
		FeesDescription:        s.Cost,
		EligibilityDescription: eligibilityText(l, s),
	}
	if o, ok := l.Organisation(s.ID); ok {
		svc.OrganizationID = o.ID
	}
	svc.MinimumAge, svc.MaximumAge = ageRange(s.AgeBands)
	if s.LastVerified != nil {
		svc.AssuredDate = s.LastVerified.UTC().Format(dateLayout)
	}
	if s.Phone != "" {
		svc.Phones = []Phone{{ID: s.ID + ":phone", ServiceID: s.ID, Number: s.Phone, Type: "voice"}}
	}
	if s.OpeningHours != "" {
		svc.Schedules = []Schedule{{ID: s.ID + ":schedule", ServiceID: s.ID, Description: s.OpeningHours}}
	}
	if s.Email != "" {
		svc.Contacts = []Contact{{ID: s.ID + ":contact", ServiceID: s.ID, Name: s.Name, Email: s.Email}}
	}
	for _, code := range s.Languages {
		svc.Languages = append(svc.Languages, Language{
			ID: s.ID + ":language:" + code, ServiceID: s.ID, Name: languageName(code), Code: code})
	}
	for _, e := range l.Out(s.ID, graph.EdgeCovers) {
		r, _ := graph.Lookup[*graph.Region](l, e.To)
		area := ServiceArea{ID: s.ID + ":area:" + r.ID, ServiceID: s.ID, Name: r.Name, Description: string(r.Level)}
		attr, err := edgeAttribute(l, area.ID, "service_area", TaxonomyRegion, e)
		if err != nil {
			return svc, nil, err
		}
		area.Attributes = []Attribute{attr}
		svc.ServiceAreas = append(svc.ServiceAreas, area)
	}

	for _, t := range taxonomies {
		if t.linkEntity != "service" {
			continue
		}
		switch {
		case t.edge != "":
			attrs, err := edgeAttributes(l, s.ID, "service", t.id, t.edge)
			if err != nil {
				return svc, nil, err
			}
			svc.Attributes = append(svc.Attributes, attrs...)
		default:
			for _, v := range serviceValues(s, t.id) {
				svc.Attributes = append(svc.Attributes, valueAttribute(s.ID, "service", t.id, v))
			}
		}
	}

	loc := hsdsLocation(l, s, svc.OrganizationID)
	if loc != nil {
		svc.ServiceAtLocations = []ServiceAtLocation{{ID: s.ID + ":at-location", ServiceID: s.ID, LocationID: loc.ID}}
	}
	return svc, loc, nil
}

// serviceValues returns the codes of s in a taxonomy of values.
func serviceValues(s *graph.Service, taxonomy string) []string {
	var vs []string
	switch taxonomy {
	case TaxonomyGender:
		for _, g := range s.Genders {
			vs = append(vs, string(g))
		}
	case TaxonomyAgeBand:
		for _, a := range s.AgeBands {
			vs = append(vs, string(a))
		}
	case TaxonomySector:
		vs = []string{string(s.Sector)}
	case TaxonomyFunding:
		vs = []string{string(s.Funding)}
	}
	return vs
}

// hsdsLocation returns the location of s: its city, and its address unless
// the address is confidential. A service with neither has none.
func hsdsLocation(l *graph.Landscape, s *graph.Service, orgID string) *Location {
	addr := s.PublicAddress()
	if s.City == "" && addr == "" {
		return nil
	}
	loc := &Location{ID: s.ID + ":location", LocationType: "physical", OrganizationID: orgID, Name: s.City}
	if loc.Name == "" {
		loc.Name = s.Name
	}
	if s.ConfidentialAddress {
		loc.Description = "The address is confidential."
	}
	if addr != "" {
		line, postal := splitAddress(addr, s.City)
		loc.Addresses = []Address{{
			ID: s.ID + ":address", LocationID: loc.ID, Address1: line, City: s.City, PostalCode: postal,
			Country: countryCode(l, s.ID), AddressType: "physical",
		}}
	}
	return loc
}

// postalPart matches the last part of a Norwegian address line: a postal
// code and a place, "0155 Oslo".
var postalPart = regexp.MustCompile(`^([0-9]{4}) +(.+)$`)

// splitAddress splits gapmap's address line "street, 0155 Oslo" into the
// street and the postal code when its last part is the postal code and
// the service's city, so that HSDS's address_1, postal_code and city hold
// them and an import joins them back into the same line (joinAddress).
// Another line stays whole in address_1.
func splitAddress(addr, city string) (line, postal string) {
	i := strings.LastIndex(addr, ",")
	if i < 0 || city == "" {
		return addr, ""
	}
	m := postalPart.FindStringSubmatch(strings.TrimSpace(addr[i+1:]))
	if m == nil || !strings.EqualFold(strings.TrimSpace(m[2]), city) || strings.TrimSpace(addr[:i]) == "" {
		return addr, ""
	}
	return strings.TrimSpace(addr[:i]), m[1]
}

// countryCode returns the code of the country the regions service id covers
// lie in, if there is one.
func countryCode(l *graph.Landscape, serviceID string) string {
	for _, e := range l.Out(serviceID, graph.EdgeCovers) {
		for _, r := range l.Ancestors(e.To) {
			if r.Level == graph.LevelCountry && r.Code != "" {
				return r.Code
			}
		}
	}
	return ""
}
