package hsds

import (
	"fmt"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/graphfile"
)

// edgeAttributes returns an attribute of taxonomy t for every edge of type
// et from node id.
func edgeAttributes(l *graph.Landscape, id, entity, t string, et graph.EdgeType) ([]Attribute, error) {
	var attrs []Attribute
	for _, e := range l.Out(id, et) {
		a, err := edgeAttribute(l, id, entity, t, e)
		if err != nil {
			return nil, err
		}
		attrs = append(attrs, a)
	}
	return attrs, nil
}

// edgeAttribute returns the attribute of taxonomy t that stands for edge e,
// on the record linkID: its term is e's end, its value the edge's own
// properties.
func edgeAttribute(l *graph.Landscape, linkID, entity, t string, e *graph.Edge) (Attribute, error) {
	tax, _ := taxonomyByID(t)
	value, err := edgeValue(e)
	if err != nil {
		return Attribute{}, err
	}
	return Attribute{
		ID: linkID + ":" + t + ":" + e.To, LinkID: linkID, LinkType: tax.linkType, LinkEntity: entity,
		TaxonomyTermID: termID(t, e.To), Value: value,
	}, nil
}

// valueAttribute returns the attribute of value code of taxonomy t on the
// record linkID.
func valueAttribute(linkID, entity, t, code string) Attribute {
	tax, _ := taxonomyByID(t)
	return Attribute{
		ID: linkID + ":" + t + ":" + code, LinkID: linkID, LinkType: tax.linkType, LinkEntity: entity,
		TaxonomyTermID: termID(t, code),
	}
}

// edgeValue is the value of an attribute: the edge's own properties as a
// JSON object, or "" when it has none.
func edgeValue(e *graph.Edge) (string, error) {
	v := attributeValue{Extent: e.Extent, Sources: e.Sources, Year: e.Year, Confidence: e.Confidence, Note: e.Note}
	if v.empty() {
		return "", nil
	}
	b, err := graphfile.MarshalJSON(v)
	if err != nil {
		return "", fmt.Errorf("export hsds: edge %s: %w", e.Key(), err)
	}
	return string(b), nil
}

// attributeValue is the value of an attribute that stands for an edge.
type attributeValue struct {
	Extent     graph.Extent     `json:"extent,omitempty"`
	Sources    []string         `json:"sources,omitempty"`
	Year       int              `json:"year,omitempty"`
	Confidence graph.Confidence `json:"confidence,omitempty"`
	Note       string           `json:"note,omitempty"`
}

func (v attributeValue) empty() bool {
	return v.Extent == "" && len(v.Sources) == 0 && v.Year == 0 && v.Confidence == "" && v.Note == ""
}

// hsdsTaxonomies returns gapmap's taxonomies and their terms in l.
func hsdsTaxonomies(l *graph.Landscape) ([]Taxonomy, []TaxonomyTerm) {
	var taxs []Taxonomy
	var terms []TaxonomyTerm
	for _, t := range taxonomies {
		taxs = append(taxs, Taxonomy{ID: t.id, Name: t.id, Description: t.description, Version: taxonomyVersion})
		for _, v := range t.values {
			terms = append(terms, TaxonomyTerm{ID: termID(t.id, v.code), Code: v.code, Name: v.name,
				Description: v.description, Taxonomy: t.id, TaxonomyID: t.id, Language: "en"})
		}
		if t.nodeType == "" {
			continue
		}
		for _, n := range l.Nodes(t.nodeType) {
			term := TaxonomyTerm{ID: termID(t.id, n.Base().ID), Code: n.Base().ID, Name: n.Base().Name,
				Description: nodeDescription(n), Taxonomy: t.id, TaxonomyID: t.id, Language: "en"}
			switch n := n.(type) {
			case *graph.Region:
				if ps := l.Out(n.ID, graph.EdgePartOf); len(ps) > 0 {
					term.ParentID = termID(t.id, ps[0].To)
				}
			case *graph.Source:
				term.TermURI = uriOf(n.URL)
			}
			terms = append(terms, term)
		}
	}
	return taxs, terms
}

// nodeDescription describes a node in a taxonomy term: its description, or
// for a source its reference, or its name.
func nodeDescription(n graph.Node) string {
	switch n := n.(type) {
	case *graph.Status:
		return or(n.Description, n.Name)
	case *graph.Need:
		return or(n.Description, n.Name)
	case *graph.Stage:
		return or(n.Description, n.Name)
	case *graph.Exploitation:
		return or(n.Description, n.Name)
	case *graph.Region:
		return fmt.Sprintf("%s (%s)", n.Name, n.Level)
	case *graph.Source:
		var parts []string
		if n.Authors != "" {
			parts = append(parts, n.Authors)
		}
		if n.Year != 0 {
			parts = append(parts, fmt.Sprintf("(%d)", n.Year))
		}
		parts = append(parts, or(n.Title, n.Name))
		return strings.Join(parts, " ")
	}
	return n.Base().Name
}

func or(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// valueDescription returns the description of a term of a taxonomy of
// values.
func valueDescription(terms []valueTerm, code string) string {
	for _, v := range terms {
		if v.code == code {
			return v.description
		}
	}
	return ""
}

// uriOf returns s as a URI (RFC 3986): every byte that a URI cannot hold
// as it is (a space, "§", any other non-ASCII letter) percent-encoded, the
// rest, "%" included, as it is.
func uriOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > 0x20 && c < 0x7f && !strings.ContainsRune(`"<>\\^`+"`"+`{|}`, rune(c)) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}
