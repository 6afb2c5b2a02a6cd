package neo4j

import (
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The fake's imitation of each statement in queries/, as its Cypher reads.

type row = map[string]any

// exec carries out query q.
func (tx *fakeTx) exec(q *query, p map[string]any) ([]row, error) {
	st := tx.st
	write := func() error {
		if tx.readOnly {
			return &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.AccessMode", Msg: q.name + " writes in a read transaction"}
		}
		return nil
	}
	switch q {
	case qVersion:
		if m := st.meta(); m != nil {
			return []row{{"version": m.props["version"], "changed": m.props["changed"]}}, nil
		}
		return []row{{"version": int64(0), "changed": nil}}, nil
	case qBumpVersion:
		if err := write(); err != nil {
			return nil, err
		}
		m := st.meta()
		if m == nil {
			m = st.newNode([]string{"GapmapMeta"}, map[string]any{"id": "landscape", "version": int64(0)})
		}
		m.props["version"] = m.props["version"].(int64) + 1
		now := p["now"].(time.Time)
		if prev, ok := m.props["changed"].(time.Time); ok && !now.After(prev) {
			now = prev.Add(time.Microsecond)
		}
		m.props["changed"] = now
		return []row{{"version": m.props["version"], "changed": m.props["changed"]}}, nil
	case qLockVersion:
		if err := write(); err != nil {
			return nil, err
		}
		if m := st.meta(); m != nil {
			return []row{{"version": m.props["version"]}}, nil
		}
		return nil, nil
	case qLoadNodes:
		var rows []row
		for _, n := range st.nodes {
			if n.has("Node") {
				rows = append(rows, row{"node": n.value()})
			}
		}
		shuffle(rows)
		return rows, nil
	case qLoadEdges:
		var rows []row
		for _, r := range st.rels {
			if r.from.has("Node") && r.to.has("Node") {
				rows = append(rows, row{"from_id": r.from.props["id"], "rel": r.value(), "to_id": r.to.props["id"]})
			}
		}
		shuffle(rows)
		return rows, nil
	case qCountNodes:
		n := 0
		for _, x := range st.nodes {
			if x.has("Node") {
				n++
			}
		}
		return []row{{"nodes": n}}, nil
	case qLookup:
		var rows []row
		for _, id := range p["ids"].([]any) {
			if n := st.node(id); n != nil {
				rows = append(rows, row{"id": n.props["id"], "labels": anyList(n.labels), "version": n.props["version"]})
			}
		}
		return rows, nil
	case qCreateNodes:
		if err := write(); err != nil {
			return nil, err
		}
		created := 0
		for _, r := range p["rows"].([]any) {
			r := r.(map[string]any)
			labels := []string{"Node"}
			if t := r["type"].(string); slices.Contains(graph.NodeTypes, graph.NodeType(t)) {
				labels = append(labels, t)
			}
			props, err := storable(r["props"])
			if err != nil {
				return nil, err
			}
			if st.node(props["id"]) != nil {
				return nil, &neo4j.Neo4jError{Code: codeConstraintViolation, Msg: fmt.Sprintf("Node(%v) already exists with label `Node` and property `id`", props["id"])}
			}
			st.newNode(labels, props)
			created++
		}
		return []row{{"created": created}}, nil
	case qUpdateNodes:
		if err := write(); err != nil {
			return nil, err
		}
		updated := 0
		for _, r := range p["rows"].([]any) {
			r := r.(map[string]any)
			n := st.node(r["id"])
			if n == nil || !reflect.DeepEqual(n.props["version"], r["version"]) {
				continue
			}
			props, err := storable(r["props"])
			if err != nil {
				return nil, err
			}
			n.props = props
			updated++
		}
		return []row{{"updated": updated}}, nil
	case qDeleteCheck:
		n := st.node(p["id"])
		if n == nil {
			return nil, nil
		}
		degree := 0
		var citedBy any
		for _, r := range st.rels {
			if r.from == n || r.to == n {
				degree++
			}
			if r.from != n && r.to != n && r.from.has("Node") && r.to.has("Node") && citedBy == nil {
				if srcs, ok := r.props["sources"].([]any); ok && slices.Contains(srcs, p["id"]) {
					citedBy = []any{r.typ, r.from.props["id"], r.to.props["id"]}
				}
			}
		}
		return []row{{"version": n.props["version"], "labels": anyList(n.labels), "degree": degree, "cited_by": citedBy}}, nil
	case qDeleteNode:
		if err := write(); err != nil {
			return nil, err
		}
		n := st.node(p["id"])
		if n == nil || !reflect.DeepEqual(n.props["version"], p["version"]) {
			return []row{{"deleted": 0}}, nil
		}
		st.detachDelete(n)
		return []row{{"deleted": 1}}, nil
	case qPutEdges:
		if err := write(); err != nil {
			return nil, err
		}
		put := 0
		for _, r := range p["rows"].([]any) {
			r := r.(map[string]any)
			a, b := st.node(r["from"]), st.node(r["to"])
			if a == nil || b == nil {
				continue
			}
			put++
			typ := r["type"].(string)
			if !slices.ContainsFunc(graph.EdgeRules, func(rule graph.EdgeRule) bool { return string(rule.Type) == typ }) {
				continue
			}
			props, err := storable(r["props"])
			if err != nil {
				return nil, err
			}
			if rel := st.rel(typ, a, b); rel != nil {
				rel.props = props
			} else {
				st.rels = append(st.rels, &fakeRel{typ: typ, from: a, to: b, props: props})
			}
		}
		return []row{{"put": put}}, nil
	case qDeleteEdges:
		if err := write(); err != nil {
			return nil, err
		}
		var rows []row
		for _, r := range p["rows"].([]any) {
			r := r.(map[string]any)
			a, b := st.node(r["from"]), st.node(r["to"])
			if a == nil || b == nil {
				continue
			}
			if rel := st.rel(r["type"].(string), a, b); rel != nil {
				st.rels = slices.DeleteFunc(st.rels, func(x *fakeRel) bool { return x == rel })
				rows = append(rows, row{"i": r["i"]})
			}
		}
		return rows, nil
	case qMigrationsApplied:
		var rows []row
		for _, n := range st.nodes {
			if n.has("GapmapMigration") {
				rows = append(rows, row{"version": n.props["version"]})
			}
		}
		return rows, nil
	case qRecordMigration:
		if err := write(); err != nil {
			return nil, err
		}
		for _, n := range st.nodes {
			if n.has("GapmapMigration") && reflect.DeepEqual(n.props["version"], p["version"]) {
				return []row{{"version": n.props["version"]}}, nil
			}
		}
		st.newNode([]string{"GapmapMigration"}, map[string]any{"version": p["version"], "name": p["name"], "applied_at": time.Now()})
		return []row{{"version": p["version"]}}, nil
	case qWipeBatch:
		if err := write(); err != nil {
			return nil, err
		}
		n := min(len(st.nodes), 1000)
		for _, x := range slices.Clone(st.nodes[:n]) {
			st.detachDelete(x)
		}
		return []row{{"deleted": n}}, nil
	}
	if rows, ok, err := tx.execHistory(q, p, write); ok {
		return rows, err
	}
	if rows, ok, err := tx.execAuth(q, p, write); ok {
		return rows, err
	}
	for _, m := range migrations {
		if slices.Contains(m.statements, q) {
			return nil, write() // schema: the fake keeps no constraints but Node ids
		}
	}
	return nil, fmt.Errorf("fake: no imitation of query %s", q.name)
}
