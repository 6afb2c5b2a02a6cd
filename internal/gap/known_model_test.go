package gap

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// model is a landscape of the model's rules on whom a need applies to:
// a terminal status (returned), a need for children only (childcare), a
// need that arises only at the later stage (rehab), and Oslo, a county
// that is one municipality, the clinic covering the municipality.
func model() *builder {
	b := &builder{}
	b.add(
		&graph.Source{Meta: m("law"), Kind: graph.SourceLaw},
		&graph.Status{Meta: m("asylum")},
		&graph.Status{Meta: m("reflection")},
		&graph.Status{Meta: m("returned"), Terminal: true},
		&graph.Need{Meta: m("gp"), Category: graph.CategoryHealth},
		&graph.Need{Meta: m("childcare"), Category: graph.CategoryProtection, AgeBands: []graph.AgeBand{graph.AgeChild}},
		&graph.Need{Meta: m("rehab"), Category: graph.CategoryHealth, Stages: []string{"later"}},
		&graph.Exploitation{Meta: m("labour")},
		&graph.Stage{Meta: m("contact"), Order: 1},
		&graph.Stage{Meta: m("later"), Order: 2},
		&graph.Region{Meta: m("norway"), Level: graph.LevelCountry},
		&graph.Region{Meta: m("oslo_county"), Level: graph.LevelCounty},
		&graph.Region{Meta: m("oslo"), Level: graph.LevelMunicipality, SameArea: "oslo_county"},
		&graph.Region{Meta: m("vestland"), Level: graph.LevelCounty},
		&graph.Organisation{Meta: m("kommune"), Kind: graph.OrgMunicipal},
	)
	b.edge(graph.EdgePartOf, "oslo_county", "norway").
		edge(graph.EdgePartOf, "oslo", "oslo_county").
		edge(graph.EdgePartOf, "vestland", "norway").
		edge(graph.EdgeTransitionsTo, "reflection", "asylum", trigger("applies for asylum", 0), sources("law")).
		edge(graph.EdgeTransitionsTo, "reflection", "returned", trigger("voluntary return", 0), sources("law")).
		edge(graph.EdgeEntitles, "returned", "gp", sources("law"))
	b.service(&graph.Service{Meta: m("clinic"), Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		"kommune", []string{"gp", "childcare"}, []string{"asylum", "reflection", "returned"}, []string{"oslo"})
	return b
}

func TestModelApplicability(t *testing.T) {
	l := model().build(t)
	q := Query{Genders: []graph.Gender{graph.Female}, AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult}, Limit: -1}
	res, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	// Profiles: 2 statuses (returned has no needs) x 2 age bands x 2
	// regions (oslo_county stands for Oslo; norway has regions inside).
	// Cells: gp 2x2x2 at 2 stages (16), childcare for children 2x1x2x2
	// (8), rehab at the later stage only 2x2x2 (8).
	if res.Profiles != 8 || res.Summary.Cells != 32 {
		t.Errorf("profiles %d, cells %d; want 8 and 32", res.Profiles, res.Summary.Cells)
	}
	// The clinic covers the municipality of Oslo, so the county of Oslo:
	// gp and childcare there, for both statuses, at both stages (8 + 4).
	if res.Summary.Uncovered != 32-12 {
		t.Errorf("uncovered %d, want 20", res.Summary.Uncovered)
	}
	for _, g := range res.Gaps {
		p := g.Profile
		switch {
		case p.Status == "returned":
			t.Errorf("gap for a terminal status: %v", g.Cell)
		case g.Need == "childcare" && p.AgeBand != graph.AgeChild:
			t.Errorf("an adult short of a need for children: %v", g.Cell)
		case g.Need == "rehab" && g.Stage != "later":
			t.Errorf("a need short where it does not arise: %v", g.Cell)
		case p.Region == "oslo_county" && g.Need != "rehab" && slices.Contains(g.Kinds, KindUncovered):
			t.Errorf("Oslo's clinic does not reach the county of Oslo: %v %v", g.Cell, g.Kinds)
		case p.Region == "oslo":
			t.Errorf("oslo is a profile region beside oslo_county: %v", g.Cell)
		}
	}
	var trans, exits [][2]string
	for _, tr := range res.Transitions {
		trans = append(trans, [2]string{tr.From, tr.To})
	}
	for _, x := range res.Exits {
		exits = append(exits, [2]string{x.From, x.To})
		if x.Trigger != "voluntary return" || len(x.Sources) != 1 {
			t.Errorf("exit %v: trigger %q, sources %v", x, x.Trigger, x.Sources)
		}
	}
	if diff := cmp.Diff([][2]string{{"reflection", "asylum"}}, trans); diff != "" {
		t.Errorf("transitions mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]string{{"reflection", "returned"}}, exits); diff != "" {
		t.Errorf("exits mismatch (-want +got):\n%s", diff)
	}
	if res.FragmentationTotal != 8 {
		t.Errorf("fragmentation of %d profiles, want 8 (none for returned)", res.FragmentationTotal)
	}
	for _, f := range res.Fragmentation {
		if f.Profile.AgeBand == graph.AgeAdult && len(f.Needs) != 2 {
			t.Errorf("adult %v must cover %v; want gp and rehab only", f.Profile, f.Needs)
		}
	}
	// The oracle agrees on this landscape too.
	checkOracle(t, l, q, Scenario{}, res)
}

// TestModelFragility: fragile means project or volunteer funding, one NGO,
// partial acceptance or a capacity limit; a permanent statutory service
// alone is a single provider. A right partial for adults and full for
// children, met only in part, is "entitled, served only in part" for
// children.
func TestModelFragility(t *testing.T) {
	b := &builder{}
	b.add(
		&graph.Source{Meta: m("law"), Kind: graph.SourceLaw},
		&graph.Status{Meta: m("undocumented")},
		&graph.Status{Meta: m("citizen")},
		&graph.Need{Meta: m("specialist"), Category: graph.CategoryHealth},
		&graph.Need{Meta: m("shelter"), Category: graph.CategoryShelter},
		&graph.Stage{Meta: m("contact"), Order: 1},
		&graph.Exploitation{Meta: m("labour")},
		&graph.Region{Meta: m("norway"), Level: graph.LevelCountry},
		&graph.Organisation{Meta: m("helse"), Kind: graph.OrgState},
		&graph.Organisation{Meta: m("kommune"), Kind: graph.OrgMunicipal},
	)
	b.edge(graph.EdgeEntitles, "undocumented", "specialist", partial, sources("law"),
		func(e *graph.Edge) { e.FullAgeBands = []graph.AgeBand{graph.AgeChild} }).
		edge(graph.EdgeEntitles, "citizen", "specialist", sources("law"))
	b.service(&graph.Service{Meta: m("hospital"), Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		"helse", []string{"specialist"}, []string{"citizen"}, []string{"norway"})
	b.edge(graph.EdgeAccepts, "hospital", "undocumented", partial)
	b.service(&graph.Service{Meta: m("krisesenter"), Sector: graph.SectorShelter, Funding: graph.FundingPermanent, CapacityLimited: true},
		"kommune", []string{"shelter"}, []string{"citizen", "undocumented"}, []string{"norway"})
	l := b.build(t)
	q := Query{Genders: []graph.Gender{graph.Female}, AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult}, Limit: -1}
	res, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, g := range res.Gaps {
		var ks, rs []string
		for _, k := range g.Kinds {
			ks = append(ks, string(k))
		}
		for _, r := range g.Fragile {
			rs = append(rs, string(r))
		}
		got[string(g.Profile.AgeBand)+"/"+g.Profile.Status+"/"+g.Need] = strings.Join(ks, ",") + " " + strings.Join(rs, ",")
	}
	want := map[string]string{
		// The hospital alone, permanent and statutory: a single provider, not fragile.
		"child/citizen/specialist": "single_provider single_service",
		"adult/citizen/specialist": "single_provider single_service",
		// Undocumented people only in part: fragile; for children, whose
		// right is full, also entitled but served only in part.
		"child/undocumented/specialist": "entitled_partial,fragile single_service,partial_only",
		"adult/undocumented/specialist": "fragile single_service,partial_only",
		// The shelter turns people away when full: fragile for everyone.
		"child/citizen/shelter":      "fragile single_service,capacity_limit",
		"adult/citizen/shelter":      "fragile single_service,capacity_limit",
		"child/undocumented/shelter": "fragile single_service,capacity_limit",
		"adult/undocumented/shelter": "fragile single_service,capacity_limit",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kinds mismatch (-want +got):\n%s", diff)
	}
	for _, g := range res.Gaps {
		if g.Need == "specialist" && g.Profile.Status == "undocumented" {
			wantExtent := graph.ExtentPartial
			if g.Profile.AgeBand == graph.AgeChild {
				wantExtent = graph.ExtentFull
			}
			if g.Entitlement == nil || g.Entitlement.Extent != wantExtent {
				t.Errorf("%v: entitlement %+v, want extent %s at this age", g.Cell, g.Entitlement, wantExtent)
			}
		}
	}
	checkOracle(t, l, q, Scenario{}, res)
}
