package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// need returns a valid Need with id.
func need(id string) *graph.Need {
	return &graph.Need{Meta: graph.Meta{ID: id, Name: "Need " + id}, Category: graph.CategoryHealth}
}

// testVersions checks that a node is created at version 1 and each update
// adds one, and that the landscape version follows the applies.
func testVersions(t *testing.T, s graph.Store) {
	if v := mustApply(t, s, new(graph.Change).Create(need("legal-aid"))); v != 1 {
		t.Errorf("create: Apply = %d, want 1", v)
	}
	n := *node[*graph.Need](t, s, "legal-aid")
	if n.Version != 1 {
		t.Fatalf("created node has version %d, want 1", n.Version)
	}
	n.Description = "changed"
	if v := mustApply(t, s, new(graph.Change).Update(&n)); v != 2 {
		t.Errorf("update: Apply = %d, want 2", v)
	}
	got := node[*graph.Need](t, s, "legal-aid")
	if got.Version != 2 || got.Description != "changed" {
		t.Errorf("updated node: version %d, description %q; want 2, %q", got.Version, got.Description, "changed")
	}
	if v := mustApply(t, s, new(graph.Change).Delete("legal-aid", 2, false)); v != 3 {
		t.Errorf("delete: Apply = %d, want 3", v)
	}
	if _, ok := mustLandscape(t, s).Node("legal-aid"); ok {
		t.Error("deleted node is still there")
	}
}

// testCreateKeepsPositiveVersion checks that a created node with a positive
// version keeps it.
func testCreateKeepsPositiveVersion(t *testing.T, s graph.Store) {
	n := need("shelter")
	n.Version = 7
	mustApply(t, s, new(graph.Change).Create(n))
	if got := node[*graph.Need](t, s, "shelter").Version; got != 7 {
		t.Errorf("created with version 7: stored version %d", got)
	}
}

// testStaleUpdate checks that an update naming an old version is refused.
func testStaleUpdate(t *testing.T, s graph.Store) {
	mustApply(t, s, new(graph.Change).Create(need("gp")))
	n := *node[*graph.Need](t, s, "gp")
	n.Description = "first"
	mustApply(t, s, new(graph.Change).Update(&n)) // now version 2
	n.Description = "second, from a stale copy"
	e := wantError(t, s, new(graph.Change).Update(&n), graph.ECONFLICT)
	if e.Field != "version" {
		t.Errorf("stale update error %q names field %q, want version", e, e.Field)
	}
	if got := node[*graph.Need](t, s, "gp").Description; got != "first" {
		t.Errorf("description = %q after a refused update, want %q", got, "first")
	}
}

// testStaleDelete checks that a delete naming an old version is refused.
func testStaleDelete(t *testing.T, s graph.Store) {
	mustApply(t, s, new(graph.Change).Create(need("gp")))
	n := *node[*graph.Need](t, s, "gp")
	mustApply(t, s, new(graph.Change).Update(&n))
	wantError(t, s, new(graph.Change).Delete("gp", 1, false), graph.ECONFLICT)
	wantError(t, s, new(graph.Change).Delete("gp", 3, true), graph.ECONFLICT)
}

// testCreateExisting checks that creating a taken id is refused, whatever
// the type of the node that holds it.
func testCreateExisting(t *testing.T, s graph.Store) {
	load(t, s)
	wantError(t, s, new(graph.Change).Create(need(NeedID)), graph.ECONFLICT)
	wantError(t, s, new(graph.Change).Create(need(ServiceID)), graph.ECONFLICT)
	wantError(t, s, new(graph.Change).Create(need("fresh")).Create(need("fresh")), graph.ECONFLICT)
}

// testMissing checks that updating or deleting what does not exist is
// ENOTFOUND.
func testMissing(t *testing.T, s graph.Store) {
	load(t, s)
	n := need("nowhere")
	n.Version = 1
	wantError(t, s, new(graph.Change).Update(n), graph.ENOTFOUND)
	wantError(t, s, new(graph.Change).Delete("nowhere", 1, false), graph.ENOTFOUND)
	wantError(t, s, new(graph.Change).Delete("nowhere", 1, true), graph.ENOTFOUND)
	for _, k := range []graph.EdgeKey{
		{Type: graph.EdgeMeets, From: ServiceID, To: "nowhere"},
		{Type: graph.EdgeMeets, From: Service2ID, To: NeedID},  // both ends exist
		{Type: graph.EdgeCovers, From: ServiceID, To: NeedID},  // the pair has another type
		{Type: "NO_SUCH_TYPE", From: ServiceID, To: NeedID},    // not a type
		{Type: graph.EdgeMeets, From: "Not An Id", To: NeedID}, // not an id
	} {
		wantError(t, s, new(graph.Change).DeleteEdge(k), graph.ENOTFOUND)
	}
}

// testUpdateCannotChangeType checks that an update cannot turn a node into
// another type, which would break the rules of its edges.
func testUpdateCannotChangeType(t *testing.T, s graph.Store) {
	load(t, s)
	n := need(ServiceID)
	n.Version = 1
	e := wantError(t, s, new(graph.Change).Update(n), graph.ECONFLICT)
	if e.Field != "type" {
		t.Errorf("error %q names field %q, want type", e, e.Field)
	}
}

// testInvalidNode checks that an invalid node is EINVALID naming the node
// and the field, on create and on update.
func testInvalidNode(t *testing.T, s graph.Store) {
	load(t, s)
	bad := &graph.Service{Meta: graph.Meta{ID: "lottery", Name: "Lottery"}, Sector: graph.SectorHealth, Funding: "lottery"}
	e := wantError(t, s, new(graph.Change).Create(bad), graph.EINVALID)
	if e.Node != "Service lottery" || e.Field != "funding" {
		t.Errorf("create error %q names %q, %q; want Service lottery, funding", e, e.Node, e.Field)
	}
	rosa := *node[*graph.Service](t, s, ServiceID)
	rosa.Genders = []graph.Gender{"unknown"}
	e = wantError(t, s, new(graph.Change).Update(&rosa), graph.EINVALID)
	if e.Node != "Service rosa" || e.Field != "genders[0]" {
		t.Errorf("update error %q names %q, %q; want Service rosa, genders[0]", e, e.Node, e.Field)
	}
	wantError(t, s, new(graph.Change).Create(need("Not An Id")), graph.EINVALID)

	// A malformed change is refused, never a panic.
	for _, op := range []graph.Op{
		{Kind: graph.OpCreate},
		{Kind: graph.OpUpdate, Node: (*graph.Service)(nil)},
		{Kind: graph.OpPutEdge},
		{Kind: "rename", ID: ServiceID},
	} {
		wantError(t, s, &graph.Change{Ops: []graph.Op{op}}, graph.EINVALID)
	}
}

// testChanged checks Landscape.Changed: zero for an empty store, then the
// time of the last Apply that changed something, in UTC and to the
// microsecond, moving forward with each non-empty Apply and not with an
// empty one.
func testChanged(t *testing.T, s graph.Store) {
	if c := mustLandscape(t, s).Changed(); !c.IsZero() {
		t.Errorf("empty store: Changed = %s, want the zero time", c)
	}
	check := func(what string, from, to time.Time) time.Time {
		t.Helper()
		c := mustLandscape(t, s).Changed()
		switch {
		case c.Location() != time.UTC:
			t.Errorf("%s: Changed %s is in %s, want UTC", what, c, c.Location())
		case !c.Equal(c.Truncate(time.Microsecond)):
			t.Errorf("%s: Changed %s is finer than a microsecond", what, c)
		case c.Before(from.Truncate(time.Microsecond)) || c.After(to):
			t.Errorf("%s: Changed %s is not between %s and %s", what, c, from, to)
		}
		return c
	}
	var prev time.Time
	for i, c := range []*graph.Change{
		new(graph.Change).Create(need("food-bank")),
		new(graph.Change).Create(need("shelter")),
		new(graph.Change).Delete("shelter", 1, false),
	} {
		// A clock that moves forward between the applies moves Changed.
		time.Sleep(2 * time.Millisecond)
		from := time.Now()
		mustApply(t, s, c)
		got := check(fmt.Sprintf("apply %d", i+1), from, time.Now())
		if !got.After(prev) {
			t.Errorf("apply %d: Changed %s is not after %s, that of the previous apply", i+1, got, prev)
		}
		prev = got
	}
	time.Sleep(2 * time.Millisecond)
	mustApply(t, s, new(graph.Change))
	if got := mustLandscape(t, s).Changed(); !got.Equal(prev) {
		t.Errorf("empty apply: Changed moved from %s to %s", prev, got)
	}
}
