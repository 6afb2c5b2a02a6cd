package neo4j

import (
	"fmt"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// The statements of each kind of operation. The checks and their errors are
// those of the embedded store, so both stores fail the same way.

// head is the part of a stored node that checks need.
type head struct {
	typ     graph.NodeType
	version int64
}

// lookup returns the heads of the nodes among ids that exist.
func lookup(tx runner, ids []string) (map[string]head, error) {
	recs, err := tx.run(qLookup, map[string]any{"ids": anyList(slices.Compact(slices.Sorted(slices.Values(ids))))})
	if err != nil {
		return nil, err
	}
	heads := make(map[string]head, len(recs))
	for _, rec := range recs {
		id, err := get[string](qLookup, rec, "id")
		if err != nil {
			return nil, err
		}
		ls, err := get[[]any](qLookup, rec, "labels")
		if err != nil {
			return nil, err
		}
		labels, err := stringList(qLookup, "labels", ls)
		if err != nil {
			return nil, err
		}
		t, err := nodeType(labels)
		if err != nil {
			return nil, fmt.Errorf("stored node %s: %w", id, err)
		}
		v, err := get[int64](qLookup, rec, "version")
		if err != nil {
			return nil, fmt.Errorf("stored node %s: %w", id, err)
		}
		heads[id] = head{t, v}
	}
	return heads, nil
}

func createNodes(tx runner, ops []indexedOp) error {
	ids := make([]string, len(ops))
	for j, o := range ops {
		ids[j] = o.op.Node.Base().ID
	}
	heads, err := lookup(tx, ids)
	if err != nil {
		return err
	}
	rows := make([]any, len(ops))
	for j, o := range ops {
		n := o.op.Node
		if h, ok := heads[n.Base().ID]; ok {
			return opError(o.i, o.op, &graph.Error{Code: graph.ECONFLICT, Node: graph.Ref(n), Field: "id",
				Message: fmt.Sprintf("already used by %s %s", h.typ, n.Base().ID)})
		}
		props, err := nodeProps(n, max(n.Base().Version, 1))
		if err != nil {
			return opError(o.i, o.op, err)
		}
		rows[j] = map[string]any{"type": string(n.Type()), "props": props}
	}
	return expectCount(tx, qCreateNodes, rows, "created")
}

func updateNodes(tx runner, ops []indexedOp) error {
	ids := make([]string, len(ops))
	for j, o := range ops {
		ids[j] = o.op.Node.Base().ID
	}
	heads, err := lookup(tx, ids)
	if err != nil {
		return err
	}
	rows := make([]any, len(ops))
	for j, o := range ops {
		n := o.op.Node
		h, ok := heads[n.Base().ID]
		switch {
		case !ok:
			return opError(o.i, o.op, &graph.Error{Code: graph.ENOTFOUND, Node: graph.Ref(n), Message: "does not exist"})
		case h.typ != n.Type():
			return opError(o.i, o.op, &graph.Error{Code: graph.ECONFLICT, Node: graph.Ref(n), Field: "type",
				Message: fmt.Sprintf("the id is used by a %s; an update cannot change the type", h.typ)})
		case h.version != n.Base().Version:
			return opError(o.i, o.op, staleVersion(graph.Ref(n), n.Base().Version, h.version))
		}
		props, err := nodeProps(n, h.version+1)
		if err != nil {
			return opError(o.i, o.op, err)
		}
		rows[j] = map[string]any{"id": n.Base().ID, "version": h.version, "props": props}
	}
	n, err := runSingle[int64](tx, qUpdateNodes, map[string]any{"rows": rows}, "updated")
	if err != nil {
		return err
	}
	if n != int64(len(rows)) {
		// Under the meta node's lock no other gapmap writes; if a writer
		// that is not gapmap did, the version check in the statement
		// refused the write.
		return &graph.Error{Code: graph.ECONFLICT,
			Message: fmt.Sprintf("%d of %d nodes changed meanwhile; reload and try again", int64(len(rows))-n, len(rows))}
	}
	return nil
}

func putEdges(tx runner, ops []indexedOp) error {
	var ids []string
	for _, o := range ops {
		ids = append(ids, o.op.Edge.From, o.op.Edge.To)
		ids = append(ids, o.op.Edge.Sources...)
	}
	heads, err := lookup(tx, ids)
	if err != nil {
		return err
	}
	find := func(id string) (graph.Node, bool) {
		h, ok := heads[id]
		if !ok {
			return nil, false
		}
		n, err := graph.NewNode(h.typ)
		if err != nil {
			return nil, false
		}
		n.Base().ID = id
		return n, true
	}
	rows := make([]any, len(ops))
	for j, o := range ops {
		e := o.op.Edge
		if err := graph.ValidateEdge(e, find); err != nil {
			return opError(o.i, o.op, err)
		}
		props, err := edgeProps(e)
		if err != nil {
			return opError(o.i, o.op, err)
		}
		rows[j] = map[string]any{"type": string(e.Type), "from": e.From, "to": e.To, "props": props}
	}
	return expectCount(tx, qPutEdges, rows, "put")
}

func deleteEdges(tx runner, ops []indexedOp) error {
	rows := make([]any, len(ops))
	for j, o := range ops {
		k := o.op.EdgeKey
		rows[j] = map[string]any{"i": int64(j), "type": string(k.Type), "from": k.From, "to": k.To}
	}
	recs, err := tx.run(qDeleteEdges, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	found := make([]bool, len(ops))
	for _, rec := range recs {
		j, err := get[int64](qDeleteEdges, rec, "i")
		if err != nil {
			return err
		}
		if j < 0 || int(j) >= len(ops) {
			return fmt.Errorf("query %s: row %d of %d", qDeleteEdges.name, j, len(ops))
		}
		found[j] = true
	}
	for j, o := range ops {
		if !found[j] {
			return opError(o.i, o.op, &graph.Error{Code: graph.ENOTFOUND, Node: "edge " + o.op.EdgeKey.String(), Message: "does not exist"})
		}
	}
	return nil
}

// expectCount runs a batched write of rows and checks that column key
// counts every row.
func expectCount(tx runner, q *query, rows []any, key string) error {
	n, err := runSingle[int64](tx, q, map[string]any{"rows": rows}, key)
	if err != nil {
		return err
	}
	if n != int64(len(rows)) {
		return fmt.Errorf("query %s wrote %d of %d rows", q.name, n, len(rows))
	}
	return nil
}

func staleVersion(ref string, got, stored int64) error {
	return &graph.Error{Code: graph.ECONFLICT, Node: ref, Field: "version",
		Message: fmt.Sprintf("%d is not the stored version %d: it was changed meanwhile; reload and try again", got, stored)}
}

// anyList returns ss as a list parameter.
func anyList(ss []string) []any {
	l := make([]any, len(ss))
	for i, s := range ss {
		l[i] = s
	}
	return l
}
