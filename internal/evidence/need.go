package evidence

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// Population narrows the studies on a need to those about a population:
// with only the child age band, the studies with children as participants
// or as a theme. The zero Population is everyone.
type Population struct {
	AgeBands []graph.AgeBand
}

// childrenOnly reports whether the population is children alone.
func (p Population) childrenOnly() bool {
	return len(p.AgeBands) > 0 && !slices.ContainsFunc(p.AgeBands, func(a graph.AgeBand) bool { return a != graph.AgeChild })
}

// NeedStudies are the studies on one need for one population, for a gap or
// a finding to list.
type NeedStudies struct {
	Need string `json:"need"`
	// Population is "children" when narrowed to studies about children,
	// else "everyone".
	Population string  `json:"population"`
	Studies    []Study `json:"studies"`
	// Norwegian counts the studies with data from Norway.
	Norwegian int `json:"norwegian"`
	// Note is one sentence when no study has Norwegian data (in English;
	// Sentence gives it in bokmål too), else "".
	Note string `json:"note,omitempty"`
}

// OnNeed returns the studies of l whose STUDIES edges name need, narrowed
// to pop, in year order.
func OnNeed(l *graph.Landscape, need string, pop Population) NeedStudies {
	out := NeedStudies{Need: need, Population: "everyone", Studies: []Study{}}
	if pop.childrenOnly() {
		out.Population = "children"
	}
	for _, e := range l.In(need, graph.EdgeStudies) {
		s, ok := l.Node(e.From)
		src, isSrc := s.(*graph.Source)
		if !ok || !isSrc || !src.IsStudy() {
			continue
		}
		if pop.childrenOnly() && !slices.Contains(src.Participants, graph.ParticipantChildren) && !slices.Contains(src.Themes, graph.ThemeChildren) {
			continue
		}
		out.Studies = append(out.Studies, StudyOf(l, src))
		if slices.Contains(src.Countries, "no") {
			out.Norwegian++
		}
	}
	slices.SortFunc(out.Studies, func(a, b Study) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		if a.ID < b.ID {
			return -1
		}
		return 1
	})
	out.Note = out.Sentence("en")
	return out
}

// Sentence returns, in lang, the one sentence a finding carries when no
// study on the need has Norwegian data; "" when one has.
func (n NeedStudies) Sentence(lang string) string {
	children := n.Population == "children"
	switch {
	case n.Norwegian > 0:
		return ""
	case len(n.Studies) == 0 && children && lang == "nb":
		return "Ingen studie i kunnskapsgrunnlaget handler om dette behovet hos barn, og ingen bygger på norske data."
	case len(n.Studies) == 0 && children:
		return "No study in the evidence base concerns this need among children, and none has Norwegian data."
	case len(n.Studies) == 0 && lang == "nb":
		return "Ingen studie i kunnskapsgrunnlaget handler om dette behovet, og ingen bygger på norske data."
	case len(n.Studies) == 0:
		return "No study in the evidence base concerns this need, and none has Norwegian data."
	case lang == "nb":
		return "Ingen av studiene om dette behovet bygger på norske data."
	}
	return "None of the studies on this need has Norwegian data."
}

// IDs returns the ids of the studies.
func (n NeedStudies) IDs() []string {
	ids := make([]string, len(n.Studies))
	for i, s := range n.Studies {
		ids[i] = s.ID
	}
	return ids
}
