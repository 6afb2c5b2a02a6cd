package pack

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// minWordHeight is the height of pdftotext's box of a word printed at
// 7 pt (the font's ascent and descent, some 1.16 em), less rounding: the
// same bound as the chart PDFs' (chart's TestChartPDFTextPrintsAtSevenPoints).
const minWordHeight = 7*1.16 - 0.05

var bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)

// checkSevenPoints fails t for every word of pdf that prints under 7 pt,
// as pdftotext -bbox reads the boxes of the words: the report's text, its
// tables, footers and the labels of its diagrams at the size they print.
func checkSevenPoints(t *testing.T, pdf []byte) {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		missingDep(t, "pdftotext (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	words := bboxWord.FindAllSubmatch(out, -1)
	if len(words) < 200 {
		t.Fatalf("pdftotext reads %d words in the report", len(words))
	}
	small := 0
	for _, m := range words {
		y0, _ := strconv.ParseFloat(string(m[1]), 64)
		y1, _ := strconv.ParseFloat(string(m[2]), 64)
		if h := y1 - y0; h < minWordHeight {
			if small < 5 {
				t.Errorf("the report prints %q at about %.1f pt, want at least 7 pt", html.UnescapeString(string(m[3])), h/1.16)
			}
			small++
		}
	}
	if small > 5 {
		t.Errorf("and %d words more under 7 pt", small-5)
	}
}
