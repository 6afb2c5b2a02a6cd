package evidence_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
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

func TestPriorities(t *testing.T) {
	l := small(t)
	// Norway holds only oslo_study (identification × health workers); no
	// NKVTS source, so no column is flagged: the cells others fill, most
	// studies first.
	got := evidence.Priorities(l, "", -1)
	var keys []string
	for _, p := range got {
		keys = append(keys, string(p.Theme)+"."+string(p.Participants))
		if p.Finding {
			t.Errorf("%s flagged by a finding the landscape does not hold", keys[len(keys)-1])
		}
	}
	want := []string{"mental_health.survivors", "children.children", // two studies each, then one, in grid order
		"mental_health.children", "physical_health.survivors", "access.survivors", "training.health_workers", "children.survivors"}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("priorities (-want +got):\n%s", diff)
	}
	if got := evidence.Priorities(l, "", 2); len(got) != 2 {
		t.Errorf("Priorities(n=2) = %d cells", len(got))
	}
	for _, p := range evidence.Priorities(l, graph.DesignSurvey, -1) {
		if p.Theme != graph.ThemeMentalHealth && p.Theme != graph.ThemeTraining {
			t.Errorf("a survey priority %s × %s: no survey is on it", p.Theme, p.Participants)
		}
	}
}

func TestPrioritiesNorway(t *testing.T) {
	got := evidence.Priorities(norway(t), "", -1)
	if len(got) == 0 || !got[0].Finding || got[0].Participants != graph.ParticipantHealthWorkers {
		t.Fatalf("first priority = %+v, want a health workers cell, flagged by the NKVTS finding", got)
	}
	seen := false
	for _, p := range got {
		if p.Participants == graph.ParticipantHealthWorkers && p.Theme == graph.ThemeIdentification {
			seen = true
		}
		if !p.Finding && p.Participants == graph.ParticipantHealthWorkers {
			t.Errorf("%+v: a health workers cell not flagged", p)
		}
	}
	if !seen {
		t.Error("identification × health workers (ross2015, andersson2024, who2023 elsewhere) is not a priority")
	}
}

func TestOnGaps(t *testing.T) {
	l := small(t)
	res := &gap.Result{
		Gaps: []gap.Gap{
			{Cell: gap.Cell{Profile: gap.Profile{AgeBand: graph.AgeAdult}, Need: "health_mental"}},
			{Cell: gap.Cell{Profile: gap.Profile{AgeBand: graph.AgeChild}, Need: "health_mental"}},
			{Cell: gap.Cell{Profile: gap.Profile{AgeBand: graph.AgeYoungAdult}, Need: "health_mental"}}, // the same as the first
			{Cell: gap.Cell{Profile: gap.Profile{AgeBand: graph.AgeAdult}, Need: "health_primary"}},
		},
		Transitions: []gap.TransitionReport{{NeedsLost: []gap.NeedLoss{{Need: "health_primary"}, {Need: "shelter"}}}},
	}
	var got []string
	for _, n := range evidence.OnGaps(l, res) {
		got = append(got, n.Need+"/"+n.Population+"/"+strings.Join(n.IDs(), ","))
	}
	want := []string{
		"health_mental/everyone/dutch_evaluation,swedish_survey,global_review",
		"health_mental/children/dutch_evaluation,global_review",
		"health_primary/everyone/london_survey,oslo_study",
		"shelter/everyone/",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("OnGaps (-want +got):\n%s", diff)
	}
}
