package neo4j

import (
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// storedProps stores props as the properties of a node on the Neo4j server
// (SET n = $props, as the store's statements do) and returns them as the
// driver reads them back.
func storedProps(t *testing.T, s *Store, props map[string]any) map[string]any {
	t.Helper()
	recs := cypher(t, s, "CREATE (n:GapmapTestProps) SET n = $props WITH n, properties(n) AS props DELETE n RETURN props",
		map[string]any{"props": props})
	if len(recs) != 1 {
		t.Fatalf("storing %v returned %d records", props, len(recs))
	}
	return recs[0].Values[0].(map[string]any)
}

// testNodes returns the fixture's nodes (every type, every field) and some
// variants.
func testNodes() []graph.Node {
	nodes, _ := storetest.Fixture()
	oslo := time.Date(2026, 1, 2, 3, 4, 5, 600, time.FixedZone("CET", 3600))
	local := time.Date(2024, 6, 1, 12, 0, 0, 0, time.Local)
	nodes = append(nodes,
		&graph.Service{Meta: graph.Meta{ID: "zoned", Name: "Zoned"}, Sector: graph.SectorHealth, Funding: graph.FundingPermanent,
			LastVerified: &oslo},
		&graph.Service{Meta: graph.Meta{ID: "local", Name: "Local"}, Sector: graph.SectorHealth, Funding: graph.FundingPermanent,
			LastVerified: &local, AltNames: []string{}, Languages: nil},
		&graph.Need{Meta: graph.Meta{ID: "minimal", Name: "Minimal"}, Category: graph.CategoryShelter},
	)
	return nodes
}

// TestNodeRoundTrip checks every node type, with every field set, through
// the properties it is stored with stored on the Neo4j server and back.
func TestNodeRoundTrip(t *testing.T) {
	s, _ := openTraced(t)
	for _, n := range testNodes() {
		t.Run(graph.Ref(n), func(t *testing.T) {
			props, err := nodeProps(n, 7)
			if err != nil {
				t.Fatalf("nodeProps: %v", err)
			}
			if props["version"] != int64(7) || props["id"] != n.Base().ID {
				t.Errorf("props id, version = %v, %v; want %s, 7", props["id"], props["version"], n.Base().ID)
			}
			if _, ok := props["type"]; ok {
				t.Error("props has a type: the type is a label")
			}
			// Neo4j returns the labels in any order.
			dn := dbtype.Node{Labels: []string{string(n.Type()), "Node"}, Props: storedProps(t, s, props)}
			got, err := nodeFromDB(dn.Labels, dn.Props)
			if err != nil {
				t.Fatalf("nodeFromDB: %v", err)
			}
			want := clone(t, n)
			want.Base().Version = 7
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
			if n.Base().Version != 0 {
				t.Error("nodeProps changed the node's version")
			}
		})
	}
}

// TestNodeProps checks the property keys and value types of a stored
// Service: the JSON keys, lists as lists, times as DATETIME (time.Time).
func TestNodeProps(t *testing.T) {
	nodes, _ := storetest.Fixture()
	rosa := nodes[1].(*graph.Service)
	props, err := nodeProps(rosa, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"id": "rosa", "version": int64(1), "name": "ROSA", "name_nb": "ROSA-prosjektet", "year": int64(2025),
		"confidence": "verified", "note": "fixture rosa",
		"alt_names":   []any{"ROSA project", "Re-establishment, Organised shelter, Safety, Assistance"},
		"description": "National coordination of shelter for women", "description_nb": "Nasjonal koordinering",
		"sector": "coordination", "city": "Oslo", "address": "Postboks 1, 0101 Oslo", "confidential_address": true,
		"genders": []any{"female", "other"}, "age_bands": []any{"young_adult", "adult"},
		"capacity": int64(40), "capacity_note": "places in partner shelters", "capacity_note_nb": "plasser i samarbeidende krisesentre", "capacity_limited": true, "languages": []any{"no", "en", "ro"},
		"funding": "project", "cost": "free", "cost_nb": "gratis", "phone": "+47 22 33 60 50", "email": "rosa@krisesenter.com",
		"url": "https://rosa-help.no", "opening_hours": "24/7", "opening_hours_nb": "døgnåpent",
		"last_verified": time.Date(2025, 3, 14, 9, 30, 0, 0, time.FixedZone("Offset", 0)),
	}
	if diff := cmp.Diff(want, props); diff != "" {
		t.Errorf("props mismatch (-want +got):\n%s", diff)
	}
}

// TestEdgeRoundTrip checks every edge type, with every property its type
// allows, through its relationship properties and back.
func TestEdgeRoundTrip(t *testing.T) {
	s, _ := openTraced(t)
	_, edges := storetest.Fixture()
	edges = append(edges, graph.Edge{Type: graph.EdgeMeets, From: "a", To: "b"}) // no properties at all
	for _, e := range edges {
		t.Run(e.Key().String(), func(t *testing.T) {
			props, err := edgeProps(&e)
			if err != nil {
				t.Fatalf("edgeProps: %v", err)
			}
			for _, k := range []string{"type", "from", "to"} {
				if _, ok := props[k]; ok {
					t.Errorf("props has %s: it is the relationship's", k)
				}
			}
			rel := dbtype.Relationship{Type: string(e.Type), Props: storedProps(t, s, props)}
			got, err := edgeFromDB(rel.Type, e.From, e.To, rel.Props)
			if err != nil {
				t.Fatalf("edgeFromDB: %v", err)
			}
			if diff := cmp.Diff(e, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNodeFromDBValues checks values other tools may have written: local
// date-times and dates, and whole floats.
func TestNodeFromDBValues(t *testing.T) {
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	for _, test := range []struct {
		name  string
		value any
		want  time.Time
	}{
		{"datetime", day, day},
		{"datetime with offset", day.In(time.FixedZone("Offset", -7200)), day},
		{"local datetime", dbtype.LocalDateTime(time.Date(2025, 3, 14, 9, 30, 0, 0, time.Local)), time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)},
		{"date", dbtype.Date(day), day},
	} {
		t.Run(test.name, func(t *testing.T) {
			n, err := nodeFromDB([]string{"Node", "Service"}, map[string]any{
				"id": "s", "version": int64(1), "name": "S", "sector": "health", "funding": "project",
				"capacity": float64(12), "last_verified": test.value,
			})
			if err != nil {
				t.Fatal(err)
			}
			s := n.(*graph.Service)
			if s.LastVerified == nil || !s.LastVerified.Equal(test.want) || s.Capacity != 12 {
				t.Errorf("last_verified, capacity = %v, %d; want %v, 12", s.LastVerified, s.Capacity, test.want)
			}
		})
	}
}

// TestFromDBRefuses checks that what gapmap did not write is refused with a
// message naming the problem.
func TestFromDBRefuses(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{"id": "n", "version": int64(1), "name": "N", "category": "health"}
	}
	with := func(k string, v any) map[string]any {
		m := base()
		m[k] = v
		return m
	}
	for _, test := range []struct {
		name   string
		labels []string
		props  map[string]any
		want   string
	}{
		{"no type label", []string{"Node"}, base(), "no type"},
		{"two type labels", []string{"Node", "Need", "Status"}, base(), "two types"},
		{"unknown property", []string{"Node", "Need"}, with("colour", "red"), "colour"},
		{"reserved property", []string{"Node", "Need"}, with("type", "Need"), "reserved"},
		{"wrong value type", []string{"Node", "Need"}, with("name", int64(3)), "name"},
		{"fractional int", []string{"Node", "Need"}, with("year", 2025.5), "year"},
		{"unsupported value", []string{"Node", "Need"}, with("note", dbtype.Point2D{X: 1, Y: 2}), "unsupported"},
	} {
		t.Run(test.name, func(t *testing.T) {
			_, err := nodeFromDB(test.labels, test.props)
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Errorf("nodeFromDB = %v, want an error containing %q", err, test.want)
			}
		})
	}
	if _, err := edgeFromDB("MEETS", "a", "b", map[string]any{"weight": int64(1)}); err == nil {
		t.Error("edgeFromDB accepted an unknown property")
	}
	if _, err := edgeFromDB("MEETS", "a", "b", map[string]any{"from": "c"}); err == nil {
		t.Error("edgeFromDB accepted a from property")
	}
}

// TestPropValueRefuses checks that values Neo4j cannot store are refused
// before they reach it.
func TestPropValueRefuses(t *testing.T) {
	for _, v := range []any{
		map[string]any{"a": "b"},
		[]any{[]any{"nested"}},
		[]any{map[string]any{}},
	} {
		if _, err := propValue(v); err == nil {
			t.Errorf("propValue(%v) = nil error, want one", v)
		}
	}
}

// TestDBTime checks that times go to the driver in a fixed zone of their
// offset, whatever zone they came in.
func TestDBTime(t *testing.T) {
	oslo := time.FixedZone("CET", 3600)
	for _, in := range []time.Time{
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 1, 1, 0, 0, 0, 0, oslo),
		time.Date(2025, 1, 1, 0, 0, 0, 0, time.Local),
	} {
		got := dbTime(in)
		name, off := got.Zone()
		_, wantOff := in.Zone()
		if name != "Offset" || off != wantOff || !got.Equal(in) {
			t.Errorf("dbTime(%v) = %v in zone %q%+d; want the same instant in zone Offset%+d", in, got, name, off, wantOff)
		}
	}
}

// TestTimeKeys checks that the time fields are found by their JSON names.
func TestTimeKeys(t *testing.T) {
	if diff := cmp.Diff(map[string]bool{"last_verified": true}, nodeTimeKeys[graph.TypeService]); diff != "" {
		t.Errorf("Service time keys mismatch (-want +got):\n%s", diff)
	}
	if len(nodeTimeKeys[graph.TypeNeed]) != 0 || len(edgeTimeKeys) != 0 {
		t.Errorf("time keys of Need %v, of edges %v; want none", nodeTimeKeys[graph.TypeNeed], edgeTimeKeys)
	}
}

// clone returns a deep copy of n.
func clone(t *testing.T, n graph.Node) graph.Node {
	t.Helper()
	data, err := graph.MarshalNode(n)
	if err != nil {
		t.Fatal(err)
	}
	c, err := graph.UnmarshalNode(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
