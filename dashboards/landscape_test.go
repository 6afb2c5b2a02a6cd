package dashboards

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// testLandscape returns a small hand-built landscape: two services run by two
// organisations, two statuses, two needs, a region (not drawn) and sources.
func testLandscape(t *testing.T, rosaName string) *graph.Landscape {
	t.Helper()
	nodes := []graph.Node{
		&graph.Source{Meta: graph.Meta{ID: "nkvts", Name: "NKVTS 2025", Year: 2025}, Kind: graph.SourceStudy, Title: "Health care for victims"},
		&graph.Source{Meta: graph.Meta{ID: "rosa_web", Name: "ROSA web"}, Kind: graph.SourceWeb},
		&graph.Organisation{Meta: graph.Meta{ID: "krisesenter", Name: "Krisesentersekretariatet"}, Kind: graph.OrgNGO},
		&graph.Organisation{Meta: graph.Meta{ID: "oslo", Name: "City of Oslo", NameNB: "Oslo kommune"}, Kind: graph.OrgMunicipal},
		&graph.Service{Meta: graph.Meta{ID: "rosa", Name: rosaName}, Sector: graph.SectorShelter, Funding: graph.FundingProject,
			City: "Oslo", Address: "Secret street 1", ConfidentialAddress: true},
		&graph.Service{Meta: graph.Meta{ID: "laura", Name: "Laura's Hus", Confidence: graph.Assumed}, AltNames: []string{"Lauras hus"},
			Sector: graph.SectorShelter, Funding: graph.FundingPermanent, City: "Oslo"},
		&graph.Status{Meta: graph.Meta{ID: "undocumented", Name: "Undocumented", NameNB: "Uten lovlig opphold"}},
		&graph.Status{Meta: graph.Meta{ID: "reflection", Name: "Reflection period", NameNB: "Refleksjonsperiode"}},
		&graph.Need{Meta: graph.Meta{ID: "shelter", Name: "Safe accommodation"}, Category: graph.CategoryShelter},
		&graph.Need{Meta: graph.Meta{ID: "gp", Name: "GP"}, Category: graph.CategoryHealth},
		&graph.Region{Meta: graph.Meta{ID: "norway", Name: "Norway"}, Level: graph.LevelCountry},
	}
	edges := []graph.Edge{
		{Type: graph.EdgeRunBy, From: "rosa", To: "krisesenter", Sources: []string{"rosa_web"}},
		{Type: graph.EdgeRunBy, From: "laura", To: "oslo"},
		{Type: graph.EdgeAccepts, From: "rosa", To: "reflection", Sources: []string{"nkvts"}},
		{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented", Extent: graph.ExtentPartial, Confidence: graph.Assumed},
		{Type: graph.EdgeMeets, From: "rosa", To: "shelter", Sources: []string{"nkvts"}},
		{Type: graph.EdgeMeets, From: "laura", To: "shelter"},
		{Type: graph.EdgeRefersTo, From: "rosa", To: "laura", Formal: true},
		{Type: graph.EdgeCovers, From: "rosa", To: "norway"},
		{Type: graph.EdgeSourcedFrom, From: "rosa", To: "rosa_web"},
		{Type: graph.EdgeSourcedFrom, From: "laura", To: "nkvts"},
	}
	l, err := graph.NewLandscape(7, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// option is the part of the landscape chart's option the tests read.
type option struct {
	Legend struct {
		Data []string `json:"data"`
	} `json:"legend"`
	Series []struct {
		Type      string `json:"type"`
		Layout    string `json:"layout"`
		Animation *bool  `json:"animation"`
		Force     struct {
			LayoutAnimation *bool `json:"layoutAnimation"`
		} `json:"force"`
		Categories []struct {
			Name string `json:"name"`
		} `json:"categories"`
		Data []struct {
			ID         string  `json:"id"`
			Name       string  `json:"name"`
			URL        string  `json:"url"`
			Category   int     `json:"category"`
			SymbolSize float64 `json:"symbolSize"`
			Assumed    bool    `json:"assumed"`
		} `json:"data"`
		Links []struct {
			Source    string `json:"source"`
			Target    string `json:"target"`
			EdgeType  string `json:"edgeType"`
			Assumed   bool   `json:"assumed"`
			Partial   bool   `json:"partial"`
			LineStyle *struct {
				Type string `json:"type"`
			} `json:"lineStyle"`
		} `json:"links"`
	} `json:"series"`
}

func landscapeOption(t *testing.T, l *graph.Landscape, lang string) (option, []byte) {
	t.Helper()
	raw, err := Option(LandscapeChart(l, lang))
	if err != nil {
		t.Fatal(err)
	}
	var o option
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatalf("option is not JSON: %v\n%s", err, raw)
	}
	if len(o.Series) != 1 {
		t.Fatalf("got %d series, want 1", len(o.Series))
	}
	return o, raw
}

func TestLandscapeChartNodes(t *testing.T) {
	o, _ := landscapeOption(t, testLandscape(t, "ROSA"), "en")
	s := o.Series[0]
	if s.Type != "graph" || s.Layout != "force" {
		t.Errorf("series type, layout = %q, %q; want graph, force", s.Type, s.Layout)
	}
	// The graph is drawn at rest: no layout or entrance animation.
	if s.Animation == nil || *s.Animation || s.Force.LayoutAnimation == nil || *s.Force.LayoutAnimation {
		t.Errorf("animation %v, force.layoutAnimation %v; want both false", s.Animation, s.Force.LayoutAnimation)
	}
	type node struct {
		ID, Name, URL string
		Category      int
		Assumed       bool
	}
	var got []node
	for _, d := range s.Data {
		got = append(got, node{d.ID, d.Name, d.URL, d.Category, d.Assumed})
	}
	want := []node{
		{"laura", "Laura's Hus", "/services/laura", 0, true},
		{"rosa", "ROSA", "/services/rosa", 0, false},
		{"krisesenter", "Krisesentersekretariatet", "/nodes/krisesenter", 1, false},
		{"oslo", "City of Oslo", "/nodes/oslo", 1, false},
		{"reflection", "Reflection period", "/nodes/reflection", 2, false},
		{"undocumented", "Undocumented", "/nodes/undocumented", 2, false},
		{"gp", "GP", "/nodes/gp", 3, false},
		{"shelter", "Safe accommodation", "/nodes/shelter", 3, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nodes mismatch (-want +got):\n%s", diff)
	}
	// rosa has 5 drawn edges, gp none: hubs are bigger.
	size := map[string]float64{}
	for _, d := range s.Data {
		size[d.ID] = d.SymbolSize
	}
	if !(size["rosa"] > size["laura"] && size["laura"] > size["gp"]) {
		t.Errorf("symbol sizes rosa %v, laura %v, gp %v: want bigger for higher degree", size["rosa"], size["laura"], size["gp"])
	}
}

func TestLandscapeChartCategories(t *testing.T) {
	for _, test := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"Service", "Organisation", "Residency status", "Need"}},
		{"nb", []string{"Tjeneste", "Organisasjon", "Oppholdsstatus", "Behov"}},
		{"fr", []string{"Service", "Organisation", "Residency status", "Need"}},
	} {
		t.Run(test.lang, func(t *testing.T) {
			o, _ := landscapeOption(t, testLandscape(t, "ROSA"), test.lang)
			var cats []string
			for _, c := range o.Series[0].Categories {
				cats = append(cats, c.Name)
			}
			if diff := cmp.Diff(test.want, cats); diff != "" {
				t.Errorf("categories mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(test.want, o.Legend.Data); diff != "" {
				t.Errorf("legend mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLandscapeChartLabelsNB(t *testing.T) {
	o, _ := landscapeOption(t, testLandscape(t, "ROSA"), "nb")
	names := map[string]string{}
	for _, d := range o.Series[0].Data {
		names[d.ID] = d.Name
	}
	if names["oslo"] != "Oslo kommune" || names["reflection"] != "Refleksjonsperiode" || names["gp"] != "GP" {
		t.Errorf("nb labels = %v; want Norwegian names with English fallback", names)
	}
}

func TestLandscapeChartLinks(t *testing.T) {
	o, _ := landscapeOption(t, testLandscape(t, "ROSA"), "en")
	type link struct {
		Source, Target, Type string
		Assumed, Partial     bool
		Dashed               bool
	}
	var got []link
	for _, l := range o.Series[0].Links {
		got = append(got, link{l.Source, l.Target, l.EdgeType, l.Assumed, l.Partial, l.LineStyle != nil && l.LineStyle.Type == "dashed"})
	}
	// COVERS and SOURCED_FROM are not drawn.
	want := []link{
		{"laura", "oslo", "RUN_BY", false, false, false},
		{"rosa", "krisesenter", "RUN_BY", false, false, false},
		{"rosa", "reflection", "ACCEPTS", false, false, false},
		{"rosa", "undocumented", "ACCEPTS", true, true, true},
		{"laura", "shelter", "MEETS", false, false, false},
		{"rosa", "shelter", "MEETS", false, false, false},
		{"rosa", "laura", "REFERS_TO", false, false, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("links mismatch (-want +got):\n%s", diff)
	}
}

func TestOptionEscapesMarkup(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	o, raw := landscapeOption(t, testLandscape(t, evil), "en")
	if strings.Contains(string(raw), "<") || strings.Contains(string(raw), ">") {
		t.Errorf("option contains a raw '<' or '>':\n%s", raw)
	}
	if !strings.Contains(string(raw), `\u003c/script\u003e`) {
		t.Errorf("option does not contain the escaped name")
	}
	found := false
	for _, d := range o.Series[0].Data {
		found = found || d.Name == evil
	}
	if !found {
		t.Errorf("the decoded option lost the name %q", evil)
	}
}

func TestOptionHasNoCDN(t *testing.T) {
	_, raw := landscapeOption(t, testLandscape(t, "ROSA"), "en")
	for _, bad := range []string{"http://", "https://", "__f__"} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("option contains %q:\n%s", bad, raw)
		}
	}
}

// TestLandscapeFocus: a query naming a status and a need draws exactly
// their neighbourhood on the Norwegian seed: the status, the need, the
// services that accept the status and meet the need, the organisations
// that run them, and only links among those; with no focus, every node.
func TestLandscapeFocus(t *testing.T) {
	l := norway(t)
	for _, q := range []gap.Query{
		{Statuses: []string{"undocumented"}, Needs: []string{"health_primary"}},
		{Needs: []string{"shelter_emergency"}},
		{},
	} {
		q.Kinds, q.Limit = []gap.Kind{gap.KindUncovered}, 1
		res, err := gap.Analyse(context.Background(), l, q, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		if len(q.Statuses)+len(q.Needs) == 0 {
			for _, typ := range LandscapeNodeTypes {
				for _, n := range l.Nodes(typ) {
					want[n.Base().ID] = true
				}
			}
		}
		for _, id := range slices.Concat(q.Statuses, q.Needs) {
			want[id] = true
		}
		services := 0
		for _, e := range l.Edges() {
			if e.Type != graph.EdgeMeets || len(q.Needs) > 0 && !slices.Contains(q.Needs, e.To) {
				continue
			}
			accepts := len(q.Statuses) == 0
			for _, a := range l.Out(e.From, graph.EdgeAccepts) {
				accepts = accepts || slices.Contains(q.Statuses, a.To)
			}
			if accepts && len(q.Statuses)+len(q.Needs) > 0 {
				if !want[e.From] {
					services++
				}
				want[e.From] = true
				for _, r := range l.Out(e.From, graph.EdgeRunBy) {
					want[r.To] = true
				}
			}
		}
		if len(q.Statuses)+len(q.Needs) > 0 && services == 0 {
			t.Fatalf("%v: no service in the neighbourhood: the case checks nothing", q)
		}
		raw, err := Option(LandscapeGaps(res, l, "en", "").Chart)
		if err != nil {
			t.Fatal(err)
		}
		var opt struct {
			Series []struct {
				Data []struct {
					ID string `json:"id"`
				} `json:"data"`
				Links []struct {
					Source string `json:"source"`
					Target string `json:"target"`
				} `json:"links"`
			} `json:"series"`
		}
		if err := json.Unmarshal(raw, &opt); err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, n := range opt.Series[0].Data {
			got[n.ID] = true
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v: the map draws (-neighbourhood +drawn):\n%s", q, diff)
		}
		for _, k := range opt.Series[0].Links {
			if !got[k.Source] || !got[k.Target] {
				t.Errorf("%v: a link %s → %s leaves the map", q, k.Source, k.Target)
			}
		}
	}
}
