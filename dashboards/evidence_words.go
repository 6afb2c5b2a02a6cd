package dashboards

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/gapmap/gapmap/graph"
)

// evidenceWords are the words of the evidence map, by language.
var evidenceWords = map[string]map[string]string{
	"en": {
		"theme.identification": "Identification", "theme.mental_health": "Mental health",
		"theme.physical_health": "Physical health", "theme.sexual_health": "Sexual and reproductive health",
		"theme.access": "Access to care", "theme.training": "Training and competence",
		"theme.cooperation": "Cooperation across sectors", "theme.law_policy": "Law and policy",
		"theme.reintegration": "Reintegration", "theme.children": "Children",

		"participants.health_workers": "Health workers", "participants.survivors": "Survivors",
		"participants.ngo_staff": "NGO staff", "participants.police": "Police",
		"participants.children": "Children", "participants.professionals": "Paediatricians and other professionals",

		"design.review": "Systematic or scoping review", "design.interviews": "Qualitative interviews",
		"design.focus_groups": "Focus groups", "design.survey": "Survey", "design.cohort": "Cohort or registry study",
		"design.evaluation": "Evaluation", "design.conceptual": "Conceptual or legal analysis",

		"country.norway": "Norway", "country.nordic": "The Nordic countries", "country.gb": "The United Kingdom",
		"country.europe": "The rest of Europe", "country.global": "All countries (global)",
		"group.nordic": "several Nordic countries", "group.europe": "several European countries", "group.global": "countries worldwide",

		"ev.series":           "Studies",
		"ev.caption":          "Studies by theme (rows) and by whom their data come from (columns)",
		"ev.caption.in":       "Studies by theme and participants, with data from: %s",
		"ev.tip":              "%s · %s: %s",
		"ev.tip.none":         "no study: a gap in knowledge",
		"ev.tip.studies":      "%d studies (%d placed by an assumed tag): %s",
		"ev.tip.study":        "1 study (%d placed by an assumed tag): %s",
		"ev.gap":              "No study: a gap in knowledge",
		"ev.one":              "1 study",
		"ev.few":              "2–3 studies",
		"ev.many":             "4 or more studies",
		"ev.col.theme":        "Theme",
		"ev.col.study":        "Study",
		"ev.col.year":         "Year",
		"ev.col.kind":         "Kind",
		"ev.col.design":       "Design",
		"ev.col.country":      "Data from",
		"ev.col.participants": "Participants",
		"ev.col.themes":       "Themes",
		"ev.col.needs":        "Needs",
		"ev.col.assumed":      "Assumed tags",
		"ev.studies":          "The studies on the map",
		"ev.none":             "none",
		"ev.assumed":          "assumed",
		"ev.yes":              "yes",
		"ev.no":               "no",
		"ev.note":             "Each cell counts the studies and reviews on a theme (row) whose data come from a group of participants (column); a study with several themes or participants counts in each of its cells. An empty cell (red) is a gap in knowledge: no study in the evidence base looks at that theme with data from those participants. %d of the %d studies in the evidence base pass the filter.",
		"ev.note.assumed":     "A number with an asterisk (*) holds studies placed by an assumed tag: a theme or participants read only from the study's title, not stated in the project's notes. The table of studies marks each assumed tag.",
		"ev.note.unplaced":    "Not on the grid, as they have no participants (conceptual or legal analyses, or whose participants the notes do not give): %s.",
		"ev.note.untagged":    "Studies not yet described by theme and participants: %s.",
		"ev.note.finding":     "Health workers: %s %s (%s)",
		"ev.note.filled":      "Since then, the map holds Norwegian studies with data from health workers.",
		"ev.col.hw.norway":    "%s (no Norwegian study: NKVTS 2025)",
		"ev.kind.study":       "study",
		"ev.kind.review":      "review",
	},
	"nb": {
		"theme.identification": "Identifisering", "theme.mental_health": "Psykisk helse",
		"theme.physical_health": "Fysisk helse", "theme.sexual_health": "Seksuell og reproduktiv helse",
		"theme.access": "Tilgang til helsehjelp", "theme.training": "Opplæring og kompetanse",
		"theme.cooperation": "Samarbeid på tvers av sektorer", "theme.law_policy": "Lov og politikk",
		"theme.reintegration": "Reintegrering", "theme.children": "Barn",

		"participants.health_workers": "Helsepersonell", "participants.survivors": "Overlevende",
		"participants.ngo_staff": "Ansatte i frivillige organisasjoner", "participants.police": "Politi",
		"participants.children": "Barn", "participants.professionals": "Barneleger og andre fagfolk",

		"design.review": "Systematisk oversikt eller kartleggingsoversikt", "design.interviews": "Kvalitative intervjuer",
		"design.focus_groups": "Fokusgrupper", "design.survey": "Spørreundersøkelse", "design.cohort": "Kohort- eller registerstudie",
		"design.evaluation": "Evaluering", "design.conceptual": "Begrepsmessig eller juridisk analyse",

		"country.norway": "Norge", "country.nordic": "Norden", "country.gb": "Storbritannia",
		"country.europe": "Resten av Europa", "country.global": "Alle land (globalt)",
		"group.nordic": "flere nordiske land", "group.europe": "flere europeiske land", "group.global": "land over hele verden",

		"ev.series":           "Studier",
		"ev.caption":          "Studier etter tema (rader) og etter hvem dataene kommer fra (kolonner)",
		"ev.caption.in":       "Studier etter tema og deltakere, med data fra: %s",
		"ev.tip":              "%s · %s: %s",
		"ev.tip.none":         "ingen studie: et kunnskapshull",
		"ev.tip.studies":      "%d studier (%d plassert etter en antatt merking): %s",
		"ev.tip.study":        "1 studie (%d plassert etter en antatt merking): %s",
		"ev.gap":              "Ingen studie: et kunnskapshull",
		"ev.one":              "1 studie",
		"ev.few":              "2–3 studier",
		"ev.many":             "4 eller flere studier",
		"ev.col.theme":        "Tema",
		"ev.col.study":        "Studie",
		"ev.col.year":         "År",
		"ev.col.kind":         "Type",
		"ev.col.design":       "Design",
		"ev.col.country":      "Data fra",
		"ev.col.participants": "Deltakere",
		"ev.col.themes":       "Tema",
		"ev.col.needs":        "Behov",
		"ev.col.assumed":      "Antatte merkinger",
		"ev.studies":          "Studiene i kartet",
		"ev.none":             "ingen",
		"ev.assumed":          "antatt",
		"ev.yes":              "ja",
		"ev.no":               "nei",
		"ev.note":             "Hver rute teller studiene og oversiktene om et tema (rad) der dataene kommer fra en gruppe deltakere (kolonne); en studie med flere tema eller deltakergrupper telles i hver av sine ruter. En tom rute (rød) er et kunnskapshull: ingen studie i kunnskapsgrunnlaget ser på det temaet med data fra de deltakerne. %d av de %d studiene i kunnskapsgrunnlaget passer med filteret.",
		"ev.note.assumed":     "Et tall med stjerne (*) har studier som er plassert etter en antatt merking: et tema eller deltakere lest bare ut fra tittelen, ikke oppgitt i prosjektets notater. Tabellen over studiene viser hver antatt merking.",
		"ev.note.unplaced":    "Ikke i rutenettet, fordi de ikke har deltakere (begrepsmessige eller juridiske analyser, eller der notatene ikke oppgir deltakerne): %s.",
		"ev.note.untagged":    "Studier som ennå ikke er beskrevet med tema og deltakere: %s.",
		"ev.note.finding":     "Helsepersonell: %s %s (%s)",
		"ev.note.filled":      "Siden da har kartet fått norske studier med data fra helsepersonell.",
		"ev.col.hw.norway":    "%s (ingen norsk studie: NKVTS 2025)",
		"ev.kind.study":       "studie",
		"ev.kind.review":      "oversikt",
	},
}

// ew returns the evidence word for key in lang, falling back to English,
// then to the key.
func ew(lang, key string) string {
	if w, ok := evidenceWords[Lang(lang)][key]; ok {
		return w
	}
	if w, ok := evidenceWords["en"][key]; ok {
		return w
	}
	return key
}

func ewf(lang, key string, args ...any) string { return fmt.Sprintf(ew(lang, key), args...) }

// ThemeLabel, ParticipantsLabel and DesignLabel name a tag in lang.
func ThemeLabel(lang string, t graph.Theme) string { return ew(lang, "theme."+string(t)) }

// ParticipantsLabel names participants p in lang.
func ParticipantsLabel(lang string, p graph.Participant) string {
	return ew(lang, "participants."+string(p))
}

// DesignLabel names design d in lang.
func DesignLabel(lang string, d graph.Design) string { return ew(lang, "design."+string(d)) }

// CountryFilterLabel names a country filter (or an ISO code) in lang.
func CountryFilterLabel(lang, f string) string {
	if w, ok := evidenceWords[Lang(lang)]["country."+f]; ok {
		return w
	}
	return CountryLabel(lang, f)
}

// CountryLabel names a study country (an ISO code or a group) in lang.
func CountryLabel(lang, c string) string {
	if w, ok := evidenceWords[Lang(lang)]["group."+c]; ok {
		return w
	}
	r, err := language.ParseRegion(c)
	if err != nil {
		return c
	}
	tag := language.English
	if Lang(lang) == "nb" {
		tag = language.Norwegian
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	return c
}
