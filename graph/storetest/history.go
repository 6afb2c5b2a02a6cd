package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/google/go-cmp/cmp"
)

// testHistoryRoundTrip checks that the first load records one revision of
// every node, holding the node and its edges with every field as Landscape
// returns them.
func testHistoryRoundTrip(t *testing.T, s graph.Store) {
	from := time.Now()
	before, after, v := apply(t, s, FixtureChange(), "seed", "first load: «NKVTS 2025», ø æ å")
	to := time.Now()
	var ids []string
	for _, n := range after.AllNodes() {
		ids = append(ids, n.Base().ID)
	}
	wantRevisions(t, s, before, after, v, "seed", "first load: «NKVTS 2025», ø æ å", ids...)
	var first time.Time
	for _, id := range ids {
		h := mustHistory(t, s, id)
		if len(h) != 1 {
			t.Fatalf("History(%s) has %d revisions, want 1", id, len(h))
		}
		checkTimes(t, h, from, to)
		if first.IsZero() {
			first = h[0].Time
		} else if !h[0].Time.Equal(first) {
			t.Errorf("History(%s): time %s, want %s, the time of the other revisions of the change", id, h[0].Time, first)
		}
	}
}

// testHistoryOfNode follows one node through create, two updates, delete
// and a revive (a restore): its revisions, newest first, hold each state
// and who made it, and a deleted node keeps its history.
func testHistoryOfNode(t *testing.T, s graph.Store) {
	const id = "legal-aid"
	from := time.Now()
	steps := []struct {
		actor, reason string
		change        func() *graph.Change
	}{
		{"user:ada", "new need", func() *graph.Change { return new(graph.Change).Create(need(id)) }},
		{"user:bo", "", func() *graph.Change {
			n := *node[*graph.Need](t, s, id)
			n.Description = "first"
			return new(graph.Change).Update(&n)
		}},
		{"token:7", "verified today", func() *graph.Change {
			n := *node[*graph.Need](t, s, id)
			n.Description = "second"
			return new(graph.Change).Update(&n)
		}},
		{"user:ada", "duplicate", func() *graph.Change { return new(graph.Change).Delete(id, 3, false) }},
		{"cli", "restore", func() *graph.Change { return new(graph.Change).Revive(need(id)) }},
	}
	var want []graph.Revision // newest first
	for i, step := range steps {
		before, after, v := apply(t, s, step.change(), step.actor, step.reason)
		want = append([]graph.Revision{revisionFrom(id, before, after, v, step.actor, step.reason)}, want...)
		got := mustHistory(t, s, id)
		if diff := cmp.Diff(want, got, revisionOpts); diff != "" {
			t.Fatalf("after step %d: History mismatch (-want +got):\n%s", i+1, diff)
		}
		checkTimes(t, got, from, time.Now())
	}
	// The steps, spelled out: the states the history must hold.
	h := mustHistory(t, s, id)
	for i, w := range []struct {
		version       int64
		before, after string // the descriptions; "-" for no node
		actor         string
	}{
		{1, "-", "", "cli"},
		{0, "second", "-", "user:ada"},
		{3, "first", "second", "token:7"},
		{2, "", "first", "user:bo"},
		{1, "-", "", "user:ada"},
	} {
		r := h[i]
		if r.Version != w.version || description(r.Before) != w.before || description(r.After) != w.after || r.Actor != w.actor {
			t.Errorf("revision %d: version %d, %q -> %q by %s; want %d, %q -> %q by %s", i,
				r.Version, description(r.Before), description(r.After), r.Actor, w.version, w.before, w.after, w.actor)
		}
	}
}

// description returns the description of a Need, or "-" for none.
func description(n graph.Node) string {
	if n, ok := n.(*graph.Need); ok && n != nil {
		return n.Description
	}
	return "-"
}

// testHistoryEdges checks that putting and deleting edges records a
// revision of their start node, not of their end node, and that a change
// touching a node several times records one revision of it.
func testHistoryEdges(t *testing.T, s graph.Store) {
	load(t, s)
	meets := graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: NeedID, Extent: graph.ExtentPartial,
		Sources: []string{SourceID}, Year: 2024, Confidence: graph.Verified, Note: "at night"}
	before, after, v := apply(t, s, new(graph.Change).PutEdge(meets), "user:ngo", "")
	wantRevisions(t, s, before, after, v, "user:ngo", "", Service2ID)
	if got := mustHistory(t, s, Service2ID)[0].EdgesAfter; len(got) != 1 || got[0].Note != "at night" {
		t.Errorf("EdgesAfter = %v, want the MEETS edge", got)
	}

	rosa := *node[*graph.Service](t, s, ServiceID)
	rosa.Capacity++
	_, edges := Fixture()
	replaced := edges[1] // MEETS rosa -> emergency-health
	replaced.Note = "replaced"
	c := new(graph.Change).
		Update(&rosa).
		PutEdge(replaced).
		DeleteEdge(graph.EdgeKey{Type: graph.EdgeRefersTo, From: ServiceID, To: Service2ID}).
		PutEdge(graph.Edge{Type: graph.EdgeRefersTo, From: ServiceID, To: Service2ID, Note: "again"})
	before, after, v = apply(t, s, c, "user:rosa", "referral renewed")
	wantRevisions(t, s, before, after, v, "user:rosa", "referral renewed", ServiceID)

	before, after, v = apply(t, s, new(graph.Change).DeleteEdge(meets.Key()), "user:ngo", "closed")
	wantRevisions(t, s, before, after, v, "user:ngo", "closed", Service2ID)
	if n := len(mustHistory(t, s, Service2ID)); n != 3 {
		t.Errorf("History(%s) has %d revisions, want 3", Service2ID, n)
	}
}

// testHistoryCascade checks that a cascading delete records a revision of
// the deleted nodes and of the start node of every edge it removes, also
// of one that is deleted too.
func testHistoryCascade(t *testing.T, s graph.Store) {
	load(t, s)
	// emergency-health has edges from rosa, undocumented, women-sexual,
	// greta-2022-45 and ross2015, and none of its own; rosa has eight edges, to nodes
	// the delete leaves alone.
	c := new(graph.Change).Delete(NeedID, 1, true).Delete(ServiceID, 1, true)
	before, after, v := apply(t, s, c, "user:admin", "merged")
	wantRevisions(t, s, before, after, v, "user:admin", "merged", NeedID, ServiceID, StatusID, GroupID, RecommendID, StudyID)
	h := mustHistory(t, s, ServiceID)
	if len(h) != 2 || h[0].After != nil || len(h[0].EdgesBefore) != 8 || len(h[0].EdgesAfter) != 0 {
		t.Errorf("History(%s)[0] = %+v; want rosa deleted with its 8 edges", ServiceID, h[0])
	}
}

// testHistoryTouched checks which nodes a mixed change records a revision
// of: a node created and deleted in the change has one with neither state.
func testHistoryTouched(t *testing.T, s graph.Store) {
	load(t, s)
	c := new(graph.Change).
		Create(need("interpreter")).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter"}).
		Delete(StageID, 1, true).
		Create(&graph.Stage{Meta: graph.Meta{ID: StageID, Name: "Renewed"}, Order: 2}).
		PutEdge(graph.Edge{Type: graph.EdgeAtStage, From: Service2ID, To: StageID}).
		Create(need("fleeting")).
		PutEdge(graph.Edge{Type: graph.EdgeNeeds, From: GroupID, To: "fleeting"}).
		Delete("fleeting", 1, true)
	before, after, v := apply(t, s, c, "cli", "")
	// rosa lost its AT_STAGE edge to the old stage; women-sexual gained and
	// lost an edge to fleeting.
	wantRevisions(t, s, before, after, v, "cli", "", "interpreter", Service2ID, StageID, ServiceID, GroupID, "fleeting")
	if h := mustHistory(t, s, "fleeting"); len(h) != 1 || h[0].Before != nil || h[0].After != nil || h[0].Version != 0 {
		t.Errorf("History(fleeting) = %+v; want one revision with neither state", h)
	}
}

// testHistoryFailedApply checks that a failed change records nothing, also
// on its first operations that succeeded.
func testHistoryFailedApply(t *testing.T, s graph.Store) {
	load(t, s)
	rosa := *node[*graph.Service](t, s, ServiceID)
	rosa.Capacity = 99
	stale := *node[*graph.Need](t, s, NeedID)
	stale.Version = 5
	c := new(graph.Change).
		Create(need("first")).
		Update(&rosa).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: NeedID}).
		Delete(CountryID, 1, true).
		Update(&stale)
	c.Actor = "user:late"
	wantError(t, s, c, graph.ECONFLICT) // checks every history
	if _, err := s.History(context.Background(), "first"); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("History of a node only a failed change created = %v, want ENOTFOUND", err)
	}
	for _, id := range []string{ServiceID, Service2ID, CountryID, MunicipalID} {
		if n := len(mustHistory(t, s, id)); n != 1 {
			t.Errorf("History(%s) has %d revisions, want 1", id, n)
		}
	}
}

// testHistoryUnknown checks that the history of an id no node ever had is
// ENOTFOUND, also of a prefix of an id that has one.
func testHistoryUnknown(t *testing.T, s graph.Store) {
	ctx := context.Background()
	check := func() {
		t.Helper()
		for _, id := range []string{"nowhere", "ros", "rosa-", "", "Not An Id", "rosa/x"} {
			if h, err := s.History(ctx, id); graph.ErrorCode(err) != graph.ENOTFOUND {
				t.Errorf("History(%q) = %d revisions, %v; want ENOTFOUND", id, len(h), err)
			}
		}
	}
	check()
	load(t, s)
	check()
	ctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.History(ctx, ServiceID); err == nil {
		t.Error("History with a canceled context succeeded")
	}
}

// testHistoryRecords checks that history belongs to the record, not to the
// id: a node created again with a deleted node's id starts a new record,
// whose revisions hold nothing of the old one's, while the old record keeps
// its history; a Revive continues the record that was deleted.
func testHistoryRecords(t *testing.T, s graph.Store) {
	const id = "shelter"
	secret := need(id)
	secret.Description = "the old record's secret"
	mustApply(t, s, new(graph.Change).Create(secret))
	n := *node[*graph.Need](t, s, id)
	n.Description = "still the old record's"
	mustApply(t, s, new(graph.Change).Update(&n))
	mustApply(t, s, new(graph.Change).Delete(id, 2, false))
	old := mustHistory(t, s, id)
	if got := graph.Records(old); got != 1 {
		t.Fatalf("after a create, an update and a delete: %d records, want 1", got)
	}

	mustApply(t, s, new(graph.Change).Create(need(id))) // someone else's, same id
	h := mustHistory(t, s, id)
	if got := graph.Records(h); got != 2 {
		t.Fatalf("after creating the id again: %d records, want 2", got)
	}
	fresh := graph.RecordRevisions(h, 2)
	if len(fresh) != 1 || fresh[0].Before != nil || fresh[0].After == nil || fresh[0].Version != 1 {
		t.Errorf("the new record's history = %+v; want one creation at version 1", fresh)
	}
	for _, r := range fresh {
		if strings.Contains(description(r.Before)+description(r.After), "old record") {
			t.Errorf("the new record's history shows the old record: %q -> %q", description(r.Before), description(r.After))
		}
	}
	if diff := cmp.Diff(old, graph.RecordRevisions(h, 1), revisionOpts); diff != "" {
		t.Errorf("the old record's history changed (-before +after):\n%s", diff)
	}
	for i, r := range graph.RecordRevisions(h, 1) {
		if r.Record != 1 {
			t.Errorf("old record revision %d: Record %d, want 1", i, r.Record)
		}
	}

	// The new record deleted and revived: the revive continues it.
	mustApply(t, s, new(graph.Change).Delete(id, 1, false))
	mustApply(t, s, new(graph.Change).Revive(need(id)))
	h = mustHistory(t, s, id)
	if got := graph.Records(h); got != 2 {
		t.Fatalf("after a revive: %d records, want 2 (the revive continues record 2)", got)
	}
	if r := h[0]; !r.Revived || r.Record != 2 || r.Before != nil || r.After == nil {
		t.Errorf("the revive's revision = record %d, revived %v; want record 2, revived", r.Record, r.Revived)
	}
	if got := len(graph.RecordRevisions(h, 2)); got != 3 {
		t.Errorf("record 2 has %d revisions, want 3 (create, delete, revive)", got)
	}
	if got := len(graph.RecordRevisions(h, 1)); got != 3 {
		t.Errorf("record 1 has %d revisions, want 3", got)
	}
}
