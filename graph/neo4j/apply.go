package neo4j

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// maxBatch caps the rows of one batched statement.
const maxBatch = 1000

// Apply applies c in one write transaction and returns the new landscape
// version, as graph.Store documents.
//
// The transaction first adds one to the version (taking the meta node's
// lock), then runs the operations in order, a run of operations of one kind
// as one batched statement: creates, updates, edge puts and edge deletes
// each batch while no two of them name the same node or edge, so none of
// them depends on another of its batch; deletes run one by one, since a
// cascade can free a later node of its edges. Each batch reads what its
// checks need, checks each operation in order exactly as the embedded store
// does, and writes; the first failure is returned and rolls everything back.
// Around the operations, the transaction records the revisions of the nodes
// the change touches (history.go).
func (s *Store) Apply(ctx context.Context, c *graph.Change) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("apply to %s: %w", s.target, err)
	}
	if c.Empty() {
		return s.Version(ctx)
	}
	var version int64
	err := s.exec.write(ctx, func(tx runner) error {
		// The statement takes the meta node's lock and keeps the change
		// time moving forward with the version (bump_version.cypher), so
		// later versions have later times even if clocks disagree; the
		// revisions of the change carry the time it recorded.
		v, now, err := bumpVersion(tx, time.Now().UTC().Truncate(time.Microsecond))
		if err != nil {
			return err
		}
		rec, err := startRecording(tx, c.Ops)
		if err != nil {
			return err
		}
		if err := applyOps(tx, c.Ops); err != nil {
			return err
		}
		if err := rec.record(tx, v, now, c.Actor, c.Reason); err != nil {
			return err
		}
		version = v
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("apply to %s: %w", s.target, err)
	}
	return version, nil
}

// applyOps runs ops in order, batching as Apply describes.
func applyOps(tx runner, ops []graph.Op) error {
	var b batch
	for i, op := range ops {
		if err := checkOp(op); err != nil {
			// The operations before this one fail first, if they fail.
			if ferr := b.flush(tx); ferr != nil {
				return ferr
			}
			return opError(i, op, err)
		}
		key := opKey(op)
		if !b.accepts(op.Kind, key) {
			if err := b.flush(tx); err != nil {
				return err
			}
			b = batch{kind: op.Kind, keys: map[string]bool{}}
		}
		b.ops = append(b.ops, indexedOp{i, op})
		b.keys[key] = true
	}
	return b.flush(tx)
}

// indexedOp is an operation and its index in the change.
type indexedOp struct {
	i  int
	op graph.Op
}

// batch is a run of operations of one kind that one statement applies.
type batch struct {
	kind graph.OpKind
	ops  []indexedOp
	keys map[string]bool // the nodes or edges the operations name
}

// accepts reports whether an operation of kind on key may join b.
func (b *batch) accepts(kind graph.OpKind, key string) bool {
	return len(b.ops) > 0 && b.kind == kind && kind != graph.OpDelete &&
		len(b.ops) < maxBatch && !b.keys[key]
}

// flush applies the operations of b, if any.
func (b *batch) flush(tx runner) error {
	if len(b.ops) == 0 {
		return nil
	}
	switch b.kind {
	case graph.OpCreate:
		return createNodes(tx, b.ops)
	case graph.OpUpdate:
		return updateNodes(tx, b.ops)
	case graph.OpDelete:
		return deleteNode(tx, b.ops[0])
	case graph.OpPutEdge:
		return putEdges(tx, b.ops)
	case graph.OpDeleteEdge:
		return deleteEdges(tx, b.ops)
	}
	return fmt.Errorf("batch of unknown kind %q", b.kind)
}

// checkOp checks what an operation can be checked for without the
// database: its kind, and the node or edge it carries.
func checkOp(op graph.Op) error {
	switch op.Kind {
	case graph.OpCreate, graph.OpUpdate:
		if v := reflect.ValueOf(op.Node); !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
			return graph.Errorf(graph.EINVALID, "no node to %s", op.Kind)
		}
		return op.Node.Validate()
	case graph.OpPutEdge:
		if op.Edge == nil {
			return graph.Errorf(graph.EINVALID, "no edge to put")
		}
		return op.Edge.Validate()
	case graph.OpDelete, graph.OpDeleteEdge:
		return nil
	}
	return graph.Errorf(graph.EINVALID, "unknown operation %q", op.Kind)
}

// opKey names what an operation writes, so that a batch holds each once.
func opKey(op graph.Op) string {
	switch op.Kind {
	case graph.OpCreate, graph.OpUpdate:
		return op.Node.Base().ID
	case graph.OpPutEdge:
		return op.Edge.Key().String()
	case graph.OpDeleteEdge:
		return op.EdgeKey.String()
	}
	return op.ID
}

// opError adds the place of operation i to err.
func opError(i int, op graph.Op, err error) error {
	return fmt.Errorf("op %d (%s): %w", i+1, op.Kind, err)
}

// bumpVersion runs bump_version with now and returns the new landscape
// version and the time recorded as its change, in UTC.
func bumpVersion(tx runner, now time.Time) (int64, time.Time, error) {
	recs, err := tx.run(qBumpVersion, map[string]any{"now": dbTime(now)})
	if err != nil {
		return 0, time.Time{}, err
	}
	v, err := single[int64](qBumpVersion, recs, "version")
	if err != nil {
		return 0, time.Time{}, err
	}
	changed, err := get[time.Time](qBumpVersion, recs[0], "changed")
	if err != nil {
		return 0, time.Time{}, err
	}
	return v, changed.UTC().Truncate(time.Microsecond), nil
}
