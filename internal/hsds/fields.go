package hsds

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// toValues converts term codes to values of a gapmap enum type.
func toValues[T ~string](codes []string) []T {
	var vs []T
	for _, c := range codes {
		vs = append(vs, T(c))
	}
	return vs
}

// splitAltNames splits HSDS's alternate_name into gapmap's alt_names.
func splitAltNames(s string) []string {
	var names []string
	for _, n := range strings.Split(s, strings.TrimSpace(altNameSep)) {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// firstContactEmail returns the first email of the contacts.
func firstContactEmail(cs []Contact) string {
	for _, c := range cs {
		if c.Email != "" {
			return c.Email
		}
	}
	return ""
}

// phone returns the service's phone number: its first phone, else its
// contacts' first. gapmap keeps one number.
func (im *importer) phone(s *Service) string {
	var phones []Phone
	phones = append(phones, s.Phones...)
	for _, c := range s.Contacts {
		phones = append(phones, c.Phones...)
	}
	number := ""
	for _, p := range phones {
		switch {
		case p.Number == "":
		case number == "":
			number = p.Number
		case p.Number != number:
			im.skip(p.path, "gapmap keeps one phone number per service: %q is left out", p.Number)
		}
	}
	return number
}

// openingHours joins the descriptions of the service's schedules.
func (im *importer) openingHours(s *Service) string {
	var ds []string
	for _, sc := range s.Schedules {
		if sc.Description != "" {
			ds = append(ds, sc.Description)
		} else {
			im.skip(sc.path, "gapmap keeps opening hours as text: a schedule without a description is left out")
		}
	}
	return strings.Join(ds, "; ")
}

var languageCode = regexp.MustCompile(`^[a-z]{2,3}$`)

// languages returns the service's language codes, lower-cased and without
// a region ("en-GB" is "en").
func (im *importer) languages(s *Service) []string {
	var codes []string
	for _, lang := range s.Languages {
		code := strings.ToLower(strings.TrimSpace(lang.Code))
		code, _, _ = strings.Cut(strings.ReplaceAll(code, "_", "-"), "-")
		if code == "" {
			for c, n := range languageNames {
				if strings.EqualFold(n, lang.Name) {
					code = c
				}
			}
			if code == "" {
				im.skip(lang.path, "no code, and %q is not a language gapmap knows by name", lang.Name)
				continue
			}
		}
		if !languageCode.MatchString(code) {
			im.fail(field(lang.path, "code"), "%q is not an ISO 639-1 or 639-3 language code", lang.Code)
			continue
		}
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes
}

// assuredDate returns the service's assured_date (gapmap's last_verified);
// nil when it has none.
func (im *importer) assuredDate(s *Service) *time.Time {
	if s.AssuredDate == "" {
		return nil
	}
	for _, layout := range []string{dateLayout, time.RFC3339} {
		if t, err := time.Parse(layout, s.AssuredDate); err == nil {
			return &t
		}
	}
	im.fail(field(s.path, "assured_date"), "%q is not a date (YYYY-MM-DD)", s.AssuredDate)
	return nil
}

// sameDate reports whether a and b are both set and on the same day (UTC).
func sameDate(a, b *time.Time) bool {
	return a != nil && b != nil && a.UTC().Format(dateLayout) == b.UTC().Format(dateLayout)
}

// location sets the service's city and address from its first location. A
// confidential address the file does not give is kept.
func (im *importer) location(s *Service, svc *graph.Service, stored *graph.Service) {
	city, addr := "", ""
	for i, sal := range s.ServiceAtLocations {
		loc := im.locations[sal.LocationID]
		switch {
		case sal.LocationID == "":
			im.fail(field(sal.path, "location_id"), "is required")
			continue
		case loc == nil:
			im.fail(field(sal.path, "location_id"), "no location with id %q in locations", sal.LocationID)
			continue
		case i > 0:
			im.skip(sal.path, "gapmap keeps one location per service: %q is left out", sal.LocationID)
			continue
		}
		city = loc.Name
		if len(loc.Addresses) > 0 {
			a := loc.Addresses[0]
			city = a.City
			addr = joinAddress(a)
			if c := strings.TrimSpace(a.Country); c != "" && !im.countries[strings.ToUpper(c)] {
				im.skip(field(a.path, "country"), "%q is not the country of a region of the landscape: gapmap keeps no country of an address: left out", c)
			}
		}
		for _, a := range loc.Addresses[min(1, len(loc.Addresses)):] {
			im.skip(a.path, "gapmap keeps one address per service: it is left out")
		}
	}
	svc.City = city
	if addr == "" && stored != nil && stored.ConfidentialAddress {
		return // a confidential address is never exported, so never cleared by an import
	}
	svc.Address = addr
}

// joinAddress returns an HSDS address as gapmap's one line: "address_1,
// address_2, postal_code city" (the city only with a postal code: gapmap
// keeps the city apart).
func joinAddress(a Address) string {
	var parts []string
	for _, p := range []string{a.Address1, a.Address2} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if pc := strings.TrimSpace(a.PostalCode); pc != "" {
		parts = append(parts, strings.TrimSpace(pc+" "+a.City))
	}
	return strings.Join(parts, ", ")
}

// runBy returns the service's RUN_BY edge: the stored one when it names the
// same organisation, so its provenance stays.
func (im *importer) runBy(s *Service) []graph.Edge {
	id := s.OrganizationID
	if id == "" {
		return nil
	}
	path := field(s.path, "organization_id")
	if n, ok := im.l.Node(id); !im.fileOrgs[id] && (!ok || n.Type() != graph.TypeOrganisation) {
		im.fail(path, "no organisation with id %q in the file or the landscape", id)
		return nil
	}
	e := graph.Edge{Type: graph.EdgeRunBy, From: s.ID, To: id}
	if old, ok := im.l.Edge(e.Key()); ok {
		e = *old
	}
	return []graph.Edge{e}
}

// area is a COVERS edge read from a service area.
type area struct {
	edge graph.Edge
	path string
}

// serviceAreas returns the regions the service's areas name: by their
// gapmap-region term, else by a region's name. any reports whether an area
// has a term of one of gapmap's taxonomies.
func (im *importer) serviceAreas(s *Service) (areas []area, any bool) {
	seen := map[string]bool{}
	for _, sa := range s.ServiceAreas {
		f := im.attributes(sa.ID, "service_area", sa.Attributes)
		any = any || f.any
		edges := f.edges[TaxonomyRegion]
		if len(edges) == 0 && !f.any {
			ids := im.regionName[strings.ToLower(strings.TrimSpace(sa.Name))]
			if len(ids) != 1 {
				im.skip(sa.path, "no %s term, and no one region is named %q", TaxonomyRegion, sa.Name)
				continue
			}
			edges = []graph.Edge{{To: ids[0]}}
		}
		for _, e := range edges {
			if seen[e.To] {
				continue
			}
			seen[e.To] = true
			e.Type, e.From = graph.EdgeCovers, s.ID
			if !f.given[graph.EdgeKey{Type: graph.EdgeCovers, From: sa.ID, To: e.To}] {
				if old, ok := im.l.Edge(e.Key()); ok {
					e = *old
				}
			}
			areas = append(areas, area{edge: e, path: cmpOr(f.paths[graph.EdgeKey{Type: graph.EdgeCovers, From: sa.ID, To: e.To}], sa.path)})
		}
	}
	return areas, any
}
