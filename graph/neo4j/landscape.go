package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// optimisticReads is how many times Landscape reads without a lock before it
// reads under the meta node's lock.
const optimisticReads = 3

// snapshot is what one read of the landscape saw.
type snapshot struct {
	before, after int64     // the version before and after reading the graph
	changed       time.Time // when the version after was made; zero if never
	nodes         []graph.Node
	edges         []graph.Edge
}

// Landscape loads the whole graph in four round trips (version, nodes,
// edges, version) in one read transaction.
//
// Neo4j reads at the read-committed level: a write that commits while the
// nodes and edges are read may show in part. Every write adds one to the
// version, so a read that saw the same version before and after saw no
// commit; Landscape retries a read that did, and after optimisticReads tries
// reads under the meta node's write lock, which no writer commits past.
func (s *Store) Landscape(ctx context.Context) (*graph.Landscape, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load landscape from %s: %w", s.target, err)
	}
	for range optimisticReads {
		snap, err := s.read(ctx, false)
		if err != nil {
			return nil, err
		}
		if snap.before != snap.after {
			continue
		}
		if l, err := graph.NewLandscape(snap.before, snap.nodes, snap.edges); err == nil {
			return l.WithChanged(snap.changed), nil
		}
		// A commit may have shown in part: read again, to tell a race
		// from damage.
	}
	snap, err := s.read(ctx, true)
	if err != nil {
		return nil, err
	}
	if snap.before != snap.after {
		return nil, fmt.Errorf("load landscape from %s: the version moved from %d to %d under the lock", s.target, snap.before, snap.after)
	}
	l, err := graph.NewLandscape(snap.before, snap.nodes, snap.edges)
	if err != nil {
		// The store checks every write, so this is damage, not bad input:
		// %v keeps the validation code from reaching users.
		return nil, fmt.Errorf("load landscape from %s: stored graph is inconsistent: %v", s.target, err)
	}
	return l.WithChanged(snap.changed), nil
}

// read reads a snapshot in one transaction: a read transaction, or with
// locked a write transaction that first takes the meta node's lock.
func (s *Store) read(ctx context.Context, locked bool) (snapshot, error) {
	var snap snapshot
	work := func(tx runner) error {
		snap = snapshot{}
		var err error
		if locked {
			snap.before, err = lockedVersion(tx)
		} else {
			snap.before, err = runSingle[int64](tx, qVersion, nil, "version")
		}
		if err != nil {
			return err
		}
		if snap.nodes, err = loadNodes(tx); err != nil {
			return err
		}
		if snap.edges, err = loadEdges(tx); err != nil {
			return err
		}
		snap.after, snap.changed, err = readVersion(tx)
		return err
	}
	var err error
	if locked {
		err = s.exec.write(ctx, work)
	} else {
		err = s.exec.read(ctx, work)
	}
	if err != nil {
		return snapshot{}, fmt.Errorf("load landscape from %s: %w", s.target, err)
	}
	return snap, nil
}

// readVersion runs version and returns the landscape version and when it
// last changed: the zero time for a database never written, or last written
// before the store recorded the time.
func readVersion(tx runner) (int64, time.Time, error) {
	recs, err := tx.run(qVersion, nil)
	if err != nil {
		return 0, time.Time{}, err
	}
	v, err := single[int64](qVersion, recs, "version")
	if err != nil {
		return 0, time.Time{}, err
	}
	changed, ok, err := getOptional[time.Time](qVersion, recs[0], "changed")
	if err != nil || !ok {
		return v, time.Time{}, err
	}
	return v, changed.UTC().Truncate(time.Microsecond), nil
}

// lockedVersion takes the meta node's lock and returns the version; 0 if
// the database was never written.
func lockedVersion(tx runner) (int64, error) {
	recs, err := tx.run(qLockVersion, nil)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	return single[int64](qLockVersion, recs, "version")
}

func loadNodes(tx runner) ([]graph.Node, error) {
	recs, err := tx.run(qLoadNodes, nil)
	if err != nil {
		return nil, err
	}
	nodes := make([]graph.Node, 0, len(recs))
	for _, rec := range recs {
		dn, err := get[dbtype.Node](qLoadNodes, rec, "node")
		if err != nil {
			return nil, err
		}
		n, err := nodeFromDB(dn.Labels, dn.Props)
		if err != nil {
			return nil, fmt.Errorf("stored node %v: %v", dn.Props["id"], err)
		}
		nodes = append(nodes, n)
	}
	return nodes, nil
}

func loadEdges(tx runner) ([]graph.Edge, error) {
	recs, err := tx.run(qLoadEdges, nil)
	if err != nil {
		return nil, err
	}
	edges := make([]graph.Edge, 0, len(recs))
	for _, rec := range recs {
		from, err := get[string](qLoadEdges, rec, "from_id")
		if err != nil {
			return nil, err
		}
		to, err := get[string](qLoadEdges, rec, "to_id")
		if err != nil {
			return nil, err
		}
		rel, err := get[dbtype.Relationship](qLoadEdges, rec, "rel")
		if err != nil {
			return nil, err
		}
		e, err := edgeFromDB(rel.Type, from, to, rel.Props)
		if err != nil {
			return nil, fmt.Errorf("stored edge %s %s->%s: %v", rel.Type, from, to, err)
		}
		edges = append(edges, e)
	}
	return edges, nil
}
