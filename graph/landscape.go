package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Landscape is an immutable, indexed snapshot of the whole graph at one
// version. It is what the gap engine, the dashboards and the web layer read.
// It is safe for concurrent use; callers must not modify the nodes and edges
// it returns.
type Landscape struct {
	version int64
	changed time.Time // when the version was made; zero if unknown
	nodes   map[string]Node
	byType  map[NodeType][]Node // sorted by id
	edges   []Edge              // sorted by type, from, to
	out     map[string][]*Edge  // by from id, sorted like edges
	in      map[string][]*Edge  // by to id, sorted like edges
	byKey   map[EdgeKey]*Edge
	derived *derived // what other packages keep with this snapshot
}

// NewLandscape builds a snapshot from nodes and edges and checks it whole:
// every node valid, ids unique, every edge valid and joining existing nodes of
// the right types. It takes ownership of nodes and edges.
func NewLandscape(version int64, nodes []Node, edges []Edge) (*Landscape, error) {
	l := &Landscape{
		version: version,
		nodes:   make(map[string]Node, len(nodes)),
		byType:  make(map[NodeType][]Node),
		out:     make(map[string][]*Edge),
		in:      make(map[string][]*Edge),
		byKey:   make(map[EdgeKey]*Edge, len(edges)),
		derived: &derived{m: map[any]*derivedValue{}},
	}
	for _, n := range nodes {
		if err := n.Validate(); err != nil {
			return nil, err
		}
		id := n.Base().ID
		if prev, ok := l.nodes[id]; ok {
			return nil, FieldError(Ref(n), "id", "already used by %s", Ref(prev))
		}
		l.nodes[id] = n
		l.byType[n.Type()] = append(l.byType[n.Type()], n)
	}
	for _, ns := range l.byType {
		slices.SortFunc(ns, func(a, b Node) int { return strings.Compare(a.Base().ID, b.Base().ID) })
	}
	l.edges = edges
	slices.SortFunc(l.edges, compareEdges)
	for i := range l.edges {
		e := &l.edges[i]
		if err := ValidateEdge(e, l.Node); err != nil {
			return nil, err
		}
		if _, ok := l.byKey[e.Key()]; ok {
			return nil, Errorf(EINVALID, "edge %s: appears twice", e.Key())
		}
		l.byKey[e.Key()] = e
		l.out[e.From] = append(l.out[e.From], e)
		l.in[e.To] = append(l.in[e.To], e)
	}
	return l, nil
}

func compareEdges(a, b Edge) int {
	return cmp.Or(
		strings.Compare(string(a.Type), string(b.Type)),
		strings.Compare(a.From, b.From),
		strings.Compare(a.To, b.To),
	)
}

// Version returns the landscape version the snapshot was taken at.
func (l *Landscape) Version() int64 { return l.version }

// Changed returns when the landscape last changed: the time, in UTC, of the
// Apply that made its version. It is zero for a store never written and for
// a snapshot not loaded from a store (a seed, a test landscape).
func (l *Landscape) Changed() time.Time { return l.changed }

// WithChanged sets the time Changed returns, in UTC, and returns l. Stores
// call it while they build a snapshot, before anyone else sees it: a
// Landscape is immutable once shared, so it must not be called later.
func (l *Landscape) WithChanged(t time.Time) *Landscape {
	if t.IsZero() {
		l.changed = time.Time{}
	} else {
		l.changed = t.UTC()
	}
	return l
}

// Len returns the number of nodes and of edges.
func (l *Landscape) Len() (nodes, edges int) { return len(l.nodes), len(l.edges) }

// Node returns the node with id.
func (l *Landscape) Node(id string) (Node, bool) {
	n, ok := l.nodes[id]
	return n, ok
}

// Nodes returns every node of type t, sorted by id.
func (l *Landscape) Nodes(t NodeType) []Node { return l.byType[t] }

// AllNodes returns every node, by type in the order of NodeTypes, then by id.
func (l *Landscape) AllNodes() []Node {
	all := make([]Node, 0, len(l.nodes))
	for _, t := range NodeTypes {
		all = append(all, l.byType[t]...)
	}
	return all
}

// Edges returns every edge, sorted by type, from and to.
func (l *Landscape) Edges() []Edge { return l.edges }

// Edge returns the edge with key k.
func (l *Landscape) Edge(k EdgeKey) (*Edge, bool) {
	e, ok := l.byKey[k]
	return e, ok
}

// Out returns the edges of type t that start at id; every type if t is "".
func (l *Landscape) Out(id string, t EdgeType) []*Edge { return filterEdges(l.out[id], t) }

// In returns the edges of type t that end at id; every type if t is "".
func (l *Landscape) In(id string, t EdgeType) []*Edge { return filterEdges(l.in[id], t) }

func filterEdges(es []*Edge, t EdgeType) []*Edge {
	if t == "" {
		return es
	}
	// es is sorted by type first: find the run of t.
	i, _ := slices.BinarySearchFunc(es, t, func(e *Edge, t EdgeType) int { return strings.Compare(string(e.Type), string(t)) })
	j := i
	for j < len(es) && es[j].Type == t {
		j++
	}
	return es[i:j:j]
}

// Lookup returns the node with id as a T, e.g. Lookup[*Service](l, "rosa").
// It returns ENOTFOUND if there is no node with id or it is not a T.
func Lookup[T Node](l *Landscape, id string) (T, error) {
	n, ok := l.nodes[id]
	t, isT := n.(T)
	if !ok || !isT {
		var zero T
		return zero, Errorf(ENOTFOUND, "no %s with id %q", zero.Type(), id)
	}
	return t, nil
}

// All returns every node of type T, sorted by id, e.g. All[*Service](l).
func All[T Node](l *Landscape) []T {
	var zero T
	ns := l.byType[zero.Type()]
	ts := make([]T, len(ns))
	for i, n := range ns {
		ts[i] = n.(T)
	}
	return ts
}

// Targets returns the nodes that the edges of type t from id point to, as Ts,
// in edge order, e.g. Targets[*Need](l, "rosa", EdgeMeets).
func Targets[T Node](l *Landscape, id string, t EdgeType) []T {
	var ts []T
	for _, e := range l.Out(id, t) {
		if n, ok := l.nodes[e.To].(T); ok {
			ts = append(ts, n)
		}
	}
	return ts
}

// Sources returns the sources of node id: the targets of its SOURCED_FROM
// edges.
func (l *Landscape) Sources(id string) []*Source { return Targets[*Source](l, id, EdgeSourcedFrom) }

// EdgeSources returns the Source nodes an edge cites.
func (l *Landscape) EdgeSources(e *Edge) []*Source {
	var ss []*Source
	for _, id := range e.Sources {
		if s, ok := l.nodes[id].(*Source); ok {
			ss = append(ss, s)
		}
	}
	return ss
}

// Organisation returns the organisation that runs service id, if any.
func (l *Landscape) Organisation(serviceID string) (*Organisation, bool) {
	os := Targets[*Organisation](l, serviceID, EdgeRunBy)
	if len(os) == 0 {
		return nil, false
	}
	return os[0], true
}

// Ancestors returns region id and every region it is part of, nearest first.
func (l *Landscape) Ancestors(regionID string) []*Region {
	var rs []*Region
	seen := map[string]bool{}
	for id := regionID; id != "" && !seen[id]; {
		seen[id] = true
		r, ok := l.nodes[id].(*Region)
		if !ok {
			break
		}
		rs = append(rs, r)
		id = ""
		if ps := l.Out(r.ID, EdgePartOf); len(ps) > 0 {
			id = ps[0].To
		}
	}
	return rs
}

// Search returns the services whose name, Norwegian name or alternative names
// contain q, ignoring case and apostrophes ("Lauras hus" finds "Laura's Hus").
func (l *Landscape) Search(q string) []*Service {
	q = foldName(q)
	var found []*Service
	for _, s := range All[*Service](l) {
		names := append([]string{s.Name, s.NameNB}, s.AltNames...)
		if slices.ContainsFunc(names, func(n string) bool { return n != "" && strings.Contains(foldName(n), q) }) {
			found = append(found, s)
		}
	}
	return found
}

func foldName(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("'", "", "’", "", "`", "", "´", "").Replace(s)
}

// String summarises the snapshot for logs.
func (l *Landscape) String() string {
	return fmt.Sprintf("landscape v%d: %d nodes, %d edges", l.version, len(l.nodes), len(l.edges))
}
