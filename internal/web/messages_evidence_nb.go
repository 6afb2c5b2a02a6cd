package web

// messagesEvidenceNB is the Norwegian (bokmål) text of the evidence
// dashboard.
var messagesEvidenceNB = map[string]string{
	"dash.evidence":           "Kunnskap",
	"dash.evidence.question":  "Hva forskningen har sett på, med data fra hvem og hvor, og hva ingen har studert: kunnskapshullene ved siden av hullene i tjenestene.",
	"dash.evidence.chartdesc": "Rutenett med tema (rader) og hvem studienes data kommer fra (kolonner): hver rute viser hvor mange studier den har; en tom, rød rute merket ✕ er et kunnskapshull, og merkene ○ (én studie), ◑ (to eller tre) og ● (fire eller flere) skiller de andre uten fargene. Tabellen nedenfor har alle rutene; klikk på en rute for å se studiene i den.",
	"evidence.filter.country": "Data fra",
	"evidence.filter.design":  "Studiedesign",
	"evidence.finding":        "Hva NKVTS fant",
	"evidence.cell.title":     "Studier om «%s» med data fra %s",
	"evidence.cell.none":      "Ingen studie i kunnskapsgrunnlaget: et kunnskapshull.",
	"evidence.cell.hint":      "Klikk på en rute i diagrammet, eller et tall i tabellen, for å se studiene i den med år, design og land.",
	"evidence.cell.year":      "År",
	"evidence.cell.design":    "Design",
	"evidence.cell.country":   "Data fra",
	"evidence.cell.assumed":   "Merkinger som er «antatt», er lest bare ut fra tittelen og står ikke i prosjektets notater.",
	"kind.review":             "oversikt",
}

// messagesStudyFormNB is the Norwegian (bokmål) text of the study form.
var messagesStudyFormNB = map[string]string{
	"study.new":            "Legg til en studie",
	"study.intro":          "Beskriv en studie eller oversikt slik at kunnskapskartet kan telle den: hvor dataene kommer fra, hvordan den er laget, hvem dataene kommer fra og hva den handler om. Merk som antatt det studien selv ikke oppgir.",
	"study.errors":         "Studien ble ikke lagret. Rett opp:",
	"study.source":         "Studien",
	"study.name":           "Kort navn, f.eks. «Ross mfl. (2015)»",
	"study.id":             "Id (la stå tom for å lage en av navnet)",
	"study.kind":           "Type",
	"study.year":           "Utgivelsesår",
	"study.authors":        "Forfattere",
	"study.title":          "Tittel",
	"study.url":            "Adresse (URL)",
	"study.countries":      "Hvor dataene kommer fra",
	"study.countries.hint": "Landkoder (ISO 3166, f.eks. no, se, gb), skilt med komma; eller nordic, europe, global",
	"study.designs":        "Design",
	"study.participants":   "Hvem dataene kommer fra",
	"study.themes":         "Tema",
	"study.needs":          "Behov den gjelder",
	"study.assumed":        "antatt (ikke oppgitt av studien selv)",
	"study.save":           "Legg til studien",
}
