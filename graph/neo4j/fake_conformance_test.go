package neo4j

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

// TestConformanceOnFake runs the conformance suite on the in-memory
// imitation of Neo4j, every write transaction run twice as after a
// transient failure: the Go side of the store (batching, checks, errors,
// mapping, retries) behaves as the suite demands. TestNeo4jConformance runs
// the same suite on a real server.
func TestConformanceOnFake(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		db := newFakeDB()
		db.retry = true
		s := openFake(t, db)
		t.Cleanup(func() { s.Close() })
		return s
	})
}
