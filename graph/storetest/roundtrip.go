package storetest

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// wantLandscape checks that the store holds exactly nodes and edges.
func wantLandscape(t *testing.T, s graph.Store, nodes []graph.Node, edges []graph.Edge) {
	t.Helper()
	slices.SortFunc(nodes, func(a, b graph.Node) int {
		return cmp.Or(
			cmp.Compare(slices.Index(graph.NodeTypes, a.Type()), slices.Index(graph.NodeTypes, b.Type())),
			strings.Compare(a.Base().ID, b.Base().ID),
		)
	})
	slices.SortFunc(edges, func(a, b graph.Edge) int {
		return cmp.Or(
			strings.Compare(string(a.Type), string(b.Type)),
			strings.Compare(a.From, b.From),
			strings.Compare(a.To, b.To),
		)
	})
	l := mustLandscape(t, s)
	if diff := gocmp.Diff(nodes, l.AllNodes(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("nodes mismatch (-want +got):\n%s", diff)
	}
	if diff := gocmp.Diff(edges, l.Edges(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
}

// testRoundTrip writes every node type and every edge type with every field
// set and reads them back unchanged (but for the versions, now 1).
func testRoundTrip(t *testing.T, s graph.Store) {
	if got := load(t, s); got != 1 {
		t.Errorf("Apply = %d, want version 1", got)
	}
	nodes, edges := Fixture()
	for _, n := range nodes {
		n.Base().Version = 1
	}
	wantLandscape(t, s, nodes, edges)

	l := mustLandscape(t, s)
	for _, typ := range graph.NodeTypes {
		if len(l.Nodes(typ)) == 0 {
			t.Errorf("the fixture has no %s", typ)
		}
	}
	for _, r := range graph.EdgeRules {
		if len(slices.DeleteFunc(slices.Clone(l.Edges()), func(e graph.Edge) bool { return e.Type != r.Type })) == 0 {
			t.Errorf("the fixture has no %s edge", r.Type)
		}
	}
}

// testRoundTripReplace updates every node with other values in every field,
// replaces every edge with other properties, and reads them back.
func testRoundTripReplace(t *testing.T, s graph.Store) {
	load(t, s)
	nodes, edges := Fixture()
	c := &graph.Change{}
	for _, n := range nodes {
		m := n.Base()
		m.Version = 1
		m.Name += " (renamed)"
		m.NameNB = ""
		m.Year = 2024
		m.Confidence = ""
		m.Note = "changed"
		switch n := n.(type) {
		case *graph.Service:
			n.AltNames = append(n.AltNames, "another name")
			n.Languages = nil
			n.Capacity++
			n.ConfidentialAddress = !n.ConfidentialAddress
			later := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
			n.LastVerified = &later
		case *graph.Group:
			n.SizeEstimate = 0
			n.Genders = []graph.Gender{graph.Male}
		case *graph.Stage:
			n.Order = 3
		}
		c.Update(n)
	}
	for i := range edges {
		e := &edges[i]
		e.Sources = nil
		e.Year = 2020
		e.Confidence = graph.Verified
		e.Note = ""
		switch e.Type {
		case graph.EdgeRefersTo:
			e.Formal = false
		case graph.EdgeEntitles:
			e.AgeBands = []graph.AgeBand{graph.AgeChild, graph.AgeYoungAdult}
			e.LegalBasis = "another law"
			e.Extent = ""
			e.FullAgeBands = nil // a full entitlement names no full age bands
		case graph.EdgeTransitionsTo:
			e.TypicalDays = 30
			e.Trigger = "another trigger"
		case graph.EdgeMeets:
			e.Extent = graph.ExtentFull
		}
		c.PutEdge(*e)
	}
	if got := mustApply(t, s, c); got != 2 {
		t.Errorf("Apply = %d, want version 2", got)
	}
	for _, n := range nodes {
		n.Base().Version = 2
	}
	wantLandscape(t, s, nodes, edges)
}

// testEmptyStore checks that a fresh store is empty at version 0.
func testEmptyStore(t *testing.T, s graph.Store) {
	l := mustLandscape(t, s)
	if n, e := l.Len(); n != 0 || e != 0 || l.Version() != 0 {
		t.Errorf("fresh store: version %d, %d nodes, %d edges; want 0, 0, 0", l.Version(), n, e)
	}
}
