package neo4j

import (
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// checkNotCited fails when an edge that the delete of Source o.op.ID does
// not remove cites it in its sources.
func checkNotCited(tx runner, o indexedOp, ref string) error {
	recs, err := tx.run(qDeleteCited, map[string]any{"id": o.op.ID})
	if err != nil || len(recs) == 0 {
		return err
	}
	citing, err := get[[]any](qDeleteCited, recs[0], "cited_by")
	if err != nil {
		return err
	}
	k, err := stringList(qDeleteCited, "cited_by", citing)
	if err != nil || len(k) != 3 {
		return fmt.Errorf("query %s: cited_by is %v, want [type, from, to]", qDeleteCited.name, citing)
	}
	return opError(o.i, o.op, &graph.Error{Code: graph.ECONFLICT, Node: ref,
		Message: fmt.Sprintf("is cited in the sources of edge %s; remove the citation first",
			graph.EdgeKey{Type: graph.EdgeType(k[0]), From: k[1], To: k[2]})})
}

// deleteNode deletes one node: it must exist at the version the operation
// names, have no edges unless the delete cascades, and be cited by no edge
// the delete does not remove.
func deleteNode(tx runner, o indexedOp) error {
	id, version, cascade := o.op.ID, o.op.Version, o.op.Cascade
	recs, err := tx.run(qDeleteCheck, map[string]any{"id": id})
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return opError(o.i, o.op, &graph.Error{Code: graph.ENOTFOUND, Node: id, Message: "no node with this id"})
	}
	rec := recs[0]
	stored, err := get[int64](qDeleteCheck, rec, "version")
	if err != nil {
		return err
	}
	ls, err := get[[]any](qDeleteCheck, rec, "labels")
	if err != nil {
		return err
	}
	labels, err := stringList(qDeleteCheck, "labels", ls)
	if err != nil {
		return err
	}
	t, err := nodeType(labels)
	if err != nil {
		return fmt.Errorf("stored node %s: %w", id, err)
	}
	degree, err := get[int64](qDeleteCheck, rec, "degree")
	if err != nil {
		return err
	}
	ref := string(t) + " " + id
	switch {
	case stored != version:
		return opError(o.i, o.op, staleVersion(ref, version, stored))
	case degree > 0 && !cascade:
		return opError(o.i, o.op, &graph.Error{Code: graph.ECONFLICT, Node: ref,
			Message: fmt.Sprintf("still has %d edges; delete them first or cascade", degree)})
	}
	if t == graph.TypeSource { // edges cite only Sources
		if err := checkNotCited(tx, o, ref); err != nil {
			return err
		}
	}
	n, err := runSingle[int64](tx, qDeleteNode, map[string]any{"id": id, "version": version}, "deleted")
	if err != nil {
		return err
	}
	if n != 1 {
		return opError(o.i, o.op, staleVersion(ref, version, stored))
	}
	return nil
}
