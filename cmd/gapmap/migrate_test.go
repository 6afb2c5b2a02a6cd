package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
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

// TestDiffLandscapes: the check after a copy finds a changed node and a
// changed or missing edge, names them, and takes a nil and an empty list
// as the same.
func TestDiffLandscapes(t *testing.T) {
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	src := openEmbedded(t)
	if _, err := seed.Apply(context.Background(), src, s); err != nil {
		t.Fatal(err)
	}
	l, _ := src.Landscape(context.Background())
	rebuild := func(change func(nodes []graph.Node, edges []graph.Edge) ([]graph.Node, []graph.Edge)) *graph.Landscape {
		t.Helper()
		nodes := l.AllNodes()
		for i, n := range nodes {
			if svc, ok := n.(*graph.Service); ok {
				c := *svc
				nodes[i] = &c
			}
		}
		edges := slices.Clone(l.Edges())
		nodes, edges = change(nodes, edges)
		out, err := graph.NewLandscape(l.Version(), nodes, edges)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	same := func(n []graph.Node, e []graph.Edge) ([]graph.Node, []graph.Edge) { return n, e }
	if d := diffLandscapes(l, rebuild(same)); d != "" {
		t.Errorf("a landscape differs from its copy:\n%s", d)
	}
	emptied := rebuild(func(n []graph.Node, e []graph.Edge) ([]graph.Node, []graph.Edge) {
		for i := range e {
			if e[i].Sources == nil {
				e[i].Sources = []string{}
			}
		}
		return n, e
	})
	if d := diffLandscapes(l, emptied); d != "" {
		t.Errorf("empty lists for nil ones make a difference:\n%s", d)
	}
	changed := rebuild(func(n []graph.Node, e []graph.Edge) ([]graph.Node, []graph.Edge) {
		for _, x := range n {
			if svc, ok := x.(*graph.Service); ok && svc.ID == "rosa" {
				svc.Capacity = 4242
			}
		}
		return n, e[1:]
	})
	d := diffLandscapes(l, changed)
	first, _ := json.Marshal(l.Edges()[0])
	for _, want := range []string{"- " + string(first) + "\n", `"capacity":4242`, `"id":"rosa"`} {
		if !strings.Contains(d, want) {
			t.Errorf("the difference does not show %s:\n%s", want, d)
		}
	}
	if n := strings.Count(d, "\n"); n != 3 {
		t.Errorf("%d lines of difference, want 3 (rosa before and after, the missing edge):\n%s", n, d)
	}
}
