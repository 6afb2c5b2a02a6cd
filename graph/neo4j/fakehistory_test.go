package neo4j

import (
	"slices"
)

// execHistory carries out the queries of the history (history.go), as their
// Cypher reads; ok is false for any other query. write fails in a read
// transaction.
func (tx *fakeTx) execHistory(q *query, p map[string]any, write func() error) (rows []row, ok bool, err error) {
	st := tx.st
	switch q {
	case qNodeStates:
		for _, id := range p["ids"].([]any) {
			n := st.node(id)
			if n == nil {
				continue
			}
			var edges []row
			for _, r := range st.rels {
				if r.from == n && r.to.has("Node") {
					edges = append(edges, row{"to": r.to.props["id"], "rel": r.value()})
				}
			}
			shuffle(edges)
			rows = append(rows, row{"node": n.value(), "edges": edges})
		}
		return rows, true, nil
	case qEdgeStarts:
		var starts []any
		for _, id := range p["ids"].([]any) {
			n := st.node(id)
			for _, r := range st.rels {
				if n != nil && r.to == n && r.from.has("Node") && !slices.Contains(starts, r.from.props["id"]) {
					starts = append(starts, r.from.props["id"])
				}
			}
		}
		for _, id := range starts {
			rows = append(rows, row{"id": id})
		}
		shuffle(rows)
		return rows, true, nil
	case qCreateRevisions:
		if err := write(); err != nil {
			return nil, true, err
		}
		created := 0
		for _, r := range p["rows"].([]any) {
			props, err := storable(r)
			if err != nil {
				return nil, true, err
			}
			st.newNode([]string{"GapmapRevision"}, props)
			created++
		}
		return []row{{"created": created}}, true, nil
	case qHistory:
		for _, n := range st.nodes {
			if n.has("GapmapRevision") && n.props["node_id"] == p["id"] {
				rows = append(rows, row{"revision": n.value()})
			}
		}
		shuffle(rows)
		return rows, true, nil
	}
	return nil, false, nil
}
