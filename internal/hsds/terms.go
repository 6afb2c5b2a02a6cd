package hsds

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// term resolves attribute a to one of gapmap's taxonomies and a code. ok is
// false when the attribute is invalid (reported as an error) or its term is
// not one of gapmap's (reported as unmapped).
func (im *importer) term(a *Attribute) (tax *taxonomy, code string, ok bool) {
	term := a.TaxonomyTerm
	if term == nil {
		switch {
		case a.TaxonomyTermID == "":
			im.fail(field(a.path, "taxonomy_term_id"), "is required")
			return nil, "", false
		case im.terms[a.TaxonomyTermID] == nil:
			im.fail(field(a.path, "taxonomy_term_id"), "no taxonomy term with id %q in taxonomy_terms", a.TaxonomyTermID)
			return nil, "", false
		}
		term = im.terms[a.TaxonomyTermID]
	}
	for _, name := range []string{term.TaxonomyID, im.taxNames[term.TaxonomyID], term.Taxonomy} {
		if t, found := taxonomyByID(name); found {
			tax = t
			break
		}
	}
	if tax == nil {
		name := cmpOr(im.taxNames[term.TaxonomyID], term.Taxonomy, term.TaxonomyID)
		im.skip(a.path, "term %q (%s) is not in one of gapmap's taxonomies (see HSDS.md)", cmpOr(term.Code, term.ID), cmpOr(name, "no taxonomy"))
		return nil, "", false
	}
	code = term.Code
	if code == "" {
		code = strings.TrimPrefix(term.ID, tax.id+":")
	}
	if tax.values != nil {
		if !tax.hasValue(code) {
			im.skip(field(a.path, "taxonomy_term_id"), "%s has no term %q", tax.id, code)
			return nil, "", false
		}
		return tax, code, true
	}
	if n, found := im.l.Node(code); !found || n.Type() != tax.nodeType {
		im.skip(field(a.path, "taxonomy_term_id"), "%s %q: the landscape has no %s with that id", tax.id, code, tax.nodeType)
		return nil, "", false
	}
	return tax, code, true
}

func cmpOr(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// facts are what the attributes of one record say, by taxonomy.
type facts struct {
	// any: the record has a term of one of gapmap's taxonomies, even one
	// that could not be mapped.
	any    bool
	values map[string][]string // taxonomy -> codes of a taxonomy of values
	edges  map[string][]graph.Edge
	paths  map[graph.EdgeKey]string
	given  map[graph.EdgeKey]bool // the attribute gave the edge's properties
}

// attributes reads the attributes of the record id, allowing the taxonomies
// whose link entity is entity (and gapmap-source everywhere).
func (im *importer) attributes(id, entity string, attrs []Attribute) *facts {
	f := &facts{values: map[string][]string{}, edges: map[string][]graph.Edge{},
		paths: map[graph.EdgeKey]string{}, given: map[graph.EdgeKey]bool{}}
	for i := range attrs {
		a := &attrs[i]
		if a.LinkID != "" && a.LinkID != id {
			im.fail(field(a.path, "link_id"), "is %q, but the attribute is on %q", a.LinkID, id)
			continue
		}
		if isGapmapTerm(im, a) {
			f.any = true
		}
		tax, code, ok := im.term(a)
		if !ok {
			continue
		}
		if tax.linkEntity != entity && (tax.id != TaxonomySource || entity == "service_area") {
			im.skip(a.path, "%s terms belong on a %s, not on a %s", tax.id, tax.linkEntity, entity)
			continue
		}
		if tax.values != nil {
			if slices.Contains(f.values[tax.id], code) {
				im.skip(a.path, "repeats %s term %q", tax.id, code)
				continue
			}
			if tax.single && len(f.values[tax.id]) > 0 {
				im.fail(a.path, "a second %s term (%q after %q): a %s has one", tax.id, code, f.values[tax.id][0], entity)
				continue
			}
			f.values[tax.id] = append(f.values[tax.id], code)
			continue
		}
		e := graph.Edge{Type: tax.edge, From: id, To: code}
		if slices.ContainsFunc(f.edges[tax.id], func(x graph.Edge) bool { return x.To == code }) {
			im.skip(a.path, "repeats %s term %q", tax.id, code)
			continue
		}
		if v, given, ok := im.value(a); ok {
			e.Extent, e.Sources, e.Year, e.Confidence, e.Note = v.Extent, v.Sources, v.Year, v.Confidence, v.Note
			f.given[e.Key()] = given
		} else {
			continue
		}
		f.edges[tax.id] = append(f.edges[tax.id], e)
		f.paths[e.Key()] = a.path
	}
	return f
}

// isGapmapTerm reports whether a's term names one of gapmap's taxonomies,
// whether or not its code maps.
func isGapmapTerm(im *importer, a *Attribute) bool {
	term := a.TaxonomyTerm
	if term == nil {
		term = im.terms[a.TaxonomyTermID]
	}
	if term == nil {
		return false
	}
	for _, name := range []string{term.TaxonomyID, im.taxNames[term.TaxonomyID], term.Taxonomy} {
		if _, ok := taxonomyByID(name); ok {
			return true
		}
	}
	return false
}

// value decodes the edge properties in an attribute's value. given is false
// when the value holds none (it is empty or not a JSON object: another
// program's value). Sources the landscape does not have are left out and
// reported.
func (im *importer) value(a *Attribute) (v attributeValue, given, ok bool) {
	raw := strings.TrimSpace(a.Value)
	if !strings.HasPrefix(raw, "{") {
		return v, false, true
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		im.fail(field(a.path, "value"), "not gapmap's edge properties (extent, sources, year, confidence, note): %v", err)
		return v, false, false
	}
	var kept []string
	for _, s := range v.Sources {
		if n, found := im.l.Node(s); found && n.Type() == graph.TypeSource {
			kept = append(kept, s)
		} else {
			im.skip(field(a.path, "value"), "source %q: the landscape has no source with that id", s)
		}
	}
	v.Sources = kept
	return v, true, true
}
