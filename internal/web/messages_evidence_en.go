package web

// messagesEvidenceEN is the English text of the evidence dashboard.
var messagesEvidenceEN = map[string]string{
	"dash.evidence":           "Evidence",
	"dash.evidence.question":  "What has research looked at, with data from whom and from where, and what has no one studied: the gaps in knowledge beside the gaps in services.",
	"dash.evidence.chartdesc": "Grid of themes (rows) by the people the studies' data come from (columns): each cell shows how many studies it holds; an empty, red cell is a gap in knowledge. The table below has every cell; click a cell to list its studies.",
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
