package embedded

import (
	"context"
	"fmt"
	"time"

	"github.com/gapmap/gapmap/graph"
	bolt "go.etcd.io/bbolt"
)

// Apply applies c in one bbolt write transaction and returns the new
// landscape version, as graph.Store documents; the same transaction records
// the revisions of the nodes it touched (history.go). The nodes and edges of
// c are not modified: a created or updated node's new version is stored,
// not written back.
func (s *Store) Apply(ctx context.Context, c *graph.Change) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("apply: %w", err)
	}
	if c.Empty() {
		return s.Version(ctx)
	}
	var version int64
	err := s.db.Update(func(tx *bolt.Tx) error {
		// Taken under bbolt's writer lock, so later versions have later
		// times (unless the clock is set back).
		now := time.Now().UTC().Truncate(time.Microsecond)
		t, err := newTxn(tx)
		if err != nil {
			return err
		}
		v, err := getUint(t.meta, keyVersion)
		if err != nil {
			return err
		}
		version = int64(v + 1)
		// The landscape's change time moves forward with every version,
		// even if the clock does not (a step back, two changes in one
		// microsecond).
		prev, err := getTime(t.meta, keyChanged)
		if err != nil {
			return err
		}
		if !prev.IsZero() && !now.After(prev) {
			now = prev.Add(time.Microsecond)
		}
		for i, op := range c.Ops {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := t.apply(op); err != nil {
				return fmt.Errorf("op %d (%s): %w", i+1, op.Kind, err)
			}
		}
		if err := t.record(version, now, c.Actor, c.Reason); err != nil {
			return err
		}
		if err := t.flush(); err != nil {
			return err
		}
		if err := putTime(t.meta, keyChanged, now); err != nil {
			return err
		}
		return putUint(t.meta, keyVersion, v+1)
	})
	if err != nil {
		return 0, fmt.Errorf("apply to %s: %w", s.path, err)
	}
	return version, nil
}

// apply applies one operation inside the transaction.
func (t *txn) apply(op graph.Op) error {
	switch op.Kind {
	case graph.OpCreate:
		if err := t.create(op.Node); err != nil {
			return err
		}
		if op.Revive {
			t.revived[op.Node.Base().ID] = true
		}
		return nil
	case graph.OpUpdate:
		return t.update(op.Node)
	case graph.OpDelete:
		return t.delete(op.ID, op.Version, op.Cascade)
	case graph.OpPutEdge:
		return t.putEdge(op.Edge)
	case graph.OpDeleteEdge:
		return t.deleteEdge(op.EdgeKey)
	}
	return graph.Errorf(graph.EINVALID, "unknown operation %q", op.Kind)
}

func (t *txn) create(n graph.Node) error {
	if isNil(n) {
		return graph.Errorf(graph.EINVALID, "no node to create")
	}
	if err := n.Validate(); err != nil {
		return err
	}
	id := n.Base().ID
	h, ok, err := t.head(id)
	if err != nil {
		return err
	}
	if ok {
		return &graph.Error{Code: graph.ECONFLICT, Node: graph.Ref(n), Field: "id",
			Message: fmt.Sprintf("already used by %s %s", h.Type, id)}
	}
	return t.putNode(n, max(n.Base().Version, 1))
}

func (t *txn) update(n graph.Node) error {
	if isNil(n) {
		return graph.Errorf(graph.EINVALID, "no node to update")
	}
	if err := n.Validate(); err != nil {
		return err
	}
	h, ok, err := t.head(n.Base().ID)
	switch {
	case err != nil:
		return err
	case !ok:
		return &graph.Error{Code: graph.ENOTFOUND, Node: graph.Ref(n), Message: "does not exist"}
	case h.Type != n.Type():
		return &graph.Error{Code: graph.ECONFLICT, Node: graph.Ref(n), Field: "type",
			Message: fmt.Sprintf("the id is used by a %s; an update cannot change the type", h.Type)}
	case h.Version != n.Base().Version:
		return staleVersion(graph.Ref(n), n.Base().Version, h.Version)
	}
	return t.putNode(n, h.Version+1)
}

func (t *txn) delete(id string, version int64, cascade bool) error {
	h, ok, err := t.head(id)
	if err != nil {
		return err
	}
	if !ok {
		return &graph.Error{Code: graph.ENOTFOUND, Node: "node " + id, Message: "does not exist"}
	}
	ref := string(h.Type) + " " + id
	if h.Version != version {
		return staleVersion(ref, version, h.Version)
	}
	edges := t.edgesOf(id)
	if len(edges) > 0 && !cascade {
		return &graph.Error{Code: graph.ECONFLICT, Node: ref,
			Message: fmt.Sprintf("still has %d edges (the first: %s); delete them first or cascade", len(edges), edges[0])}
	}
	for _, k := range edges {
		if err := t.removeEdge(k); err != nil {
			return err
		}
	}
	if k, cited := t.citedBy(id); cited {
		return &graph.Error{Code: graph.ECONFLICT, Node: ref,
			Message: fmt.Sprintf("is cited in the sources of edge %s; remove the citation first", k)}
	}
	t.deleteNode(id)
	return nil
}

func (t *txn) putEdge(e *graph.Edge) error {
	if e == nil {
		return graph.Errorf(graph.EINVALID, "no edge to put")
	}
	err := graph.ValidateEdge(e, t.lookup)
	if t.err != nil {
		return t.err
	}
	if err != nil {
		return err
	}
	return t.writeEdge(e)
}

func (t *txn) deleteEdge(k graph.EdgeKey) error {
	if validKey(k) {
		_, ok, err := t.edge(k)
		if err != nil {
			return err
		}
		if ok {
			return t.removeEdge(k)
		}
	}
	return &graph.Error{Code: graph.ENOTFOUND, Node: "edge " + k.String(), Message: "does not exist"}
}

func staleVersion(ref string, got, stored int64) error {
	return &graph.Error{Code: graph.ECONFLICT, Node: ref, Field: "version",
		Message: fmt.Sprintf("%d is not the stored version %d: it was changed meanwhile; reload and try again", got, stored)}
}
