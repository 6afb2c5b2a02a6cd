// Package neo4j is a graph.Store kept in a Neo4j 5 database, for running
// several gapmap instances on one landscape.
//
// # Model
//
// Every landscape node has the label Node and the label of its type
// (:Node:Service); its properties are the fields of its JSON form (see
// mapping.go). Every edge is a relationship of its type (RUN_BY, MEETS, ...)
// between two Nodes, with its JSON fields as properties. Ids are unique
// across the graph: migrations create a uniqueness constraint (and so an
// index) on id for Node and for every type label.
//
// Beside the landscape the store keeps bookkeeping nodes, which have no Node
// label: (:GapmapMeta {id: 'landscape', version, changed}) holds the
// landscape version and the DATETIME of its last change, (:GapmapMigration {version, name, applied_at}) records each
// applied migration, and (:GapmapRevision {node_id, landscape_version, ...})
// is one entry in the history of a node (see history.go). The accounts and
// the failed sign-ins of the login limit, which every instance on the
// database shares, are nodes without the Node label too (see
// auth_mapping.go and auth_failures.go).
//
// # Transactions
//
// Every Apply is one managed write transaction. Its first statement adds one
// to the version on the meta node, which takes that node's write lock until
// the transaction ends: writers run one at a time, and the checks of each
// operation (does the node exist, at which version, does an edge cite it)
// read data no other writer can change before the commit. The update and
// delete statements check the version themselves as well, so a stale write
// cannot slip through even so. Any error rolls the whole transaction back.
// The driver retries transient failures (deadlocks, leader changes) by
// running the transaction function again, which starts from the Change each
// time.
//
// Version reads the meta node alone, so instances can poll it cheaply.
// Landscape reads the version, the nodes, the edges and the version again in
// one read transaction, and retries when a write committed in between; after
// a few tries it reads under the meta node's lock.
//
// Every statement is a file in queries/, embedded in the binary and run with
// parameters only; scripts/cypherlint lints them with Neo4j's own parser.
//
// # Tests
//
// The tests run on a real Neo4j 5 server, which scripts/neo4j/start starts
// (Neo4j Community, embedded in a small Java program, Bolt on a loopback
// port) and .ci/run starts for CI. They wipe its database:
//
//	scripts/neo4j/start .neo4j-dev && . .neo4j-dev/env
//	go test ./graph/neo4j/
//	scripts/neo4j/stop .neo4j-dev
//
// Without GAPMAP_TEST_NEO4J_URI they skip, and under CI=true they fail.
package neo4j

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// Store is a graph.Store in a Neo4j database. It is safe for concurrent use,
// also by several processes on one database.
type Store struct {
	exec    executor
	log     *slog.Logger
	target  string // the server and database, for messages
	timeout time.Duration
}

var _ graph.Store = (*Store)(nil)

// Version returns the landscape version: 0 for a database never written.
func (s *Store) Version(ctx context.Context) (int64, error) {
	var v int64
	err := s.exec.read(ctx, func(tx runner) error {
		var err error
		v, err = runSingle[int64](tx, qVersion, nil, "version")
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("read landscape version from %s: %w", s.target, err)
	}
	return v, nil
}

// Empty reports whether the database holds no landscape node, so that the
// caller seeds it.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	var n int64
	err := s.exec.read(ctx, func(tx runner) error {
		var err error
		n, err = runSingle[int64](tx, qCountNodes, nil, "nodes")
		return err
	})
	if err != nil {
		return false, fmt.Errorf("count nodes in %s: %w", s.target, err)
	}
	return n == 0, nil
}

// Statements returns how many statements the store has sent to the server
// (each one round trip), retried ones included: what the benchmarks report
// as round trips.
func (s *Store) Statements() int64 {
	if d, ok := s.exec.(*driverExecutor); ok {
		return d.statements.Load()
	}
	return 0
}

// Close closes the connections to the server.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), s.timeout)
	defer cancel()
	if err := s.exec.close(ctx); err != nil {
		return fmt.Errorf("close %s: %w", s.target, err)
	}
	return nil
}
