package chart

import (
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pdfPage is one page as pdftotext -bbox reads it: its height and its
// words, each with the bottom of its box, in points from the top.
type pdfPage struct {
	Height float64
	Words  []pdfWord
}

type pdfWord struct {
	Text   string
	Bottom float64
}

var (
	bboxPage = regexp.MustCompile(`<page width="[0-9.]+" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="[0-9.]+" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`)
)

// pdfWordsByPage returns the words of every page of a PDF.
func pdfWordsByPage(t *testing.T, pdf []byte) []pdfPage {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		missingDep(t, "pdftotext (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var pages []pdfPage
	for _, chunk := range strings.Split(string(out), "</page>") {
		m := bboxPage.FindStringSubmatch(chunk)
		if m == nil {
			continue
		}
		h, _ := strconv.ParseFloat(m[1], 64)
		p := pdfPage{Height: h}
		for _, w := range bboxWord.FindAllStringSubmatch(chunk, -1) {
			y, _ := strconv.ParseFloat(w[1], 64)
			p.Words = append(p.Words, pdfWord{Text: html.UnescapeString(w[2]), Bottom: y})
		}
		pages = append(pages, p)
	}
	return pages
}

// pdfPageCount is the number of pages pdfinfo reads.
func pdfPageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	path, err := exec.LookPath("pdfinfo")
	if err != nil {
		missingDep(t, "pdfinfo (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+([0-9]+)$`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo names no page count:\n%s", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// TestChartPDFPages prints every chart of the Norwegian seed as a PDF, half
// in each language: the first page holds the chart with its title, its
// caption and its footnote, and every page before the last is filled to
// at least three quarters of its height, so that the chart, its caption
// and its table take as few pages as they need. (A page may end short by a
// table row that does not break: the transitions table has rows of 12
// lines.)
func TestChartPDFPages(t *testing.T) {
	if testing.Short() {
		t.Skip("prints the seed's eight charts; skipped with -short")
	}
	r := needRenderer(t)
	l := norway(t)
	// PrintPDF's margins: 0.6 in at the top, 0.7 in at the foot, where the
	// footer stands.
	const topMargin, footMargin = 0.6 * 72, 0.7 * 72
	for _, test := range []struct{ name, lang string }{
		{"landscape", "en"}, {"coverage", "nb"}, {"pathways", "nb"}, {"transitions", "en"},
		{"fragmentation", "nb"}, {"criticality", "en"}, {"whatif", "en"}, {"evidence", "nb"},
	} {
		t.Run(test.name+"-"+test.lang, func(t *testing.T) {
			d := buildDash(t, l, test.name, test.lang, testQuery())
			f := d.Figure(testStamp)
			pdf, err := r.ChartPDF(testCtx(t), d, testStamp)
			if err != nil {
				t.Fatal(err)
			}
			writeArtifact(t, test.name+"-"+test.lang+".pdf", pdf)
			pages := pdfWordsByPage(t, pdf)
			n := pdfPageCount(t, pdf)
			if len(pages) != n {
				t.Fatalf("pdftotext reads %d pages, pdfinfo %d", len(pages), n)
			}
			t.Logf("%d pages", n)
			var first []string
			for _, w := range pages[0].Words {
				first = append(first, w.Text)
			}
			text := strings.Join(first, " ")
			lead := append([]string{f.Title}, f.Caption...)
			lead = append(lead, xwordf(test.lang, "pdf.cites", len(d.View.Sources)), privacyLine(d.Query.Privacy, test.lang))
			mustHave(t, "the first page", text, lead...)
			for i, p := range pages[:len(pages)-1] {
				bottom := 0.0
				for _, w := range p.Words {
					if w.Bottom < p.Height-footMargin {
						bottom = max(bottom, w.Bottom)
					}
				}
				if gap := p.Height - footMargin - bottom; gap > (p.Height-topMargin-footMargin)/4 {
					t.Errorf("page %d of %d ends %.0f pt above the foot of the page", i+1, n, gap)
				}
			}
		})
	}
}
