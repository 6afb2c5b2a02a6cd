package storetest

import (
	"time"

	"github.com/gapmap/gapmap/graph"
)

// The ids of the Fixture nodes.
const (
	OrgID       = "krisesenter"
	ServiceID   = "rosa"
	Service2ID  = "lauras-hus"
	NeedID      = "emergency-health"
	StatusID    = "undocumented"
	Status2ID   = "reflection-period"
	ExploitID   = "sexual"
	StageID     = "first-contact"
	CountryID   = "norway"
	MunicipalID = "oslo"
	GroupID     = "women-sexual"
	SourceID    = "nkvts-2025"
	StudyID     = "ross2015"
	RecommendID = "greta-2022-45"
)

const (
	fixtureYear  = 2025
	fixtureNotes = "fixture"
)

// Fixture returns a small landscape with every node type, every field of
// every node filled, and one edge of every edge type with every property its
// type allows. Node versions are 0, as for a creation. Each call returns new
// values, so callers may change them.
func Fixture() ([]graph.Node, []graph.Edge) {
	verified := time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	meta := func(id, name, nameNB string, c graph.Confidence) graph.Meta {
		return graph.Meta{ID: id, Name: name, NameNB: nameNB, Year: fixtureYear, Confidence: c, Note: fixtureNotes + " " + id}
	}
	nodes := []graph.Node{
		&graph.Organisation{Meta: meta(OrgID, "Crisis Centre Secretariat", "Krisesentersekretariatet", graph.Verified),
			Kind: graph.OrgNGO, URL: "https://krisesenter.com"},
		&graph.Service{Meta: meta(ServiceID, "ROSA", "ROSA-prosjektet", graph.Verified),
			AltNames:    []string{"ROSA project", "Re-establishment, Organised shelter, Safety, Assistance"},
			Description: "National coordination of shelter for women", DescriptionNB: "Nasjonal koordinering",
			Sector: graph.SectorCoordination, City: "Oslo", Address: "Postboks 1, 0101 Oslo", ConfidentialAddress: true,
			Genders: []graph.Gender{graph.Female, graph.Other}, AgeBands: []graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult},
			Capacity: 40, CapacityNote: "places in partner shelters", CapacityLimited: true, Languages: []string{"no", "en", "ro"},
			Funding: graph.FundingProject, Cost: "free", Phone: "+47 22 33 60 50", Email: "rosa@krisesenter.com",
			URL: "https://rosa-help.no", OpeningHours: "24/7", LastVerified: &verified,
			CapacityNoteNB: "plasser i samarbeidende krisesentre", CostNB: "gratis", OpeningHoursNB: "døgnåpent"},
		&graph.Service{Meta: meta(Service2ID, "Laura's Hus", "Lauras hus", graph.Assumed),
			AltNames: []string{"Lauras Hus"}, Sector: graph.SectorShelter, City: "Oslo",
			Genders: []graph.Gender{graph.Female}, Funding: graph.FundingVolunteer, Languages: []string{"es"}},
		&graph.Need{Meta: meta(NeedID, "Emergency health care", "Akutthjelp", graph.Verified),
			Category: graph.CategoryHealth, Description: "Help that cannot wait", DescriptionNB: "Hjelp som ikke kan vente",
			AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult}, Stages: []string{StageID}},
		&graph.Status{Meta: meta(StatusID, "Undocumented", "Papirløs", graph.Verified),
			Description: "No lawful residence", DescriptionNB: "Uten lovlig opphold", LegalBasis: "Prioriteringsforskriften § 4a",
			LegalBasisNB: "prioriteringsforskriften § 4a", Duration: "open-ended", DurationNB: "uten tidsgrense"},
		&graph.Status{Meta: meta(Status2ID, "Reflection period", "Refleksjonsperiode", graph.Verified),
			Description: "Six months to recover", LegalBasis: "Utlendingsforskriften § 8-3", Duration: "6 months", Terminal: true},
		&graph.Exploitation{Meta: meta(ExploitID, "Sexual exploitation", "Seksuell utnyttelse", graph.Verified),
			Description: "Prostitution and other sexual services", DescriptionNB: "Prostitusjon og andre seksuelle tjenester"},
		&graph.Stage{Meta: meta(StageID, "First contact", "Første kontakt", graph.Verified),
			Order: 1, Description: "Outreach and first contact", DescriptionNB: "Oppsøkende arbeid og første kontakt"},
		&graph.Region{Meta: meta(CountryID, "Norway", "Norge", graph.Verified),
			Level: graph.LevelCountry, Code: "NO", Population: 5_550_000},
		&graph.Region{Meta: meta(MunicipalID, "Oslo", "Oslo", graph.Verified),
			Level: graph.LevelMunicipality, Code: "0301", Population: 717_710, SameArea: CountryID},
		&graph.Group{Meta: meta(GroupID, "Women in prostitution", "Kvinner i prostitusjon", graph.Assumed),
			Description: "Women exploited in prostitution in Oslo", DescriptionNB: "Kvinner utnyttet i prostitusjon i Oslo", Genders: []graph.Gender{graph.Female},
			AgeBands: []graph.AgeBand{graph.AgeYoungAdult, graph.AgeAdult}, Languages: []string{"ro", "es"},
			SizeEstimate: 120, SizeNote: "estimate from outreach contacts", SizeNoteNB: "anslag fra oppsøkende kontakter"},
		&graph.Source{Meta: meta(SourceID, "Health care for victims of trafficking", "Helsehjelp til ofre for menneskehandel", graph.Verified),
			Kind: graph.SourceReport, Authors: "NKVTS", Title: "Kunnskapsoppsummering", URL: "https://nkvts.no"},
		&graph.Source{Meta: meta(StudyID, "Ross et al. (2015)", "", graph.Verified),
			Kind: graph.SourceStudy, Authors: "Ross, Dimitrova, Howard", Title: "Human trafficking and health: a survey of NHS professionals",
			Countries: []string{"gb", graph.CountryEurope}, Designs: []graph.Design{graph.DesignSurvey},
			Participants: []graph.Participant{graph.ParticipantHealthWorkers}, Themes: []graph.Theme{graph.ThemeIdentification, graph.ThemeTraining},
			AssumedTags: []string{"themes:training", "designs"}},
		&graph.Recommendation{Meta: meta(RecommendID, "Access to health care", "Tilgang til helsehjelp", graph.Verified),
			Body: graph.BodyGRETA, Round: "third", Reference: "GRETA(2022)07", Paragraph: "45",
			Summary: "Ensure access to health care for all victims", SummaryNB: "Sikre tilgang til helsehjelp for alle ofre"},
	}
	prov := func(e graph.Edge) graph.Edge {
		e.Sources = []string{SourceID}
		e.Year = fixtureYear
		e.Confidence = graph.Assumed
		e.Note = fixtureNotes + " " + string(e.Type)
		return e
	}
	edges := []graph.Edge{
		prov(graph.Edge{Type: graph.EdgeRunBy, From: ServiceID, To: OrgID}),
		prov(graph.Edge{Type: graph.EdgeMeets, From: ServiceID, To: NeedID, Extent: graph.ExtentPartial}),
		prov(graph.Edge{Type: graph.EdgeAtStage, From: ServiceID, To: StageID}),
		prov(graph.Edge{Type: graph.EdgeCovers, From: ServiceID, To: CountryID}),
		prov(graph.Edge{Type: graph.EdgeAccepts, From: ServiceID, To: StatusID, Extent: graph.ExtentFull}),
		prov(graph.Edge{Type: graph.EdgeServes, From: ServiceID, To: ExploitID}),
		prov(graph.Edge{Type: graph.EdgeRefersTo, From: ServiceID, To: Service2ID, Formal: true}),
		prov(graph.Edge{Type: graph.EdgeEntitles, From: StatusID, To: NeedID, LegalBasis: "Prioriteringsforskriften § 4a",
			AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult}, Extent: graph.ExtentPartial, FullAgeBands: []graph.AgeBand{graph.AgeChild}}),
		prov(graph.Edge{Type: graph.EdgeTransitionsTo, From: Status2ID, To: StatusID, Trigger: "reflection period ends", TypicalDays: 180}),
		prov(graph.Edge{Type: graph.EdgeHasStatus, From: GroupID, To: Status2ID}),
		prov(graph.Edge{Type: graph.EdgeInRegion, From: GroupID, To: MunicipalID}),
		prov(graph.Edge{Type: graph.EdgeSubjectTo, From: GroupID, To: ExploitID}),
		prov(graph.Edge{Type: graph.EdgeNeeds, From: GroupID, To: NeedID}),
		prov(graph.Edge{Type: graph.EdgePartOf, From: MunicipalID, To: CountryID}),
		prov(graph.Edge{Type: graph.EdgeSourcedFrom, From: ServiceID, To: SourceID}),
		prov(graph.Edge{Type: graph.EdgeConcerns, From: RecommendID, To: NeedID}),
		prov(graph.Edge{Type: graph.EdgeStudies, From: StudyID, To: NeedID}),
	}
	return nodes, edges
}

// FixtureChange returns a change that creates the Fixture.
func FixtureChange() *graph.Change {
	nodes, edges := Fixture()
	c := &graph.Change{}
	for _, n := range nodes {
		c.Create(n)
	}
	for _, e := range edges {
		c.PutEdge(e)
	}
	return c
}
