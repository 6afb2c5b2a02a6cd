package web

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// managedEdges are the edges of a service that its profile edits: whom it
// accepts, which needs it meets at which stages, where, and to whom it
// refers. Its sources (SOURCED_FROM) are the editors' of the seed, not of
// the form, and stay as they are.
var managedEdges = []graph.EdgeType{
	graph.EdgeRunBy, graph.EdgeAccepts, graph.EdgeServes, graph.EdgeMeets,
	graph.EdgeAtStage, graph.EdgeCovers, graph.EdgeRefersTo,
}

// serviceEdit is one edit of a service, from the form or the JSON API: the
// node's own fields and the targets of its managed edges.
type serviceEdit struct {
	// Node holds the edited fields; its Version is the version the edit
	// was made on (0 for a new service).
	Node *graph.Service
	// Org is the organisation that runs the service.
	Org string
	// Accepts and Meets map a status or need to the extent ("" is full).
	Accepts map[string]graph.Extent
	Meets   map[string]graph.Extent
	Serves  []string
	Stages  []string
	Covers  []string
	// RefersTo maps a service to whether the referral is formal.
	RefersTo map[string]bool
	// Verified marks the profile as verified today.
	Verified bool
}

// newEdit returns an empty edit of a service with id.
func newEdit(id string) *serviceEdit {
	return &serviceEdit{
		Node:     &graph.Service{Meta: graph.Meta{ID: id}},
		Accepts:  map[string]graph.Extent{},
		Meets:    map[string]graph.Extent{},
		RefersTo: map[string]bool{},
	}
}

// editOf returns the edit that would leave service svc of l as it is.
func editOf(l *graph.Landscape, svc *graph.Service) *serviceEdit {
	e := newEdit(svc.ID)
	c := *svc
	e.Node = &c
	e.Org = orgOf(l, svc.ID)
	for _, x := range l.Out(svc.ID, graph.EdgeAccepts) {
		e.Accepts[x.To] = normExtent(x.Extent)
	}
	for _, x := range l.Out(svc.ID, graph.EdgeMeets) {
		e.Meets[x.To] = normExtent(x.Extent)
	}
	targets := func(t graph.EdgeType) []string {
		var ids []string
		for _, x := range l.Out(svc.ID, t) {
			ids = append(ids, x.To)
		}
		return ids
	}
	e.Serves, e.Covers = targets(graph.EdgeServes), targets(graph.EdgeCovers)
	for _, x := range stagesInOrder(l, l.Out(svc.ID, graph.EdgeAtStage)) {
		e.Stages = append(e.Stages, x.To)
	}
	for _, x := range l.Out(svc.ID, graph.EdgeRefersTo) {
		e.RefersTo[x.To] = x.Formal
	}
	return e
}

// normExtent returns the extent with full spelled as "".
func normExtent(x graph.Extent) graph.Extent {
	if x == graph.ExtentFull {
		return ""
	}
	return x
}

// desiredEdges returns the managed edges the edit asks for, by key, without
// provenance.
func (e *serviceEdit) desiredEdges() map[graph.EdgeKey]graph.Edge {
	id := e.Node.ID
	want := map[graph.EdgeKey]graph.Edge{}
	put := func(x graph.Edge) {
		x.From = id
		want[x.Key()] = x
	}
	if e.Org != "" {
		put(graph.Edge{Type: graph.EdgeRunBy, To: e.Org})
	}
	for to, ext := range e.Accepts {
		put(graph.Edge{Type: graph.EdgeAccepts, To: to, Extent: normExtent(ext)})
	}
	for to, ext := range e.Meets {
		put(graph.Edge{Type: graph.EdgeMeets, To: to, Extent: normExtent(ext)})
	}
	for _, to := range e.Serves {
		put(graph.Edge{Type: graph.EdgeServes, To: to})
	}
	for _, to := range e.Stages {
		put(graph.Edge{Type: graph.EdgeAtStage, To: to})
	}
	for _, to := range e.Covers {
		put(graph.Edge{Type: graph.EdgeCovers, To: to})
	}
	for to, formal := range e.RefersTo {
		put(graph.Edge{Type: graph.EdgeRefersTo, To: to, Formal: formal})
	}
	return want
}

// change returns the change that makes the service as e says, in l, where
// cur is the service as it stands (nil for a new one). The node is updated
// at the version the edit was made on, so a stale edit is refused whole
// (ECONFLICT), and the update bumps the version even when only edges change:
// the service's version names its whole profile. Fields the edit does not
// carry (year, note, last verified) are kept; an edge that stays keeps its
// sources and provenance; a new edge gets the current year.
func (e *serviceEdit) change(l *graph.Landscape, cur *graph.Service, now time.Time, actor, reason string) *graph.Change {
	n := *e.Node
	c := &graph.Change{Actor: actor, Reason: reason}
	if cur != nil {
		n.Year, n.Confidence, n.Note, n.LastVerified = cur.Year, cur.Confidence, cur.Note, cur.LastVerified
	} else {
		n.Version = 0
	}
	if e.Verified {
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		n.LastVerified = &day
		n.Confidence = "" // verified by the organisation itself
	}
	if cur != nil {
		c.Update(&n)
	} else {
		c.Create(&n)
	}
	have := map[graph.EdgeKey]*graph.Edge{}
	if cur != nil {
		for _, t := range managedEdges {
			for _, x := range l.Out(cur.ID, t) {
				have[x.Key()] = x
			}
		}
	}
	want := e.desiredEdges()
	for _, k := range slices.SortedFunc(maps.Keys(have), compareKeys) {
		if _, keep := want[k]; !keep {
			c.DeleteEdge(k)
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(want), compareKeys) {
		w := want[k]
		old, ok := have[k]
		if !ok {
			w.Year = now.Year()
			c.PutEdge(w)
			continue
		}
		if normExtent(old.Extent) == w.Extent && old.Formal == w.Formal {
			continue
		}
		x := *old
		x.Extent, x.Formal = w.Extent, w.Formal
		c.PutEdge(x)
	}
	return c
}

func compareKeys(a, b graph.EdgeKey) int {
	return cmp.Or(strings.Compare(string(a.Type), string(b.Type)), strings.Compare(a.From, b.From), strings.Compare(a.To, b.To))
}
