package neo4j

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// runner runs queries inside one transaction.
type runner interface {
	// run runs q with params and returns all its records.
	run(q *query, params map[string]any) ([]*neo4j.Record, error)
}

// executor runs transaction functions: a driver, in production and in the
// tests (which wrap it to trace the statements and repeat the writes).
//
// A transaction function may run more than once (the driver retries
// transient failures such as deadlocks and leader changes), so it must not
// keep state from an earlier attempt; its error rolls the transaction back.
type executor interface {
	read(ctx context.Context, work func(runner) error) error
	write(ctx context.Context, work func(runner) error) error
	close(ctx context.Context) error
}

// driverExecutor runs managed transactions on a Neo4j database.
type driverExecutor struct {
	driver   neo4j.DriverWithContext
	database string        // "" for the user's home database
	timeout  time.Duration // bounds each transaction, retries included
	// bookmarks chains every session of the store, so that in a cluster a
	// read sees the writes the store made before it.
	bookmarks neo4j.BookmarkManager
	// statements counts the statements sent, retries included.
	statements atomic.Int64
}

func (d *driverExecutor) read(ctx context.Context, work func(runner) error) error {
	return d.execute(ctx, neo4j.AccessModeRead, work)
}

func (d *driverExecutor) write(ctx context.Context, work func(runner) error) error {
	return d.execute(ctx, neo4j.AccessModeWrite, work)
}

func (d *driverExecutor) close(ctx context.Context) error { return d.driver.Close(ctx) }

// execute runs work in one managed transaction in a new session. The context
// and the server-side transaction timeout both bound it.
func (d *driverExecutor) execute(ctx context.Context, mode neo4j.AccessMode, work func(runner) error) (err error) {
	ctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	session := d.driver.NewSession(ctx, neo4j.SessionConfig{
		DatabaseName:    d.database,
		AccessMode:      mode,
		BookmarkManager: d.bookmarks,
	})
	defer func() {
		// Close with a context of its own, so that a caller's deadline
		// does not keep the connection from going back to the pool.
		cctx, ccancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer ccancel()
		if cerr := session.Close(cctx); cerr != nil && err == nil {
			err = fmt.Errorf("close session: %w", cerr)
		}
	}()
	txWork := func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, work(&txRunner{ctx: ctx, tx: tx, count: &d.statements})
	}
	if mode == neo4j.AccessModeRead {
		_, err = session.ExecuteRead(ctx, txWork, neo4j.WithTxTimeout(d.timeout))
	} else {
		_, err = session.ExecuteWrite(ctx, txWork, neo4j.WithTxTimeout(d.timeout))
	}
	return translateError(err)
}

// txRunner runs queries in a managed transaction.
type txRunner struct {
	ctx   context.Context
	tx    neo4j.ManagedTransaction
	count *atomic.Int64
}

func (r *txRunner) run(q *query, params map[string]any) ([]*neo4j.Record, error) {
	if err := checkParams(q, params); err != nil {
		return nil, err
	}
	r.count.Add(1)
	res, err := r.tx.Run(r.ctx, q.text, params)
	if err != nil {
		// Returned unwrapped: the driver decides from the error itself
		// whether to retry the transaction.
		return nil, err
	}
	return res.Collect(r.ctx)
}

// checkParams checks that params are exactly the parameters of q: a query
// missing a parameter fails in Neo4j, and one given a parameter it does not
// use has a typo somewhere.
func checkParams(q *query, params map[string]any) error {
	if got := slices.Sorted(maps.Keys(params)); !slices.Equal(got, q.params) {
		return fmt.Errorf("query %s: given parameters %v, want %v", q.name, got, q.params)
	}
	return nil
}
