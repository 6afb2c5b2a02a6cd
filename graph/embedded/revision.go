package embedded

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/gapmap/gapmap/graph"
	bolt "go.etcd.io/bbolt"
)

// storedRevision is a graph.Revision as bucketHistory holds it, in JSON. Its
// nodes and edges are in their stored forms (graph.MarshalNode of a node,
// the JSON of an edge), copied unchanged from bucketNodes and bucketEdges.
type storedRevision struct {
	NodeID           string            `json:"node_id"`
	Revived          bool              `json:"revived,omitempty"`
	Version          int64             `json:"version"`
	LandscapeVersion int64             `json:"landscape_version"`
	Time             time.Time         `json:"time"`
	Actor            string            `json:"actor,omitempty"`
	Reason           string            `json:"reason,omitempty"`
	Before           json.RawMessage   `json:"before,omitempty"`
	After            json.RawMessage   `json:"after,omitempty"`
	EdgesBefore      []json.RawMessage `json:"edges_before,omitempty"`
	EdgesAfter       []json.RawMessage `json:"edges_after,omitempty"`
	// EdgesKept says that the edges after the change are those before it,
	// which are then stored once, in EdgesBefore: most changes do not
	// touch the edges of most of the nodes they touch.
	EdgesKept bool `json:"edges_kept,omitempty"`
}

// keepEdges stores the edges of r once if they are the same before and
// after.
func (r *storedRevision) keepEdges() {
	if len(r.EdgesBefore) > 0 && slices.EqualFunc(r.EdgesBefore, r.EdgesAfter, sameJSON) {
		r.EdgesAfter, r.EdgesKept = nil, true
	}
}

func sameJSON(a, b json.RawMessage) bool { return bytes.Equal(a, b) }

// marshal encodes r as JSON. The nodes and edges are copied as they are:
// they are JSON the store wrote, which encoding/json would check and
// compact again, as it does every json.RawMessage, for nothing.
func (r *storedRevision) marshal() ([]byte, error) {
	head := *r
	head.Before, head.After, head.EdgesBefore, head.EdgesAfter = nil, nil, nil, nil
	data, err := json.Marshal(&head)
	if err != nil {
		return nil, err
	}
	size := len(data) + len(r.Before) + len(r.After) + 64
	for _, e := range slices.Concat(r.EdgesBefore, r.EdgesAfter) {
		size += len(e) + 1
	}
	b := append(make([]byte, 0, size), data[:len(data)-1]...) // the object, reopened
	key := func(k string) { b = append(append(append(b, `,"`...), k...), `":`...) }
	for _, f := range []struct {
		key  string
		node json.RawMessage
	}{{"before", r.Before}, {"after", r.After}} {
		if f.node != nil {
			key(f.key)
			b = append(b, f.node...)
		}
	}
	for _, f := range []struct {
		key   string
		edges []json.RawMessage
	}{{"edges_before", r.EdgesBefore}, {"edges_after", r.EdgesAfter}} {
		if len(f.edges) == 0 {
			continue
		}
		key(f.key)
		b = append(b, '[')
		for i, e := range f.edges {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, e...)
		}
		b = append(b, ']')
	}
	return append(b, '}'), nil
}

// History returns the revisions of node id, newest first, as graph.Store
// documents, read in one read transaction.
func (s *Store) History(ctx context.Context, id string) ([]graph.Revision, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("read history of %s: %w", id, err)
	}
	if !graph.ValidID(id) {
		return nil, noHistory(id)
	}
	var (
		revs   []graph.Revision
		stored bool
	)
	err := s.db.View(func(tx *bolt.Tx) error {
		prefix := nodePrefix(id)
		c := tx.Bucket(bucketHistory).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			r, err := decodeRevision(v)
			if err != nil {
				// Damage, not bad input: %v keeps a decoding error's
				// code from reaching users.
				return fmt.Errorf("revision %x: %v", k[len(prefix):], err)
			}
			revs = append(revs, r)
		}
		stored = tx.Bucket(bucketNodes).Get([]byte(id)) != nil
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read history of %s from %s: %w", id, s.path, err)
	}
	if len(revs) == 0 && !stored {
		return nil, noHistory(id)
	}
	slices.Reverse(revs)
	graph.NumberRecords(revs)
	if revs == nil {
		revs = []graph.Revision{} // stored before the store kept history
	}
	return revs, nil
}

func noHistory(id string) error {
	return &graph.Error{Code: graph.ENOTFOUND, Node: "node " + id, Message: "has no history: no node with this id ever existed"}
}

// decodeRevision decodes a revision that record wrote.
func decodeRevision(data []byte) (graph.Revision, error) {
	var sr storedRevision
	if err := json.Unmarshal(data, &sr); err != nil {
		return graph.Revision{}, err
	}
	r := graph.Revision{NodeID: sr.NodeID, Revived: sr.Revived, Version: sr.Version, LandscapeVersion: sr.LandscapeVersion,
		Time: sr.Time.UTC(), Actor: sr.Actor, Reason: sr.Reason}
	var err error
	if r.Before, err = decodeNode(sr.Before); err != nil {
		return graph.Revision{}, fmt.Errorf("before: %v", err)
	}
	if r.After, err = decodeNode(sr.After); err != nil {
		return graph.Revision{}, fmt.Errorf("after: %v", err)
	}
	if r.EdgesBefore, err = decodeEdges(sr.EdgesBefore); err != nil {
		return graph.Revision{}, fmt.Errorf("edges before: %v", err)
	}
	after := sr.EdgesAfter
	if sr.EdgesKept {
		after = sr.EdgesBefore // decoded again: the lists share no slices
	}
	if r.EdgesAfter, err = decodeEdges(after); err != nil {
		return graph.Revision{}, fmt.Errorf("edges after: %v", err)
	}
	return r, nil
}

// decodeNode decodes a stored node; nil if there is none.
func decodeNode(data json.RawMessage) (graph.Node, error) {
	if len(data) == 0 {
		return nil, nil
	}
	return graph.UnmarshalNode(data)
}

// decodeEdges decodes stored edges; nil if there are none.
func decodeEdges(data []json.RawMessage) ([]graph.Edge, error) {
	if len(data) == 0 {
		return nil, nil
	}
	edges := make([]graph.Edge, len(data))
	for i, d := range data {
		if err := json.Unmarshal(d, &edges[i]); err != nil {
			return nil, err
		}
	}
	return edges, nil
}
