package seed

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// The works the NKVTS knowledge summary reviews (studies.md): three
// Norwegian and twenty-two European.
var summaryWorks = []string{
	"vollebaek2023", "brunovskis2016", "brunovskis2010",
	"who2023", "andersson2024", "hadjipanayis2018", "holly2011", "knudtzen2022", "palmbach2014",
	"welch2020", "ostrovschi2011", "oram2012a", "brace2018", "domoney2015", "evans2022",
	"hossain2010", "howard2013", "oram2016", "ottisova2016", "oram2012b", "oram2011",
	"ross2015", "westwood2016", "williamson2018", "zimmerman2011",
}

// TestNorwayStudiesTagged checks that every study of the seed carries the
// tags an evidence map counts it by, and that the Norwegian works say so.
func TestNorwayStudiesTagged(t *testing.T) {
	s, err := Load(Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	if len(summaryWorks) != 25 {
		t.Fatalf("the summary lists 25 works, the test %d", len(summaryWorks))
	}
	for _, id := range summaryWorks {
		src, err := graph.Lookup[*graph.Source](l, id)
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		if !src.IsStudy() {
			t.Errorf("%s is a %s, want a study or review", id, src.Kind)
		}
	}
	studies := 0
	for _, src := range graph.All[*graph.Source](l) {
		if !src.IsStudy() {
			continue
		}
		studies++
		if len(src.Countries) == 0 || len(src.Themes) == 0 {
			t.Errorf("%s: countries %v, themes %v; want both", src.ID, src.Countries, src.Themes)
		}
		if len(src.Designs) == 0 && src.ID != "vollebaek2023" && src.ID != "bregard_vollebaek2023" {
			t.Errorf("%s has no design", src.ID)
		}
	}
	if studies < 26 { // the 25 works, Bregård & Vollebæk and NKVTS itself
		t.Errorf("%d studies and reviews, want at least 26", studies)
	}
	for _, id := range []string{"vollebaek2023", "bregard_vollebaek2023", "brunovskis2016", "brunovskis2010", "nkvts2025"} {
		src, _ := graph.Lookup[*graph.Source](l, id)
		if src == nil || src.TagConfidence(graph.TagCountries, "no") != graph.Verified {
			t.Errorf("%s: want Norway as a verified country", id)
		}
		for _, p := range src.Participants {
			if p == graph.ParticipantHealthWorkers {
				t.Errorf("%s has health workers as participants; NKVTS found no Norwegian study based on their data", id)
			}
		}
	}
	// Tags read from a title alone are assumed.
	ross, _ := graph.Lookup[*graph.Source](l, "ross2015")
	if ross.TagConfidence(graph.TagParticipants, "health_workers") != graph.Assumed {
		t.Errorf("ross2015: health workers read from the title, want assumed")
	}
	if n := len(l.Out("ross2015", graph.EdgeStudies)); n == 0 {
		t.Errorf("ross2015 studies no need")
	}
}
