package graph_test

import (
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

func TestNewLandscapeRefuses(t *testing.T) {
	need := func(id string) *graph.Need {
		return &graph.Need{Meta: graph.Meta{ID: id, Name: id}, Category: graph.CategoryHealth}
	}
	svc := &graph.Service{Meta: graph.Meta{ID: "svc", Name: "Svc"}, Sector: graph.SectorHealth, Funding: graph.FundingPermanent}
	meets := graph.Edge{Type: graph.EdgeMeets, From: "svc", To: "gp"}
	for _, test := range []struct {
		name  string
		nodes []graph.Node
		edges []graph.Edge
		want  fault
	}{
		{"duplicate id", []graph.Node{need("gp"), need("gp")}, nil, fault{graph.EINVALID, "Need gp", "id"}},
		{"duplicate id of another type", []graph.Node{need("svc"), svc}, nil, fault{graph.EINVALID, "Service svc", "id"}},
		{"invalid node", []graph.Node{svc, &graph.Need{Meta: graph.Meta{ID: "gp", Name: "GP"}}}, nil, fault{graph.EINVALID, "Need gp", "category"}},
		{"duplicate edge", []graph.Node{svc, need("gp")}, []graph.Edge{meets, meets}, fault{Code: graph.EINVALID}},
		{"dangling edge", []graph.Node{svc}, []graph.Edge{meets}, fault{graph.EINVALID, "edge MEETS svc->gp", "to"}},
		{"edge of the wrong types", []graph.Node{svc, need("gp")},
			[]graph.Edge{{Type: graph.EdgeCovers, From: "svc", To: "gp"}}, fault{graph.EINVALID, "edge COVERS svc->gp", "to"}},
		{"edge citing a missing source", []graph.Node{svc, need("gp")},
			[]graph.Edge{{Type: graph.EdgeMeets, From: "svc", To: "gp", Sources: []string{"report"}}}, fault{graph.EINVALID, "edge MEETS svc->gp", "sources[0]"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			l, err := graph.NewLandscape(1, test.nodes, test.edges)
			if err == nil {
				t.Fatalf("NewLandscape = %v, want an error", l)
			}
			wantFault(t, err, test.want)
		})
	}
}

func TestNewLandscapeEmpty(t *testing.T) {
	l, err := graph.NewLandscape(0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, e := l.Len(); n != 0 || e != 0 || l.Version() != 0 {
		t.Errorf("empty landscape: version %d, %d nodes, %d edges", l.Version(), n, e)
	}
	if got := l.Out("x", graph.EdgeMeets); len(got) != 0 {
		t.Errorf("Out on an empty landscape = %v", got)
	}
	if got := l.Search("rosa"); len(got) != 0 {
		t.Errorf("Search on an empty landscape = %v", got)
	}
}

// indexLandscape is the fixture plus a second service meeting the need and
// two more referrals, so that indexes have runs of one type to filter.
func indexLandscape(t *testing.T) *graph.Landscape {
	t.Helper()
	nodes, edges := storetest.Fixture()
	nodes = append(nodes, &graph.Service{Meta: graph.Meta{ID: "clinic", Name: "Health Centre for Undocumented Migrants",
		NameNB: "Helsesenteret for papirløse migranter"}, Sector: graph.SectorHealth, Funding: graph.FundingVolunteer})
	edges = append(edges,
		graph.Edge{Type: graph.EdgeMeets, From: "clinic", To: storetest.NeedID},
		graph.Edge{Type: graph.EdgeRefersTo, From: "clinic", To: storetest.ServiceID},
		graph.Edge{Type: graph.EdgeRefersTo, From: storetest.ServiceID, To: "clinic"},
	)
	l, err := graph.NewLandscape(7, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// keys returns the keys of es, to compare them readably.
func keys(es []*graph.Edge) []string {
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Key().String())
	}
	return ks
}

// ids returns the ids of ns.
func ids[T graph.Node](ns []T) []string {
	var s []string
	for _, n := range ns {
		s = append(s, n.Base().ID)
	}
	return s
}

func TestLandscapeEdges(t *testing.T) {
	l := indexLandscape(t)
	for _, test := range []struct {
		name string
		got  []*graph.Edge
		want []string
	}{
		{"out, all types", l.Out("clinic", ""), []string{"MEETS clinic->emergency-health", "REFERS_TO clinic->rosa"}},
		{"out, one type", l.Out("rosa", graph.EdgeRefersTo), []string{"REFERS_TO rosa->clinic", "REFERS_TO rosa->lauras-hus"}},
		{"out, first type", l.Out("rosa", graph.EdgeAccepts), []string{"ACCEPTS rosa->undocumented"}},
		{"out, last type", l.Out("rosa", graph.EdgeSourcedFrom), []string{"SOURCED_FROM rosa->nkvts-2025"}},
		{"out, type absent", l.Out("rosa", graph.EdgeNeeds), nil},
		{"out, no such node", l.Out("nowhere", ""), nil},
		{"in, all types", l.In(storetest.NeedID, ""), []string{
			"CONCERNS greta-2022-45->emergency-health",
			"ENTITLES undocumented->emergency-health",
			"MEETS clinic->emergency-health",
			"MEETS rosa->emergency-health",
			"NEEDS women-sexual->emergency-health",
			"STUDIES ross2015->emergency-health",
		}},
		{"in, one type", l.In(storetest.NeedID, graph.EdgeMeets), []string{"MEETS clinic->emergency-health", "MEETS rosa->emergency-health"}},
		{"in, type absent", l.In(storetest.NeedID, graph.EdgeRunBy), nil},
	} {
		if diff := cmp.Diff(test.want, keys(test.got)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", test.name, diff)
		}
	}
	if n, e := l.Len(); n != 15 || e != 20 {
		t.Errorf("Len = %d, %d; want 15, 20", n, e)
	}
	k := graph.EdgeKey{Type: graph.EdgeTransitionsTo, From: storetest.Status2ID, To: storetest.StatusID}
	if e, ok := l.Edge(k); !ok || e.TypicalDays != 180 {
		t.Errorf("Edge(%s) = %+v, %t", k, e, ok)
	}
	if _, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: storetest.ServiceID, To: storetest.StatusID}); ok {
		t.Error("Edge found an edge that does not exist")
	}
	all := l.Edges()
	for i := 1; i < len(all); i++ {
		a, b := all[i-1].Key(), all[i].Key()
		if a.Type > b.Type || a.Type == b.Type && (a.From > b.From || a.From == b.From && a.To >= b.To) {
			t.Errorf("Edges not sorted: %s before %s", a, b)
		}
	}
}

func TestLandscapeNodes(t *testing.T) {
	l := indexLandscape(t)
	if got, err := graph.Lookup[*graph.Service](l, "rosa"); err != nil || got.Name != "ROSA" {
		t.Errorf("Lookup[*Service](rosa) = %v, %v", got, err)
	}
	for _, id := range []string{storetest.NeedID, "nowhere"} {
		if _, err := graph.Lookup[*graph.Service](l, id); graph.ErrorCode(err) != graph.ENOTFOUND {
			t.Errorf("Lookup[*Service](%s) error = %v, want ENOTFOUND", id, err)
		}
	}
	for _, test := range []struct {
		name string
		got  []string
		want []string
	}{
		{"All services", ids(graph.All[*graph.Service](l)), []string{"clinic", "lauras-hus", "rosa"}},
		{"All regions", ids(graph.All[*graph.Region](l)), []string{"norway", "oslo"}},
		{"Nodes statuses", ids(l.Nodes(graph.TypeStatus)), []string{"reflection-period", "undocumented"}},
		{"AllNodes", ids(l.AllNodes()), []string{
			"krisesenter", "clinic", "lauras-hus", "rosa", "emergency-health", "reflection-period", "undocumented",
			"sexual", "first-contact", "norway", "oslo", "women-sexual", "nkvts-2025", "ross2015", "greta-2022-45",
		}},
		{"Targets needs", ids(graph.Targets[*graph.Need](l, "rosa", graph.EdgeMeets)), []string{"emergency-health"}},
		{"Targets referrals", ids(graph.Targets[*graph.Service](l, "rosa", graph.EdgeRefersTo)), []string{"clinic", "lauras-hus"}},
		{"Targets of the wrong type", ids(graph.Targets[*graph.Need](l, "rosa", graph.EdgeRefersTo)), nil},
		{"Sources", ids(l.Sources("rosa")), []string{"nkvts-2025"}},
		{"Sources none", ids(l.Sources("clinic")), nil},
		{"Ancestors municipality", ids(l.Ancestors("oslo")), []string{"oslo", "norway"}},
		{"Ancestors country", ids(l.Ancestors("norway")), []string{"norway"}},
		{"Ancestors not a region", ids(l.Ancestors("rosa")), nil},
		{"Ancestors missing", ids(l.Ancestors("nowhere")), nil},
	} {
		if diff := cmp.Diff(test.want, test.got); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", test.name, diff)
		}
	}
	e, _ := l.Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: "rosa", To: storetest.NeedID})
	if diff := cmp.Diff([]string{"nkvts-2025"}, ids(l.EdgeSources(e))); diff != "" {
		t.Errorf("EdgeSources mismatch (-want +got):\n%s", diff)
	}
	if org, ok := l.Organisation("rosa"); !ok || org.ID != storetest.OrgID {
		t.Errorf("Organisation(rosa) = %v, %t", org, ok)
	}
	if org, ok := l.Organisation("clinic"); ok {
		t.Errorf("Organisation(clinic) = %v, want none", org)
	}
	if got, want := l.String(), "landscape v7: 15 nodes, 20 edges"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestLandscapeSearch(t *testing.T) {
	l := indexLandscape(t)
	for _, test := range []struct {
		q    string
		want []string
	}{
		{"lauras hus", []string{"lauras-hus"}},
		{"Laura's Hus", []string{"lauras-hus"}},
		{"LAURA’S", []string{"lauras-hus"}},
		{"rosa", []string{"rosa"}},
		{"rosa-prosjektet", []string{"rosa"}},           // NameNB
		{"organised shelter", []string{"rosa"}},         // AltNames
		{"papirløse", []string{"clinic"}},               // NameNB, not ASCII
		{"undocumented migrants", []string{"clinic"}},   // Name
		{"hus", []string{"lauras-hus"}},                 // a part
		{"s", []string{"clinic", "lauras-hus", "rosa"}}, // sorted by id
		{"emergency health", nil},                       // a need, not a service
		{"nothing like it", nil},
	} {
		if diff := cmp.Diff(test.want, ids(l.Search(test.q))); diff != "" {
			t.Errorf("Search(%q) mismatch (-want +got):\n%s", test.q, diff)
		}
	}
}

func TestLandscapeChanged(t *testing.T) {
	l, err := graph.NewLandscape(3, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !l.Changed().IsZero() {
		t.Errorf("new landscape: Changed = %s, want the zero time", l.Changed())
	}
	at := time.Date(2026, 2, 27, 15, 5, 9, 123456000, time.FixedZone("CET", 3600))
	if got := l.WithChanged(at).Changed(); !got.Equal(at) || got.Location() != time.UTC {
		t.Errorf("WithChanged(%s): Changed = %s, want the same instant in UTC", at, got)
	}
	if got := l.WithChanged(time.Time{}).Changed(); !got.IsZero() {
		t.Errorf("WithChanged(zero): Changed = %s", got)
	}
}
