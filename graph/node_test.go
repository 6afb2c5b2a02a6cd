package graph_test

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

func TestNodeValidate(t *testing.T) {
	org := func(f func(*graph.Organisation)) func(*testing.T) graph.Node {
		return func(t *testing.T) graph.Node { n := fixture[*graph.Organisation](t, storetest.OrgID); f(n); return n }
	}
	svc := func(f func(*graph.Service)) func(*testing.T) graph.Node {
		return func(t *testing.T) graph.Node { n := fixture[*graph.Service](t, storetest.ServiceID); f(n); return n }
	}
	grp := func(f func(*graph.Group)) func(*testing.T) graph.Node {
		return func(t *testing.T) graph.Node { n := fixture[*graph.Group](t, storetest.GroupID); f(n); return n }
	}
	const (
		o = "Organisation krisesenter"
		s = "Service rosa"
		g = "Group women-sexual"
	)
	inv := func(node, field string) fault { return fault{graph.EINVALID, node, field} }
	for _, test := range []struct {
		name string
		node func(*testing.T) graph.Node
		want fault
	}{
		{"id missing", org(func(n *graph.Organisation) { n.ID = "" }), fault{Code: graph.EINVALID, Field: "id"}},
		{"id upper case", org(func(n *graph.Organisation) { n.ID = "Krise" }), inv("Organisation Krise", "id")},
		{"id with a space", org(func(n *graph.Organisation) { n.ID = "krise senter" }), inv("Organisation krise senter", "id")},
		{"negative version", org(func(n *graph.Organisation) { n.Version = -1 }), inv(o, "version")},
		{"name missing", org(func(n *graph.Organisation) { n.Name = "" }), inv(o, "name")},
		{"year too early", org(func(n *graph.Organisation) { n.Year = 1700 }), inv(o, "year")},
		{"unknown confidence", org(func(n *graph.Organisation) { n.Confidence = "likely" }), inv(o, "confidence")},
		{"organisation kind missing", org(func(n *graph.Organisation) { n.Kind = "" }), inv(o, "kind")},
		{"organisation kind unknown", org(func(n *graph.Organisation) { n.Kind = "charity" }), inv(o, "kind")},
		{"service sector missing", svc(func(n *graph.Service) { n.Sector = "" }), inv(s, "sector")},
		{"service sector unknown", svc(func(n *graph.Service) { n.Sector = "police" }), inv(s, "sector")},
		{"service funding unknown", svc(func(n *graph.Service) { n.Funding = "grant" }), inv(s, "funding")},
		{"service gender unknown", svc(func(n *graph.Service) { n.Genders = []graph.Gender{graph.Female, "x"} }), inv(s, "genders[1]")},
		{"service gender twice", svc(func(n *graph.Service) { n.Genders = []graph.Gender{graph.Male, graph.Male} }), inv(s, "genders[1]")},
		{"service age band unknown", svc(func(n *graph.Service) { n.AgeBands = []graph.AgeBand{"old"} }), inv(s, "age_bands[0]")},
		{"service capacity negative", svc(func(n *graph.Service) { n.Capacity = -1 }), inv(s, "capacity")},
		{"service language not a code", svc(func(n *graph.Service) { n.Languages = []string{"Norwegian"} }), inv(s, "languages")},
		{"need category missing", func(t *testing.T) graph.Node {
			n := fixture[*graph.Need](t, storetest.NeedID)
			n.Category = ""
			return n
		}, inv("Need emergency-health", "category")},
		{"status name missing", func(t *testing.T) graph.Node {
			n := fixture[*graph.Status](t, storetest.StatusID)
			n.Name = ""
			return n
		}, inv("Status undocumented", "name")},
		{"exploitation year too late", func(t *testing.T) graph.Node {
			n := fixture[*graph.Exploitation](t, storetest.ExploitID)
			n.Year = 2200
			return n
		}, inv("Exploitation sexual", "year")},
		{"stage order zero", func(t *testing.T) graph.Node {
			n := fixture[*graph.Stage](t, storetest.StageID)
			n.Order = 0
			return n
		}, inv("Stage first-contact", "order")},
		{"region level unknown", func(t *testing.T) graph.Node {
			n := fixture[*graph.Region](t, storetest.MunicipalID)
			n.Level = "city"
			return n
		}, inv("Region oslo", "level")},
		{"region population negative", func(t *testing.T) graph.Node {
			n := fixture[*graph.Region](t, storetest.MunicipalID)
			n.Population = -5
			return n
		}, inv("Region oslo", "population")},
		{"group gender unknown", grp(func(n *graph.Group) { n.Genders = []graph.Gender{"x"} }), inv(g, "genders[0]")},
		{"group age band twice", grp(func(n *graph.Group) { n.AgeBands = []graph.AgeBand{graph.AgeChild, graph.AgeChild} }), inv(g, "age_bands[1]")},
		{"group language upper case", grp(func(n *graph.Group) { n.Languages = []string{"EN"} }), inv(g, "languages")},
		{"group size negative", grp(func(n *graph.Group) { n.SizeEstimate = -1 }), inv(g, "size_estimate")},
		{"source kind unknown", func(t *testing.T) graph.Node {
			n := fixture[*graph.Source](t, storetest.SourceID)
			n.Kind = "blog"
			return n
		}, inv("Source nkvts-2025", "kind")},
		{"recommendation summary missing", func(t *testing.T) graph.Node {
			n := fixture[*graph.Recommendation](t, storetest.RecommendID)
			n.Summary = ""
			return n
		}, inv("Recommendation greta-2022-45", "summary")},
		{"recommendation body unknown", func(t *testing.T) graph.Node {
			n := fixture[*graph.Recommendation](t, storetest.RecommendID)
			n.Body = "UN"
			return n
		}, inv("Recommendation greta-2022-45", "body")},
	} {
		t.Run(test.name, func(t *testing.T) {
			wantFault(t, test.node(t).Validate(), test.want)
		})
	}
}

func TestNodeValidateFixture(t *testing.T) {
	nodes, _ := storetest.Fixture()
	for _, n := range nodes {
		if err := n.Validate(); err != nil {
			t.Errorf("%s: %v", graph.Ref(n), err)
		}
	}
	// Optional fields may be empty.
	for _, n := range []graph.Node{
		&graph.Service{Meta: graph.Meta{ID: "s", Name: "S"}, Sector: graph.SectorHealth, Funding: graph.FundingProject},
		&graph.Need{Meta: graph.Meta{ID: "n", Name: "N"}, Category: graph.CategoryLegal},
		&graph.Status{Meta: graph.Meta{ID: "st", Name: "St"}},
		&graph.Group{Meta: graph.Meta{ID: "g", Name: "G"}},
	} {
		if err := n.Validate(); err != nil {
			t.Errorf("minimal %s: %v", graph.Ref(n), err)
		}
	}
}

func TestParseNodeType(t *testing.T) {
	for _, test := range []struct {
		in   string
		want graph.NodeType
		code string
	}{
		{"Service", graph.TypeService, ""},
		{"service", graph.TypeService, ""},
		{"RECOMMENDATION", graph.TypeRecommendation, ""},
		{"person", "", graph.EINVALID},
		{"", "", graph.EINVALID},
	} {
		got, err := graph.ParseNodeType(test.in)
		if got != test.want || graph.ErrorCode(err) != test.code {
			t.Errorf("ParseNodeType(%q) = %q, %v; want %q, code %q", test.in, got, err, test.want, test.code)
		}
	}
	for _, typ := range graph.NodeTypes {
		n, err := graph.NewNode(typ)
		if err != nil || n.Type() != typ {
			t.Errorf("NewNode(%s) = %v, %v", typ, n, err)
		}
	}
	if _, err := graph.NewNode("Person"); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("NewNode(Person) error = %v, want EINVALID", err)
	}
}

// TestValidIDMatchesPattern checks ValidID against the pattern it
// implements, on random strings over an alphabet that exercises every case.
func TestValidIDMatchesPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte("az09_-A/ é")
	for range 20000 {
		b := make([]byte, rng.IntN(70))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if id := string(b); graph.ValidID(id) != pattern.MatchString(id) {
			t.Fatalf("ValidID(%q) = %t, the pattern says %t", id, graph.ValidID(id), pattern.MatchString(id))
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"rosa": true, "lauras-hus": true, "greta_2022": true, "0301": true,
		"": false, "Rosa": false, "-rosa": false, "_x": false, "a/b": false, "a b": false, "laura's": false,
		"a123456789012345678901234567890123456789012345678901234567890123":  true,  // 64
		"a1234567890123456789012345678901234567890123456789012345678901234": false, // 65
	} {
		if got := graph.ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %t, want %t", id, got, want)
		}
	}
}
