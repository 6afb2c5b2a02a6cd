package pack

import (
	"bytes"
	"encoding/csv"
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestPackWhatWeDoNotKnow makes the pack of the Norwegian seed with the
// evidence map in both languages: the section "What we do not know" with
// the NKVTS finding and recommendation and the empty cells that matter
// most, the map as a diagram and its tables as CSV and XLSX.
func TestPackWhatWeDoNotKnow(t *testing.T) {
	r := needRenderer(t)
	l := norway(t)
	for _, test := range []struct {
		lang string
		want []string
	}{
		{"en", []string{"What we do not know", "The empty cells that matter most",
			"No Norwegian study is based on data from health workers", "NKVTS recommends research on health workers",
			"Identification × Health workers: no Norwegian study; 3 elsewhere", "Ross et al. (2015)",
			"Evidence", "Studies by theme and participants, with data from: Norway"}},
		{"nb", []string{"Det vi ikke vet", "De tomme rutene som betyr mest",
			"Ingen norsk studie bygger på data fra helsepersonell", "NKVTS anbefaler forskning",
			"Identifisering × Helsepersonell: ingen norsk studie; 3 andre steder",
			"Kunnskap", "Studier etter tema og deltakere, med data fra: Norge"}},
	} {
		t.Run(test.lang, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Write(testCtx(t), &buf, l, r, Request{Lang: test.lang, Dashboards: []string{"evidence"}, Stamp: testStamp}); err != nil {
				t.Fatal(err)
			}
			writeArtifact(t, "pack-evidence-"+test.lang+".zip", buf.Bytes())
			files, _ := unzip(t, buf.Bytes())
			for _, name := range []string{"diagrams/01-evidence.svg", "tables/evidence.csv", "tables/evidence.xlsx", "tables/evidence-2.csv", "tables/evidence-2.xlsx"} {
				if _, ok := files[name]; !ok {
					t.Errorf("the pack lacks %s", name)
				}
			}
			mustHave(t, "the report", oneLine(pdfText(t, files["report.pdf"])), test.want...)
			rows, err := csv.NewReader(bytes.NewReader(files["tables/evidence.csv"])).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 11 || !strings.Contains(rows[0][1], "NKVTS 2025") {
				t.Fatalf("evidence.csv: %d rows, header %q; want ten themes and the health workers column marked", len(rows), rows[0])
			}
			for _, r := range rows[1:] {
				if r[1] != "0" {
					t.Errorf("evidence.csv: %s: health workers %q, want 0 for Norway", r[0], r[1])
				}
			}
			svgText(t, files["diagrams/01-evidence.svg"]) // well-formed
			// The label wraps where the font puts it: its lines, the SVG's
			// text layer (chart's outline.go), read as one.
			var lines []string
			for _, m := range regexp.MustCompile(`fill-opacity="0">([^<]*)</text>`).FindAllSubmatch(files["diagrams/01-evidence.svg"], -1) {
				lines = append(lines, html.UnescapeString(string(m[1])))
			}
			svg := oneLine(strings.Join(lines, " "))
			if !strings.Contains(svg, "NKVTS 2025") {
				t.Errorf("the diagram does not carry the NKVTS finding on its health workers column")
			}
		})
	}
}
