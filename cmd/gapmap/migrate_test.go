package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/seed"
)

func openEmbedded(t *testing.T) graph.Store {
	t.Helper()
	st, err := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestCopyLandscape copies the Norwegian seed, after an edit that moved a
// node's version, between two stores and checks the copy is the same, down
// to the versions.
func TestCopyLandscape(t *testing.T) {
	ctx := context.Background()
	src, dst := openEmbedded(t), openEmbedded(t)
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Apply(ctx, src, s); err != nil {
		t.Fatal(err)
	}
	l, _ := src.Landscape(ctx)
	rosa, err := graph.Lookup[*graph.Service](l, "rosa")
	if err != nil {
		t.Fatal(err)
	}
	edited := *rosa
	edited.Capacity = 42
	if _, err := src.Apply(ctx, (&graph.Change{}).Update(&edited)); err != nil {
		t.Fatal(err)
	}

	nodes, edges, err := copyLandscape(ctx, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	wantNodes, wantEdges := l.Len()
	if nodes != wantNodes || edges != wantEdges {
		t.Errorf("copied %d nodes and %d edges, want %d and %d", nodes, edges, wantNodes, wantEdges)
	}
	copied, _ := dst.Landscape(ctx)
	got, err := graph.Lookup[*graph.Service](copied, "rosa")
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 2 || got.Capacity != 42 {
		t.Errorf("copied rosa has version %d and capacity %d, want 2 and 42", got.Version, got.Capacity)
	}

	// A second copy into the now full store is refused and writes nothing.
	before, _ := dst.Version(ctx)
	if _, _, err := copyLandscape(ctx, src, dst); err == nil || !strings.Contains(err.Error(), "only into an empty store") {
		t.Errorf("copy into a full store: err = %v, want a refusal", err)
	}
	if after, _ := dst.Version(ctx); after != before {
		t.Errorf("refused copy moved the target version from %d to %d", before, after)
	}
}

func TestMigrateSameStoreIsUsageError(t *testing.T) {
	code, _, errOut := run(t, "migrate", "--from", "embedded", "--to", "embedded", "--data", t.TempDir())
	if code != 2 || !strings.Contains(errOut, "both") {
		t.Errorf("exit %d, stderr %q; want 2", code, errOut)
	}
}
