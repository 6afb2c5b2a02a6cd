package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
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

// HSDSError lists every problem that makes an HSDS file invalid. When
// PlanHSDSImport returns one, it has planned nothing: nothing may be
// written.
type HSDSError struct {
	Problems []PathError
}

// Error returns the problems, one per line.
func (e *HSDSError) Error() string {
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
}

func (r *reader) fail(path, format string, args ...any) {
	r.errs = append(r.errs, PathError{Path: path, Message: fmt.Sprintf(format, args...)})
}

// readHSDS decodes an HSDS bundle. It returns the problems of the file's
// form; the bundle holds what could be read.
func readHSDS(data []byte) (*HSDSBundle, []PathError) {
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
		return nil, r.errs
	}
	b := &HSDSBundle{
		HSDSVersion: r.str(top, "hsds_version", ""),
		Generator:   r.str(top, "generator", ""),
	}
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
			b.Taxonomies = append(b.Taxonomies, HSDSTaxonomy{ID: r.str(o, "id", p), Name: r.str(o, "name", p), path: p})
		}
	}
	for i, v := range r.list(top, "taxonomy_terms", "") {
		if o, ok := r.object(v, index("taxonomy_terms", i)); ok {
			b.TaxonomyTerms = append(b.TaxonomyTerms, r.term(o, index("taxonomy_terms", i)))
		}
	}
	return b, r.errs
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
		return v
	default:
		r.fail(field(path, key), "want a string, got %s", jsonKind(v))
		return ""
	}
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

func (r *reader) organization(o map[string]any, p string) HSDSOrganization {
	org := HSDSOrganization{
		ID: r.str(o, "id", p), Name: r.str(o, "name", p), AlternateName: r.str(o, "alternate_name", p),
		Description: r.str(o, "description", p), Website: r.str(o, "website", p),
		LegalStatus: r.str(o, "legal_status", p), path: p,
	}
	r.objects(o, "organization_identifiers", p, func(x map[string]any, xp string) {
		org.OrganizationIdentifiers = append(org.OrganizationIdentifiers, HSDSOrganizationIdentifier{
			ID: r.str(x, "id", xp), IdentifierScheme: r.str(x, "identifier_scheme", xp),
			IdentifierType: r.str(x, "identifier_type", xp), Identifier: r.str(x, "identifier", xp)})
	})
	r.objects(o, "attributes", p, func(a map[string]any, ap string) {
		org.Attributes = append(org.Attributes, r.attribute(a, ap))
	})
	return org
}

func (r *reader) service(o map[string]any, p string) HSDSService {
	s := HSDSService{
		ID: r.str(o, "id", p), OrganizationID: r.str(o, "organization_id", p), Name: r.str(o, "name", p),
		AlternateName: r.str(o, "alternate_name", p), Description: r.str(o, "description", p),
		URL: r.str(o, "url", p), Email: r.str(o, "email", p), Status: r.str(o, "status", p),
		FeesDescription: r.str(o, "fees_description", p), MinimumAge: r.num(o, "minimum_age", p),
		MaximumAge: r.num(o, "maximum_age", p), AssuredDate: r.str(o, "assured_date", p), path: p,
	}
	r.objects(o, "phones", p, func(x map[string]any, xp string) {
		s.Phones = append(s.Phones, HSDSPhone{ID: r.str(x, "id", xp), Number: r.str(x, "number", xp), path: xp})
	})
	r.objects(o, "schedules", p, func(x map[string]any, xp string) {
		s.Schedules = append(s.Schedules, HSDSSchedule{ID: r.str(x, "id", xp), Description: r.str(x, "description", xp), path: xp})
	})
	r.objects(o, "service_areas", p, func(x map[string]any, xp string) {
		area := HSDSServiceArea{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), path: xp}
		r.objects(x, "attributes", xp, func(a map[string]any, ap string) {
			area.Attributes = append(area.Attributes, r.attribute(a, ap))
		})
		s.ServiceAreas = append(s.ServiceAreas, area)
	})
	r.objects(o, "service_at_locations", p, func(x map[string]any, xp string) {
		s.ServiceAtLocations = append(s.ServiceAtLocations,
			HSDSServiceAtLocation{ID: r.str(x, "id", xp), LocationID: r.str(x, "location_id", xp), path: xp})
	})
	r.objects(o, "languages", p, func(x map[string]any, xp string) {
		s.Languages = append(s.Languages, HSDSLanguage{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), Code: r.str(x, "code", xp), path: xp})
	})
	r.objects(o, "contacts", p, func(x map[string]any, xp string) {
		c := HSDSContact{ID: r.str(x, "id", xp), Name: r.str(x, "name", xp), Email: r.str(x, "email", xp), path: xp}
		r.objects(x, "phones", xp, func(y map[string]any, yp string) {
			c.Phones = append(c.Phones, HSDSPhone{ID: r.str(y, "id", yp), Number: r.str(y, "number", yp), path: yp})
		})
		s.Contacts = append(s.Contacts, c)
	})
	r.objects(o, "attributes", p, func(a map[string]any, ap string) {
		s.Attributes = append(s.Attributes, r.attribute(a, ap))
	})
	return s
}

func (r *reader) location(o map[string]any, p string) HSDSLocation {
	loc := HSDSLocation{ID: r.str(o, "id", p), LocationType: r.str(o, "location_type", p), Name: r.str(o, "name", p), path: p}
	r.objects(o, "addresses", p, func(x map[string]any, xp string) {
		loc.Addresses = append(loc.Addresses, HSDSAddress{
			ID: r.str(x, "id", xp), Address1: r.str(x, "address_1", xp), Address2: r.str(x, "address_2", xp),
			City: r.str(x, "city", xp), PostalCode: r.str(x, "postal_code", xp), AddressType: r.str(x, "address_type", xp), path: xp,
		})
	})
	return loc
}

func (r *reader) attribute(o map[string]any, p string) HSDSAttribute {
	a := HSDSAttribute{
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

func (r *reader) term(o map[string]any, p string) HSDSTaxonomyTerm {
	return HSDSTaxonomyTerm{
		ID: r.str(o, "id", p), Code: r.str(o, "code", p), Name: r.str(o, "name", p),
		Taxonomy: r.str(o, "taxonomy", p), TaxonomyID: r.str(o, "taxonomy_id", p), path: p,
	}
}
