package embedded_test

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/google/go-cmp/cmp"
)

// TestCrashLoop kills a child that commits batch after batch, at a random
// moment, three times; after each kill every batch must be whole or absent.
// The parent then finishes the work.
func TestCrashLoop(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "gapmap.db")
	s := openFile(t, path)
	if _, err := s.Apply(ctx, new(graph.Change).Create(&graph.Service{
		Meta: graph.Meta{ID: "counter", Name: "Batches committed"}, Sector: graph.SectorCoordination, Funding: graph.FundingPermanent,
	})); err != nil {
		t.Fatal(err)
	}
	closeFile(t, s)

	committed := 0 // batches known to be committed
	for round := range 3 {
		c := startChild(t, "loop", path)
		k := 2 + rand.IntN(8)
		var line string
		for range k {
			line = c.waitFor(t, "committed ")
		}
		time.Sleep(time.Duration(rand.IntN(15_000)) * time.Microsecond)
		rest := c.kill()
		last, err := strconv.Atoi(strings.TrimPrefix(line, "committed "))
		if err != nil {
			t.Fatalf("child printed %q", line)
		}
		// The child may have printed more than was read before the kill.
		for _, l := range rest {
			if n, err := strconv.Atoi(strings.TrimPrefix(l, "committed ")); err == nil {
				last = max(last, n)
			}
		}
		got := checkBatches(t, path)
		t.Logf("round %d: killed after %d batches had been reported committed; the file holds %d", round, last+1, got)
		if got < last+1 {
			t.Fatalf("round %d: the file holds %d batches, but the child reported batch %d committed", round, got, last)
		}
		if got < committed {
			t.Fatalf("round %d: the file holds %d batches, fewer than the %d of the round before", round, got, committed)
		}
		committed = got
	}

	s = openFile(t, path)
	want := committed + 5
	for k := committed; k < want; k++ {
		if _, err := s.Apply(ctx, batch(k)); err != nil {
			t.Fatal(err)
		}
	}
	closeFile(t, s)
	if got := checkBatches(t, path); got != want {
		t.Errorf("after finishing: %d batches, want %d", got, want)
	}
}

// counterOf returns the counter node of a loop store.
func counterOf(t *testing.T, s graph.Store) *graph.Service {
	t.Helper()
	l, err := s.Landscape(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	c, err := graph.Lookup[*graph.Service](l, "counter")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkBatches checks that the loop store at path holds exactly the batches
// its counter says, each one whole, and returns their number.
func checkBatches(t *testing.T, path string) int {
	t.Helper()
	s := openFile(t, path)
	defer closeFile(t, s)
	l, err := s.Landscape(context.Background()) // checks for dangling edges
	if err != nil {
		t.Fatal(err)
	}
	counter := counterOf(t, s)
	n := counter.Capacity
	if counter.Version != int64(n+1) || l.Version() != int64(n+1) {
		t.Errorf("counter at %d has version %d, landscape version %d; want %d and %d", n, counter.Version, l.Version(), n+1, n+1)
	}
	wantNodes := map[string]graph.Node{"counter": counter}
	wantEdges := map[graph.EdgeKey]graph.Edge{}
	for k := range n {
		nodes, edges := batchContent(k)
		for _, n := range nodes {
			n.Base().Version = 1
			wantNodes[n.Base().ID] = n
		}
		for _, e := range edges {
			wantEdges[e.Key()] = e
		}
	}
	gotNodes := map[string]graph.Node{}
	for _, n := range l.AllNodes() {
		gotNodes[n.Base().ID] = n
	}
	gotEdges := map[graph.EdgeKey]graph.Edge{}
	for _, e := range l.Edges() {
		gotEdges[e.Key()] = e
	}
	if diff := cmp.Diff(wantNodes, gotNodes); diff != "" {
		t.Fatalf("with the counter at %d, nodes mismatch (-want +got):\n%s", n, diff)
	}
	if diff := cmp.Diff(wantEdges, gotEdges); diff != "" {
		t.Fatalf("with the counter at %d, edges mismatch (-want +got):\n%s", n, diff)
	}
	return n
}
