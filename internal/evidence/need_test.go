package evidence_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

func TestOnNeed(t *testing.T) {
	l := small(t)
	children := evidence.Population{AgeBands: []graph.AgeBand{graph.AgeChild}}
	for _, test := range []struct {
		name      string
		need      string
		pop       evidence.Population
		want      []string
		norwegian int
		sentence  bool
	}{
		{"mental health, everyone", "health_mental", evidence.Population{}, []string{"dutch_evaluation", "swedish_survey", "global_review"}, 0, true},
		{"mental health, children", "health_mental", children, []string{"dutch_evaluation", "global_review"}, 0, true},
		{"mental health, children and adults", "health_mental", evidence.Population{AgeBands: []graph.AgeBand{graph.AgeChild, graph.AgeAdult}},
			[]string{"dutch_evaluation", "swedish_survey", "global_review"}, 0, true},
		{"a GP, with a Norwegian study", "health_primary", evidence.Population{}, []string{"london_survey", "oslo_study"}, 1, false},
		{"a GP, children", "health_primary", children, nil, 0, true},
		{"a need no study names", "shelter", evidence.Population{}, nil, 0, true},
	} {
		t.Run(test.name, func(t *testing.T) {
			got := evidence.OnNeed(l, test.need, test.pop)
			if diff := cmp.Diff(test.want, got.IDs(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("studies mismatch (-want +got):\n%s", diff)
			}
			if got.Norwegian != test.norwegian {
				t.Errorf("Norwegian = %d, want %d", got.Norwegian, test.norwegian)
			}
			for _, lang := range []string{"en", "nb"} {
				if s := got.Sentence(lang); (s != "") != test.sentence {
					t.Errorf("Sentence(%s) = %q, want a sentence: %t", lang, s, test.sentence)
				}
			}
			if got.Note != got.Sentence("en") {
				t.Errorf("Note = %q, want the English sentence", got.Note)
			}
		})
	}
	d := evidence.OnNeed(l, "health_mental", evidence.Population{}).Studies[0]
	if d.ID != "dutch_evaluation" || len(d.Needs) != 1 || d.Needs[0].Confidence != graph.Assumed || !d.Assumed {
		t.Errorf("dutch_evaluation = %+v, want its need assumed", d)
	}
}
