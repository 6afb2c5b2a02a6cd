package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/gapmap/gapmap/graph"
	bolt "go.etcd.io/bbolt"
)

// Version returns the landscape version: 0 for a store never written, one
// more after each non-empty Apply.
func (s *Store) Version(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("read version: %w", err)
	}
	var v uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		v, err = getUint(tx.Bucket(bucketMeta), keyVersion)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("read version of %s: %w", s.path, err)
	}
	return int64(v), nil
}

// Landscape reads every node and edge in one read transaction and returns
// them as a checked snapshot.
func (s *Store) Landscape(ctx context.Context) (*graph.Landscape, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load landscape: %w", err)
	}
	var (
		version uint64
		changed time.Time
		nodes   []graph.Node
		edges   []graph.Edge
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		if version, err = getUint(tx.Bucket(bucketMeta), keyVersion); err != nil {
			return err
		}
		if changed, err = getTime(tx.Bucket(bucketMeta), keyChanged); err != nil {
			return err
		}
		if nodes, err = readNodes(tx.Bucket(bucketNodes)); err != nil {
			return err
		}
		edges, err = s.edges.read(tx.Bucket(bucketEdges))
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load landscape from %s: %w", s.path, err)
	}
	l, err := graph.NewLandscape(int64(version), nodes, edges)
	if err != nil {
		// Every write was checked, so this is damage, not bad input: %v
		// keeps the validation code (EINVALID) from reaching users.
		return nil, fmt.Errorf("load landscape from %s: stored graph is inconsistent: %v", s.path, err)
	}
	return l.WithChanged(changed), nil
}

// readNodes decodes every node of b. A stored node that does not decode is
// damage, reported with %v like an inconsistent graph.
func readNodes(b *bolt.Bucket) ([]graph.Node, error) {
	nodes := make([]graph.Node, 0, count(b))
	err := b.ForEach(func(k, v []byte) error {
		n, err := graph.UnmarshalNode(v)
		if err != nil {
			return fmt.Errorf("node %s: %v", k, err)
		}
		nodes = append(nodes, n)
		return nil
	})
	return nodes, err
}

// readEdges decodes every edge of b.
// edgeCache keeps the edges the last load decoded, by key, with the bytes
// they were decoded from, so that a load decodes only the edges whose bytes
// changed: decoding JSON was over half of a load, which every write pays
// when graph.Live reloads its snapshot, and a write changes few edges.
// Landscapes are immutable, so the edges of two snapshots may share their
// slices. Loads hold the cache's lock while they read.
type edgeCache struct {
	mu    sync.Mutex
	byKey map[string]cachedEdge
}

type cachedEdge struct {
	key  string // the key, kept so that the next map reuses it
	raw  []byte
	edge graph.Edge
}

// read returns every edge of b, decoding those not in the cache with the
// same bytes, and keeps them for the next load. The bytes of b are valid only
// in its transaction: the cache keeps copies.
func (c *edgeCache) read(b *bolt.Bucket) ([]graph.Edge, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := count(b)
	edges := make([]graph.Edge, n)
	next := make(map[string]cachedEdge, n)
	i := 0
	err := b.ForEach(func(k, v []byte) error {
		if i == len(edges) {
			edges = append(edges, graph.Edge{})
		}
		if old, ok := c.byKey[string(k)]; ok && bytes.Equal(old.raw, v) {
			edges[i] = old.edge
			next[old.key] = old
		} else {
			if err := json.Unmarshal(v, &edges[i]); err != nil {
				return fmt.Errorf("edge %s: %v", k, err)
			}
			key := string(k)
			next[key] = cachedEdge{key: key, raw: bytes.Clone(v), edge: edges[i]}
		}
		i++
		return nil
	})
	if err != nil {
		c.byKey = nil // read again in full next time
		return nil, err
	}
	c.byKey = next
	return edges[:i], nil
}

// count returns the number of keys in b; walking the keys is cheap beside
// decoding the values, and sizing the slice once saves copying it as it grows.
func count(b *bolt.Bucket) int {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	return n
}
