package neo4j

import (
	"context"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

func need(id string) *graph.Need {
	return &graph.Need{Meta: graph.Meta{ID: id, Name: "Need " + id}, Category: graph.CategoryHealth}
}

// TestRoundTrips checks that loading a landscape and applying a change take
// a fixed number of statements, however many nodes and edges they hold
// (up to maxBatch).
func TestRoundTrips(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)

	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	want := []string{"bump_version.cypher", "node_states.cypher",
		"lookup_nodes.cypher", "create_nodes.cypher", "lookup_nodes.cypher", "put_edges.cypher",
		"node_states.cypher", "create_revisions.cypher"}
	if diff := cmp.Diff(want, db.queries()); diff != "" {
		t.Errorf("Apply(fixture) statements mismatch (-want +got):\n%s", diff)
	}

	l, err := s.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, e := l.Len(); n != 14 || e != 17 {
		t.Errorf("landscape has %d nodes, %d edges; want 14, 17", n, e)
	}
	want = []string{"version.cypher", "load_nodes.cypher", "load_edges.cypher", "version.cypher"}
	if diff := cmp.Diff(want, db.queries()); diff != "" {
		t.Errorf("Landscape statements mismatch (-want +got):\n%s", diff)
	}
}

// TestBatches checks how a change is cut into statements: a run of one kind
// is one statement until an operation names a node or edge the run already
// holds; deletes go one by one.
func TestBatches(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	a, b := need("a"), need("b")
	if _, err := s.Apply(ctx, new(graph.Change).Create(a).Create(b)); err != nil {
		t.Fatal(err)
	}
	db.queries()
	a1, a2 := *a, *a
	a1.Version, a1.Description = 1, "one"
	a2.Version, a2.Description = 2, "two"
	b1 := *b
	b1.Version = 1
	c := new(graph.Change).
		Update(&a1).Update(&b1). // one statement
		Update(&a2).             // a again: a new one
		Create(need("c")).Create(need("d")).
		Delete("c", 1, false).Delete("d", 1, false).
		PutEdge(graph.Edge{Type: graph.EdgeTransitionsTo, From: "a", To: "b"}).
		DeleteEdge(graph.EdgeKey{Type: graph.EdgeTransitionsTo, From: "a", To: "b"})
	if _, err := s.Apply(ctx, c); err == nil || graph.ErrorCode(err) != graph.EINVALID {
		// TRANSITIONS_TO joins statuses: the put fails, after the rest ran.
		t.Fatalf("Apply = %v, want EINVALID", err)
	}
	want := []string{
		"bump_version.cypher",
		"edge_starts.cypher", "node_states.cypher", // the history's before
		"lookup_nodes.cypher", "update_nodes.cypher",
		"lookup_nodes.cypher", "update_nodes.cypher",
		"lookup_nodes.cypher", "create_nodes.cypher",
		"delete_check.cypher", "delete_node.cypher",
		"delete_check.cypher", "delete_node.cypher",
		"lookup_nodes.cypher",
	}
	if diff := cmp.Diff(want, db.queries()); diff != "" {
		t.Errorf("statements mismatch (-want +got):\n%s", diff)
	}
}

// TestErrorOrder checks that the first failing operation is the one
// reported, also when a later operation of its batch fails a check that
// needs no database.
func TestErrorOrder(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t)
	missing := need("missing")
	missing.Version = 1
	invalid := need("Bad Id")
	_, err := s.Apply(ctx, new(graph.Change).Update(missing).Update(invalid))
	if graph.ErrorCode(err) != graph.ENOTFOUND || !strings.Contains(err.Error(), "op 1 (update)") {
		t.Errorf("Apply = %v; want ENOTFOUND for op 1", err)
	}
	_, err = s.Apply(ctx, new(graph.Change).Create(need("x")).Create(need("y")).Create(need("x")))
	if graph.ErrorCode(err) != graph.ECONFLICT || !strings.Contains(err.Error(), "op 3 (create)") {
		t.Errorf("Apply = %v; want ECONFLICT for op 3", err)
	}
}

// TestLandscapeDuringWrites checks that Landscape retries a read that a
// commit overlapped, and reads under the lock when that keeps happening.
func TestLandscapeDuringWrites(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	// Another instance commits while each lock-free read reads the nodes.
	// (The read under the lock would wait for it: it gets none.)
	db.onRun = func(q *query, write bool) {
		if q == qLoadNodes && !write {
			cypher(t, s, "MATCH (m:GapmapMeta {id: 'landscape'}) SET m.version = m.version + 1", nil)
		}
	}
	db.queries()
	l, err := s.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if l.Version() != 1+optimisticReads {
		t.Errorf("landscape version %d, want %d", l.Version(), 1+optimisticReads)
	}
	got := db.queries()
	if n := strings.Count(strings.Join(got, " "), "load_nodes"); n != optimisticReads+1 {
		t.Errorf("%d reads of the nodes, want %d: %v", n, optimisticReads+1, got)
	}
	if got[len(got)-4] != "lock_version.cypher" {
		t.Errorf("last read does not start with lock_version: %v", got)
	}
}

// TestLandscapeDamage checks that a database holding what gapmap would not
// write fails to load with an internal error, not a user's one.
func TestLandscapeDamage(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t)
	if _, err := s.Apply(ctx, new(graph.Change).Create(need("a")).Create(need("b"))); err != nil {
		t.Fatal(err)
	}
	// MEETS joins a service to a need, never two needs.
	cypher(t, s, "MATCH (a:Node {id: 'a'}), (b:Node {id: 'b'}) CREATE (a)-[:MEETS]->(b)", nil)
	_, err := s.Landscape(ctx)
	if err == nil || !strings.Contains(err.Error(), "inconsistent") || graph.ErrorCode(err) != graph.EINTERNAL {
		t.Errorf("Landscape = %v (code %s); want an internal error saying inconsistent", err, graph.ErrorCode(err))
	}
}

// TestMigrate checks that migrations run once, are recorded, and that a
// database migrated by a newer gapmap is refused.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	cypher(t, s, "MATCH (m:GapmapMigration) DELETE m", nil) // a new database, but for its schema
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	// migrations_applied, then each migration's statements and its record.
	want := 1
	for _, m := range migrations {
		want += len(m.statements) + 1
	}
	if got := db.queries(); len(got) != want {
		t.Errorf("migrations ran %d statements, want %d: %v", len(got), want, got)
	}
	applied, err := s.Migrate(ctx)
	if err != nil || len(applied) != 0 {
		t.Errorf("second Migrate = %v, %v; want nothing to do", applied, err)
	}
	if p, err := s.PendingMigrations(ctx); err != nil || len(p) != 0 {
		t.Errorf("PendingMigrations = %v, %v; want none", p, err)
	}
	cypher(t, s, "CREATE (:GapmapMigration {version: 99, name: 'future'})", nil)
	if _, err := s.Migrate(ctx); err == nil || !strings.Contains(err.Error(), "upgrade gapmap") {
		t.Errorf("Migrate on a newer database = %v; want an error asking to upgrade", err)
	}
	if got := Migrations(); len(got) != len(migrations) || got[0].Version != 1 {
		t.Errorf("Migrations() = %v", got)
	}
}

// TestMigrateFromRelease3 checks that a database migrated by the release
// before the failed sign-ins moved to the database gets migration 4 alone:
// the uniqueness constraint on the keys of the failed sign-ins.
func TestMigrateFromRelease3(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	cypher(t, s, "MATCH (m:GapmapMigration) WHERE m.version > 3 DELETE m", nil)
	cypher(t, s, "DROP CONSTRAINT gapmap_login_failures_key IF EXISTS", nil)
	db.queries()
	applied, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 1 || applied[0].Version != 4 {
		t.Errorf("Migrate applied %v; want migration 4 alone", applied)
	}
	want := []string{qMigrationsApplied.name, qConstraintLoginFailuresKey.name, qRecordMigration.name}
	if diff := cmp.Diff(want, db.queries()); diff != "" {
		t.Errorf("statements mismatch (-want +got):\n%s", diff)
	}
	recs := cypher(t, s, "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "+
		"WHERE name = 'gapmap_login_failures_key' RETURN type, labelsOrTypes, properties", nil)
	if len(recs) != 1 || recs[0].Values[0] != "UNIQUENESS" ||
		!cmp.Equal(recs[0].Values[1:], []any{[]any{"GapmapLoginFailures"}, []any{"key"}}) {
		t.Errorf("after migration 4, the constraint on the keys of failed sign-ins is %v; want UNIQUENESS of GapmapLoginFailures.key", recs)
	}
}

// TestEmpty checks that Empty sees landscape nodes only.
func TestEmpty(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t) // holds migration records
	if empty, err := s.Empty(ctx); err != nil || !empty {
		t.Errorf("Empty on a migrated database = %v, %v; want true", empty, err)
	}
	if _, err := s.Apply(ctx, new(graph.Change).Create(need("a"))); err != nil {
		t.Fatal(err)
	}
	if empty, err := s.Empty(ctx); err != nil || empty {
		t.Errorf("Empty = %v, %v; want false", empty, err)
	}
}
