package gap

import (
	"fmt"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// one resolves the id of a node of type t.
func (rv *resolver) one(field, id string, t graph.NodeType) (int, error) {
	n, ok := rv.l.Node(id)
	if !ok || n.Type() != t {
		return 0, rv.errorf(field, "no %s with id %q", t, id)
	}
	return rv.d.ordinal[id], nil
}

// many resolves a list of ids of nodes of type t into a set of ordinals.
func (rv *resolver) many(field string, ids []string, t graph.NodeType) (bitset, error) {
	var n int
	switch t {
	case graph.TypeStatus:
		n = len(rv.d.statuses)
	case graph.TypeExploitation:
		n = len(rv.d.expls)
	case graph.TypeRegion:
		n = len(rv.d.regions)
	case graph.TypeNeed:
		n = len(rv.d.needs)
	case graph.TypeStage:
		n = len(rv.d.stages)
	}
	b := newBitset(n)
	for k, id := range ids {
		o, err := rv.one(fmt.Sprintf("%s[%d]", field, k), id, t)
		if err != nil {
			return nil, err
		}
		b.set(o)
	}
	return b, nil
}

func (rv *resolver) ages(as []graph.AgeBand) (bitset, error) {
	return resolveValues(rv, "age_bands", as, rv.d.ages)
}

// resolveValues resolves a list of gender or age band values into a set.
func resolveValues[T ~string](rv *resolver, field string, vs, all []T) (bitset, error) {
	b := newBitset(len(all))
	for k, v := range vs {
		i := slices.Index(all, v)
		if i < 0 {
			return nil, rv.errorf(fmt.Sprintf("%s[%d]", field, k), "unknown value %q", v)
		}
		b.set(i)
	}
	return b, nil
}
