package web

import (
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/seed"
)

// dashLandscape returns a small landscape on which every dashboard has
// something to show: two statuses with a transition, three needs, two
// stages, two regions, four services, three groups (one of 3 people, under
// the suppression threshold) and a recommendation. With evil, a service, an
// organisation, a group, a need and a status have hostile names.
func dashLandscape(t testing.TB, evil bool) *graph.Landscape {
	t.Helper()
	name := func(plain, hostile string) string {
		if evil {
			return hostile
		}
		return plain
	}
	nodes := []graph.Node{
		&graph.Source{Meta: graph.Meta{ID: "nkvts", Name: "NKVTS 2025", Year: 2025}, Kind: graph.SourceStudy, Title: "Health care for victims", URL: "https://example.org/nkvts"},
		&graph.Source{Meta: graph.Meta{ID: "ross", Name: name("Ross et al. (2015)", evilService), Year: 2015}, Kind: graph.SourceStudy,
			Countries: []string{"gb"}, Designs: []graph.Design{graph.DesignSurvey}, Participants: []graph.Participant{graph.ParticipantHealthWorkers},
			Themes: []graph.Theme{graph.ThemeIdentification}, AssumedTags: []string{"themes"}},
		&graph.Recommendation{Meta: graph.Meta{ID: "greta_gp", Name: "GRETA on health"}, Body: graph.BodyGRETA, Round: "3", Summary: name("Ensure access to a GP.", evilService)},
		&graph.Organisation{Meta: graph.Meta{ID: "krisesenter", Name: "Krisesentersekretariatet"}, Kind: graph.OrgNGO},
		&graph.Organisation{Meta: graph.Meta{ID: "oslo_kommune", Name: "City of Oslo", NameNB: "Oslo kommune"}, Kind: graph.OrgMunicipal},
		&graph.Organisation{Meta: graph.Meta{ID: "evilorg", Name: name("Legal Aid Org", evilOrg)}, Kind: graph.OrgPrivate},
		&graph.Service{Meta: graph.Meta{ID: "rosa", Name: "ROSA"}, Sector: graph.SectorShelter, Funding: graph.FundingProject, Capacity: 12},
		&graph.Service{Meta: graph.Meta{ID: "laura", Name: "Laura's Hus"}, Sector: graph.SectorShelter, Funding: graph.FundingVolunteer},
		&graph.Service{Meta: graph.Meta{ID: "clinic", Name: "Health Centre", NameNB: "Helsesenteret"}, Sector: graph.SectorHealth, Funding: graph.FundingPermanent},
		&graph.Service{Meta: graph.Meta{ID: "evil", Name: name("Legal advice", evilService)}, Sector: graph.SectorLegal, Funding: graph.FundingPermanent},
		&graph.Status{Meta: graph.Meta{ID: "undocumented", Name: name("Undocumented", evilOrg), NameNB: name("Uten lovlig opphold", evilOrg)}},
		&graph.Status{Meta: graph.Meta{ID: "reflection", Name: "Reflection period", NameNB: "Refleksjonsperiode"}},
		&graph.Need{Meta: graph.Meta{ID: "shelter", Name: "Safe accommodation", NameNB: "Trygt bosted"}, Category: graph.CategoryShelter},
		&graph.Need{Meta: graph.Meta{ID: "gp", Name: "GP and primary care", NameNB: "Fastlege"}, Category: graph.CategoryHealth},
		&graph.Need{Meta: graph.Meta{ID: "legal", Name: name("Legal aid", evilService), NameNB: name("Rettshjelp", evilService)}, Category: graph.CategoryLegal},
		&graph.Stage{Meta: graph.Meta{ID: "first_contact", Name: "First contact", NameNB: "Første kontakt"}, Order: 1},
		&graph.Stage{Meta: graph.Meta{ID: "stabilisation", Name: "Stabilisation", NameNB: "Stabilisering"}, Order: 2},
		&graph.Exploitation{Meta: graph.Meta{ID: "sexual", Name: "Sexual exploitation"}},
		&graph.Region{Meta: graph.Meta{ID: "norway", Name: "Norway", NameNB: "Norge"}, Level: graph.LevelCountry},
		&graph.Region{Meta: graph.Meta{ID: "oslo", Name: "Oslo"}, Level: graph.LevelMunicipality},
		&graph.Group{Meta: graph.Meta{ID: "boys", Name: "Unaccompanied boys", NameNB: "Enslige gutter"}, Genders: []graph.Gender{graph.Male}, AgeBands: []graph.AgeBand{graph.AgeChild}, SizeEstimate: 3},
		&graph.Group{Meta: graph.Meta{ID: "women", Name: "Women in prostitution", NameNB: "Kvinner i prostitusjon"}, Genders: []graph.Gender{graph.Female}, SizeEstimate: 40},
		&graph.Group{Meta: graph.Meta{ID: "evilgroup", Name: name("Men in forced labour", evilOrg)}, Genders: []graph.Gender{graph.Male}, AgeBands: []graph.AgeBand{graph.AgeAdult}},
	}
	edges := []graph.Edge{
		{Type: graph.EdgeRunBy, From: "rosa", To: "krisesenter"},
		{Type: graph.EdgeRunBy, From: "laura", To: "oslo_kommune"},
		{Type: graph.EdgeRunBy, From: "clinic", To: "oslo_kommune"},
		{Type: graph.EdgeRunBy, From: "evil", To: "evilorg"},
		{Type: graph.EdgeAccepts, From: "rosa", To: "reflection"},
		{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented", Extent: graph.ExtentPartial},
		{Type: graph.EdgeAccepts, From: "laura", To: "reflection"},
		{Type: graph.EdgeAccepts, From: "clinic", To: "undocumented"},
		{Type: graph.EdgeAccepts, From: "clinic", To: "reflection"},
		{Type: graph.EdgeAccepts, From: "evil", To: "reflection"},
		{Type: graph.EdgeMeets, From: "rosa", To: "shelter"},
		{Type: graph.EdgeMeets, From: "laura", To: "shelter"},
		{Type: graph.EdgeMeets, From: "clinic", To: "gp"},
		{Type: graph.EdgeMeets, From: "evil", To: "legal"},
		{Type: graph.EdgeAtStage, From: "rosa", To: "stabilisation"},
		{Type: graph.EdgeCovers, From: "rosa", To: "norway"},
		{Type: graph.EdgeCovers, From: "laura", To: "oslo"},
		{Type: graph.EdgeCovers, From: "clinic", To: "oslo"},
		{Type: graph.EdgeCovers, From: "evil", To: "norway"},
		{Type: graph.EdgeRefersTo, From: "rosa", To: "clinic", Formal: true},
		{Type: graph.EdgePartOf, From: "oslo", To: "norway"},
		{Type: graph.EdgeEntitles, From: "reflection", To: "gp", LegalBasis: "Priority regulation"},
		{Type: graph.EdgeEntitles, From: "reflection", To: "shelter"},
		{Type: graph.EdgeEntitles, From: "undocumented", To: "legal"},
		{Type: graph.EdgeTransitionsTo, From: "reflection", To: "undocumented", Trigger: name("The reflection period ends", evilService), TypicalDays: 180},
		{Type: graph.EdgeHasStatus, From: "boys", To: "undocumented"},
		{Type: graph.EdgeHasStatus, From: "women", To: "reflection"},
		{Type: graph.EdgeHasStatus, From: "women", To: "undocumented"},
		{Type: graph.EdgeNeeds, From: "boys", To: "shelter"},
		{Type: graph.EdgeNeeds, From: "boys", To: "gp"},
		{Type: graph.EdgeSourcedFrom, From: "rosa", To: "nkvts"},
		{Type: graph.EdgeSourcedFrom, From: "women", To: "nkvts"},
		{Type: graph.EdgeSourcedFrom, From: "gp", To: "nkvts"},
		{Type: graph.EdgeConcerns, From: "greta_gp", To: "gp"},
		{Type: graph.EdgeStudies, From: "ross", To: "gp"},
	}
	l, err := graph.NewLandscape(42, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l.WithChanged(time.Date(2026, 2, 20, 9, 30, 0, 0, time.UTC))
}

// norwayLandscape returns the Norwegian seed as a landscape.
func norwayLandscape(t testing.TB) *graph.Landscape {
	t.Helper()
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatalf("load the Norwegian seed: %v", err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	return l
}
