package embedded

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// record writes one revision, made by landscape version v at now, for each
// node the transaction touched. It runs after the last operation and before
// flush, when the buckets still hold the graph as it was before the change
// and the buffers hold it as it is after.
func (t *txn) record(v int64, now time.Time, actor, reason string) error {
	for id, edgesWritten := range t.touched {
		r := storedRevision{NodeID: id, LandscapeVersion: v, Time: now, Actor: actor, Reason: reason,
			Before: t.nodes.b.Get([]byte(id)), After: t.nodes.get([]byte(id))}
		r.Revived = r.Before == nil && r.After != nil && t.revived[id]
		if r.After != nil {
			h, _, err := t.head(id)
			if err != nil {
				return err
			}
			r.Version = h.Version
		}
		var err error
		if r.EdgesBefore, err = t.outEdges(id, true); err != nil {
			return err
		}
		r.EdgesAfter = r.EdgesBefore
		if edgesWritten {
			if r.EdgesAfter, err = t.outEdges(id, false); err != nil {
				return err
			}
		}
		r.keepEdges()
		data, err := r.marshal()
		if err != nil {
			return fmt.Errorf("encode revision of %s: %w", id, err)
		}
		t.history.put(historyKey(id, v), data)
	}
	return nil
}

// outEdges returns the stored forms of the edges that start at node id,
// sorted like graph.Landscape.Edges: as the buckets hold them if committed,
// else as the transaction has left them.
func (t *txn) outEdges(id string, committed bool) ([]json.RawMessage, error) {
	prefix := outPrefix(id)
	var keys []graph.EdgeKey
	add := func(k []byte) {
		if ek, ok := parseAdjacencyKey(k); ok {
			keys = append(keys, ek)
		}
	}
	get := t.edges.get
	if committed {
		get = t.edges.b.Get
		c := t.adjacency.b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			add(k)
		}
	} else {
		for _, k := range t.adjacency.scan(id) {
			if strings.HasPrefix(k, string(prefix)) {
				add([]byte(k))
			}
		}
	}
	if len(keys) == 0 {
		return nil, nil
	}
	slices.SortFunc(keys, compareKeys)
	edges := make([]json.RawMessage, len(keys))
	for i, k := range keys {
		if edges[i] = get(edgeKey(k)); edges[i] == nil {
			return nil, fmt.Errorf("edge %s is indexed but not stored", k)
		}
	}
	return edges, nil
}

// compareKeys orders edge keys as graph.Landscape.Edges orders edges.
func compareKeys(a, b graph.EdgeKey) int {
	return cmp.Or(
		strings.Compare(string(a.Type), string(b.Type)),
		strings.Compare(a.From, b.From),
		strings.Compare(a.To, b.To),
	)
}
