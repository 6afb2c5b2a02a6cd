package graph_test

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

func TestValidateEdge(t *testing.T) {
	l := fixtureLandscape(t)
	inv := func(e graph.Edge, field string) fault {
		return fault{graph.EINVALID, "edge " + e.Key().String(), field}
	}
	meets := graph.Edge{Type: graph.EdgeMeets, From: storetest.ServiceID, To: storetest.NeedID}
	with := func(e graph.Edge, f func(*graph.Edge)) graph.Edge { f(&e); return e }
	for _, test := range []struct {
		name  string
		edge  graph.Edge
		field string // "" for a valid edge
	}{
		{"valid", meets, ""},
		{"valid with provenance", with(meets, func(e *graph.Edge) {
			e.Sources, e.Year, e.Confidence, e.Extent = []string{storetest.SourceID}, 2025, graph.Assumed, graph.ExtentPartial
		}), ""},
		{"unknown type", with(meets, func(e *graph.Edge) { e.Type = "KNOWS" }), "type"},
		{"from not an id", with(meets, func(e *graph.Edge) { e.From = "ROSA" }), "from"},
		{"to not an id", with(meets, func(e *graph.Edge) { e.To = "" }), "to"},
		{"loop", graph.Edge{Type: graph.EdgeRefersTo, From: storetest.ServiceID, To: storetest.ServiceID}, "to"},
		{"from missing", with(meets, func(e *graph.Edge) { e.From = "nowhere" }), "from"},
		{"to missing", with(meets, func(e *graph.Edge) { e.To = "nowhere" }), "to"},
		{"from of the wrong type", graph.Edge{Type: graph.EdgeRunBy, From: storetest.OrgID, To: storetest.OrgID + "x"}, "from"},
		{"reversed", graph.Edge{Type: graph.EdgeRunBy, From: storetest.OrgID, To: storetest.ServiceID}, "from"},
		{"to of the wrong type", graph.Edge{Type: graph.EdgeMeets, From: storetest.ServiceID, To: storetest.StatusID}, "to"},
		{"sourced from a source", graph.Edge{Type: graph.EdgeSourcedFrom, From: storetest.SourceID, To: storetest.SourceID + "x"}, "from"},
		{"sourced from a non-source", graph.Edge{Type: graph.EdgeSourcedFrom, From: storetest.ServiceID, To: storetest.NeedID}, "to"},
		{"concerns a region", graph.Edge{Type: graph.EdgeConcerns, From: storetest.RecommendID, To: storetest.CountryID}, "to"},
		{"part of a service", graph.Edge{Type: graph.EdgePartOf, From: storetest.MunicipalID, To: storetest.ServiceID}, "to"},
		{"source missing", with(meets, func(e *graph.Edge) { e.Sources = []string{"nowhere"} }), "sources[0]"},
		{"source not a source", with(meets, func(e *graph.Edge) { e.Sources = []string{storetest.SourceID, storetest.NeedID} }), "sources[1]"},
		{"source not an id", with(meets, func(e *graph.Edge) { e.Sources = []string{"NKVTS"} }), "sources[0]"},
		{"formal on MEETS", with(meets, func(e *graph.Edge) { e.Formal = true }), "formal"},
		{"legal basis on ACCEPTS", graph.Edge{Type: graph.EdgeAccepts, From: storetest.ServiceID, To: storetest.StatusID, LegalBasis: "law"}, "legal_basis"},
		{"age bands on MEETS", with(meets, func(e *graph.Edge) { e.AgeBands = []graph.AgeBand{graph.AgeChild} }), "age_bands"},
		{"trigger on ENTITLES", graph.Edge{Type: graph.EdgeEntitles, From: storetest.StatusID, To: storetest.NeedID, Trigger: "x"}, "trigger"},
		{"typical days on ENTITLES", graph.Edge{Type: graph.EdgeEntitles, From: storetest.StatusID, To: storetest.NeedID, TypicalDays: 3}, "typical_days"},
		{"typical days negative", graph.Edge{Type: graph.EdgeTransitionsTo, From: storetest.Status2ID, To: storetest.StatusID, TypicalDays: -3}, "typical_days"},
		{"extent on COVERS", graph.Edge{Type: graph.EdgeCovers, From: storetest.ServiceID, To: storetest.CountryID, Extent: graph.ExtentFull}, "extent"},
		{"extent unknown", with(meets, func(e *graph.Edge) { e.Extent = "some" }), "extent"},
		{"age band unknown on ENTITLES", graph.Edge{Type: graph.EdgeEntitles, From: storetest.StatusID, To: storetest.NeedID, AgeBands: []graph.AgeBand{"old"}}, "age_bands[0]"},
		{"year out of range", with(meets, func(e *graph.Edge) { e.Year = 3000 }), "year"},
		{"confidence unknown", with(meets, func(e *graph.Edge) { e.Confidence = "maybe" }), "confidence"},
	} {
		t.Run(test.name, func(t *testing.T) {
			var want fault
			if test.field != "" {
				want = inv(test.edge, test.field)
			}
			wantFault(t, graph.ValidateEdge(&test.edge, l.Node), want)
		})
	}
}

// TestValidateEdgeRules checks every fixture edge (one of each type) and, for
// each rule, that every node type it does not allow at either end is refused.
func TestValidateEdgeRules(t *testing.T) {
	l := fixtureLandscape(t)
	for _, e := range l.Edges() {
		if err := graph.ValidateEdge(&e, l.Node); err != nil {
			t.Errorf("fixture edge: %v", err)
		}
	}
	byType := map[graph.NodeType]string{} // an id of each type
	for _, n := range l.AllNodes() {
		if _, ok := byType[n.Type()]; !ok {
			byType[n.Type()] = n.Base().ID
		}
	}
	allowed := func(ts []graph.NodeType, t graph.NodeType) bool {
		for _, x := range ts {
			if x == t {
				return true
			}
		}
		return false
	}
	for _, r := range graph.EdgeRules {
		for _, from := range graph.NodeTypes {
			for _, to := range graph.NodeTypes {
				e := graph.Edge{Type: r.Type, From: byType[from], To: byType[to]}
				if e.From == e.To {
					continue
				}
				err := graph.ValidateEdge(&e, l.Node)
				if want := allowed(r.From, from) && allowed(r.To, to); want != (err == nil) {
					t.Errorf("%s %s->%s: ValidateEdge = %v, want allowed %t", r.Type, from, to, err, want)
				}
			}
		}
	}
}

func TestEdgeTypeRule(t *testing.T) {
	for _, r := range graph.EdgeRules {
		got, ok := r.Type.Rule()
		if !ok || got.Type != r.Type || !r.Type.Valid() {
			t.Errorf("%s.Rule() = %v, %t", r.Type, got, ok)
		}
	}
	if graph.EdgeType("KNOWS").Valid() {
		t.Error("KNOWS is valid")
	}
	k := graph.EdgeKey{Type: graph.EdgeRunBy, From: "rosa", To: "krisesenter"}
	if got, want := k.String(), "RUN_BY rosa->krisesenter"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
