package storetest

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// testEdgeToMissingNode checks that an edge must join existing nodes.
func testEdgeToMissingNode(t *testing.T, s graph.Store) {
	load(t, s)
	for _, e := range []graph.Edge{
		{Type: graph.EdgeMeets, From: ServiceID, To: "nowhere"},
		{Type: graph.EdgeMeets, From: "nowhere", To: NeedID},
	} {
		wantError(t, s, new(graph.Change).PutEdge(e), graph.EINVALID)
	}
	// A node deleted earlier in the same change is missing too.
	c := new(graph.Change).Delete(NeedID, 1, true).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: NeedID})
	wantError(t, s, c, graph.EINVALID)
}

// testEdgeWrongTypes checks that an edge must join the node types its rule
// allows and carry only the properties of its type.
func testEdgeWrongTypes(t *testing.T, s graph.Store) {
	load(t, s)
	for _, e := range []graph.Edge{
		{Type: graph.EdgeMeets, From: ServiceID, To: StatusID},     // MEETS must end at a Need
		{Type: graph.EdgeRunBy, From: OrgID, To: ServiceID},        // reversed
		{Type: graph.EdgeSourcedFrom, From: SourceID, To: OrgID},   // must end at a Source
		{Type: graph.EdgePartOf, From: MunicipalID, To: GroupID},   // PART_OF joins regions
		{Type: "KNOWS", From: ServiceID, To: Service2ID},           // not a type
		{Type: graph.EdgeRefersTo, From: ServiceID, To: ServiceID}, // a loop
	} {
		wantError(t, s, new(graph.Change).PutEdge(e), graph.EINVALID)
	}
	e := wantError(t, s, new(graph.Change).PutEdge(graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: NeedID, Formal: true}), graph.EINVALID)
	if e.Field != "formal" {
		t.Errorf("error %q names field %q, want formal", e, e.Field)
	}
}

// testEdgeMissingSource checks that every source an edge cites must be a
// Source node.
func testEdgeMissingSource(t *testing.T, s graph.Store) {
	load(t, s)
	for _, sources := range [][]string{
		{"no-such-source"},
		{SourceID, "no-such-source"},
		{NeedID}, // exists, but is not a Source
	} {
		e := graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: NeedID, Sources: sources}
		wantError(t, s, new(graph.Change).PutEdge(e), graph.EINVALID)
	}
}

// testDeleteEdge checks that a deleted edge is gone and its nodes stay.
func testDeleteEdge(t *testing.T, s graph.Store) {
	load(t, s)
	k := graph.EdgeKey{Type: graph.EdgeMeets, From: ServiceID, To: NeedID}
	mustApply(t, s, new(graph.Change).DeleteEdge(k))
	l := mustLandscape(t, s)
	if _, ok := l.Edge(k); ok {
		t.Errorf("edge %s is still there", k)
	}
	if _, ok := l.Node(NeedID); !ok {
		t.Errorf("node %s went with the edge", NeedID)
	}
	wantError(t, s, new(graph.Change).DeleteEdge(k), graph.ENOTFOUND)
}

// testDeleteWithEdges checks that a node with edges (in or out) cannot be
// deleted without Cascade.
func testDeleteWithEdges(t *testing.T, s graph.Store) {
	load(t, s)
	for _, id := range []string{ServiceID, NeedID, Service2ID, CountryID} {
		wantError(t, s, new(graph.Change).Delete(id, 1, false), graph.ECONFLICT)
	}
}

// testDeleteCascade checks that a cascading delete removes the node and
// every edge that starts or ends at it, and nothing else.
func testDeleteCascade(t *testing.T, s graph.Store) {
	load(t, s)
	mustApply(t, s, new(graph.Change).Delete(NeedID, 1, true))
	nodes, edges := Fixture()
	var wantNodes []graph.Node
	for _, n := range nodes {
		if n.Base().ID != NeedID {
			n.Base().Version = 1
			wantNodes = append(wantNodes, n)
		}
	}
	var wantEdges []graph.Edge
	for _, e := range edges {
		if e.From != NeedID && e.To != NeedID {
			wantEdges = append(wantEdges, e)
		}
	}
	wantLandscape(t, s, wantNodes, wantEdges)

	// A node without edges needs no cascade.
	mustApply(t, s, new(graph.Change).Create(need("alone")))
	mustApply(t, s, new(graph.Change).Delete("alone", 1, false))
}

// testDeleteCitedSource checks that a Source cited in an edge's sources
// cannot be deleted, even with Cascade, until no edge cites it.
func testDeleteCitedSource(t *testing.T, s graph.Store) {
	load(t, s)
	// Every fixture edge cites the source; SOURCED_FROM is also an edge of it.
	wantError(t, s, new(graph.Change).Delete(SourceID, 1, false), graph.ECONFLICT)
	wantError(t, s, new(graph.Change).Delete(SourceID, 1, true), graph.ECONFLICT)

	// A source cited only by its own SOURCED_FROM edge goes with Cascade,
	// which takes the edge and so the citation.
	own := &graph.Source{Meta: graph.Meta{ID: "self-cited", Name: "Self-cited"}, Kind: graph.SourceWeb}
	mustApply(t, s, new(graph.Change).Create(own).
		PutEdge(graph.Edge{Type: graph.EdgeSourcedFrom, From: Service2ID, To: own.ID, Sources: []string{own.ID}}))
	wantError(t, s, new(graph.Change).Delete(own.ID, 1, false), graph.ECONFLICT)
	mustApply(t, s, new(graph.Change).Delete(own.ID, 1, true))

	// Replace every edge with one that cites nothing: now it can go, and
	// Cascade takes its SOURCED_FROM edge.
	_, edges := Fixture()
	c := &graph.Change{}
	for _, e := range edges {
		e.Sources = nil
		c.PutEdge(e)
	}
	mustApply(t, s, c)
	mustApply(t, s, new(graph.Change).Delete(SourceID, 1, true))
	if _, ok := mustLandscape(t, s).Node(SourceID); ok {
		t.Error("source is still there")
	}
}

// testLaterOpsSeeEarlier checks that a change can create nodes and then
// their edges, and delete a node and create another with its id.
func testLaterOpsSeeEarlier(t *testing.T, s graph.Store) {
	load(t, s)
	c := new(graph.Change).
		Create(need("interpreter")).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter", Sources: []string{SourceID}}).
		DeleteEdge(graph.EdgeKey{Type: graph.EdgeRefersTo, From: ServiceID, To: Service2ID}).
		Delete(StageID, 1, true).
		Create(&graph.Stage{Meta: graph.Meta{ID: StageID, Name: "Renewed"}, Order: 2}).
		PutEdge(graph.Edge{Type: graph.EdgeAtStage, From: Service2ID, To: StageID})
	mustApply(t, s, c)
	l := mustLandscape(t, s)
	for _, k := range []graph.EdgeKey{
		{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter"},
		{Type: graph.EdgeAtStage, From: Service2ID, To: StageID},
	} {
		if _, ok := l.Edge(k); !ok {
			t.Errorf("edge %s is missing", k)
		}
	}
	for _, k := range []graph.EdgeKey{
		{Type: graph.EdgeRefersTo, From: ServiceID, To: Service2ID},
		{Type: graph.EdgeAtStage, From: ServiceID, To: StageID}, // went with the old stage
	} {
		if _, ok := l.Edge(k); ok {
			t.Errorf("edge %s is still there", k)
		}
	}
	if st, err := graph.Lookup[*graph.Stage](l, StageID); err != nil || st.Name != "Renewed" || st.Version != 1 {
		t.Errorf("recreated stage = %+v, %v; want Renewed at version 1", st, err)
	}

	// A second update in the same change names the version the first made.
	n := *node[*graph.Need](t, s, NeedID)
	n2 := n
	n2.Version, n2.Description = 2, "updated twice"
	mustApply(t, s, new(graph.Change).Update(&n).Update(&n2))
	if got := node[*graph.Need](t, s, NeedID); got.Version != 3 || got.Description != n2.Description {
		t.Errorf("after two updates: version %d, description %q; want 3, %q", got.Version, got.Description, n2.Description)
	}
	wantError(t, s, new(graph.Change).Update(&n2).Update(&n2), graph.ECONFLICT)

	// Edges and citations made earlier in a change hold a later delete
	// back; edges and citations removed earlier let it through.
	src := &graph.Source{Meta: graph.Meta{ID: "new-source", Name: "New"}, Kind: graph.SourceWeb}
	wantError(t, s, new(graph.Change).
		Create(need("held")).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "held"}).
		Delete("held", 1, false), graph.ECONFLICT)
	wantError(t, s, new(graph.Change).
		Create(src).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter", Sources: []string{src.ID}}).
		Delete(src.ID, 1, true), graph.ECONFLICT)
	mustApply(t, s, new(graph.Change).
		Create(src).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter", Sources: []string{src.ID}}).
		PutEdge(graph.Edge{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter"}). // no longer cites it
		Delete(src.ID, 1, false).
		DeleteEdge(graph.EdgeKey{Type: graph.EdgeMeets, From: Service2ID, To: "interpreter"}).
		Delete("interpreter", 1, false))
	l = mustLandscape(t, s)
	for _, id := range []string{src.ID, "interpreter"} {
		if _, ok := l.Node(id); ok {
			t.Errorf("node %s is still there", id)
		}
	}
}
