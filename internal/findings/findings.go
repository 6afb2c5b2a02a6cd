// Package findings turns the gap engine's cells into what a policymaker
// reads first: a short, ranked list of statements, each a set of gap cells
// that say the same thing ("Primary health care: no service for adults with
// status undocumented, everywhere except Oslo and Bergen, at every stage").
//
// A finding is one kind of gap, one need, a set of stages and a set of
// profiles that is a product of one set of values per dimension (genders,
// age bands, statuses, forms of exploitation, regions), found by merging
// the cells along every dimension wherever the values give the same answer.
// Every gap cell of the analysis lies in exactly one finding: a cell with
// several kinds belongs to the finding of the kind that claims it first
// (entitled but unserved, then lost in transition, then uncovered, then
// fragile; see Kinds), so the findings' cells add up to the gap cells.
//
// Each finding says who it concerns and where, in words built from its
// structure (English and Norwegian), the services near it and those whose
// rules exclude it, the statutory right it breaks, the status change that
// loses it, the people it reaches (from the named groups' size estimates,
// suppressed under the threshold), its sources with the assumed facts
// named, and the GRETA and OSCE recommendations on it.
package findings

import (
	"context"
	"iter"
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// List is the findings of one query: the page asked for, ranked, and how
// many there are in all.
type List struct {
	// Version is the landscape version analysed.
	Version  int64     `json:"version"`
	Findings []Finding `json:"findings"`
	Total    int       `json:"findings_total"`
	// GapCells is the number of gap cells the findings cover, all of them.
	GapCells int `json:"gap_cells"`
	// Notes are the single-provider notes, listed apart: cells covered by
	// one permanently funded provider only are not gaps (the milder note
	// of the model), so they make no finding. NotesTotal counts them and
	// NoteCells their cells; the page of notes is the same offset and
	// limit as that of the findings, taken from the notes' own list.
	Notes      []Finding `json:"notes"`
	NotesTotal int       `json:"notes_total"`
	NoteCells  int       `json:"note_cells"`
	// Sources and Recommendations detail those the listed findings cite.
	Sources         []gap.SourceRef         `json:"sources,omitempty"`
	Recommendations []gap.RecommendationRef `json:"recommendations,omitempty"`
}

// Finding is one statement: a kind of gap for one need, at some stages, for
// a set of profiles.
type Finding struct {
	// ID is derived from the finding's structure (kind, need, stages and
	// the values of every dimension): the same finding has the same id in
	// every run and every version of the landscape that still has it.
	ID   string   `json:"id"`
	Kind gap.Kind `json:"kind"`
	// Severity ranks the kinds: 1 (entitled but unserved) is the most
	// severe.
	Severity int    `json:"severity"`
	Title    string `json:"title"`
	TitleNB  string `json:"title_nb"`

	Need    Ref     `json:"need"`
	Stages  []Ref   `json:"stages"`
	Profile Profile `json:"profile"`
	Regions Regions `json:"regions"`

	// ServicesCovering are the services that cover the cells of a fragile
	// finding; ServicesNearby those that meet the need for these people
	// but in other regions or at other stages; ServicesExcluding those that
	// meet the need but whose rules exclude these people, with the rules.
	ServicesCovering  []ServiceNote `json:"services_covering,omitempty"`
	ServicesNearby    []ServiceNote `json:"services_nearby"`
	ServicesExcluding []ServiceNote `json:"services_excluding"`
	// Fragile says why a fragile finding's services are fragile.
	Fragile []gap.FragileReason `json:"fragile,omitempty"`

	// Entitled says whether the statuses entitle the need by law, and
	// LegalBasis names the law.
	Entitled   bool     `json:"entitled"`
	LegalBasis []string `json:"legal_basis,omitempty"`
	// Transitions are the status changes that lose the need (lost in
	// transition), with what triggers them.
	Transitions []Transition `json:"transitions,omitempty"`

	// People sums the size estimates of the named groups the finding
	// reaches ("<5" under the threshold; left out when no group has an
	// estimate). Groups may overlap, so it is an upper bound.
	People privacy.Count `json:"people,omitzero"`
	Groups []string      `json:"groups,omitempty"`

	// Assumed says whether a fact behind the finding is an assumption,
	// not verified in a source; AssumedFacts names them (node ids, and
	// edges as "TYPE from->to").
	Assumed         bool     `json:"assumed"`
	AssumedFacts    []string `json:"assumed_facts,omitempty"`
	Sources         []string `json:"sources"`
	Recommendations []string `json:"recommendations"`

	// Studies are the studies in the evidence base on the finding's need
	// and population (evidence.OnNeed: narrowed to studies about children
	// when the finding concerns children only), in year order;
	// StudiesNorway counts those with data from Norway. KnowledgeGap and
	// KnowledgeGapNB are one sentence, in English and bokmål, when none
	// has Norwegian data ("" when one has).
	Studies        []StudyRef `json:"studies"`
	StudiesNorway  int        `json:"studies_norway"`
	KnowledgeGap   string     `json:"knowledge_gap,omitempty"`
	KnowledgeGapNB string     `json:"knowledge_gap_nb,omitempty"`

	// Cells is the number of gap cells (profile, need, stage) the finding
	// states.
	Cells int `json:"cells"`

	// ApartFrom lists the findings (ids) that hold cells of this
	// finding's box: it states its box apart from their people.
	ApartFrom []string `json:"apart_from,omitempty"`

	vals [nDims][]int // the values of every dimension, as CellMap positions
	own  []ownRow     // the cells it holds: its box but for the cells of ApartFrom
	// apart: the positions, in the ranked list, of the findings that
	// hold cells of the box
	apart []int
	m     *gap.CellMap
	nm    names
	full  [nDims]int // the number of values of each dimension in the landscape
}

// StudyRef names a study a finding lists.
type StudyRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Year   int    `json:"year,omitempty"`
	Norway bool   `json:"norway"`
}

// Ref names a node.
type Ref struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	NameNB string `json:"name_nb,omitempty"`
}

// Profile is the profiles a finding spans: per dimension the values, or
// nothing when it spans every value (the dimension is then listed in Any).
type Profile struct {
	Genders      []graph.Gender  `json:"genders,omitempty"`
	AgeBands     []graph.AgeBand `json:"age_bands,omitempty"`
	Statuses     []Ref           `json:"statuses,omitempty"`
	Exploitation []Ref           `json:"exploitation,omitempty"`
	// Any lists the dimensions of which the finding spans every value:
	// gender, age_band, status, exploitation.
	Any []string `json:"any,omitempty"`
}

// Regions says where a finding holds, by the region hierarchy: in the
// regions listed ("in"), in every region analysed but those listed
// ("except"), or everywhere ("everywhere", List empty). Count is the number
// of profile regions reached.
type Regions struct {
	Mode  string `json:"mode"`
	List  []Ref  `json:"list,omitempty"`
	Count int    `json:"count"`
}

// The modes of Regions.
const (
	RegionsIn         = "in"
	RegionsExcept     = "except"
	RegionsEverywhere = "everywhere"
)

// ServiceNote is a service a finding mentions, and why.
type ServiceNote struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Why   string `json:"why,omitempty"`
	WhyNB string `json:"why_nb,omitempty"`
}

// Transition is a status change into a finding's status.
type Transition struct {
	From        Ref    `json:"from"`
	To          Ref    `json:"to"`
	Trigger     string `json:"trigger,omitempty"`
	TypicalDays int    `json:"typical_days,omitempty"`
}

// EachCell yields the gap cells the finding holds: those of its box but
// for the cells the findings of ApartFrom hold.
func (f *Finding) EachCell() iter.Seq[gap.Cell] {
	return func(yield func(gap.Cell) bool) {
		m := f.m
		for _, r := range f.own {
			for _, b := range members(r.bits) {
				g, a, e := m.Triple(b)
				c := gap.Cell{Profile: gap.Profile{Gender: m.Genders[g], AgeBand: m.AgeBands[a], Status: m.Statuses[r.s],
					Exploitation: m.Exploitation[e], Region: m.Regions[r.r]}, Need: f.Need.ID, Stage: m.Stages[r.t]}
				if !yield(c) {
					return
				}
			}
		}
	}
}

// Find returns the findings of the gaps query q asks for in landscape l:
// q's filters select the cells, q.Kinds the cell kinds (every cell kind
// when it names none; fragmentation and criticality are not cell kinds and
// make no findings), q.Limit and q.Offset the page of findings described
// (0: gap.DefaultLimit; the total is counted in full), q.MaxExcluded how
// many excluded services each finding looks at per cell it samples, and
// q.Privacy the suppression of people.
//
// Errors: those of gap.Analyse (EINVALID for an unknown id or value); the
// context's error if ctx is done first.
func Find(ctx context.Context, l *graph.Landscape, q gap.Query) (*List, error) {
	ix, err := gap.CachedIndex(l)
	if err != nil {
		return nil, err
	}
	m, err := ix.Cells(ctx, q)
	if err != nil {
		return nil, err
	}
	gapClaim, noteClaim := splitClaim(m, claimOrder(m))
	rule := q.Privacy.Normalize()
	fs, err := build(ctx, l, m, rule, gapClaim)
	if err != nil {
		return nil, err
	}
	ns, err := build(ctx, l, m, rule, noteClaim)
	if err != nil {
		return nil, err
	}
	list := &List{Version: l.Version(), Total: len(fs), Findings: []Finding{}, NotesTotal: len(ns), Notes: []Finding{}}
	for _, f := range fs {
		list.GapCells += f.Cells
	}
	for _, f := range ns {
		list.NoteCells += f.Cells
	}
	limit := q.Limit
	if limit == 0 {
		limit = gap.DefaultLimit
	}
	window := func(fs []Finding) []Finding {
		from := min(q.Offset, len(fs))
		to := len(fs)
		if limit > 0 {
			to = min(to, from+limit)
		}
		return fs[from:to]
	}
	page, notes := window(fs), window(ns)
	// Findings and notes are described together, so that the list's
	// sources and recommendations are those of both.
	both := append(slices.Clip(page), notes...)
	putWords(l, m, both, len(q.Regions) > 0)
	if err := describe(ctx, ix, l, q, both, list); err != nil {
		return nil, err
	}
	list.Findings = append(list.Findings, both[:len(page)]...)
	list.Notes = append(list.Notes, both[len(page):]...)
	return list, nil
}
