package neo4j

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

// TestRevisionRoundTrip checks that a revision with every field set comes
// back exactly from the properties it is stored as, stored on the Neo4j server
// and read back.
func TestRevisionRoundTrip(t *testing.T) {
	s, _ := openTraced(t)
	nodes, edges := storetest.Fixture()
	rosa := nodes[slices.IndexFunc(nodes, func(n graph.Node) bool { return n.Base().ID == storetest.ServiceID })]
	changed := *rosa.(*graph.Service)
	changed.Version, changed.Capacity, changed.AltNames = 2, 7, nil
	for _, want := range []graph.Revision{
		{NodeID: storetest.ServiceID, Version: 2, LandscapeVersion: 1 << 40,
			Time:  time.Date(2025, 6, 1, 12, 30, 15, 123456000, time.UTC),
			Actor: "user:ada", Reason: "«verified» — ø",
			Before: rosa, After: &changed, EdgesBefore: edges[:8], EdgesAfter: edges[1:3]},
		{NodeID: storetest.ServiceID, LandscapeVersion: 3, Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
			Before: rosa, EdgesBefore: edges[:1]},
		{NodeID: "created", Version: 2, LandscapeVersion: 4, Time: time.Date(2025, 6, 1, 0, 0, 0, 1000, time.UTC),
			Actor: "seed", After: &changed},
	} {
		row, err := revisionRow(want.NodeID, nodeState{want.Before, want.EdgesBefore}, nodeState{want.After, want.EdgesAfter})
		if err != nil {
			t.Fatal(err)
		}
		row["landscape_version"], row["time"], row["actor"], row["reason"] = want.LandscapeVersion, dbTime(want.Time), want.Actor, want.Reason
		got, err := revisionFromDB(storedProps(t, s, row))
		if err != nil {
			t.Fatalf("revisionFromDB(%v): %v", row, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("revision mismatch (-want +got):\n%s", diff)
		}
		if got.Time.Location() != time.UTC {
			t.Errorf("time in %s, want UTC", got.Time.Location())
		}
	}
}

// TestHistoryStatements checks that History reads with one statement, and
// looks the node up only when it finds no revision.
func TestHistoryStatements(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	db.queries()
	if h, err := s.History(ctx, storetest.ServiceID); err != nil || len(h) != 1 {
		t.Fatalf("History = %v, %v; want one revision", h, err)
	}
	if diff := cmp.Diff([]string{"history.cypher"}, db.queries()); diff != "" {
		t.Errorf("History statements mismatch (-want +got):\n%s", diff)
	}
	if _, err := s.History(ctx, "nowhere"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("History(nowhere) = %v, want ENOTFOUND", err)
	}
	if diff := cmp.Diff([]string{"history.cypher", "lookup_nodes.cypher"}, db.queries()); diff != "" {
		t.Errorf("History of an unknown id: statements mismatch (-want +got):\n%s", diff)
	}
}

// TestHistoryBeforeRevisions checks that a node stored before the store
// kept history has an empty history, not ENOTFOUND.
func TestHistoryBeforeRevisions(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t)
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	cypher(t, s, "MATCH (r:GapmapRevision) DELETE r", nil)
	h, err := s.History(ctx, storetest.ServiceID)
	if err != nil || h == nil || len(h) != 0 {
		t.Errorf("History of a node stored before history = %v, %v; want an empty history", h, err)
	}
}
