package embedded

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

// TestRevisionRoundTrip checks that a revision with every field set comes
// back from its stored form exactly.
func TestRevisionRoundTrip(t *testing.T) {
	nodes, edges := storetest.Fixture()
	var rosa graph.Node
	for _, n := range nodes {
		if n.Base().ID == storetest.ServiceID {
			rosa = n
		}
	}
	changed := *rosa.(*graph.Service)
	changed.Version, changed.Capacity, changed.AltNames = 2, 7, nil
	for _, want := range []graph.Revision{
		{NodeID: storetest.ServiceID, Version: 2, LandscapeVersion: 1 << 40,
			Time:  time.Date(2025, 6, 1, 12, 30, 15, 123456000, time.UTC),
			Actor: "user:ada", Reason: "«verified» — ø",
			Before: rosa, After: &changed, EdgesBefore: edges[:8], EdgesAfter: edges[1:3]},
		{NodeID: storetest.ServiceID, LandscapeVersion: 3, Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
			Before: rosa, EdgesBefore: edges[:1]},
		{NodeID: storetest.ServiceID, Version: 2, LandscapeVersion: 5, Time: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
			Before: rosa, After: &changed, EdgesBefore: edges[:8], EdgesAfter: edges[:8]}, // edges kept
		{NodeID: "created", Version: 2, LandscapeVersion: 4, Time: time.Date(2025, 6, 1, 0, 0, 0, 1000, time.UTC),
			Actor: "seed", After: &changed},
	} {
		sr := storedRevision{NodeID: want.NodeID, Version: want.Version, LandscapeVersion: want.LandscapeVersion,
			Time: want.Time, Actor: want.Actor, Reason: want.Reason,
			Before: mustMarshalNode(t, want.Before), After: mustMarshalNode(t, want.After),
			EdgesBefore: mustMarshalEdges(t, want.EdgesBefore), EdgesAfter: mustMarshalEdges(t, want.EdgesAfter)}
		sr.keepEdges()
		data, err := sr.marshal()
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(data) {
			t.Fatalf("marshal wrote invalid JSON: %s", data)
		}
		got, err := decodeRevision(data)
		if err != nil {
			t.Fatalf("decodeRevision(%s): %v", data, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("revision mismatch (-want +got):\n%s", diff)
		}
		if got.Time.Location() != time.UTC {
			t.Errorf("time in %s, want UTC", got.Time.Location())
		}
	}
}

func mustMarshalNode(t *testing.T, n graph.Node) json.RawMessage {
	t.Helper()
	if n == nil {
		return nil
	}
	data, err := graph.MarshalNode(n)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func mustMarshalEdges(t *testing.T, edges []graph.Edge) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	for _, e := range edges {
		data, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}
