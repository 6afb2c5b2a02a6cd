package hsds

import (
	"github.com/gapmap/gapmap/graph"
)

// The taxonomies gapmap's HSDS attributes use (HSDS.md). A term's code is a
// gapmap id (a Status, Need, Stage, Exploitation, Region or Source id) or a
// gapmap value (a gender, age band, funding, sector or organisation kind);
// its id is "TAXONOMY:CODE".
const (
	TaxonomyResidencyStatus  = "gapmap-residency-status"
	TaxonomyNeed             = "gapmap-need"
	TaxonomyStage            = "gapmap-stage"
	TaxonomyExploitation     = "gapmap-exploitation"
	TaxonomyGender           = "gapmap-gender"
	TaxonomyAgeBand          = "gapmap-age-band"
	TaxonomyFunding          = "gapmap-funding"
	TaxonomySector           = "gapmap-sector"
	TaxonomyRegion           = "gapmap-region"
	TaxonomySource           = "gapmap-source"
	TaxonomyOrganizationKind = "gapmap-organization-kind"
)

// taxonomyVersion is the version of gapmap's taxonomies.
const taxonomyVersion = "1"

// taxonomy describes one of gapmap's taxonomies and what its terms stand
// for.
type taxonomy struct {
	// id is also the taxonomy's name, so a file that gives taxonomies ids
	// of its own still names gapmap's.
	id          string
	description string
	// linkEntity is the HSDS table of the records its attributes are on;
	// linkType the attributes' link_type.
	linkEntity, linkType string
	// nodeType is the type of the nodes its terms are (their code is the
	// node id), with edge the edge type an attribute stands for; empty for
	// a taxonomy of values.
	nodeType graph.NodeType
	edge     graph.EdgeType
	// values are the terms of a taxonomy of values.
	values []valueTerm
	// single: a record has at most one term of it.
	single bool
}

// valueTerm is a term of a taxonomy of values.
type valueTerm struct {
	code, name, description string
}

// taxonomies lists gapmap's taxonomies in the order attributes are written.
var taxonomies = []*taxonomy{
	{id: TaxonomyResidencyStatus,
		description: "Residency statuses a service accepts (gapmap ACCEPTS). A service with no term accepts no status. Codes are gapmap Status ids.",
		linkEntity:  "service", linkType: "eligibility", nodeType: graph.TypeStatus, edge: graph.EdgeAccepts},
	{id: TaxonomyGender,
		description: "Genders a service accepts. A service with no term accepts every gender.",
		linkEntity:  "service", linkType: "eligibility", values: genderTerms},
	{id: TaxonomyAgeBand,
		description: "Age bands a service accepts. A service with no term accepts every age.",
		linkEntity:  "service", linkType: "eligibility", values: ageBandTerms},
	{id: TaxonomyExploitation,
		description: "Forms of exploitation a service serves (gapmap SERVES). A service with no term serves every form. Codes are gapmap Exploitation ids.",
		linkEntity:  "service", linkType: "eligibility", nodeType: graph.TypeExploitation, edge: graph.EdgeServes},
	{id: TaxonomyNeed,
		description: "Needs a service meets (gapmap MEETS). Codes are gapmap Need ids.",
		linkEntity:  "service", linkType: "need_met", nodeType: graph.TypeNeed, edge: graph.EdgeMeets},
	{id: TaxonomyStage,
		description: "Stages of the pathway a service works at (gapmap AT_STAGE). A service with no term works at every stage. Codes are gapmap Stage ids.",
		linkEntity:  "service", linkType: "pathway_stage", nodeType: graph.TypeStage, edge: graph.EdgeAtStage},
	{id: TaxonomySector,
		description: "The part of the welfare system a service belongs to; one per service.",
		linkEntity:  "service", linkType: "sector", values: sectorTerms, single: true},
	{id: TaxonomyFunding,
		description: "How a service is financed; one per service. Project and volunteer funding make a service fragile.",
		linkEntity:  "service", linkType: "funding", values: fundingTerms, single: true},
	{id: TaxonomyRegion,
		description: "The region a service area is (gapmap COVERS); a region covers the regions inside it. Codes are gapmap Region ids; parent_id gives the hierarchy.",
		linkEntity:  "service_area", linkType: "service_area", nodeType: graph.TypeRegion, edge: graph.EdgeCovers},
	{id: TaxonomySource,
		description: "Studies, reports, laws and pages the facts about a service or organisation come from (gapmap SOURCED_FROM). Codes are gapmap Source ids.",
		linkEntity:  "service", linkType: "source", nodeType: graph.TypeSource, edge: graph.EdgeSourcedFrom},
	{id: TaxonomyOrganizationKind,
		description: "The kind of an organisation; one per organisation.",
		linkEntity:  "organization", linkType: "organization_kind", values: orgKindTerms, single: true},
}

// taxonomyByID finds one of gapmap's taxonomies by id.
func taxonomyByID(id string) (*taxonomy, bool) {
	for _, t := range taxonomies {
		if t.id == id {
			return t, true
		}
	}
	return nil, false
}

// termID returns the id of the term code of taxonomy t.
func termID(t, code string) string { return t + ":" + code }

// hasValue reports whether code is a term of a taxonomy of values.
func (t *taxonomy) hasValue(code string) bool {
	for _, v := range t.values {
		if v.code == code {
			return true
		}
	}
	return false
}

var genderTerms = []valueTerm{
	{string(graph.Female), "Female", "Women and girls"},
	{string(graph.Male), "Male", "Men and boys"},
	{string(graph.Other), "Other", "Other genders"},
}

var ageBandTerms = []valueTerm{
	{string(graph.AgeChild), "Child", "Under 18, or of age in doubt"},
	{string(graph.AgeYoungAdult), "Young adult", "18 to 24"},
	{string(graph.AgeAdult), "Adult", "25 and over"},
}

// ageBandYears are the ages each band spans; adult has no upper age.
var ageBandYears = map[graph.AgeBand][2]float64{
	graph.AgeChild:      {0, 17},
	graph.AgeYoungAdult: {18, 24},
	graph.AgeAdult:      {25, -1},
}

var fundingTerms = []valueTerm{
	{string(graph.FundingPermanent), "Permanent", "Permanent public funding"},
	{string(graph.FundingProject), "Project", "Time-limited project funding"},
	{string(graph.FundingVolunteer), "Volunteer", "Run by volunteers"},
}

var sectorTerms = []valueTerm{
	{string(graph.SectorHealth), "Health", "Health care"},
	{string(graph.SectorShelter), "Shelter", "Shelter and safe accommodation"},
	{string(graph.SectorSocial), "Social", "Social services and welfare"},
	{string(graph.SectorJustice), "Justice", "Police, prosecution and courts"},
	{string(graph.SectorLegal), "Legal", "Legal aid and advice"},
	{string(graph.SectorImmigration), "Immigration", "Immigration authorities and asylum reception"},
	{string(graph.SectorChildWelfare), "Child welfare", "Child welfare services"},
	{string(graph.SectorReturn), "Return", "Return and reintegration"},
	{string(graph.SectorCoordination), "Coordination", "Coordination and referral"},
}

var orgKindTerms = []valueTerm{
	{string(graph.OrgNGO), "NGO", "Non-governmental organisation"},
	{string(graph.OrgMunicipal), "Municipal", "Municipality or municipal body"},
	{string(graph.OrgState), "State", "State agency"},
	{string(graph.OrgInternational), "International", "International organisation"},
	{string(graph.OrgPrivate), "Private", "Private organisation"},
}

// valueName returns the name of a term of a taxonomy of values.
func valueName(terms []valueTerm, code string) string {
	for _, v := range terms {
		if v.code == code {
			return v.name
		}
	}
	return code
}
