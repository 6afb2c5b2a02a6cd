package graph

import (
	"fmt"
	"slices"
)

// EdgeType is the relationship type of an edge.
type EdgeType string

// The edge types of the landscape graph.
const (
	EdgeRunBy         EdgeType = "RUN_BY"         // Service -> Organisation
	EdgeMeets         EdgeType = "MEETS"          // Service -> Need
	EdgeAtStage       EdgeType = "AT_STAGE"       // Service -> Stage
	EdgeCovers        EdgeType = "COVERS"         // Service -> Region
	EdgeAccepts       EdgeType = "ACCEPTS"        // Service -> Status
	EdgeServes        EdgeType = "SERVES"         // Service -> Exploitation
	EdgeRefersTo      EdgeType = "REFERS_TO"      // Service -> Service {formal}
	EdgeEntitles      EdgeType = "ENTITLES"       // Status -> Need {legal_basis}
	EdgeTransitionsTo EdgeType = "TRANSITIONS_TO" // Status -> Status {trigger, typical_days}
	EdgeHasStatus     EdgeType = "HAS_STATUS"     // Group -> Status
	EdgeInRegion      EdgeType = "IN_REGION"      // Group -> Region
	EdgeSubjectTo     EdgeType = "SUBJECT_TO"     // Group -> Exploitation
	EdgeNeeds         EdgeType = "NEEDS"          // Group -> Need
	EdgePartOf        EdgeType = "PART_OF"        // Region -> Region
	EdgeSourcedFrom   EdgeType = "SOURCED_FROM"   // any but Source -> Source
	EdgeConcerns      EdgeType = "CONCERNS"       // Recommendation -> Need|Status|Service|Stage|Exploitation
	EdgeStudies       EdgeType = "STUDIES"        // Source (a study or review) -> Need
)

// EdgeRule says which node types an edge type may join.
type EdgeRule struct {
	Type EdgeType
	From []NodeType
	To   []NodeType
}

var allButSource = []NodeType{
	TypeOrganisation, TypeService, TypeNeed, TypeStatus, TypeExploitation,
	TypeStage, TypeRegion, TypeGroup, TypeRecommendation,
}

// EdgeRules lists every edge type with the node types it joins, in a stable
// order.
var EdgeRules = []EdgeRule{
	{EdgeRunBy, []NodeType{TypeService}, []NodeType{TypeOrganisation}},
	{EdgeMeets, []NodeType{TypeService}, []NodeType{TypeNeed}},
	{EdgeAtStage, []NodeType{TypeService}, []NodeType{TypeStage}},
	{EdgeCovers, []NodeType{TypeService}, []NodeType{TypeRegion}},
	{EdgeAccepts, []NodeType{TypeService}, []NodeType{TypeStatus}},
	{EdgeServes, []NodeType{TypeService}, []NodeType{TypeExploitation}},
	{EdgeRefersTo, []NodeType{TypeService}, []NodeType{TypeService}},
	{EdgeEntitles, []NodeType{TypeStatus}, []NodeType{TypeNeed}},
	{EdgeTransitionsTo, []NodeType{TypeStatus}, []NodeType{TypeStatus}},
	{EdgeHasStatus, []NodeType{TypeGroup}, []NodeType{TypeStatus}},
	{EdgeInRegion, []NodeType{TypeGroup}, []NodeType{TypeRegion}},
	{EdgeSubjectTo, []NodeType{TypeGroup}, []NodeType{TypeExploitation}},
	{EdgeNeeds, []NodeType{TypeGroup}, []NodeType{TypeNeed}},
	{EdgePartOf, []NodeType{TypeRegion}, []NodeType{TypeRegion}},
	{EdgeSourcedFrom, allButSource, []NodeType{TypeSource}},
	{EdgeConcerns, []NodeType{TypeRecommendation}, []NodeType{TypeNeed, TypeStatus, TypeService, TypeStage, TypeExploitation}},
	{EdgeStudies, []NodeType{TypeSource}, []NodeType{TypeNeed}},
}

// Rule returns the rule of edge type t.
func (t EdgeType) Rule() (EdgeRule, bool) {
	for _, r := range EdgeRules {
		if r.Type == t {
			return r, true
		}
	}
	return EdgeRule{}, false
}

// Valid reports whether t is a known edge type.
func (t EdgeType) Valid() bool {
	_, ok := t.Rule()
	return ok
}

// Edge is a directed, typed edge between two nodes, named by their ids. There
// is at most one edge of a type between two nodes: EdgeKey identifies it.
//
// Properties beyond the provenance belong to particular edge types: Formal to
// REFERS_TO; LegalBasis, AgeBands and FullAgeBands to ENTITLES; Trigger and TypicalDays to
// TRANSITIONS_TO; Extent to ACCEPTS, ENTITLES and MEETS. Validate refuses a
// property on an edge type it does not belong to.
type Edge struct {
	Type EdgeType `json:"type"`
	From string   `json:"from"`
	To   string   `json:"to"`

	// Formal marks a formal referral agreement (REFERS_TO).
	Formal bool `json:"formal,omitempty"`
	// LegalBasis is the statute behind an entitlement (ENTITLES).
	LegalBasis string `json:"legal_basis,omitempty"`
	// AgeBands limits an entitlement to some ages (ENTITLES); empty: all ages.
	AgeBands []AgeBand `json:"age_bands,omitempty"`
	// Trigger is what moves a person from one status to the next (TRANSITIONS_TO).
	Trigger string `json:"trigger,omitempty"`
	// TypicalDays is how long the first status typically lasts (TRANSITIONS_TO).
	TypicalDays int `json:"typical_days,omitempty"`
	// Extent is full or partial (ACCEPTS, ENTITLES, MEETS); empty reads as full.
	Extent Extent `json:"extent,omitempty"`
	// FullAgeBands are the age bands for which a partial entitlement is
	// full (ENTITLES, with Extent partial): "partial for adults, full for
	// children".
	FullAgeBands []AgeBand `json:"full_age_bands,omitempty"`

	// Sources are the ids of the Source nodes the fact comes from.
	Sources    []string   `json:"sources,omitempty"`
	Year       int        `json:"year,omitempty"`
	Confidence Confidence `json:"confidence,omitempty"`
	Note       string     `json:"note,omitempty"`
}

// EdgeKey identifies an edge.
type EdgeKey struct {
	Type EdgeType `json:"type"`
	From string   `json:"from"`
	To   string   `json:"to"`
}

// Key returns the key of e.
func (e *Edge) Key() EdgeKey { return EdgeKey{e.Type, e.From, e.To} }

// String returns how errors name an edge: "RUN_BY rosa->krisesentersekretariatet".
func (k EdgeKey) String() string { return string(k.Type) + " " + k.From + "->" + k.To }

// Partial reports whether the edge's extent is partial.
func (e *Edge) Partial() bool { return e.Extent == ExtentPartial }

// PartialAt reports whether an entitlement is partial at age band a: its
// extent is partial and a is not among its FullAgeBands.
func (e *Edge) PartialAt(a AgeBand) bool {
	return e.Partial() && !slices.Contains(e.FullAgeBands, a)
}

// Validate checks the edge's own fields: its type, the form of its ids and
// its properties. References are checked by ValidateEdge.
func (e *Edge) Validate() error {
	ref := "edge " + e.Key().String()
	if !e.Type.Valid() {
		return FieldError(ref, "type", "unknown edge type %q", e.Type)
	}
	if !ValidID(e.From) {
		return FieldError(ref, "from", "%q is not a valid id", e.From)
	}
	if !ValidID(e.To) {
		return FieldError(ref, "to", "%q is not a valid id", e.To)
	}
	if e.From == e.To {
		return FieldError(ref, "to", "an edge cannot join a node to itself")
	}
	has := func(ts ...EdgeType) bool { return slices.Contains(ts, e.Type) }
	switch {
	case e.Formal && !has(EdgeRefersTo):
		return FieldError(ref, "formal", "belongs only to REFERS_TO")
	case e.LegalBasis != "" && !has(EdgeEntitles):
		return FieldError(ref, "legal_basis", "belongs only to ENTITLES")
	case len(e.AgeBands) > 0 && !has(EdgeEntitles):
		return FieldError(ref, "age_bands", "belongs only to ENTITLES")
	case e.Trigger != "" && !has(EdgeTransitionsTo):
		return FieldError(ref, "trigger", "belongs only to TRANSITIONS_TO")
	case e.TypicalDays != 0 && !has(EdgeTransitionsTo):
		return FieldError(ref, "typical_days", "belongs only to TRANSITIONS_TO")
	case e.TypicalDays < 0:
		return FieldError(ref, "typical_days", "must not be negative")
	case len(e.FullAgeBands) > 0 && !has(EdgeEntitles):
		return FieldError(ref, "full_age_bands", "belongs only to ENTITLES")
	case len(e.FullAgeBands) > 0 && e.Extent != ExtentPartial:
		return FieldError(ref, "full_age_bands", "needs extent partial (the age bands listed get the right in full, the others in part)")
	case e.Extent != "" && !has(EdgeAccepts, EdgeEntitles, EdgeMeets):
		return FieldError(ref, "extent", "belongs only to ACCEPTS, ENTITLES and MEETS")
	case e.Year != 0 && (e.Year < 1800 || e.Year > 2100):
		return FieldError(ref, "year", "%d is out of range (1800 to 2100)", e.Year)
	}
	if err := checkEnum(ref, "extent", e.Extent, Extents, true); err != nil {
		return err
	}
	if err := checkEnums(ref, "age_bands", e.AgeBands, AgeBands); err != nil {
		return err
	}
	if err := checkEnums(ref, "full_age_bands", e.FullAgeBands, AgeBands); err != nil {
		return err
	}
	if err := checkEnum(ref, "confidence", e.Confidence, []Confidence{Verified, Assumed}, true); err != nil {
		return err
	}
	for i, s := range e.Sources {
		if !ValidID(s) {
			return FieldError(ref, fmt.Sprintf("sources[%d]", i), "%q is not a valid source id", s)
		}
	}
	return nil
}

// ValidateEdge checks e and its references: both ends and every source id
// must name a node of the right type. lookup finds a node by id.
func ValidateEdge(e *Edge, lookup func(id string) (Node, bool)) error {
	if err := e.Validate(); err != nil {
		return err
	}
	ref := "edge " + e.Key().String()
	rule, _ := e.Type.Rule()
	from, ok := lookup(e.From)
	if !ok {
		return &Error{Code: EINVALID, Node: ref, Field: "from", Message: fmt.Sprintf("no node with id %q", e.From)}
	}
	if !slices.Contains(rule.From, from.Type()) {
		return FieldError(ref, "from", "%s is a %s; %s must start at a %s", e.From, from.Type(), e.Type, joinValues(rule.From))
	}
	to, ok := lookup(e.To)
	if !ok {
		return &Error{Code: EINVALID, Node: ref, Field: "to", Message: fmt.Sprintf("no node with id %q", e.To)}
	}
	if !slices.Contains(rule.To, to.Type()) {
		return FieldError(ref, "to", "%s is a %s; %s must end at a %s", e.To, to.Type(), e.Type, joinValues(rule.To))
	}
	for i, s := range e.Sources {
		n, ok := lookup(s)
		if !ok || n.Type() != TypeSource {
			return FieldError(ref, fmt.Sprintf("sources[%d]", i), "no source with id %q", s)
		}
	}
	return nil
}
