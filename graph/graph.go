// Package graph is gapmap's domain: the nodes and edges of the support
// landscape for victims of human trafficking, the immutable Landscape
// snapshot the rest of the program reads, and the Store interface that the
// embedded (bbolt) and Neo4j stores implement.
//
// A node is one of the types listed under NodeType. Every node has an id that
// is unique across the whole graph, a version that each update must name, and
// provenance: the year the fact refers to and whether it is verified or
// assumed. Where a node's facts come from is the set of its SOURCED_FROM edges;
// an edge carries its own source ids, year and confidence as properties.
//
// No node ever describes an individual person: a Group is an aggregate.
package graph

import (
	"fmt"
	"slices"
	"strings"
)

// NodeType is the label of a node.
type NodeType string

// The node types of the landscape graph.
const (
	TypeOrganisation   NodeType = "Organisation"
	TypeService        NodeType = "Service"
	TypeNeed           NodeType = "Need"
	TypeStatus         NodeType = "Status"
	TypeExploitation   NodeType = "Exploitation"
	TypeStage          NodeType = "Stage"
	TypeRegion         NodeType = "Region"
	TypeGroup          NodeType = "Group"
	TypeSource         NodeType = "Source"
	TypeRecommendation NodeType = "Recommendation"
)

// NodeTypes lists every node type in a stable order.
var NodeTypes = []NodeType{
	TypeOrganisation, TypeService, TypeNeed, TypeStatus, TypeExploitation,
	TypeStage, TypeRegion, TypeGroup, TypeSource, TypeRecommendation,
}

// Valid reports whether t is a known node type.
func (t NodeType) Valid() bool { return slices.Contains(NodeTypes, t) }

// ParseNodeType returns the node type named s, matched without regard to case
// ("service" and "Service" both name TypeService).
func ParseNodeType(s string) (NodeType, error) {
	for _, t := range NodeTypes {
		if strings.EqualFold(string(t), s) {
			return t, nil
		}
	}
	return "", Errorf(EINVALID, "unknown node type %q (want one of %s)", s, joinValues(NodeTypes))
}

// Confidence says whether a fact is verified in its source or assumed.
type Confidence string

// The confidences a fact can carry. The empty value reads as verified.
const (
	Verified Confidence = "verified"
	Assumed  Confidence = "assumed"
)

// OrgKind is the kind of an Organisation.
type OrgKind string

// The kinds of organisation.
const (
	OrgNGO           OrgKind = "ngo"
	OrgMunicipal     OrgKind = "municipal"
	OrgState         OrgKind = "state"
	OrgInternational OrgKind = "international"
	OrgPrivate       OrgKind = "private"
)

// OrgKinds lists every OrgKind.
var OrgKinds = []OrgKind{OrgNGO, OrgMunicipal, OrgState, OrgInternational, OrgPrivate}

// Funding is how a service is financed; project and volunteer funding make a
// service fragile.
type Funding string

// The kinds of funding.
const (
	FundingPermanent Funding = "permanent"
	FundingProject   Funding = "project"
	FundingVolunteer Funding = "volunteer"
)

// Fundings lists every Funding.
var Fundings = []Funding{FundingPermanent, FundingProject, FundingVolunteer}

// Sector is the part of the welfare system a service belongs to; it colours
// the landscape graph and counts the doors a victim must knock on.
type Sector string

// The sectors.
const (
	SectorHealth       Sector = "health"
	SectorShelter      Sector = "shelter"
	SectorSocial       Sector = "social"
	SectorJustice      Sector = "justice"
	SectorLegal        Sector = "legal"
	SectorImmigration  Sector = "immigration"
	SectorChildWelfare Sector = "child_welfare"
	SectorReturn       Sector = "return"
	SectorCoordination Sector = "coordination"
)

// Sectors lists every Sector.
var Sectors = []Sector{
	SectorHealth, SectorShelter, SectorSocial, SectorJustice, SectorLegal,
	SectorImmigration, SectorChildWelfare, SectorReturn, SectorCoordination,
}

// NeedCategory groups needs.
type NeedCategory string

// The need categories.
const (
	CategoryHealth       NeedCategory = "health"
	CategoryShelter      NeedCategory = "shelter"
	CategoryLegal        NeedCategory = "legal"
	CategorySubsistence  NeedCategory = "subsistence"
	CategoryProtection   NeedCategory = "protection"
	CategoryCoordination NeedCategory = "coordination"
	CategoryReturn       NeedCategory = "return"
)

// NeedCategories lists every NeedCategory.
var NeedCategories = []NeedCategory{
	CategoryHealth, CategoryShelter, CategoryLegal, CategorySubsistence,
	CategoryProtection, CategoryCoordination, CategoryReturn,
}

// Gender is a gender a service accepts or a group has.
type Gender string

// The genders. A service with no genders accepts every gender.
const (
	Female Gender = "female"
	Male   Gender = "male"
	Other  Gender = "other"
)

// Genders lists every Gender.
var Genders = []Gender{Female, Male, Other}

// AgeBand is an age band a service accepts or a group has.
type AgeBand string

// The age bands. A service with no age bands accepts every age. A person
// whose age is in doubt is treated as a child.
const (
	AgeChild      AgeBand = "child"       // under 18
	AgeYoungAdult AgeBand = "young_adult" // 18 to 24
	AgeAdult      AgeBand = "adult"       // 25 and over
)

// AgeBands lists every AgeBand in age order.
var AgeBands = []AgeBand{AgeChild, AgeYoungAdult, AgeAdult}

// RegionLevel is the level of a Region in the hierarchy.
type RegionLevel string

// The region levels, from the top.
const (
	LevelCountry      RegionLevel = "country"
	LevelCounty       RegionLevel = "county"
	LevelMunicipality RegionLevel = "municipality"
)

// RegionLevels lists every RegionLevel from the top.
var RegionLevels = []RegionLevel{LevelCountry, LevelCounty, LevelMunicipality}

// Body is the body that made a Recommendation.
type Body string

// The recommending bodies.
const (
	BodyGRETA Body = "GRETA"
	BodyOSCE  Body = "OSCE"
)

// Bodies lists every Body.
var Bodies = []Body{BodyGRETA, BodyOSCE}

// Extent says whether an entitlement or an acceptance is full or partial
// (for example, specialist care only for help that "cannot wait").
type Extent string

// The extents. The empty value reads as full.
const (
	ExtentFull    Extent = "full"
	ExtentPartial Extent = "partial"
)

// Extents lists every Extent.
var Extents = []Extent{ExtentFull, ExtentPartial}

// SourceKind is the kind of a Source.
type SourceKind string

// The source kinds.
const (
	SourceStudy     SourceKind = "study"
	SourceReview    SourceKind = "review" // a systematic, scoping or literature review
	SourceReport    SourceKind = "report"
	SourceStatistic SourceKind = "statistic"
	SourceLaw       SourceKind = "law"
	SourceWeb       SourceKind = "web"
	SourceNews      SourceKind = "news"
)

// SourceKinds lists every SourceKind.
var SourceKinds = []SourceKind{SourceStudy, SourceReview, SourceReport, SourceStatistic, SourceLaw, SourceWeb, SourceNews}

func joinValues[T ~string](vs []T) string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return strings.Join(s, ", ")
}

// checkEnum returns an EINVALID error naming node and field if v is not one of
// allowed. An empty v is accepted when optional is true.
func checkEnum[T ~string](node, field string, v T, allowed []T, optional bool) error {
	if v == "" && optional {
		return nil
	}
	if slices.Contains(allowed, v) {
		return nil
	}
	if v == "" {
		return FieldError(node, field, "is required (one of %s)", joinValues(allowed))
	}
	return FieldError(node, field, "unknown value %q (want one of %s)", v, joinValues(allowed))
}

// checkEnums is checkEnum for a list; it also refuses duplicates.
func checkEnums[T ~string](node, field string, vs []T, allowed []T) error {
	for i, v := range vs {
		if err := checkEnum(node, fmt.Sprintf("%s[%d]", field, i), v, allowed, false); err != nil {
			return err
		}
		if slices.Contains(vs[:i], v) {
			return FieldError(node, fmt.Sprintf("%s[%d]", field, i), "duplicate value %q", v)
		}
	}
	return nil
}
