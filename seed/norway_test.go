package seed

import (
	"slices"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// TestNorway checks the built-in seed for the facts users rely on.
func TestNorway(t *testing.T) {
	s, err := Load(Norway(), ".")
	if err != nil {
		t.Fatalf("Load(Norway(), \".\"):\n%v", err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatalf("Landscape: %v", err)
	}

	if got := len(l.Nodes(graph.TypeService)); got < 20 {
		t.Errorf("%d services, want at least 20", got)
	}
	if got := len(l.Nodes(graph.TypeOrganisation)); got < 12 {
		t.Errorf("%d organisations, want at least 12", got)
	}

	t.Run("known services are there with sources", func(t *testing.T) {
		for _, test := range []struct {
			queries []string // names in English and Norwegian; a match of any counts
			cities  []string // cities the services found must include
		}{
			{[]string{"ROSA"}, nil},
			{[]string{"Nadheim"}, nil},
			{[]string{"Lauras hus"}, nil},
			{[]string{"Health Centre for Undocumented Migrants", "Helsesenteret for papirløse"}, []string{"Oslo", "Bergen"}},
		} {
			var found []*graph.Service
			for _, q := range test.queries {
				for _, svc := range l.Search(q) {
					if !slices.Contains(found, svc) {
						found = append(found, svc)
					}
				}
			}
			if len(found) == 0 {
				t.Errorf("Search finds nothing for %q", test.queries)
				continue
			}
			var cities []string
			for _, svc := range found {
				cities = append(cities, svc.City)
				if len(l.Sources(svc.ID)) == 0 {
					t.Errorf("%s (found by %q) has no sources", graph.Ref(svc), test.queries)
				}
			}
			for _, city := range test.cities {
				if !slices.Contains(cities, city) {
					t.Errorf("%q finds services in %q, want one in %s", test.queries, cities, city)
				}
			}
		}
	})

	t.Run("Laura's Hus is found however it is spelt", func(t *testing.T) {
		for _, q := range []string{"Laura's Hus", "Lauras hus", "lauras"} {
			var ids []string
			for _, svc := range l.Search(q) {
				ids = append(ids, svc.ID)
			}
			if !slices.Contains(ids, "lauras_hus") {
				t.Errorf("Search(%q) = %v, want lauras_hus among them", q, ids)
			}
		}
	})

	t.Run("every service and group has a source and a year", func(t *testing.T) {
		for _, typ := range []graph.NodeType{graph.TypeService, graph.TypeGroup} {
			for _, n := range l.Nodes(typ) {
				if len(l.Sources(n.Base().ID)) == 0 {
					t.Errorf("%s has no source", graph.Ref(n))
				}
				if n.Base().Year == 0 {
					t.Errorf("%s has no year", graph.Ref(n))
				}
			}
		}
	})

	t.Run("every entitlement and transition has a source and a year", func(t *testing.T) {
		for _, e := range l.Edges() {
			if e.Type != graph.EdgeEntitles && e.Type != graph.EdgeTransitionsTo {
				continue
			}
			if len(l.EdgeSources(&e)) == 0 {
				t.Errorf("edge %s has no source", e.Key())
			}
			if e.Year == 0 {
				t.Errorf("edge %s has no year", e.Key())
			}
		}
	})

	t.Run("shelters keep their address confidential", func(t *testing.T) {
		for _, svc := range graph.All[*graph.Service](l) {
			if svc.Sector == graph.SectorShelter && !svc.ConfidentialAddress {
				t.Errorf("%s is a shelter without confidential_address: true", graph.Ref(svc))
			}
		}
	})

	t.Run("every service is run by an organisation", func(t *testing.T) {
		for _, svc := range graph.All[*graph.Service](l) {
			if _, ok := l.Organisation(svc.ID); !ok {
				t.Errorf("%s is run by no organisation", graph.Ref(svc))
			}
		}
	})
}
