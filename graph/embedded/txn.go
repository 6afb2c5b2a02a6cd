package embedded

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/gapmap/gapmap/graph"
	bolt "go.etcd.io/bbolt"
)

// txn is one write transaction seen as a graph: the primitives Apply builds
// its operations from. Every method keeps the indexes in step with the nodes
// and edges. Writes are buffered until flush.
type txn struct {
	meta                               *bolt.Bucket
	nodes, edges, adjacency, citations *buffer
	history                            *buffer
	// touched maps the id of every node written or deleted, or whose
	// outgoing edges were put or removed (the nodes record writes a
	// revision of), to whether its outgoing edges were.
	touched map[string]bool
	// revived holds the ids a Revive operation created: their revisions
	// continue the deleted record (graph.Op.Revive).
	revived map[string]bool
	// heads caches the type and version of the nodes read or written,
	// which edge checks look up again and again.
	heads map[string]nodeHead
	// err is the first failure of lookup, which cannot return one.
	err error
}

func newTxn(tx *bolt.Tx) (*txn, error) {
	meta, nodes, edges := tx.Bucket(bucketMeta), tx.Bucket(bucketNodes), tx.Bucket(bucketEdges)
	adjacency, citations := tx.Bucket(bucketAdjacency), tx.Bucket(bucketCitations)
	history := tx.Bucket(bucketHistory)
	if meta == nil || nodes == nil || edges == nil || adjacency == nil || citations == nil || history == nil {
		return nil, errors.New("a bucket is missing")
	}
	return &txn{
		meta:      meta,
		nodes:     newBuffer(nodes, false),
		edges:     newBuffer(edges, false),
		adjacency: newBuffer(adjacency, true),
		citations: newBuffer(citations, true),
		history:   newBuffer(history, false),
		touched:   map[string]bool{},
		revived:   map[string]bool{},
		heads:     map[string]nodeHead{},
	}, nil
}

// flush writes the buffered writes of every bucket.
func (t *txn) flush() error {
	for _, w := range []*buffer{t.nodes, t.edges, t.adjacency, t.citations, t.history} {
		if err := w.flush(); err != nil {
			return err
		}
	}
	return nil
}

// touch marks node id for a revision; edges says that its outgoing edges
// were written.
func (t *txn) touch(id string, edges bool) { t.touched[id] = t.touched[id] || edges }

// nodeHead is the part of a stored node that checks need.
type nodeHead struct {
	Type    graph.NodeType `json:"type"`
	Version int64          `json:"version"`
}

// head returns the type and version of the stored node id.
func (t *txn) head(id string) (nodeHead, bool, error) {
	if h, ok := t.heads[id]; ok {
		return h, true, nil
	}
	data := t.nodes.get([]byte(id))
	if data == nil {
		return nodeHead{}, false, nil
	}
	var h nodeHead
	if err := json.Unmarshal(data, &h); err != nil {
		return nodeHead{}, false, fmt.Errorf("decode stored node %s: %w", id, err)
	}
	t.heads[id] = h
	return h, true, nil
}

// lookup finds node id for graph.ValidateEdge. It returns an empty node of
// the stored type: ValidateEdge needs only the type, and decoding the type
// alone is cheap.
func (t *txn) lookup(id string) (graph.Node, bool) {
	h, ok, err := t.head(id)
	if err != nil {
		t.err = firstErr(t.err, err)
		return nil, false
	}
	if !ok {
		return nil, false
	}
	n, err := graph.NewNode(h.Type)
	if err != nil {
		t.err = firstErr(t.err, fmt.Errorf("stored node %s: %w", id, err))
		return nil, false
	}
	n.Base().ID = id
	return n, true
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// putNode stores n at version v. n itself is not modified.
func (t *txn) putNode(n graph.Node, v int64) error {
	if n.Base().Version != v {
		n = withVersion(n, v)
	}
	data, err := graph.MarshalNode(n)
	if err != nil {
		return err
	}
	id := n.Base().ID
	t.nodes.put([]byte(id), data)
	t.heads[id] = nodeHead{Type: n.Type(), Version: v}
	t.touch(id, false)
	return nil
}

// withVersion returns a shallow copy of n at version v. Every node type is
// a pointer to a struct.
func withVersion(n graph.Node, v int64) graph.Node {
	c := reflect.New(reflect.TypeOf(n).Elem())
	c.Elem().Set(reflect.ValueOf(n).Elem())
	cn := c.Interface().(graph.Node)
	cn.Base().Version = v
	return cn
}

// isNil reports whether n is nil or a nil pointer, which Validate cannot
// take.
func isNil(n graph.Node) bool {
	return n == nil || reflect.ValueOf(n).IsNil()
}

// deleteNode deletes node id, which must have no edges left.
func (t *txn) deleteNode(id string) {
	t.nodes.del([]byte(id))
	delete(t.heads, id)
	t.touch(id, false)
}

// edgesOf returns the keys of every edge that starts or ends at node id.
func (t *txn) edgesOf(id string) []graph.EdgeKey {
	var ks []graph.EdgeKey
	for _, k := range t.adjacency.scan(id) {
		if ek, ok := parseAdjacencyKey([]byte(k)); ok {
			ks = append(ks, ek)
		}
	}
	return ks
}

// citedBy returns an edge that cites source id, if one does.
func (t *txn) citedBy(id string) (graph.EdgeKey, bool) {
	keys := t.citations.scan(id)
	if len(keys) == 0 {
		return graph.EdgeKey{}, false
	}
	return parseCitationKey([]byte(keys[0]))
}

// edge returns the stored edge with key k.
func (t *txn) edge(k graph.EdgeKey) (*graph.Edge, bool, error) {
	data := t.edges.get(edgeKey(k))
	if data == nil {
		return nil, false, nil
	}
	var e graph.Edge
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, false, fmt.Errorf("decode stored edge %s: %w", k, err)
	}
	return &e, true, nil
}

// writeEdge stores e, which has been validated, and indexes it; an edge
// already stored under its key is replaced.
func (t *txn) writeEdge(e *graph.Edge) error {
	k := e.Key()
	old, ok, err := t.edge(k)
	if err != nil {
		return err
	}
	if ok {
		t.uncite(old)
	}
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode edge %s: %w", k, err)
	}
	out, in := adjacencyKeys(k)
	t.edges.put(edgeKey(k), data)
	t.adjacency.put(out, nil)
	t.adjacency.put(in, nil)
	for _, s := range e.Sources {
		t.citations.put(citationKey(s, k), nil)
	}
	t.touch(k.From, true)
	return nil
}

// removeEdge deletes the stored edge with key k and its index entries.
func (t *txn) removeEdge(k graph.EdgeKey) error {
	old, ok, err := t.edge(k)
	if err != nil || !ok {
		return err
	}
	t.uncite(old)
	out, in := adjacencyKeys(k)
	t.edges.del(edgeKey(k))
	t.adjacency.del(out)
	t.adjacency.del(in)
	t.touch(k.From, true)
	return nil
}

// uncite removes the citations of e's sources.
func (t *txn) uncite(e *graph.Edge) {
	for _, s := range e.Sources {
		t.citations.del(citationKey(s, e.Key()))
	}
}
