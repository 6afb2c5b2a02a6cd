package hsds

import (
	"reflect"
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/graphfile"
)

// validate checks every node and edge the import makes, as the store will:
// the nodes' fields, and each edge's ends and sources among the landscape's
// nodes and the file's.
func (im *importer) validate() {
	lookup := func(id string) (graph.Node, bool) {
		if n, ok := im.byID[id]; ok {
			return n.node, true
		}
		return im.l.Node(id)
	}
	for _, n := range im.imported {
		if err := n.node.Validate(); err != nil {
			im.fail(n.path, "%s", graph.ErrorMessage(err))
			continue
		}
		for i := range n.edges {
			e := &n.edges[i]
			if err := graph.ValidateEdge(e, lookup); err != nil {
				im.fail(cmpOr(n.edgePaths[e.Key()], n.path), "%s", graph.ErrorMessage(err))
			}
		}
	}
}

// plan turns the imported nodes into one change: creations, then updates,
// then the edges deleted, then the edges put, so every edge's ends exist
// when it is put.
func (im *importer) plan() *Import {
	res := &Import{Change: &graph.Change{}, Unmapped: im.unmapped}
	var nodeOps, updateOps, deleteOps, putOps []graph.Op
	for _, n := range im.imported {
		id := n.node.Base().ID
		ch := Change{Node: graph.Ref(n.node)}
		switch {
		case n.stored == nil:
			nodeOps = append(nodeOps, graph.Op{Kind: graph.OpCreate, Node: n.node})
			res.Created = append(res.Created, graph.Ref(n.node))
		default:
			if ch.Fields = changedFields(n.stored, n.node); len(ch.Fields) > 0 {
				updateOps = append(updateOps, graph.Op{Kind: graph.OpUpdate, Node: n.node})
			}
		}
		want := make(map[graph.EdgeKey]*graph.Edge, len(n.edges))
		for i := range n.edges {
			want[n.edges[i].Key()] = &n.edges[i]
		}
		for _, t := range n.owned {
			for _, old := range im.l.Out(id, t) {
				if _, ok := want[old.Key()]; !ok {
					deleteOps = append(deleteOps, graph.Op{Kind: graph.OpDeleteEdge, EdgeKey: old.Key()})
					ch.Edges = append(ch.Edges, "-"+string(old.Type)+" "+old.To)
				}
			}
		}
		for i := range n.edges {
			e := &n.edges[i]
			old, ok := im.l.Edge(e.Key())
			switch {
			case !ok:
				putOps = append(putOps, graph.Op{Kind: graph.OpPutEdge, Edge: e})
				ch.Edges = append(ch.Edges, "+"+string(e.Type)+" "+e.To)
			case !edgeEqual(old, e):
				putOps = append(putOps, graph.Op{Kind: graph.OpPutEdge, Edge: e})
				ch.Edges = append(ch.Edges, "~"+string(e.Type)+" "+e.To)
			}
		}
		switch {
		case n.stored == nil:
		case len(ch.Fields) > 0 || len(ch.Edges) > 0:
			res.Changed = append(res.Changed, ch)
		default:
			res.Unchanged++
		}
	}
	for _, ops := range [][]graph.Op{nodeOps, updateOps, deleteOps, putOps} {
		res.Change.Ops = append(res.Change.Ops, ops...)
	}
	return res
}

// changedFields returns the JSON names of the fields in which a and b
// differ, but their versions.
func changedFields(a, b graph.Node) []string {
	pa, errA := rawProps(a)
	pb, errB := rawProps(b)
	if errA != nil || errB != nil {
		return []string{"(all)"}
	}
	va, vb := map[string]any{}, map[string]any{}
	var keys []string
	for _, p := range pa {
		va[p.Key] = p.Value
		keys = append(keys, p.Key)
	}
	for _, p := range pb {
		vb[p.Key] = p.Value
		if !slices.Contains(keys, p.Key) {
			keys = append(keys, p.Key)
		}
	}
	var changed []string
	for _, k := range keys {
		if k != "version" && !reflect.DeepEqual(va[k], vb[k]) {
			changed = append(changed, k)
		}
	}
	return changed
}

// rawProps returns the properties of n as stored, confidential address
// and all: for comparing, never for export.
func rawProps(n graph.Node) ([]graphfile.Prop, error) {
	data, err := graph.MarshalNode(n)
	if err != nil {
		return nil, err
	}
	return graphfile.ObjectProps(data)
}

// edgeEqual reports whether two edges with the same key have the same
// properties.
func edgeEqual(a, b *graph.Edge) bool {
	return a.Formal == b.Formal && a.LegalBasis == b.LegalBasis && slices.Equal(a.AgeBands, b.AgeBands) &&
		a.Trigger == b.Trigger && a.TypicalDays == b.TypicalDays && a.Extent == b.Extent &&
		slices.Equal(a.Sources, b.Sources) && a.Year == b.Year && a.Confidence == b.Confidence && a.Note == b.Note
}
