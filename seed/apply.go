package seed

import (
	"bytes"
	"context"
	"fmt"
	"reflect"

	"github.com/gapmap/gapmap/graph"
)

// Result says what Apply did.
type Result struct {
	// Version is the store's landscape version after Apply.
	Version int64
	Nodes   Counts
	Edges   Counts
}

// Counts counts the nodes or edges of a seed by what Apply did with them.
type Counts struct {
	Created   int
	Updated   int
	Unchanged int
}

// String summarises r for logs and the command line.
func (r Result) String() string {
	return fmt.Sprintf("version %d: nodes %d created, %d updated, %d unchanged; edges %d created, %d updated, %d unchanged",
		r.Version, r.Nodes.Created, r.Nodes.Updated, r.Nodes.Unchanged,
		r.Edges.Created, r.Edges.Updated, r.Edges.Unchanged)
}

// Apply writes seed s into st: it creates the nodes and edges st lacks and
// updates those whose content differs from the seed's, in one graph.Change
// applied with one st.Apply. Applying a seed a second time changes nothing:
// the change is empty and the store's version stays.
//
// The change's actor is "seed", so the history names the seed as the author
// of what it writes.
//
// Apply never deletes. Nodes and edges in st that the seed does not give,
// such as services an NGO has added, are left as they are. A node or edge
// the seed does give is made to match the seed again, so re-seeding undoes
// edits to seeded facts.
//
// Errors are those of st.Apply; ECONFLICT means st changed while Apply ran
// (or a seed id is taken by a node of another type), and Apply can be run
// again.
func Apply(ctx context.Context, st graph.Store, s *Seed) (Result, error) {
	cur, err := st.Landscape(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("apply seed: %w", err)
	}
	var res Result
	c := &graph.Change{Actor: "seed"}
	for _, n := range s.Nodes {
		old, ok := cur.Node(n.Base().ID)
		if !ok {
			fresh, err := clone(n, 0)
			if err != nil {
				return Result{}, fmt.Errorf("apply seed: %w", err)
			}
			c.Create(fresh)
			res.Nodes.Created++
			continue
		}
		if old.Type() != n.Type() {
			return Result{}, fmt.Errorf("apply seed: %w", graph.Errorf(graph.ECONFLICT,
				"the seed's %s is stored as %s", graph.Ref(n), graph.Ref(old)))
		}
		same, err := sameNode(n, old)
		if err != nil {
			return Result{}, fmt.Errorf("apply seed: %w", err)
		}
		if same {
			res.Nodes.Unchanged++
			continue
		}
		update, err := clone(n, old.Base().Version)
		if err != nil {
			return Result{}, fmt.Errorf("apply seed: %w", err)
		}
		c.Update(update)
		res.Nodes.Updated++
	}
	for _, e := range s.Edges {
		old, ok := cur.Edge(e.Key())
		switch {
		case !ok:
			res.Edges.Created++
		case sameEdge(e, *old):
			res.Edges.Unchanged++
			continue
		default:
			res.Edges.Updated++
		}
		c.PutEdge(e)
	}
	res.Version, err = st.Apply(ctx, c)
	if err != nil {
		return Result{}, fmt.Errorf("apply seed: %w", err)
	}
	return res, nil
}

// clone returns a deep copy of n at version.
func clone(n graph.Node, version int64) (graph.Node, error) {
	data, err := graph.MarshalNode(n)
	if err != nil {
		return nil, err
	}
	c, err := graph.UnmarshalNode(data)
	if err != nil {
		return nil, fmt.Errorf("copy %s: %w", graph.Ref(n), err)
	}
	c.Base().Version = version
	return c, nil
}

// sameNode reports whether a and b have the same content, versions aside.
func sameNode(a, b graph.Node) (bool, error) {
	ca, err := content(a)
	if err != nil {
		return false, err
	}
	cb, err := content(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ca, cb), nil
}

// content encodes n as MarshalNode does, with version 0.
func content(n graph.Node) ([]byte, error) {
	c, err := clone(n, 0)
	if err != nil {
		return nil, err
	}
	return graph.MarshalNode(c)
}

// sameEdge reports whether a and b are the same, an empty list and a missing
// one counting as the same.
func sameEdge(a, b graph.Edge) bool {
	return reflect.DeepEqual(normalEdge(a), normalEdge(b))
}

func normalEdge(e graph.Edge) graph.Edge {
	if len(e.Sources) == 0 {
		e.Sources = nil
	}
	if len(e.AgeBands) == 0 {
		e.AgeBands = nil
	}
	return e
}
