package web

// messagesExportEN is the English text of the downloads on the dashboards
// and of the pack's status page.
var messagesExportEN = map[string]string{
	"export.nav":       "Download",
	"export.chart":     "This chart, with its caption and sources:",
	"export.png2":      "PNG 2×",
	"export.table":     "This table:",
	"export.csv.excel": "CSV for Excel on Norwegian settings",
	"export.pack.csv":  "CSV files for Excel on Norwegian settings (semicolons between fields, decimal commas)",
	"export.pack":      "Make a GRETA response pack",
	"export.pack.hint": "A ZIP file with a PDF report (method, every diagram with its caption and tables, the gaps with the GRETA and OSCE recommendations and sources they relate to), the diagrams as SVG, the tables as CSV and XLSX, and a manifest with every file's checksum and the data version. It uses the filters and language of this page.",

	"export.job.title":    "GRETA response pack",
	"export.job.running":  "The pack is being made.",
	"export.job.refresh":  "This page refreshes itself every two seconds until the pack is ready.",
	"export.job.done":     "The pack is ready.",
	"export.job.download": "Download the pack",
	"export.job.size":     "%d bytes",
	"export.job.expires":  "It can be downloaded until %s.",
	"export.job.error":    "The pack could not be made:",
	"export.job.failed":   "an error occurred; the server log has the details.",
	"export.job.back":     "Back to the dashboards",
	"export.job.instance": "Packs are kept in the memory of the server that makes them until they expire: a restart forgets them.",
	"export.busy.client":  "Your last pack is still being made: wait until it is ready, then make the next.",
	"export.busy.server":  "This server is making as many packs as it can; try again in a minute.",
}

// messagesExportNB is the Norwegian text of the downloads.
var messagesExportNB = map[string]string{
	"export.nav":       "Last ned",
	"export.chart":     "Dette diagrammet, med bildetekst og kilder:",
	"export.png2":      "PNG 2×",
	"export.table":     "Denne tabellen:",
	"export.csv.excel": "CSV for Excel med norske innstillinger",
	"export.pack.csv":  "CSV-filer for Excel med norske innstillinger (semikolon mellom feltene, desimalkomma)",
	"export.pack":      "Lag en svarpakke til GRETA",
	"export.pack.hint": "En ZIP-fil med en PDF-rapport (metode, hvert diagram med bildetekst og tabeller, hullene med anbefalingene fra GRETA og OSSE og kildene de gjelder), diagrammene som SVG, tabellene som CSV og XLSX, og et manifest med sjekksummen til hver fil og dataversjonen. Den bruker filtrene og språket på denne siden.",

	"export.job.title":    "Svarpakke til GRETA",
	"export.job.running":  "Pakken lages.",
	"export.job.refresh":  "Siden oppdaterer seg selv hvert annet sekund til pakken er klar.",
	"export.job.done":     "Pakken er klar.",
	"export.job.download": "Last ned pakken",
	"export.job.size":     "%d byte",
	"export.job.expires":  "Den kan lastes ned til %s.",
	"export.job.error":    "Pakken kunne ikke lages:",
	"export.job.failed":   "det oppstod en feil; serverloggen har detaljene.",
	"export.job.back":     "Tilbake til oversiktene",
	"export.job.instance": "Pakker holdes i minnet til serveren som lager dem til de utløper: en omstart glemmer dem.",
	"export.busy.client":  "Den forrige pakken din lages fortsatt: vent til den er klar, og lag så den neste.",
	"export.busy.server":  "Serveren lager så mange pakker den kan; prøv igjen om et minutt.",
}
