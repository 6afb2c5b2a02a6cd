package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// PathError is a problem at one place of an imported file, named by its
// JSON path: services[3].attributes[1].taxonomy_term_id.
type PathError struct {
	Path    string
	Message string
}

// String returns "PATH: MESSAGE".
func (e PathError) String() string {
	if e.Path == "" {
		return e.Message
	}
	return e.Path + ": " + e.Message
}

// Error lists every problem that makes an HSDS file invalid. When
// PlanImport returns one, it has planned nothing: nothing may be
// written.
type Error struct {
	Problems []PathError
}

// Error returns the problems, one per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("invalid HSDS file: %d problem(s):\n%s", len(e.Problems), strings.Join(lines, "\n"))
}

// reader reads an HSDS bundle from decoded JSON, checking the type of every
// field it takes and naming the path of every problem. Fields gapmap does not
// map are ignored.
type reader struct {
	errs []PathError
	// dropped are the fields of the file gapmap has no place for.
	dropped []PathError
	// The records found nested in others: a service's organization, a
	// service_at_location's location, an organization's services and
	// locations, as HSDS's API gives them.
	nestedOrgs      []Organization
	nestedServices  []Service
	nestedLocations []Location
}

// rest reports every field of o at path but those named in read that has
// a value (not null, "", [] or {}): gapmap has no place for it, and the
// import leaves it out.
func (r *reader) rest(o map[string]any, path string, read ...string) {
	var left []string
	for k, v := range o {
		if slices.Contains(read, k) || emptyJSON(v) {
			continue
		}
		left = append(left, k)
	}
	slices.Sort(left)
	for _, k := range left {
		r.dropped = append(r.dropped, PathError{Path: field(path, k), Message: "gapmap has no field for it: left out"})
	}
}

// emptyJSON reports whether a decoded JSON value says nothing.
func emptyJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

func (r *reader) fail(path, format string, args ...any) {
	r.errs = append(r.errs, PathError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// readHSDS decodes an HSDS bundle. It returns the problems of the file's
// form; the bundle holds what could be read.
func readHSDS(data []byte) (*Bundle, []PathError) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, []PathError{syntaxProblem(data, err)}
	}
	if _, err := dec.Token(); err == nil {
		return nil, []PathError{{Message: "more than one JSON value: an HSDS bundle is one object"}}
	}
	r := &reader{}
	top, ok := r.object(doc, "(document)")
	if !ok {
		r.errs[len(r.errs)-1].Message += "; " + hsdsShapes
		return nil, r.errs
	}
	b := &Bundle{}
	switch shape := hsdsShape(top); shape {
	case shapeService:
		b.Services = append(b.Services, r.service(top, ""))
	case shapeOrganization:
		b.Organizations = append(b.Organizations, r.organization(top, ""))
	case shapeList:
		r.page(top)
		for i, v := range r.list(top, "contents", "") {
			p := index("contents", i)
			o, ok := r.object(v, p)
			switch {
			case !ok:
			case hsdsShape(o) == shapeService:
				b.Services = append(b.Services, r.service(o, p))
			case hsdsShape(o) == shapeOrganization:
				b.Organizations = append(b.Organizations, r.organization(o, p))
			default:
				r.fail(p, "neither a service (with an id, a name and a status) nor an organization (with an id and a name)")
			}
		}
	case shapeBundle:
		if !isBundle(top) {
			return nil, []PathError{{Path: "(document)", Message: notHSDS(top)}}
		}
		r.bundle(top, b)
	default:
		return nil, []PathError{{Path: "(document)", Message: notHSDS(top)}}
	}
	r.addNested(b)
	b.dropped = r.dropped
	return b, r.errs
}

// The forms of HSDS document PlanImport reads.
const (
	shapeUnknown = iota
	shapeBundle
	shapeService
	shapeOrganization
	shapeList
)

// bundleKeys are the keys of gapmap's bundle.
var bundleKeys = []string{"hsds_version", "generator", "landscape_version", "landscape_changed",
	"organizations", "services", "locations", "taxonomies", "taxonomy_terms"}

// hsdsShape tells which form of HSDS document o is: a page of HSDS's API
// (contents), one record (a service has an id, a name and a status; an
// organization an id and a name), or gapmap's bundle (one of its keys).
func hsdsShape(o map[string]any) int {
	_, id := o["id"]
	_, name := o["name"]
	_, status := o["status"]
	_, contents := o["contents"]
	switch {
	case contents && !id:
		return shapeList
	case id && name && status:
		return shapeService
	case id && name:
		return shapeOrganization
	case !id && slices.ContainsFunc(bundleKeys, func(k string) bool { _, ok := o[k]; return ok }):
		return shapeBundle
	}
	return shapeUnknown
}

// bundle reads gapmap's bundle top into b.
func (r *reader) bundle(top map[string]any, b *Bundle) {
	b.Version, b.Generator = r.str(top, "hsds_version", ""), r.str(top, "generator", "")
	r.rest(top, "", bundleKeys...)
	for i, v := range r.list(top, "organizations", "") {
		if o, ok := r.object(v, index("organizations", i)); ok {
			b.Organizations = append(b.Organizations, r.organization(o, index("organizations", i)))
		}
	}
	for i, v := range r.list(top, "services", "") {
		if o, ok := r.object(v, index("services", i)); ok {
			b.Services = append(b.Services, r.service(o, index("services", i)))
		}
	}
	for i, v := range r.list(top, "locations", "") {
		if o, ok := r.object(v, index("locations", i)); ok {
			b.Locations = append(b.Locations, r.location(o, index("locations", i)))
		}
	}
	for i, v := range r.list(top, "taxonomies", "") {
		if o, ok := r.object(v, index("taxonomies", i)); ok {
			p := index("taxonomies", i)
			b.Taxonomies = append(b.Taxonomies, Taxonomy{ID: r.str(o, "id", p), Name: r.str(o, "name", p), path: p})
		}
	}
	for i, v := range r.list(top, "taxonomy_terms", "") {
		if o, ok := r.object(v, index("taxonomy_terms", i)); ok {
			b.TaxonomyTerms = append(b.TaxonomyTerms, r.term(o, index("taxonomy_terms", i)))
		}
	}
}

// page reports a page of a longer list: only its records are read.
func (r *reader) page(top map[string]any) {
	r.rest(top, "", "contents", "total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")
	if last, ok := top["last_page"].(bool); ok && !last || top["first_page"] == false {
		r.dropped = append(r.dropped, PathError{Path: "(document)", Message: fmt.Sprintf(
			"page %v of %v of a list: only the records of this page are read; import each page", top["page_number"], top["total_pages"])})
	}
}

// addNested adds the records found nested in others (a service's
// organization, a service_at_location's location, an organization's
// services and locations) to b, each once.
func (r *reader) addNested(b *Bundle) {
	for _, o := range r.nestedOrgs {
		if !slices.ContainsFunc(b.Organizations, func(x Organization) bool { return x.ID == o.ID }) {
			b.Organizations = append(b.Organizations, o)
		}
	}
	b.Services = append(b.Services, r.nestedServices...)
	for _, l := range r.nestedLocations {
		if !slices.ContainsFunc(b.Locations, func(x Location) bool { return x.ID == l.ID }) {
			b.Locations = append(b.Locations, l)
		}
	}
}

// hsdsShapes says what the reader takes, for the error of a file that is
// not HSDS.
const hsdsShapes = "gapmap reads an HSDS 3.0 bundle (a JSON object with the arrays organizations and services " +
	"of HSDS records, and optionally locations, taxonomies and taxonomy_terms, as gapmap export hsds writes it), " +
	"one HSDS service or organization, or a page of them (an object with contents, as HSDS's API lists them)"

// isBundle reports whether top holds an HSDS record to map: a non-empty
// organizations or services array (a bundle that holds only taxonomies
// maps nothing).
func isBundle(top map[string]any) bool {
	for _, key := range []string{"organizations", "services"} {
		if list, ok := top[key].([]any); ok && len(list) > 0 {
			return true
		}
		if _, ok := top[key]; ok && top[key] != nil {
			if _, isList := top[key].([]any); !isList {
				return true // the wrong type: the reader names it
			}
		}
	}
	return false
}

// notHSDS describes an object that is not an HSDS bundle.
func notHSDS(top map[string]any) string {
	keys := slices.Sorted(maps.Keys(top))
	const most = 8
	for i, k := range keys {
		keys[i] = strconv.Quote(k[:min(len(k), 40)])
	}
	if len(keys) > most {
		keys = append(keys[:most], "...")
	}
	has := "no members"
	if len(keys) > 0 {
		has = "the members " + strings.Join(keys, ", ")
	}
	return "not a form of HSDS that gapmap reads: nothing in it maps to a service or an organisation (it has " + has + "); " + hsdsShapes
}

// syntaxProblem names the line and column of a JSON syntax error.
func syntaxProblem(data []byte, err error) PathError {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &se):
		offset = se.Offset
	case errors.As(err, &te):
		offset = te.Offset
	}
	if offset < 0 {
		return PathError{Message: "not JSON: " + err.Error()}
	}
	// The offset is just past the byte at fault.
	before := data[:max(0, min(int(offset)-1, len(data)))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return PathError{Path: fmt.Sprintf("line %d, column %d", line, col), Message: "not JSON: " + err.Error()}
}

func index(path string, i int) string { return fmt.Sprintf("%s[%d]", path, i) }

func field(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (r *reader) object(v any, path string) (map[string]any, bool) {
	o, ok := v.(map[string]any)
	if !ok {
		r.fail(path, "want an object, got %s", jsonKind(v))
	}
	return o, ok
}

// str returns the string at key; "" when it is missing or null.
func (r *reader) str(o map[string]any, key, path string) string {
	switch v := o[key].(type) {
	case nil:
		return ""
	case string:
		if c, at, ok := controlChar(v, hsdsOneLine[key]); ok {
			r.fail(field(path, key), "holds a control character (%U) at character %d; remove it", c, at)
			return ""
		}
		return v
	default:
		r.fail(field(path, key), "want a string, got %s", jsonKind(v))
		return ""
	}
}

// hsdsOneLine are the HSDS fields whose text is one line: tab and newline
// are refused in them, as in gapmap's own form.
var hsdsOneLine = map[string]bool{"id": true, "name": true, "alternate_name": true, "email": true, "url": true,
	"website": true, "number": true, "code": true, "city": true, "postal_code": true, "address_1": true, "address_2": true}

// controlChar returns the first control character of s and its position
// (in characters, from 1): any but tab, newline and carriage return, and
// those too when oneLine.
func controlChar(s string, oneLine bool) (rune, int, bool) {
	pos := 0
	for _, c := range s {
		pos++
		if !oneLine && (c == '\t' || c == '\n' || c == '\r') {
			continue
		}
		if unicode.IsControl(c) {
			return c, pos, true
		}
	}
	return 0, 0, false
}

// num returns the number at key; nil when it is missing or null.
func (r *reader) num(o map[string]any, key, path string) *float64 {
	switch v := o[key].(type) {
	case nil:
		return nil
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			r.fail(field(path, key), "%s is not a number", v)
			return nil
		}
		return &f
	default:
		r.fail(field(path, key), "want a number, got %s", jsonKind(v))
		return nil
	}
}

// list returns the array at key; nil when it is missing or null.
func (r *reader) list(o map[string]any, key, path string) []any {
	switch v := o[key].(type) {
	case nil:
		return nil
	case []any:
		return v
	default:
		r.fail(field(path, key), "want an array, got %s", jsonKind(v))
		return nil
	}
}

// objects calls each for every object of the array at key.
func (r *reader) objects(o map[string]any, key, path string, each func(o map[string]any, path string)) {
	for i, v := range r.list(o, key, path) {
		p := index(field(path, key), i)
		if x, ok := r.object(v, p); ok {
			each(x, p)
		}
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func (r *reader) organization(o map[string]any, p string) Organization {
	org := Organization{
		ID: r.str(o, "id", p), Name: r.str(o, "name", p), AlternateName: r.str(o, "alternate_name", p),
		Description: r.str(o, "description", p), Website: r.str(o, "website", p),
		LegalStatus: r.str(o, "legal_status", p), path: p,
	}
	r.objects(o, "organization_identifiers", p, func(x map[string]any, xp string) {
		id := OrganizationIdentifier{
			ID: r.str(x, "id", xp), IdentifierScheme: r.str(x, "identifier_scheme", xp),
			IdentifierType: r.str(x, "identifier_type", xp), Identifier: r.str(x, "identifier", xp)}
		if !strings.EqualFold(id.IdentifierScheme, IdentifierScheme) {
			r.dropped = append(r.dropped, PathError{Path: xp, Message: fmt.Sprintf("an identifier of scheme %q: gapmap keeps its own ids only: left out", id.IdentifierScheme)})
		}
		org.OrganizationIdentifiers = append(org.OrganizationIdentifiers, id)
	})
	// The description is the kind in words on export; import takes the kind
	// from the attributes (importer.organization reports another text).
	r.rest(o, p, "id", "name", "alternate_name", "description", "website", "legal_status", "organization_identifiers", "attributes",
		"services", "locations")
	r.objects(o, "services", p, func(x map[string]any, xp string) {
		svc := r.service(x, xp)
		svc.OrganizationID = cmpOr(svc.OrganizationID, org.ID)
		r.nestedServices = append(r.nestedServices, svc)
	})
	r.objects(o, "locations", p, func(x map[string]any, xp string) {
		r.nestedLocations = append(r.nestedLocations, r.location(x, xp))
	})
	r.objects(o, "attributes", p, func(a map[string]any, ap string) {
		org.Attributes = append(org.Attributes, r.attribute(a, ap))
	})
	return org
}

func (r *reader) service(o map[string]any, p string) Service {
	s := Service{
		ID: r.str(o, "id", p), OrganizationID: r.str(o, "organization_id", p), Name: r.str(o, "name", p),
		AlternateName: r.str(o, "alternate_name", p), Description: r.str(o, "description", p),
		URL: r.str(o, "url", p), Email: r.str(o, "email", p), Status: r.str(o, "status", p),
		FeesDescription: r.str(o, "fees_description", p), MinimumAge: r.num(o, "minimum_age", p),
		MaximumAge: r.num(o, "maximum_age", p), AssuredDate: r.str(o, "assured_date", p), path: p,
	}
	// eligibility_description is written from the attributes, which import
	// reads instead.
	r.rest(o, p, "id", "organization_id", "name", "alternate_name", "description", "url", "email", "status",
		"fees_description", "eligibility_description", "minimum_age", "maximum_age", "assured_date", "phones", "schedules",
		"service_areas", "service_at_locations", "languages", "contacts", "attributes", "organization")
	switch org := o["organization"].(type) {
	case nil:
	case map[string]any:
		nested := r.organization(org, field(p, "organization"))
		s.OrganizationID = cmpOr(s.OrganizationID, nested.ID)
		r.nestedOrgs = append(r.nestedOrgs, nested)
	default:
		r.fail(field(p, "organization"), "want an object, got %s", jsonKind(org))
	}
	r.objects(o, "phones", p, func(x map[string]any, xp string) {
		r.rest(x, xp, "id", "service_id", "number", "type")
		s.Phones = append(s.Phones, Phone{ID: r.str(x, "id", xp), Number: r.str(x, "number", xp), path: xp})
	})
	r.objects(o, "schedules", p, func(x map[string]any, xp string) {
		r.rest(x, xp, "id", "service_id", "description")
		s.Schedules = append(s.Schedules, Schedule{ID: r.str(x, "id", xp), Description: r.str(x, "description", xp), path: xp})
	})
	r.objects(o, "service_areas", p, func(x map[string]any, xp string) {
		r.rest(x, xp, "id", "service_id", "name", "description", "attributes")
		area := ServiceArea{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), path: xp}
		r.objects(x, "attributes", xp, func(a map[string]any, ap string) {
			area.Attributes = append(area.Attributes, r.attribute(a, ap))
		})
		s.ServiceAreas = append(s.ServiceAreas, area)
	})
	r.objects(o, "service_at_locations", p, func(x map[string]any, xp string) {
		r.rest(x, xp, "id", "service_id", "location_id", "location")
		sal := ServiceAtLocation{ID: r.str(x, "id", xp), LocationID: r.str(x, "location_id", xp), path: xp}
		if loc, ok := x["location"].(map[string]any); ok {
			nested := r.location(loc, field(xp, "location"))
			sal.LocationID = cmpOr(sal.LocationID, nested.ID)
			r.nestedLocations = append(r.nestedLocations, nested)
		}
		s.ServiceAtLocations = append(s.ServiceAtLocations, sal)
	})
	r.objects(o, "languages", p, func(x map[string]any, xp string) {
		r.rest(x, xp, "id", "service_id", "name", "code")
		s.Languages = append(s.Languages, Language{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), Code: r.str(x, "code", xp), path: xp})
	})
	r.objects(o, "contacts", p, func(x map[string]any, xp string) {
		c := Contact{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), Email: r.str(x, "email", xp), path: xp}
		read := []string{"id", "service_id", "email", "phones"}
		if c.Name == s.Name {
			read = append(read, "name") // gapmap's export names the contact after the service
		}
		r.rest(x, xp, read...)
		r.objects(x, "phones", xp, func(y map[string]any, yp string) {
			r.rest(y, yp, "id", "service_id", "contact_id", "number", "type")
			c.Phones = append(c.Phones, Phone{ID: r.str(y, "id", yp), Number: r.str(y, "number", yp), path: yp})
		})
		s.Contacts = append(s.Contacts, c)
	})
	r.objects(o, "attributes", p, func(a map[string]any, ap string) {
		s.Attributes = append(s.Attributes, r.attribute(a, ap))
	})
	return s
}

func (r *reader) location(o map[string]any, p string) Location {
	loc := Location{ID: r.str(o, "id", p), LocationType: r.str(o, "location_type", p), Name: r.str(o, "name", p), path: p}
	// The description says, on export, that the address is confidential.
	r.rest(o, p, "id", "location_type", "organization_id", "name", "description", "addresses")
	r.objects(o, "addresses", p, func(x map[string]any, xp string) {
		// The country is the landscape's (importer.location reports another).
		r.rest(x, xp, "id", "location_id", "address_1", "address_2", "city", "postal_code", "country", "address_type")
		loc.Addresses = append(loc.Addresses, Address{
			ID: r.str(x, "id", xp), Address1: r.str(x, "address_1", xp), Address2: r.str(x, "address_2", xp),
			City: r.str(x, "city", xp), PostalCode: r.str(x, "postal_code", xp), Country: r.str(x, "country", xp),
			AddressType: r.str(x, "address_type", xp), path: xp,
		})
	})
	return loc
}

func (r *reader) attribute(o map[string]any, p string) Attribute {
	r.rest(o, p, "id", "link_id", "link_type", "link_entity", "taxonomy_term_id", "value", "taxonomy_term")
	a := Attribute{
		ID: r.str(o, "id", p), LinkID: r.str(o, "link_id", p), LinkEntity: r.str(o, "link_entity", p),
		TaxonomyTermID: r.str(o, "taxonomy_term_id", p), Value: r.str(o, "value", p), path: p,
	}
	switch t := o["taxonomy_term"].(type) {
	case nil:
	case map[string]any:
		term := r.term(t, field(p, "taxonomy_term"))
		a.TaxonomyTerm = &term
	default:
		r.fail(field(p, "taxonomy_term"), "want an object, got %s", jsonKind(t))
	}
	return a
}

func (r *reader) term(o map[string]any, p string) TaxonomyTerm {
	return TaxonomyTerm{
		ID: r.str(o, "id", p), Code: r.str(o, "code", p), Name: r.str(o, "name", p),
		Taxonomy: r.str(o, "taxonomy", p), TaxonomyID: r.str(o, "taxonomy_id", p), path: p,
	}
}
