package storetest

import (
	"context"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// testAllOrNothing checks that a change whose third operation fails leaves
// the first two unapplied, for each kind of failure.
func testAllOrNothing(t *testing.T, s graph.Store) {
	load(t, s)
	rosa := *node[*graph.Service](t, s, ServiceID)
	rosa.Capacity = 99
	stale := *node[*graph.Need](t, s, NeedID)
	stale.Version = 5
	for _, test := range []struct {
		name  string
		third graph.Op
		code  string
	}{
		{"invalid node", graph.Op{Kind: graph.OpCreate, Node: need("Bad Id")}, graph.EINVALID},
		{"stale version", graph.Op{Kind: graph.OpUpdate, Node: &stale}, graph.ECONFLICT},
		{"taken id", graph.Op{Kind: graph.OpCreate, Node: need(OrgID)}, graph.ECONFLICT},
		{"missing node", graph.Op{Kind: graph.OpDelete, ID: "nowhere", Version: 1}, graph.ENOTFOUND},
		{"dangling edge", graph.Op{Kind: graph.OpPutEdge, Edge: &graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: "nowhere"}}, graph.EINVALID},
		{"delete with edges", graph.Op{Kind: graph.OpDelete, ID: CountryID, Version: 1}, graph.ECONFLICT},
	} {
		t.Run(test.name, func(t *testing.T) {
			c := new(graph.Change).
				Create(need("first")).
				Update(&rosa)
			c.Ops = append(c.Ops, test.third)
			c.PutEdge(graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: "first"})
			wantError(t, s, c, test.code)
		})
	}
}

// testEmptyChange checks that an empty change writes nothing and returns the
// current version.
func testEmptyChange(t *testing.T, s graph.Store) {
	ctx := context.Background()
	for _, c := range []*graph.Change{nil, {}} {
		if v, err := s.Apply(ctx, c); err != nil || v != 0 {
			t.Errorf("empty change on an empty store: Apply = %d, %v; want 0, nil", v, err)
		}
	}
	load(t, s)
	before := mustLandscape(t, s)
	for _, c := range []*graph.Change{nil, {}} {
		if v, err := s.Apply(ctx, c); err != nil || v != 1 {
			t.Errorf("empty change: Apply = %d, %v; want 1, nil", v, err)
		}
	}
	wantUnchanged(t, s, before)
}

// testVersionPerApply checks that each non-empty Apply adds exactly one to
// the landscape version, however many operations it holds.
func testVersionPerApply(t *testing.T, s graph.Store) {
	want := int64(1)
	if v := load(t, s); v != want {
		t.Fatalf("Apply = %d, want %d", v, want)
	}
	for i, c := range []*graph.Change{
		new(graph.Change).Create(need("a")),
		new(graph.Change).Create(need("b")).Create(need("c")).Delete("a", 1, false),
		new(graph.Change).PutEdge(graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: "b"}),
		new(graph.Change).PutEdge(graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: "b"}), // the same edge again
		new(graph.Change).DeleteEdge(graph.EdgeKey{Type: graph.EdgeMeets, From: ServiceID, To: "b"}),
	} {
		want++
		if v := mustApply(t, s, c); v != want {
			t.Errorf("change %d: Apply = %d, want %d", i, v, want)
		}
		if l := mustLandscape(t, s); l.Version() != want {
			t.Errorf("change %d: landscape version %d, want %d", i, l.Version(), want)
		}
	}
}

// testCanceledContext checks that Apply with a canceled context fails and
// writes nothing.
func testCanceledContext(t *testing.T, s graph.Store) {
	load(t, s)
	before := mustLandscape(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if v, err := s.Apply(ctx, new(graph.Change).Create(need("late"))); err == nil {
		t.Errorf("Apply with a canceled context = %d, nil; want an error", v)
	}
	wantUnchanged(t, s, before)
}

// testVersionMatchesLandscape checks that Version agrees with the version of
// the snapshot Landscape returns, before and after writes.
func testVersionMatchesLandscape(t *testing.T, s graph.Store) {
	check := func(want int64) {
		t.Helper()
		v, err := s.Version(context.Background())
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		if l := mustLandscape(t, s); v != want || l.Version() != want {
			t.Errorf("Version = %d, Landscape().Version() = %d; want %d", v, l.Version(), want)
		}
	}
	check(0)
	load(t, s)
	check(1)
	mustApply(t, s, new(graph.Change).Create(need("x")))
	check(2)
	wantError(t, s, new(graph.Change).Create(need("x")), graph.ECONFLICT)
	check(2)
}
