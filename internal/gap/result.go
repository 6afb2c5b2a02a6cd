package gap

import (
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Result is what Analyse finds: the gaps of the kinds the query asks for, in
// a stable order, with everything needed to explain and cite them. Lists are
// capped by Query.Limit; their totals are counted in full. Items name nodes
// by id: Names gives every id's display name, Sources and Recommendations
// the details of every source and recommendation cited.
//
// Counts of cells (Counts, Tally) are counts of combinations, not of people;
// counts of people are privacy.Counts, suppressed below the query's
// threshold.
type Result struct {
	// Version is the landscape version analysed.
	Version int64 `json:"version"`
	// Query is the query as applied, with its defaults filled in.
	Query Query `json:"query"`
	// Scenario is the scenario analysed, if any; Diff compares it with the
	// landscape as it is.
	Scenario *Scenario `json:"scenario,omitempty"`
	Diff     *Diff     `json:"diff,omitempty"`

	// Profiles is the number of profiles analysed.
	Profiles int `json:"profiles"`
	// Summary counts the cells analysed and the cells with a gap of each kind.
	Summary Counts `json:"summary"`
	// Tallies break Summary down by each value of each dimension.
	Tallies []Tally `json:"tallies,omitempty"`
	// StatusNeeds breaks Summary down by status and need (a heatmap).
	StatusNeeds []StatusNeed `json:"status_needs,omitempty"`
	// Groups are the named groups whose cells were analysed, with their gaps.
	Groups []GroupSummary `json:"groups,omitempty"`

	// Gaps are the cells with a gap of a cell kind, from Query.Offset.
	Gaps      []Gap `json:"gaps"`
	GapsTotal int   `json:"gaps_total"`

	// Transitions report, per status transition, the needs lost.
	Transitions []TransitionReport `json:"transitions,omitempty"`
	// Exits are the transitions into a terminal status (leaving the
	// country), never losses; ExitsTotal counts them.
	Exits      []Exit `json:"exits,omitempty"`
	ExitsTotal int    `json:"exits_total,omitempty"`

	// Fragmentation is per profile, most fragmented first;
	// GroupFragmentation per named group, by id.
	Fragmentation      []Fragmentation `json:"fragmentation,omitempty"`
	FragmentationTotal int             `json:"fragmentation_total,omitempty"`
	GroupFragmentation []Fragmentation `json:"group_fragmentation,omitempty"`

	// Criticality is per open service, most critical first.
	Criticality      []ServiceImpact `json:"criticality,omitempty"`
	CriticalityTotal int             `json:"criticality_total,omitempty"`

	Names           map[string]string   `json:"names"`
	Sources         []SourceRef         `json:"sources,omitempty"`
	Recommendations []RecommendationRef `json:"recommendations,omitempty"`
}

// Counts counts cells: how many were analysed and how many have a gap of each
// cell kind. A cell can have several kinds (an entitled but unserved cell is
// also uncovered).
type Counts struct {
	Cells            int `json:"cells"`
	Uncovered        int `json:"uncovered"`
	EntitledUnserved int `json:"entitled_unserved"`
	EntitledPartial  int `json:"entitled_partial"`
	Fragile          int `json:"fragile"`
	SingleProvider   int `json:"single_provider"`
	LostInTransition int `json:"lost_in_transition"`
}

func (c *Counts) add(ks kindSet) {
	if ks.has(bitUncovered) {
		c.Uncovered++
	}
	if ks.has(bitEntitledUnserved) {
		c.EntitledUnserved++
	}
	if ks.has(bitEntitledPartial) {
		c.EntitledPartial++
	}
	if ks.has(bitFragile) {
		c.Fragile++
	}
	if ks.has(bitSingleProvider) {
		c.SingleProvider++
	}
	if ks.has(bitLost) {
		c.LostInTransition++
	}
}

// Dimension names a dimension of the profile space, or need or stage.
type Dimension string

// The dimensions.
const (
	DimGender       Dimension = "gender"
	DimAgeBand      Dimension = "age_band"
	DimStatus       Dimension = "status"
	DimExploitation Dimension = "exploitation"
	DimRegion       Dimension = "region"
	DimNeed         Dimension = "need"
	DimStage        Dimension = "stage"
)

// Tally counts the cells of one value of one dimension.
type Tally struct {
	Dimension Dimension `json:"dimension"`
	Value     string    `json:"value"`
	Counts
}

// StatusNeed counts the cells of one status and one need.
type StatusNeed struct {
	Status string `json:"status"`
	Need   string `json:"need"`
	Counts
}

// GroupSummary is a named group's share of the analysis: the cells of its
// profiles and needs, and the needs left uncovered for it.
type GroupSummary struct {
	Group string `json:"group"`
	// People is the group's size estimate.
	People privacy.Count `json:"people,omitzero"`
	// Profiles is the number of analysed profiles the group spans.
	Profiles int `json:"profiles"`
	Counts
	// NeedsUncovered are the needs uncovered for at least one of its
	// profiles at some stage.
	NeedsUncovered []string `json:"needs_uncovered,omitempty"`
}

// SourceRef is a source cited by a result.
type SourceRef struct {
	ID      string           `json:"id"`
	Kind    graph.SourceKind `json:"kind"`
	Authors string           `json:"authors,omitempty"`
	Title   string           `json:"title,omitempty"`
	Year    int              `json:"year,omitempty"`
	URL     string           `json:"url,omitempty"`
}

// RecommendationRef is a GRETA or OSCE recommendation cited by a result.
type RecommendationRef struct {
	ID        string     `json:"id"`
	Body      graph.Body `json:"body"`
	Round     string     `json:"round,omitempty"`
	Reference string     `json:"reference,omitempty"`
	Paragraph string     `json:"paragraph,omitempty"`
	Summary   string     `json:"summary"`
	SummaryNB string     `json:"summary_nb,omitempty"`
	Year      int        `json:"year,omitempty"`
	// Concerns are the nodes it concerns, by id.
	Concerns []string `json:"concerns"`
}
