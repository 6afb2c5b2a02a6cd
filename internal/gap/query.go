package gap

import (
	"fmt"
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// DefaultLimit is how many items a list of a Result holds when Query.Limit is
// 0; DefaultMaxExcluded how many excluded services a gap lists.
const (
	DefaultLimit       = 1000
	DefaultMaxExcluded = 10
)

// Query selects what Analyse looks at and what it computes. Every filter is
// a list of ids (or of gender and age band values); an empty list means every
// value. Unknown ids are EINVALID errors.
//
// Profiles are the cartesian product of the filtered genders, age bands,
// statuses, exploitation types and regions. Without a region filter the
// profile regions are every region except a country that has regions inside
// it: in Norway, the counties and the municipalities the seed names. A
// region filter may name regions of any level.
//
// Groups restricts the analysis to the cells of the named groups: a cell is
// kept when one of the groups spans its profile and needs its need (a group
// dimension with no value spans every value; a group in a region spans the
// profile regions inside it).
type Query struct {
	Genders      []graph.Gender  `json:"genders,omitempty" yaml:"genders,omitempty"`
	AgeBands     []graph.AgeBand `json:"age_bands,omitempty" yaml:"age_bands,omitempty"`
	Statuses     []string        `json:"statuses,omitempty" yaml:"statuses,omitempty"`
	Exploitation []string        `json:"exploitation,omitempty" yaml:"exploitation,omitempty"`
	Regions      []string        `json:"regions,omitempty" yaml:"regions,omitempty"`
	Needs        []string        `json:"needs,omitempty" yaml:"needs,omitempty"`
	Stages       []string        `json:"stages,omitempty" yaml:"stages,omitempty"`
	Groups       []string        `json:"groups,omitempty" yaml:"groups,omitempty"`

	// Kinds are the kinds of gap to compute; empty means all six.
	Kinds []Kind `json:"kinds,omitempty" yaml:"kinds,omitempty"`

	// Limit caps every list of the Result (gaps, fragmentation per profile,
	// criticality, the cells of a diff): 0 means DefaultLimit, a negative
	// value no limit. The totals are always counted in full.
	Limit int `json:"limit,omitempty" yaml:"limit,omitempty"`
	// Offset skips that many gaps, for paging through Result.Gaps.
	Offset int `json:"offset,omitempty" yaml:"offset,omitempty"`
	// MaxExcluded caps the services listed as excluding a gap's profile: 0
	// means DefaultMaxExcluded, a negative value no limit. The nearest misses
	// (fewest rules excluding the profile) come first.
	MaxExcluded int `json:"max_excluded,omitempty" yaml:"max_excluded,omitempty"`

	// Privacy is the suppression rule for counts of people; the zero rule
	// suppresses counts under 5.
	Privacy privacy.Rule `json:"privacy" yaml:"privacy"`
}

// plan is a Query resolved against an index: ordinals instead of ids, the
// defaults filled in.
type plan struct {
	q        Query
	kinds    kindSet
	genders  []int
	ages     []int
	statuses []int // evaluated statuses
	scan     []int // statuses computed: evaluated ones and their transition neighbours
	expls    []int
	regions  []int
	needs    []int
	stages   []int
	groups   bitset // selected groups; nil: no group filter

	limit, maxExcluded int
	rule               privacy.Rule
	sizes              []int // per group: its size as rule publishes it, 0 when unknown or withheld (groupIndex.shown)

	// blockMemo caps the memo of the block scanner (maxBlockMemo; tests
	// lower it).
	blockMemo int
}

// newPlan resolves q against d and the transitions of l.
func newPlan(l *graph.Landscape, d *dims, q Query) (*plan, error) {
	p := &plan{q: q, blockMemo: maxBlockMemo}
	if err := q.Privacy.Validate(); err != nil {
		return nil, graph.FieldError("query", "privacy", "%v", err)
	}
	p.rule = q.Privacy.Normalize()
	p.q.Privacy = p.rule
	if q.Offset < 0 {
		return nil, graph.FieldError("query", "offset", "must not be negative")
	}
	p.limit = limitOf(q.Limit, DefaultLimit)
	p.maxExcluded = limitOf(q.MaxExcluded, DefaultMaxExcluded)
	p.q.Limit, p.q.MaxExcluded = p.limit, p.maxExcluded

	for i, k := range q.Kinds {
		b := kindBit(k)
		if b == 0 {
			return nil, graph.FieldError("query", fmt.Sprintf("kinds[%d]", i), "unknown kind of gap %q", k)
		}
		p.kinds |= b
	}
	if p.kinds == 0 {
		p.kinds = bitAllKinds
	}
	p.q.Kinds = p.kinds.list()

	var err error
	if p.genders, err = pickValues("genders", q.Genders, d.genders); err != nil {
		return nil, err
	}
	if p.ages, err = pickValues("age_bands", q.AgeBands, d.ages); err != nil {
		return nil, err
	}
	if p.statuses, err = pickIDs(l, d, "statuses", graph.TypeStatus, q.Statuses, len(d.statuses)); err != nil {
		return nil, err
	}
	if p.expls, err = pickIDs(l, d, "exploitation", graph.TypeExploitation, q.Exploitation, len(d.expls)); err != nil {
		return nil, err
	}
	if p.needs, err = pickIDs(l, d, "needs", graph.TypeNeed, q.Needs, len(d.needs)); err != nil {
		return nil, err
	}
	if p.stages, err = pickIDs(l, d, "stages", graph.TypeStage, q.Stages, len(d.stages)); err != nil {
		return nil, err
	}
	if len(q.Regions) == 0 {
		p.regions = d.profileRegions
	} else if p.regions, err = pickIDs(l, d, "regions", graph.TypeRegion, q.Regions, len(d.regions)); err != nil {
		return nil, err
	}
	if len(q.Groups) > 0 {
		gs, err := pickIDs(l, d, "groups", graph.TypeGroup, q.Groups, len(d.groups))
		if err != nil {
			return nil, err
		}
		p.groups = newBitset(len(d.groups))
		for _, g := range gs {
			p.groups.set(g)
		}
	}
	p.scan = p.statuses
	if p.kinds.has(bitLost) {
		p.scan = scanStatuses(l, d, p.statuses)
	}
	return p, nil
}

func limitOf(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return -1
	}
	return v
}

// inLimit reports whether item i (counted from 0) of a list is inside limit.
func inLimit(i, limit int) bool { return limit < 0 || i < limit }

// pickValues resolves a filter of gender or age band values.
func pickValues[T ~string](field string, want, all []T) ([]int, error) {
	if len(want) == 0 {
		return seq(len(all)), nil
	}
	var is []int
	for k, v := range want {
		i := slices.Index(all, v)
		if i < 0 {
			return nil, graph.FieldError("query", fmt.Sprintf("%s[%d]", field, k), "unknown value %q", v)
		}
		is = append(is, i)
	}
	return sortedUnique(is), nil
}

// pickIDs resolves a filter of node ids of type t.
func pickIDs(l *graph.Landscape, d *dims, field string, t graph.NodeType, ids []string, n int) ([]int, error) {
	if len(ids) == 0 {
		return seq(n), nil
	}
	var is []int
	for k, id := range ids {
		if node, ok := l.Node(id); !ok || node.Type() != t {
			return nil, graph.FieldError("query", fmt.Sprintf("%s[%d]", field, k), "no %s with id %q", t, id)
		}
		is = append(is, d.ordinal[id])
	}
	return sortedUnique(is), nil
}

// scanStatuses returns statuses with every status that transitions to or
// from one of them: a loss in transition compares the two.
func scanStatuses(l *graph.Landscape, d *dims, statuses []int) []int {
	all := slices.Clone(statuses)
	for _, s := range statuses {
		id := d.statuses[s]
		for _, e := range l.In(id, graph.EdgeTransitionsTo) {
			all = append(all, d.ordinal[e.From])
		}
		for _, e := range l.Out(id, graph.EdgeTransitionsTo) {
			all = append(all, d.ordinal[e.To])
		}
	}
	return sortedUnique(all)
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

func sortedUnique(is []int) []int {
	slices.Sort(is)
	return slices.Compact(is)
}
