package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// revisionOpts compares revisions but for their times, which checkTimes
// checks, and their records, which testHistoryRecords checks, an empty
// list of edges equal to none.
var revisionOpts = cmp.Options{cmpopts.IgnoreFields(graph.Revision{}, "Time", "Record", "Revived"), cmpopts.EquateEmpty()}

// mustHistory returns the history of node id and fails the test on error.
func mustHistory(t *testing.T, s graph.Store, id string) []graph.Revision {
	t.Helper()
	h, err := s.History(context.Background(), id)
	if err != nil {
		t.Fatalf("History(%s): %v", id, err)
	}
	return h
}

// apply applies c, made by actor for reason, and returns the landscapes
// before and after it and the new version.
func apply(t *testing.T, s graph.Store, c *graph.Change, actor, reason string) (before, after *graph.Landscape, v int64) {
	t.Helper()
	c.Actor, c.Reason = actor, reason
	before = mustLandscape(t, s)
	v = mustApply(t, s, c)
	return before, mustLandscape(t, s), v
}

// revisionFrom returns the revision of node id that a change made by actor
// for reason, producing landscape version v, must have recorded, as the
// landscapes before and after the change show it (but for its time).
func revisionFrom(id string, before, after *graph.Landscape, v int64, actor, reason string) graph.Revision {
	r := graph.Revision{NodeID: id, LandscapeVersion: v, Actor: actor, Reason: reason}
	if n, ok := before.Node(id); ok {
		r.Before, r.EdgesBefore = n, outOf(before, id)
	}
	if n, ok := after.Node(id); ok {
		r.After, r.EdgesAfter, r.Version = n, outOf(after, id), n.Base().Version
	}
	return r
}

// outOf returns the edges that start at node id, sorted like l.Edges.
func outOf(l *graph.Landscape, id string) []graph.Edge {
	var edges []graph.Edge
	for _, e := range l.Out(id, "") {
		edges = append(edges, *e)
	}
	return edges
}

// wantRevisions checks the revisions of a change that produced landscape
// version v, made by actor for reason: each node in touched has one, the
// newest of its history, as revisionFrom says; every other node of before
// and after has none.
func wantRevisions(t *testing.T, s graph.Store, before, after *graph.Landscape, v int64, actor, reason string, touched ...string) {
	t.Helper()
	ids := slices.Clone(touched)
	for _, l := range []*graph.Landscape{before, after} {
		for _, n := range l.AllNodes() {
			ids = append(ids, n.Base().ID)
		}
	}
	for _, id := range slices.Compact(slices.Sorted(slices.Values(ids))) {
		h, err := s.History(context.Background(), id)
		if graph.ErrorCode(err) == graph.ENOTFOUND && !slices.Contains(touched, id) {
			continue
		}
		if err != nil {
			t.Errorf("History(%s): %v", id, err)
			continue
		}
		i := slices.IndexFunc(h, func(r graph.Revision) bool { return r.LandscapeVersion == v })
		switch {
		case !slices.Contains(touched, id):
			if i >= 0 {
				t.Errorf("History(%s) has a revision at version %d, want none: the change did not touch it", id, v)
			}
		case i != 0:
			t.Errorf("History(%s): revision at version %d is at index %d, want 0 (newest)", id, v, i)
		default:
			want := revisionFrom(id, before, after, v, actor, reason)
			if diff := cmp.Diff(want, h[0], revisionOpts); diff != "" {
				t.Errorf("History(%s)[0] mismatch (-want +got):\n%s", id, diff)
			}
		}
	}
}

// checkTimes checks that the times of revs, newest first, are UTC, kept to
// the microsecond, between from and to and in order.
func checkTimes(t *testing.T, revs []graph.Revision, from, to time.Time) {
	t.Helper()
	from = from.Truncate(time.Microsecond)
	for i, r := range revs {
		switch {
		case r.Time.Location() != time.UTC:
			t.Errorf("revision %d: time %s is in %s, want UTC", i, r.Time, r.Time.Location())
		case !r.Time.Equal(r.Time.Truncate(time.Microsecond)):
			t.Errorf("revision %d: time %s is finer than a microsecond", i, r.Time)
		case r.Time.Before(from) || r.Time.After(to):
			t.Errorf("revision %d: time %s is not between %s and %s", i, r.Time, from, to)
		case i > 0 && r.Time.After(revs[i-1].Time):
			t.Errorf("revision %d: time %s is after that of the newer revision %s", i, r.Time, revs[i-1].Time)
		}
	}
}

// histories returns the history of each node of l and each node c names;
// nil for a node without one.
func histories(t *testing.T, s graph.Store, l *graph.Landscape, c *graph.Change) map[string][]graph.Revision {
	t.Helper()
	var ids []string
	for _, n := range l.AllNodes() {
		ids = append(ids, n.Base().ID)
	}
	if c != nil {
		for _, op := range c.Ops {
			switch {
			case op.Node != nil && !isNilNode(op.Node):
				ids = append(ids, op.Node.Base().ID)
			case op.Edge != nil:
				ids = append(ids, op.Edge.From, op.Edge.To)
			}
			ids = append(ids, op.ID, op.EdgeKey.From)
		}
	}
	hs := map[string][]graph.Revision{}
	for _, id := range ids {
		h, err := s.History(context.Background(), id)
		if err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
			t.Fatalf("History(%s): %v", id, err)
		}
		hs[id] = h
	}
	return hs
}

// isNilNode reports whether n is a nil pointer in a Node: every node type
// is a pointer to a struct.
func isNilNode(n graph.Node) bool { return reflect.ValueOf(n).IsNil() }
