package web

// messagesEvidenceEN is the English text of the evidence dashboard.
var messagesEvidenceEN = map[string]string{
	"dash.evidence":           "Evidence",
	"dash.evidence.question":  "What has research looked at, with data from whom and from where, and what has no one studied: the gaps in knowledge beside the gaps in services.",
	"dash.evidence.chartdesc": "Grid of themes (rows) by the people the studies' data come from (columns): each cell shows how many studies it holds; an empty, red cell marked ✕ is a gap in knowledge, and the marks ○ (one study), ◑ (two or three) and ● (four or more) tell the others apart without their colours. The table below has every cell; click a cell to list its studies.",
	"evidence.filter.country": "Data from",
	"evidence.filter.design":  "Study design",
	"evidence.finding":        "What NKVTS found",
	"evidence.cell.title":     "Studies on “%s” with data from %s",
	"evidence.cell.none":      "No study in the evidence base: a gap in knowledge.",
	"evidence.cell.hint":      "Click a cell of the chart, or a number in the table, to list its studies with their year, design and country.",
	"evidence.cell.year":      "Year",
	"evidence.cell.design":    "Design",
	"evidence.cell.country":   "Data from",
	"evidence.cell.assumed":   "Tags marked “assumed” are read only from the title, not stated in the project's notes.",
	"kind.review":             "review",
}

// messagesStudyFormEN is the English text of the study form.
var messagesStudyFormEN = map[string]string{
	"study.new":            "Add a study",
	"study.intro":          "Describe a study or review so that the evidence map can count it: where its data come from, how it was made, whose data it uses and what it is about. Mark as assumed what the study itself does not state.",
	"study.errors":         "The study was not saved. Please correct:",
	"study.source":         "The study",
	"study.name":           "Short name, e.g. “Ross et al. (2015)”",
	"study.id":             "Id (leave empty to make one from the name)",
	"study.kind":           "Kind",
	"study.year":           "Year of publication",
	"study.authors":        "Authors",
	"study.title":          "Title",
	"study.url":            "Address (URL)",
	"study.countries":      "Where the data come from",
	"study.countries.hint": "Country codes (ISO 3166, e.g. no, se, gb), separated by commas; or nordic, europe, global",
	"study.designs":        "Design",
	"study.participants":   "Whose data",
	"study.themes":         "Themes",
	"study.needs":          "Needs it concerns",
	"study.assumed":        "assumed (not stated by the study itself)",
	"study.save":           "Add the study",
}
