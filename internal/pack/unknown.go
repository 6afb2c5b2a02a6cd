package pack

import (
	"fmt"
	"strings"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

// packEvidence is the evidence map a pack shows: the map of Norway, whose
// knowledge gaps answer GRETA beside the gaps in services.
var packEvidence = evidence.Filter{Country: evidence.CountryNorway}

// maxPriorities is how many empty cells "What we do not know" lists.
const maxPriorities = 8

// reportUnknown is the pack's section "What we do not know": the evidence
// map (a figure of the report), the empty cells that matter most and the
// research NKVTS recommends.
type reportUnknown struct {
	Title          string
	Intro          string
	FindingTitle   string
	Finding        string
	Recommendation string
	Source         string
	CellsTitle     string
	Cells          []string
	CellsNote      string
}

var unknownWords = map[string]map[string]string{
	"en": {
		"title":      "What we do not know",
		"intro":      "Beside the gaps in services, the evidence map (figure “Evidence”) shows the gaps in knowledge: the themes on which no study has data from Norway about a group of people. %d of the %d studies and reviews in the evidence base have Norwegian data.",
		"cells":      "The empty cells that matter most",
		"cell":       "%s × %s: no Norwegian study; %d elsewhere (%s)",
		"cells.note": "Listed: the cells of the column the NKVTS finding names first, then the cells that the most studies from other countries fill, so that the knowledge exists but not for Norway. A cell no study anywhere fills is not listed; the evidence map shows it.",
		"cells.none": "No cell of the map of Norway is empty where studies from elsewhere exist.",
		"finding":    "What NKVTS found",
	},
	"nb": {
		"title":      "Det vi ikke vet",
		"intro":      "Ved siden av hullene i tjenestene viser kunnskapskartet (figuren «Kunnskap») hullene i kunnskapen: temaene der ingen studie har data fra Norge om en gruppe mennesker. %d av de %d studiene og oversiktene i kunnskapsgrunnlaget har norske data.",
		"cells":      "De tomme rutene som betyr mest",
		"cell":       "%s × %s: ingen norsk studie; %d andre steder (%s)",
		"cells.note": "Listet: først rutene i kolonnen NKVTS-funnet gjelder, så rutene som flest studier fra andre land fyller, der kunnskapen altså finnes, men ikke for Norge. En rute som ingen studie noe sted fyller, er ikke listet; kunnskapskartet viser den.",
		"cells.none": "Ingen rute i kartet over Norge er tom der det finnes studier fra andre steder.",
		"finding":    "Hva NKVTS fant",
	},
}

func uword(lang, key string) string {
	if w, ok := unknownWords[dashboards.Lang(lang)][key]; ok {
		return w
	}
	return unknownWords["en"][key]
}

// unknownSection returns the section "What we do not know" of landscape l
// in lang, or nil when l holds no study.
func unknownSection(l *graph.Landscape, lang string) *reportUnknown {
	m := evidence.Build(l, packEvidence)
	if m.Total == 0 {
		return nil
	}
	u := &reportUnknown{Title: uword(lang, "title"), Intro: fmt.Sprintf(uword(lang, "intro"), len(m.Studies), m.Total),
		FindingTitle: uword(lang, "finding"), CellsTitle: uword(lang, "cells"), CellsNote: uword(lang, "cells.note")}
	for _, n := range m.Notes {
		u.Finding, u.Recommendation = n.Text(lang)
		u.Source = strings.Join(n.Sources, ", ")
		if s, ok := l.Node(evidence.FoundingSource); ok {
			u.Source = s.Base().Label(lang)
		}
	}
	for _, p := range evidence.Priorities(l, "", maxPriorities) {
		names := make([]string, len(p.Elsewhere))
		for i, id := range p.Elsewhere {
			names[i] = id
			if n, ok := l.Node(id); ok {
				names[i] = n.Base().Label(lang)
			}
		}
		u.Cells = append(u.Cells, fmt.Sprintf(uword(lang, "cell"), dashboards.ThemeLabel(lang, p.Theme),
			dashboards.ParticipantsLabel(lang, p.Participants), len(p.Elsewhere), strings.Join(names, "; ")))
	}
	if len(u.Cells) == 0 {
		u.Cells = []string{uword(lang, "cells.none")}
	}
	return u
}
