package neo4j

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

// The environment that points the tests at a Neo4j server. The database is
// emptied by the tests: never point them at one that matters.
const (
	envURI      = "GAPMAP_TEST_NEO4J_URI"      // e.g. bolt://localhost:7687
	envUser     = "GAPMAP_TEST_NEO4J_USER"     // e.g. neo4j
	envPassword = "GAPMAP_TEST_NEO4J_PASSWORD" //
	envDatabase = "GAPMAP_TEST_NEO4J_DATABASE" // optional; the home database if unset
)

// testConfig returns the configuration of the test server, or skips the
// test when there is none.
func testConfig(t *testing.T) Config {
	t.Helper()
	uri := os.Getenv(envURI)
	if uri == "" {
		t.Skipf("no Neo4j server: set %s to run the Neo4j conformance suite (and %s, %s, optionally %s); the database is wiped",
			envURI, envUser, envPassword, envDatabase)
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
// but the schema, and closes the store when the test ends.
func mustOpenWiped(t *testing.T, cfg Config) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := wipe(ctx, s); err != nil {
		t.Fatalf("wipe: %v", err)
	}
	return s
}

// wipe deletes every node and relationship in batches, keeping the
// constraints: the store is then as fresh as a new database, migrated.
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

// TestNeo4jConformance runs the conformance suite on a Neo4j server, each
// test on a wiped database.
func TestNeo4jConformance(t *testing.T) {
	cfg := testConfig(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return mustOpenWiped(t, cfg) })
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
