package neo4j

import (
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestAuthStoreOnFake runs the auth.Store conformance suite on the
// in-memory imitation of Neo4j, every write transaction run twice as after a
// transient failure.
func TestAuthStoreOnFake(t *testing.T) {
	authtest.Run(t, func(t *testing.T) auth.Store {
		db := newFakeDB()
		db.retry = true
		s := openFake(t, db)
		t.Cleanup(func() { s.Close() })
		return s
	})
}

// TestNeo4jAuthStore runs the auth.Store conformance suite on a Neo4j
// server, each test on a wiped database.
func TestNeo4jAuthStore(t *testing.T) {
	cfg := testConfig(t)
	authtest.Run(t, func(t *testing.T) auth.Store { return mustOpenWiped(t, cfg) })
}
