package evidence

import "github.com/gapmap/gapmap/graph"

// FoundingSource is the source of the NKVTS knowledge summary, whose
// headline finding the map of Norway carries.
const FoundingSource = "nkvts2025"

// ColumnNote is what a source says about a column of the map: the NKVTS
// finding that no Norwegian study draws on data from health workers, and
// its recommendation.
type ColumnNote struct {
	Participants     graph.Participant `json:"participants"`
	Finding          string            `json:"finding"`
	FindingNB        string            `json:"finding_nb"`
	Recommendation   string            `json:"recommendation"`
	RecommendationNB string            `json:"recommendation_nb"`
	Sources          []string          `json:"sources"`
	// Empty is whether the column is still empty on this map; false once
	// a study with such data is added.
	Empty bool `json:"empty"`
}

// Text returns the finding and the recommendation in lang ("nb" or "en").
func (n ColumnNote) Text(lang string) (finding, recommendation string) {
	if lang == "nb" {
		return n.FindingNB, n.RecommendationNB
	}
	return n.Finding, n.Recommendation
}

// notes returns the column notes of map m of l: on a map of Norway, the
// NKVTS finding on health workers, when l holds its source.
func notes(l *graph.Landscape, m *Map) []ColumnNote {
	if !m.Filter.NorwayOnly() {
		return []ColumnNote{}
	}
	if _, ok := l.Node(FoundingSource); !ok {
		return []ColumnNote{}
	}
	empty := true
	for _, c := range m.Column(graph.ParticipantHealthWorkers) {
		if !c.Gap() {
			empty = false
		}
	}
	return []ColumnNote{{
		Participants:     graph.ParticipantHealthWorkers,
		Finding:          "No Norwegian study is based on data from health workers who meet victims of trafficking; some discuss them. Most European studies come from the United Kingdom.",
		FindingNB:        "Ingen norsk studie bygger på data fra helsepersonell som møter ofre for menneskehandel; noen drøfter dem. De fleste europeiske studiene kommer fra Storbritannia.",
		Recommendation:   "NKVTS recommends research on health workers' knowledge and experience of human trafficking.",
		RecommendationNB: "NKVTS anbefaler forskning på helsepersonells kunnskap om og erfaring med menneskehandel.",
		Sources:          []string{FoundingSource},
		Empty:            empty,
	}}
}
