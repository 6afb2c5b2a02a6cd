package seed

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
)

// mustOpen opens an embedded store in a fresh file, closed when the test ends.
func mustOpen(tb testing.TB) graph.Store {
	tb.Helper()
	st, err := embedded.Open(context.Background(), filepath.Join(tb.TempDir(), "gapmap.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// recorder passes every call to a real store and records the changes
// applied, to see what Apply sends.
type recorder struct {
	graph.Store
	changes []*graph.Change
}

func (r *recorder) Apply(ctx context.Context, c *graph.Change) (int64, error) {
	r.changes = append(r.changes, c)
	return r.Store.Apply(ctx, c)
}

func mustLoad(tb testing.TB, dir string) *Seed {
	tb.Helper()
	s, err := Load(os.DirFS("."), dir)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

func TestApplyIsIdempotent(t *testing.T) {
	ctx := context.Background()
	st := &recorder{Store: mustOpen(t)}
	s := mustLoad(t, "testdata/valid")
	nodes, edges := len(s.Nodes), len(s.Edges)

	first, err := Apply(ctx, st, s)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Version: 1, Nodes: Counts{Created: nodes}, Edges: Counts{Created: edges}}
	if diff := cmp.Diff(want, first); diff != "" {
		t.Errorf("first Apply mismatch (-want +got):\n%s", diff)
	}

	second, err := Apply(ctx, st, s)
	if err != nil {
		t.Fatal(err)
	}
	want = Result{Version: 1, Nodes: Counts{Unchanged: nodes}, Edges: Counts{Unchanged: edges}}
	if diff := cmp.Diff(want, second); diff != "" {
		t.Errorf("second Apply mismatch (-want +got):\n%s", diff)
	}
	if len(st.changes) != 2 {
		t.Fatalf("two Applies made %d store changes, want 2", len(st.changes))
	}
	if got, want := len(st.changes[0].Ops), nodes+edges; got != want {
		t.Errorf("first change has %d operations, want %d", got, want)
	}
	if got := st.changes[0].Actor; got != "seed" {
		t.Errorf("first change has actor %q, want seed", got)
	}
	h, err := st.History(ctx, s.Nodes[0].Base().ID)
	if err != nil || len(h) != 1 || h[0].Actor != "seed" {
		t.Errorf("History of a seeded node = %+v, %v; want one revision by seed", h, err)
	}
	if !st.changes[1].Empty() {
		t.Errorf("second change has %d operations, want none", len(st.changes[1].Ops))
	}
	if v, err := st.Version(ctx); err != nil || v != 1 {
		t.Errorf("Version = %d, %v; want 1", v, err)
	}

	l, err := st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if gotNodes, gotEdges := l.Len(); gotNodes != nodes || gotEdges != edges {
		t.Errorf("store holds %d nodes and %d edges, want %d and %d", gotNodes, gotEdges, nodes, edges)
	}
	want2, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want2.Edges(), l.Edges()); diff != "" {
		t.Errorf("stored edges mismatch (-want +got):\n%s", diff)
	}
}

func TestApplyKeepsAdditionsAndRestoresSeededFacts(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	s := mustLoad(t, "testdata/valid")
	if _, err := Apply(ctx, st, s); err != nil {
		t.Fatal(err)
	}

	// An NGO edits a seeded service, adds a service of its own with an
	// edge, and changes a seeded edge.
	l, err := st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rosa, err := graph.Lookup[*graph.Service](l, "rosa")
	if err != nil {
		t.Fatal(err)
	}
	edited := *rosa
	edited.Capacity = 12
	meets, _ := l.Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: "rosa", To: "shelter_safe"})
	changedEdge := *meets
	changedEdge.Extent = graph.ExtentPartial
	added := &graph.Service{Meta: graph.Meta{ID: "new_clinic", Name: "New clinic"},
		Sector: graph.SectorHealth, Funding: graph.FundingVolunteer}
	c := (&graph.Change{}).Update(&edited).Create(added).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: "new_clinic", To: "health_emergency"}).
		PutEdge(changedEdge)
	before, err := st.Apply(ctx, c)
	if err != nil {
		t.Fatal(err)
	}

	res, err := Apply(ctx, st, s)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{
		Version: before + 1,
		Nodes:   Counts{Updated: 1, Unchanged: len(s.Nodes) - 1},
		Edges:   Counts{Updated: 1, Unchanged: len(s.Edges) - 1},
	}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("re-seed mismatch (-want +got):\n%s", diff)
	}

	l, err = st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := graph.Lookup[*graph.Service](l, "new_clinic"); err != nil {
		t.Errorf("the NGO's own service is gone: %v", err)
	}
	if _, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: "new_clinic", To: "health_emergency"}); !ok {
		t.Errorf("the NGO's own edge is gone")
	}
	rosa, err = graph.Lookup[*graph.Service](l, "rosa")
	if err != nil {
		t.Fatal(err)
	}
	if rosa.Capacity != 0 || rosa.Version != 3 {
		t.Errorf("rosa capacity %d at version %d, want the seed's 0 at version 3", rosa.Capacity, rosa.Version)
	}
	if e, _ := l.Edge(meets.Key()); e.Extent != "" {
		t.Errorf("rosa MEETS shelter_safe extent = %q, want the seed's full", e.Extent)
	}
}

func TestApplyRefusesATypeClash(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	clash := &graph.Need{Meta: graph.Meta{ID: "rosa", Name: "Not a service"}, Category: graph.CategoryHealth}
	if _, err := st.Apply(ctx, (&graph.Change{}).Create(clash)); err != nil {
		t.Fatal(err)
	}
	_, err := Apply(ctx, st, mustLoad(t, "testdata/valid"))
	if got := graph.ErrorCode(err); got != graph.ECONFLICT {
		t.Errorf("Apply = %v (code %q), want %q", err, got, graph.ECONFLICT)
	}
	if v, _ := st.Version(ctx); v != 1 {
		t.Errorf("Version = %d after a refused Apply, want 1", v)
	}
}

func TestApplyNorwayTwice(t *testing.T) {
	ctx := context.Background()
	st := mustOpen(t)
	s, err := Load(Norway(), ".")
	if err != nil {
		t.Fatalf("Load(Norway(), \".\"):\n%v", err)
	}
	if _, err := Apply(ctx, st, s); err != nil {
		t.Fatal(err)
	}
	res, err := Apply(ctx, st, s)
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Version: 1, Nodes: Counts{Unchanged: len(s.Nodes)}, Edges: Counts{Unchanged: len(s.Edges)}}
	if diff := cmp.Diff(want, res); diff != "" {
		t.Errorf("second Apply mismatch (-want +got):\n%s", diff)
	}
}
