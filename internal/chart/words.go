package chart

import "fmt"

// exportWords holds the words of the chart files, the PDF report and the
// pack, by language. A key missing in "nb" falls back to "en".
var exportWords = map[string]map[string]string{
	"en": {
		"dash.landscape":     "Landscape",
		"dash.coverage":      "Coverage",
		"dash.pathways":      "Pathways",
		"dash.transitions":   "Transitions",
		"dash.fragmentation": "Fragmentation",
		"dash.criticality":   "Criticality",
		"dash.whatif":        "What if",
		"dash.evidence":      "Evidence",

		"filter.group": "Victim group", "filter.gender": "Gender", "filter.age": "Age band",
		"filter.status": "Residency status", "filter.exploitation": "Form of exploitation",
		"filter.region": "Region", "filter.stage": "Stage", "filter.need": "Need",
		"gender.female": "female", "gender.male": "male", "gender.other": "other",
		"age.child": "children", "age.young_adult": "young adults", "age.adult": "adults",

		"caption.filters":  "Filters: %s.",
		"caption.nofilter": "Filters: none (every group, status, region, stage and need).",
		"caption.data":     "Data: %s, exported %s.",
		"caption.scenario": "Scenario: %s.",
		"caption.size":     "Services sized by capacity.",
		"foot.sources":     "Sources: %s.",
		"foot.nosources":   "Sources: none are cited for what this chart shows.",
		"foot.privacy":     "Counts of people under %d are shown as %s.",
		"foot.step":        "Counts of people under %d are shown as %s; other counts of people are rounded to a multiple of %d.",

		"pdf.notes":   "How to read it",
		"pdf.tables":  "The numbers",
		"pdf.sources": "Sources",
		"pdf.recs":    "GRETA and OSCE recommendations",
		"pdf.norecs":  "No recommendation concerns what is shown.",
		"pdf.cites":   "Sources: the %d listed at the end, with the GRETA and OSCE recommendations.",
		"pdf.footer":  "%s · %s · %s",

		"pack.title":         "Where victims of human trafficking fall between systems",
		"pack.subtitle":      "Gap analysis of the support landscape in Norway: diagrams, tables and sources for a response to GRETA and OSCE",
		"pack.version":       "Data version",
		"pack.changed":       "Last changed",
		"pack.date":          "Date",
		"pack.filters":       "Filters",
		"pack.lang":          "Language",
		"pack.gapmap":        "Made with",
		"pack.regen":         "To regenerate",
		"pack.contents":      "Contents",
		"pack.files":         "The diagrams (SVG), the tables (CSV and XLSX) and manifest.json, which lists every file with its SHA-256 checksum, come in the same ZIP file as this report.",
		"pack.method":        "Method",
		"pack.diagrams":      "Diagrams",
		"pack.gaps":          "Gaps by residency status and need",
		"pack.gaps.note":     "Each row is a residency status and a need, over every profile (gender, age band, exploitation, region) and stage in the filter. Cells are combinations of a profile, a need and a stage; the columns count the cells with each kind of gap. A cell can have several kinds. The recommendations and sources are those attached to the status, the need and the legal right to it.",
		"pack.gaps.none":     "No gap was found for the filters.",
		"pack.privacy":       "Suppression of small counts",
		"pack.summary":       "Summary of findings",
		"pack.summary.intro": "%s findings state the %s gaps found (a gap is one group of people, one need, one stage). The %d most severe, the worst kind first and then by the people and regions they reach:",
		"pack.summary.none":  "No gap was found for the filters.",
		"pack.people":        "People: %s (the estimated size of the named groups it reaches)",
		"pack.people.none":   "People: no named group with a size estimate",
		"pack.rests":         "Rests on sources %s.",
		"pack.rests.none":    "No source is cited for it.",
		"pack.recs":          "Recommendations: %s.",
		"pack.assumed":       "Assumed, not verified in a source: %s.",
		"pack.assumed.none":  "No fact behind it is assumed.",
		"pack.cites":         "Sources and recommendations: %s (see References).",
		"pack.short":         "The table shows the first %d of its %d rows; the full table is in %s and %s in the pack.",
		"pack.more":          "%d more tables of this diagram are in the pack's XLSX and CSV files.",
		"pack.refs":          "References",
		"pack.nofilter":      "none (every group, status, region, stage and need)",
		"pack.andmore":       " and %d more",
		"pack.annex":         "Annex: Gaps by residency status and need",
		"pack.annex.short":   "The annex shows the %d worst of the %d rows; all of them are in %s and %s in the pack.",
		"pack.covers":        "What this report covers",
		"pack.privacy.note":  "Counts of people are the estimated sizes of named groups of victims from the sources, never counts of individuals. A total adds only the groups whose own count is shown, so that no small group can be worked out by subtraction.",
		"pack.lang.en":       "English",
		"pack.lang.nb":       "Norwegian (bokmål)",

		"col.status": "Residency status", "col.need": "Need", "col.cells": "Cells",
		"col.uncovered": "Uncovered", "col.entitled_unserved": "Entitled but unserved", "col.fragile": "Fragile",
		"col.lost_in_transition": "Lost in transition", "col.legal_basis": "Legal right", "col.assumed": "Assumed facts",
		"col.entitled_partial": "Entitled, served only in part", "col.single_provider": "Single provider",
		"col.recommendations": "Recommendations", "col.sources": "Sources",

		"method.intro":              "gapmap describes the services that victims and presumed victims of human trafficking can reach, as a graph built from published sources: who runs each service, which needs it meets, at which stage of the pathway, in which regions, and whom it accepts by residency status, gender, age and form of exploitation. A profile is one combination of gender, age band, residency status, form of exploitation and region. For a profile, a need and a stage (a cell), the covering services are those that meet the need, run at the stage, cover the region (or a region above it) and accept the profile on every dimension. Every gap is computed from these facts, and each carries the sources and the GRETA and OSCE recommendations attached to the facts that produce it.",
		"method.uncovered":          "Uncovered: no service covers the cell.",
		"method.entitled_unserved":  "Entitled but unserved: the residency status gives a legal right to the need (de jure), but no service covers the cell (de facto).",
		"method.entitled_partial":   "Entitled, served only in part: the residency status gives a full legal right to the need at the person's age, but every service that covers the cell accepts the status or meets the need only in part.",
		"method.fragile":            "Fragile: the cell is covered, but only by services funded as projects or by volunteers, only by one NGO, only in part, or only by services with a capacity limit (they turn people away when full).",
		"method.single_provider":    "Single provider: the cell is covered by one service or one organisation only, permanently funded and without a capacity limit, such as the hospitals; a milder note than fragile.",
		"method.lost_in_transition": "Lost in transition: for a change of residency status (such as the end of the reflection period, or a rejected asylum claim), the needs covered before the change and not after.",
		"method.fragmentation":      "Fragmentation: for a profile or a group, the fewest organisations (and sectors) whose services together cover all its needs, and how many of those services have no referral link to another: doors the person must find alone.",
		"method.criticality":        "Criticality: for each service, the cells that only it covers, which become uncovered if it closes.",
		"method.confidence":         "Facts that the sources do not state outright are marked as assumed in the data; the dashboards show them faded or dashed. Counts of people are the estimated sizes of named victim groups from the sources, never counts of individuals.",
	},
	"nb": {
		"dash.landscape":     "Landskapet",
		"dash.coverage":      "Dekning",
		"dash.pathways":      "Forløp",
		"dash.transitions":   "Overganger",
		"dash.fragmentation": "Fragmentering",
		"dash.criticality":   "Sårbare tjenester",
		"dash.whatif":        "Hva om",
		"dash.evidence":      "Kunnskap",

		"filter.group": "Offergruppe", "filter.gender": "Kjønn", "filter.age": "Aldersgruppe",
		"filter.status": "Oppholdsstatus", "filter.exploitation": "Form for utnyttelse",
		"filter.region": "Region", "filter.stage": "Fase", "filter.need": "Behov",
		"gender.female": "kvinner", "gender.male": "menn", "gender.other": "annet",
		"age.child": "barn", "age.young_adult": "unge voksne", "age.adult": "voksne",

		"caption.filters":  "Filtre: %s.",
		"caption.nofilter": "Filtre: ingen (alle grupper, statuser, regioner, faser og behov).",
		"caption.data":     "Data: %s, eksportert %s.",
		"caption.scenario": "Scenario: %s.",
		"caption.size":     "Tjenestenes størrelse etter kapasitet.",
		"foot.sources":     "Kilder: %s.",
		"foot.nosources":   "Kilder: ingen kilder er oppgitt for det diagrammet viser.",
		"foot.privacy":     "Antall personer under %d vises som %s.",
		"foot.step":        "Antall personer under %d vises som %s; andre antall personer er avrundet til et multiplum av %d.",

		"pdf.notes":   "Slik leser du det",
		"pdf.tables":  "Tallene",
		"pdf.sources": "Kilder",
		"pdf.recs":    "Anbefalinger fra GRETA og OSSE",
		"pdf.norecs":  "Ingen anbefaling gjelder det som vises.",
		"pdf.cites":   "Kilder: de %d som er oppført til slutt, med anbefalingene fra GRETA og OSSE.",
		"pdf.footer":  "%s · %s · %s",

		"pack.title":         "Hvor ofre for menneskehandel faller mellom systemene",
		"pack.subtitle":      "Analyse av hull i hjelpetilbudet i Norge: diagrammer, tabeller og kilder til et svar til GRETA og OSSE",
		"pack.version":       "Dataversjon",
		"pack.changed":       "Sist endret",
		"pack.date":          "Dato",
		"pack.filters":       "Filtre",
		"pack.lang":          "Språk",
		"pack.gapmap":        "Laget med",
		"pack.regen":         "Slik lages den på nytt",
		"pack.contents":      "Innhold",
		"pack.files":         "Diagrammene (SVG), tabellene (CSV og XLSX) og manifest.json, som viser hver fil med SHA-256-sjekksummen, ligger i samme ZIP-fil som denne rapporten.",
		"pack.method":        "Metode",
		"pack.diagrams":      "Diagrammer",
		"pack.gaps":          "Hull etter oppholdsstatus og behov",
		"pack.gaps.note":     "Hver rad er en oppholdsstatus og et behov, over alle profiler (kjønn, aldersgruppe, utnyttelse, region) og faser i filteret. Celler er kombinasjoner av profil, behov og fase; kolonnene teller cellene med hver type hull. En celle kan ha flere typer. Anbefalingene og kildene er de som er knyttet til statusen, behovet og retten til det.",
		"pack.gaps.none":     "Ingen hull ble funnet med disse filtrene.",
		"pack.privacy":       "Skjuling av små antall",
		"pack.summary":       "Sammendrag av funnene",
		"pack.summary.intro": "%s funn beskriver de %s hullene som ble funnet (et hull er én gruppe mennesker, ett behov, én fase). De %d alvorligste, den verste typen først og deretter etter hvor mange mennesker og regioner de gjelder:",
		"pack.summary.none":  "Ingen hull ble funnet med disse filtrene.",
		"pack.people":        "Personer: %s (anslått størrelse på de navngitte gruppene funnet gjelder)",
		"pack.people.none":   "Personer: ingen navngitt gruppe med anslått størrelse",
		"pack.rests":         "Bygger på kildene %s.",
		"pack.rests.none":    "Ingen kilde er oppgitt for funnet.",
		"pack.recs":          "Anbefalinger: %s.",
		"pack.assumed":       "Antatt, ikke bekreftet i en kilde: %s.",
		"pack.assumed.none":  "Ingen opplysning bak funnet er antatt.",
		"pack.cites":         "Kilder og anbefalinger: %s (se Referanser).",
		"pack.short":         "Tabellen viser de første %d av %d rader; hele tabellen ligger i %s og %s i pakken.",
		"pack.more":          "%d tabeller til for dette diagrammet ligger i pakkens XLSX- og CSV-filer.",
		"pack.refs":          "Referanser",
		"pack.nofilter":      "ingen (alle grupper, statuser, regioner, faser og behov)",
		"pack.andmore":       " og %d til",
		"pack.annex":         "Vedlegg: Hull etter oppholdsstatus og behov",
		"pack.annex.short":   "Vedlegget viser de %d verste av %d rader; alle ligger i %s og %s i pakken.",
		"pack.covers":        "Hva rapporten dekker",
		"pack.privacy.note":  "Antall personer er anslått størrelse på navngitte grupper av ofre fra kildene, aldri tellinger av enkeltpersoner. En sum tar bare med gruppene der eget antall vises, slik at ingen liten gruppe kan regnes ut ved å trekke fra.",
		"pack.lang.en":       "engelsk",
		"pack.lang.nb":       "norsk (bokmål)",

		"col.status": "Oppholdsstatus", "col.need": "Behov", "col.cells": "Celler",
		"col.uncovered": "Ikke dekket", "col.entitled_unserved": "Rett, men ikke dekket", "col.fragile": "Sårbar",
		"col.lost_in_transition": "Tapt ved overgang", "col.legal_basis": "Rettighet", "col.assumed": "Antatte opplysninger",
		"col.entitled_partial": "Rett, men bare delvis dekket", "col.single_provider": "Én tilbyder",
		"col.recommendations": "Anbefalinger", "col.sources": "Kilder",

		"method.intro":              "gapmap beskriver tjenestene som ofre og antatte ofre for menneskehandel kan nå, som en graf bygget på publiserte kilder: hvem som driver hver tjeneste, hvilke behov den dekker, i hvilken fase av forløpet, i hvilke regioner, og hvem den tar imot etter oppholdsstatus, kjønn, alder og form for utnyttelse. En profil er én kombinasjon av kjønn, aldersgruppe, oppholdsstatus, form for utnyttelse og region. For en profil, et behov og en fase (en celle) er de dekkende tjenestene de som dekker behovet, virker i fasen, dekker regionen (eller en region over den) og tar imot profilen på alle punkter. Alle hull beregnes fra disse opplysningene, og hvert hull har med seg kildene og anbefalingene fra GRETA og OSSE som er knyttet til opplysningene bak det.",
		"method.uncovered":          "Ikke dekket: ingen tjeneste dekker cellen.",
		"method.entitled_unserved":  "Rett, men ikke dekket: oppholdsstatusen gir rett til behovet (de jure), men ingen tjeneste dekker cellen (de facto).",
		"method.entitled_partial":   "Rett, men bare delvis dekket: oppholdsstatusen gir full rett til behovet på personens alder, men alle tjenester som dekker cellen, tar imot statusen eller dekker behovet bare delvis.",
		"method.fragile":            "Sårbar: cellen er dekket, men bare av tjenester som er prosjektfinansiert eller drives av frivillige, bare av én frivillig organisasjon, bare delvis, eller bare av tjenester med begrenset kapasitet (de må avvise folk når det er fullt).",
		"method.single_provider":    "Én tilbyder: cellen dekkes av bare én tjeneste eller én organisasjon, fast finansiert og uten kapasitetsgrense, som sykehusene; en mildere merknad enn sårbar.",
		"method.lost_in_transition": "Tapt ved overgang: ved en endring av oppholdsstatus (som når refleksjonsperioden slutter, eller ved avslag på asylsøknad), behovene som er dekket før endringen og ikke etter.",
		"method.fragmentation":      "Fragmentering: for en profil eller en gruppe, færrest organisasjoner (og sektorer) der tjenestene sammen dekker alle behovene, og hvor mange av tjenestene som ikke har noen henvisning til en annen: dører personen må finne alene.",
		"method.criticality":        "Sårbare tjenester: for hver tjeneste, cellene bare den dekker, som blir uten dekning om den legges ned.",
		"method.confidence":         "Opplysninger som kildene ikke sier direkte, er merket som antatte i dataene; oversiktene viser dem bleke eller stiplet. Antall personer er anslått størrelse på navngitte offergrupper fra kildene, aldri tellinger av enkeltpersoner.",
	},
}

// xword returns the export word for key in lang, or key itself.
func xword(lang, key string) string {
	if w, ok := exportWords[lang][key]; ok {
		return w
	}
	if w, ok := exportWords["en"][key]; ok {
		return w
	}
	return key
}

// xwordf formats the export word for key in lang with args.
func xwordf(lang, key string, args ...any) string {
	return fmt.Sprintf(xword(lang, key), args...)
}

// DashboardTitle returns the title of dashboard name in lang.
func DashboardTitle(name, lang string) string { return xword(lang, "dash."+name) }
