package gap

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// builder writes small landscapes for tests by hand.
type builder struct {
	nodes []graph.Node
	edges []graph.Edge
}

func (b *builder) add(ns ...graph.Node) *builder {
	b.nodes = append(b.nodes, ns...)
	return b
}

// edge adds an edge; mods set its properties.
func (b *builder) edge(t graph.EdgeType, from, to string, mods ...func(*graph.Edge)) *builder {
	e := graph.Edge{Type: t, From: from, To: to}
	for _, m := range mods {
		m(&e)
	}
	b.edges = append(b.edges, e)
	return b
}

func partial(e *graph.Edge)                      { e.Extent = graph.ExtentPartial }
func sources(ids ...string) func(*graph.Edge)    { return func(e *graph.Edge) { e.Sources = ids } }
func ages(as ...graph.AgeBand) func(*graph.Edge) { return func(e *graph.Edge) { e.AgeBands = as } }
func trigger(s string, days int) func(*graph.Edge) {
	return func(e *graph.Edge) { e.Trigger, e.TypicalDays = s, days }
}

// service adds a service with its edges: meets, accepts and covers name
// needs, statuses and regions; runBy may be empty.
func (b *builder) service(s *graph.Service, runBy string, meets, accepts, covers []string) *builder {
	b.add(s)
	if runBy != "" {
		b.edge(graph.EdgeRunBy, s.ID, runBy)
	}
	for _, n := range meets {
		b.edge(graph.EdgeMeets, s.ID, n)
	}
	for _, st := range accepts {
		b.edge(graph.EdgeAccepts, s.ID, st)
	}
	for _, r := range covers {
		b.edge(graph.EdgeCovers, s.ID, r)
	}
	return b
}

func (b *builder) build(tb testing.TB) *graph.Landscape {
	tb.Helper()
	l, err := graph.NewLandscape(1, b.nodes, b.edges)
	if err != nil {
		tb.Fatalf("build landscape: %v", err)
	}
	return l
}

func m(id string) graph.Meta { return graph.Meta{ID: id, Name: id} }

// mini is a small Norway: three statuses (reflection ends in undocumented),
// four needs, one stage, Oslo and Bergen (in Vestland). The municipal
// emergency room and the hospital take everyone everywhere; the GP only
// people with reflection or residence; the clinic for undocumented migrants
// is a project in Oslo and Bergen; the shelter takes adult and young adult
// women in sexual exploitation in Oslo, run by volunteers, and accepts
// undocumented people only in part. Nobody provides an interpreter, to
// which undocumented people are entitled.
func mini() *builder {
	b := &builder{}
	b.add(
		&graph.Source{Meta: m("law"), Kind: graph.SourceLaw},
		&graph.Source{Meta: m("study"), Kind: graph.SourceStudy},
		&graph.Status{Meta: m("undocumented")},
		&graph.Status{Meta: m("reflection")},
		&graph.Status{Meta: m("residence")},
		&graph.Need{Meta: m("emergency"), Category: graph.CategoryHealth},
		&graph.Need{Meta: m("gp"), Category: graph.CategoryHealth},
		&graph.Need{Meta: m("shelter"), Category: graph.CategoryShelter},
		&graph.Need{Meta: m("interpreter"), Category: graph.CategoryHealth},
		&graph.Stage{Meta: m("contact"), Order: 1},
		&graph.Exploitation{Meta: m("sexual")},
		&graph.Exploitation{Meta: m("labour")},
		&graph.Region{Meta: m("norway"), Level: graph.LevelCountry},
		&graph.Region{Meta: m("oslo"), Level: graph.LevelCounty},
		&graph.Region{Meta: m("vestland"), Level: graph.LevelCounty},
		&graph.Region{Meta: m("bergen"), Level: graph.LevelMunicipality},
		&graph.Organisation{Meta: m("kommune"), Kind: graph.OrgMunicipal},
		&graph.Organisation{Meta: m("bymisjon"), Kind: graph.OrgNGO},
		&graph.Organisation{Meta: m("redcross"), Kind: graph.OrgNGO},
		&graph.Organisation{Meta: m("helse"), Kind: graph.OrgState},
		&graph.Recommendation{Meta: m("greta_gp"), Body: graph.BodyGRETA, Summary: "Give every victim a GP"},
		&graph.Group{Meta: m("undoc_women_oslo"), Genders: []graph.Gender{graph.Female}, AgeBands: []graph.AgeBand{graph.AgeAdult}, SizeEstimate: 3},
		&graph.Group{Meta: m("reflection_all"), SizeEstimate: 40},
	)
	b.edge(graph.EdgePartOf, "oslo", "norway").
		edge(graph.EdgePartOf, "vestland", "norway").
		edge(graph.EdgePartOf, "bergen", "vestland").
		edge(graph.EdgeEntitles, "undocumented", "emergency", sources("law")).
		edge(graph.EdgeEntitles, "undocumented", "interpreter", sources("law")).
		edge(graph.EdgeEntitles, "reflection", "emergency", sources("law")).
		edge(graph.EdgeEntitles, "reflection", "gp", sources("law")).
		edge(graph.EdgeEntitles, "undocumented", "gp", ages(graph.AgeChild), sources("law")).
		edge(graph.EdgeTransitionsTo, "reflection", "undocumented", trigger("reflection period ends", 180), sources("law")).
		edge(graph.EdgeConcerns, "greta_gp", "gp").
		edge(graph.EdgeHasStatus, "undoc_women_oslo", "undocumented").
		edge(graph.EdgeInRegion, "undoc_women_oslo", "oslo").
		edge(graph.EdgeNeeds, "undoc_women_oslo", "gp").
		edge(graph.EdgeHasStatus, "reflection_all", "reflection")
	b.service(&graph.Service{Meta: m("legevakt"), Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		"kommune", []string{"emergency"}, []string{"undocumented", "reflection", "residence"}, []string{"norway"})
	b.service(&graph.Service{Meta: m("hospital"), Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		"helse", []string{"emergency"}, []string{"undocumented", "reflection", "residence"}, []string{"norway"})
	b.service(&graph.Service{Meta: m("fastlege"), Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		"kommune", []string{"gp"}, []string{"reflection", "residence"}, []string{"norway"})
	b.service(&graph.Service{Meta: m("clinic"), Sector: graph.SectorHealth, Funding: graph.FundingProject},
		"bymisjon", []string{"gp"}, []string{"undocumented"}, []string{"oslo", "bergen"})
	b.add(&graph.Service{Meta: m("shelter_ngo"), Sector: graph.SectorShelter, Funding: graph.FundingVolunteer,
		Genders: []graph.Gender{graph.Female}, AgeBands: []graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult}})
	b.edge(graph.EdgeRunBy, "shelter_ngo", "redcross").
		edge(graph.EdgeMeets, "shelter_ngo", "shelter").
		edge(graph.EdgeAccepts, "shelter_ngo", "undocumented", partial).
		edge(graph.EdgeAccepts, "shelter_ngo", "reflection").
		edge(graph.EdgeServes, "shelter_ngo", "sexual").
		edge(graph.EdgeCovers, "shelter_ngo", "oslo").
		edge(graph.EdgeSourcedFrom, "clinic", "study").
		edge(graph.EdgeRefersTo, "clinic", "shelter_ngo", func(e *graph.Edge) { e.Formal = true })
	return b
}
