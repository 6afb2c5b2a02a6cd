package gap

import (
	"github.com/gapmap/gapmap/graph"
)

// snapshotKey is the key under which a snapshot keeps its gap analysis
// state (see graph.Landscape.Derived).
type snapshotKey struct{}

// snapshot is what the package keeps with a landscape snapshot: its index,
// built once, and the Results of the package-level entry points. Both live
// as long as the snapshot and hold no configuration; they change no result,
// only save recomputing one.
type snapshot struct {
	ix      *Index
	err     error
	results *resultCache
}

// snapshotOf returns the state kept with l, building its index at most once
// even when many goroutines ask at the same time.
func snapshotOf(l *graph.Landscape) (*snapshot, error) {
	if l == nil {
		return nil, graph.Errorf(graph.EINVALID, "gap: no landscape")
	}
	s := l.Derived(snapshotKey{}, func() any {
		ix, err := NewIndex(l)
		return &snapshot{ix: ix, err: err, results: newResultCache(resultCacheEntries, resultCacheItems)}
	}).(*snapshot)
	return s, s.err
}

// indexOf returns the index of l, built once per snapshot.
func indexOf(l *graph.Landscape) (*Index, error) {
	s, err := snapshotOf(l)
	if err != nil {
		return nil, err
	}
	return s.ix, nil
}
