package findings

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

// studies fills in the studies on the finding's need and population, and
// the sentence that says when none has Norwegian data.
func (f *Finding) studies(l *graph.Landscape) {
	ns := evidence.OnNeed(l, f.Need.ID, evidence.Population{AgeBands: f.Profile.AgeBands})
	f.Studies = make([]StudyRef, len(ns.Studies))
	for i, s := range ns.Studies {
		t := s.Title
		if t == "" {
			t = s.Name
		}
		f.Studies[i] = StudyRef{ID: s.ID, Title: t, Year: s.Year,
			Norway: slices.ContainsFunc(s.Countries, func(c evidence.Tag) bool { return c.ID == "no" })}
	}
	f.StudiesNorway = ns.Norwegian
	f.KnowledgeGap = ns.Sentence("en")
	f.KnowledgeGapNB = ns.Sentence("nb")
}

// StudyIDs returns the ids of the finding's studies.
func (f *Finding) StudyIDs() []string {
	ids := make([]string, len(f.Studies))
	for i, s := range f.Studies {
		ids[i] = s.ID
	}
	return ids
}

// KnowledgeGapText returns the knowledge-gap sentence in lang.
func (f *Finding) KnowledgeGapText(lang string) string {
	if lang == "nb" {
		return f.KnowledgeGapNB
	}
	return f.KnowledgeGap
}
