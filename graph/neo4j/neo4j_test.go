package neo4j

import (
	"context"
	"errors"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

// The environment that points the tests at a Neo4j server. The database is
// emptied by the tests: never point them at one that matters.
// scripts/neo4j/start DIR starts one and writes these variables to DIR/env.
const (
	envURI      = "GAPMAP_TEST_NEO4J_URI"      // e.g. neo4j://127.0.0.1:7687
	envUser     = "GAPMAP_TEST_NEO4J_USER"     // e.g. neo4j
	envPassword = "GAPMAP_TEST_NEO4J_PASSWORD" //
	envDatabase = "GAPMAP_TEST_NEO4J_DATABASE" // optional; the home database if unset
)

// testConfig returns the configuration of the test server. Without one the
// test is skipped, and fails under CI=true: CI starts a server, so a missing
// one there is a broken CI, not a reason to test less.
func testConfig(t testing.TB) Config {
	t.Helper()
	uri := os.Getenv(envURI)
	if uri == "" {
		msg := "no Neo4j server: run scripts/neo4j/start DIR and source DIR/env (it sets " +
			envURI + ", " + envUser + ", " + envPassword + "); the database is wiped"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return Config{
		URI:      uri,
		Username: os.Getenv(envUser),
		Password: os.Getenv(envPassword),
		Database: os.Getenv(envDatabase),
		Timeout:  time.Minute,
	}
}

// mustOpenWiped opens the test server's database, deletes everything in it
// but the schema, migrates it and closes the store when the test ends. The
// migration records go with the rest, so Migrate runs every migration again
// (each creates its schema only if it does not exist).
func mustOpenWiped(t testing.TB, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	cfg.SkipMigrations = true // a test may have left a migration from the future
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := wipe(ctx, s); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s
}

// wipe deletes every node and relationship in batches, keeping the
// constraints and indexes.
func wipe(ctx context.Context, s *Store) error {
	for {
		var deleted int64
		err := s.exec.write(ctx, func(tx runner) error {
			var err error
			deleted, err = runSingle[int64](tx, qWipeBatch, nil, "deleted")
			return err
		})
		if err != nil || deleted == 0 {
			return err
		}
	}
}

// tracer wraps the executor of a store on the real server. It records the
// name of every statement run (what a call costs in round trips), can run
// every write transaction function twice, the first attempt rolled back as
// after a transient failure the driver retries, and can call a hook before
// each statement.
type tracer struct {
	executor
	retry bool
	// onRun, if set, is called before each statement; write says whether
	// it runs in a write transaction.
	onRun func(q *query, write bool)

	mu  sync.Mutex
	log []string
}

// errAttempt rolls back the first attempt of a write when tracer.retry.
var errAttempt = errors.New("first attempt, rolled back")

func (tr *tracer) read(ctx context.Context, work func(runner) error) error {
	return tr.executor.read(ctx, func(r runner) error { return work(&tracedRunner{tr: tr, r: r}) })
}

func (tr *tracer) write(ctx context.Context, work func(runner) error) error {
	if tr.retry {
		_ = tr.executor.write(ctx, func(r runner) error {
			_ = work(&tracedRunner{tr: tr, r: r, write: true, quiet: true})
			return errAttempt
		})
	}
	return tr.executor.write(ctx, func(r runner) error { return work(&tracedRunner{tr: tr, r: r, write: true}) })
}

// queries returns the names of the statements run since the last call.
func (tr *tracer) queries() []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	l := tr.log
	tr.log = nil
	return l
}

type tracedRunner struct {
	tr    *tracer
	r     runner
	write bool
	quiet bool // the rolled-back attempt of a retried write is not logged
}

func (r *tracedRunner) run(q *query, params map[string]any) ([]*neo4j.Record, error) {
	if !r.quiet {
		r.tr.mu.Lock()
		r.tr.log = append(r.tr.log, q.name)
		r.tr.mu.Unlock()
	}
	if r.tr.onRun != nil && !r.quiet {
		r.tr.onRun(q, r.write)
	}
	return r.r.run(q, params)
}

// openTraced returns a store on the wiped, migrated test database, with a
// tracer on its executor.
func openTraced(t testing.TB) (*Store, *tracer) {
	t.Helper()
	s := mustOpenWiped(t, testConfig(t))
	tr := &tracer{executor: s.exec}
	s.exec = tr
	return s, tr
}

// cypher runs a statement that only a test needs (to plant what gapmap
// would not write, or to look at what it wrote) in a write transaction and
// returns its records.
func cypher(t testing.TB, s *Store, text string, params map[string]any) []*neo4j.Record {
	t.Helper()
	var names []string
	for k := range params {
		names = append(names, k)
	}
	q := &query{name: "test statement", text: text, params: slices.Sorted(slices.Values(names))}
	if params == nil {
		params = map[string]any{}
	}
	var recs []*neo4j.Record
	exec := s.exec
	if tr, ok := exec.(*tracer); ok {
		exec = tr.executor // neither traced nor retried
	}
	err := exec.write(context.Background(), func(tx runner) error {
		var err error
		recs, err = tx.run(q, params)
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return recs
}

// TestNeo4jConformance runs the conformance suite on the Neo4j server, each
// test on a wiped database, every write transaction run twice, the first
// attempt rolled back: a store whose transaction functions kept state from
// an earlier attempt would fail it.
func TestNeo4jConformance(t *testing.T) {
	cfg := testConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store {
		s := mustOpenWiped(t, cfg)
		s.exec = &tracer{executor: s.exec, retry: true}
		return s
	})
}

// TestNeo4jOpenTwice checks that a second Open of a migrated database
// applies no migration and finds the database as the first left it.
func TestNeo4jOpenTwice(t *testing.T) {
	cfg := testConfig(t)
	ctx := context.Background()
	s := mustOpenWiped(t, cfg)
	if empty, err := s.Empty(ctx); err != nil || !empty {
		t.Fatalf("Empty after wipe = %v, %v; want true", empty, err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatalf("Apply: %v", err)
	}
	s2, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer s2.Close()
	if p, err := s2.PendingMigrations(ctx); err != nil || len(p) != 0 {
		t.Errorf("PendingMigrations after Open = %v, %v; want none", p, err)
	}
	if v, err := s2.Version(ctx); err != nil || v != 1 {
		t.Errorf("Version seen by a second store = %d, %v; want 1", v, err)
	}
	if empty, err := s2.Empty(ctx); err != nil || empty {
		t.Errorf("Empty = %v, %v; want false", empty, err)
	}
}
