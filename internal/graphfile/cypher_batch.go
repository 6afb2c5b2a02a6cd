package graphfile

import "github.com/gapmap/gapmap/graph"

// cypherBatch is the most literal maps one UNWIND of WriteCypher lists,
// unless GraphOptions.batch (set by tests to make batches small) says less.
const cypherBatch = 500

// nodeBatch is up to cypherBatch nodes of one type.
type nodeBatch struct {
	typ   graph.NodeType
	nodes []graph.Node
}

// nodeBatches splits the nodes of l by type, in the order of
// Landscape.AllNodes, into batches of at most size.
func nodeBatches(l *graph.Landscape, size int) []nodeBatch {
	var bs []nodeBatch
	for _, t := range graph.NodeTypes {
		ns := l.Nodes(t)
		for len(ns) > 0 {
			k := min(len(ns), size)
			bs = append(bs, nodeBatch{typ: t, nodes: ns[:k]})
			ns = ns[k:]
		}
	}
	return bs
}

// edgeBatch is up to cypherBatch edges of one type between nodes of two
// types.
type edgeBatch struct {
	typ      graph.EdgeType
	from, to graph.NodeType
	edges    []*graph.Edge
}

// edgeBatches splits the edges of l by type and by the types of their ends,
// in the order they first appear in Landscape.Edges, into batches of at
// most size.
func edgeBatches(l *graph.Landscape, size int) []edgeBatch {
	type key struct {
		typ      graph.EdgeType
		from, to graph.NodeType
	}
	var order []key
	groups := map[key][]*graph.Edge{}
	for i := range l.Edges() {
		e := &l.Edges()[i]
		from, _ := l.Node(e.From)
		to, _ := l.Node(e.To)
		k := key{e.Type, from.Type(), to.Type()}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], e)
	}
	var bs []edgeBatch
	for _, k := range order {
		es := groups[k]
		for len(es) > 0 {
			n := min(len(es), size)
			bs = append(bs, edgeBatch{typ: k.typ, from: k.from, to: k.to, edges: es[:n]})
			es = es[n:]
		}
	}
	return bs
}
