package embedded_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/storetest"
	bolt "go.etcd.io/bbolt"
)

// TestHistoryOfOlderFile checks that a file written before the store kept
// history opens (gaining the history bucket), that its nodes have an empty
// history until they change, and that unknown ids are still ENOTFOUND.
func TestHistoryOfOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapmap.db")
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	writeBolt(t, path, func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("history")) })

	s = mustOpen(t, path)
	h, err := s.History(ctx, storetest.ServiceID)
	if err != nil || h == nil || len(h) != 0 {
		t.Errorf("History of a node stored before history = %v, %v; want an empty history", h, err)
	}
	if _, err := s.History(ctx, "nowhere"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("History(nowhere) = %v, want ENOTFOUND", err)
	}
	l, err := s.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := graph.Lookup[*graph.Service](l, storetest.ServiceID)
	if err != nil {
		t.Fatal(err)
	}
	next := *n
	next.Capacity++
	if _, err := s.Apply(ctx, new(graph.Change).Update(&next)); err != nil {
		t.Fatal(err)
	}
	if h, err := s.History(ctx, storetest.ServiceID); err != nil || len(h) != 1 || h[0].LandscapeVersion != 2 {
		t.Errorf("History after an update = %+v, %v; want one revision at version 2", h, err)
	}
}
