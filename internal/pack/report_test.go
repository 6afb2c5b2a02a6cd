package pack

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/findings"
	"github.com/gapmap/gapmap/internal/gap"
)

// pdfPages returns the size of every page of a PDF, as pdfinfo reads it:
// [width, height] in points.
func pdfPages(t *testing.T, pdf []byte) [][2]float64 {
	t.Helper()
	path, err := exec.LookPath("pdfinfo")
	if err != nil {
		missingDep(t, "pdfinfo (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, "-f", "1", "-l", "10000", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	var sizes [][2]float64
	size := regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts`)
	for _, m := range size.FindAllStringSubmatch(string(out), -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		sizes = append(sizes, [2]float64{w, h})
	}
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo reads no page:\n%s", out)
	}
	return sizes
}

// englishWords reads testdata/pack_report_en_words.txt.
func englishWords(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pack_report_en_words.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			ws = append(ws, l)
		}
	}
	return ws
}

var (
	// citation matches "[3]" and the range "[3]–[7]".
	citation = regexp.MustCompile(`\[(\d+)\](?:–\[(\d+)\])?`)
	// reference matches a numbered reference's start: "12. ".
	reference = regexp.MustCompile(`(?m)^\s*(\d+)\.\s`)
)

// checkCitations fails t unless every number cited in body has its
// reference in refs, the references are numbered 1 to N, and each is cited.
func checkCitations(t *testing.T, body, refs string) {
	t.Helper()
	numbered := map[int]bool{}
	for _, m := range reference.FindAllStringSubmatch(refs, -1) {
		n, _ := strconv.Atoi(m[1])
		numbered[n] = true
	}
	if len(numbered) == 0 {
		t.Fatal("the references list no numbered reference")
	}
	for n := 1; n <= len(numbered); n++ {
		if !numbered[n] {
			t.Errorf("the references are not numbered 1 to %d: %d is missing", len(numbered), n)
		}
	}
	cited := map[int]bool{}
	for _, m := range citation.FindAllStringSubmatch(body, -1) {
		from, _ := strconv.Atoi(m[1])
		to := from
		if m[2] != "" {
			to, _ = strconv.Atoi(m[2])
		}
		for n := from; n <= to; n++ {
			cited[n] = true
			if !numbered[n] {
				t.Errorf("the report cites [%d], which the references lack", n)
			}
		}
	}
	for n := range numbered {
		if !cited[n] {
			t.Errorf("reference %d is cited nowhere", n)
		}
	}
}

// webInstructions are texts of the web dashboards that a printed report
// must not carry.
var webInstructions = []string{"Select a", "Click", "hover", "Velg en", "hold pekeren", "Hold pekeren", "Klikk"}

// TestPackReportNorway makes the pack of the Norwegian seed in Norwegian
// with the default dashboards and reads its report as an analyst would:
// at most 30 pages, no word under 7 pt, a summary led by the top finding,
// nothing in English, every citation with its reference, no web instruction, text pages in
// portrait and the diagrams and the annex in landscape, the annex's
// header on each of its pages.
func TestPackReportNorway(t *testing.T) {
	r := needRenderer(t)
	l := norway(t)
	var buf bytes.Buffer
	if _, err := Write(testCtx(t), &buf, l, r, Request{Lang: "nb", Query: testQuery(), Stamp: testStamp}); err != nil {
		t.Fatal(err)
	}
	writeArtifact(t, "pack-norway-nb.zip", buf.Bytes())
	files, _ := unzip(t, buf.Bytes())
	pdf := files["report.pdf"]

	checkSevenPoints(t, pdf)
	sizes := pdfPages(t, pdf)
	if len(sizes) > 30 {
		t.Errorf("the report has %d pages, want at most 30", len(sizes))
	}
	raw := pdfText(t, pdf)
	pages := strings.Split(raw, "\f")
	text := oneLine(raw)

	top, err := findings.Find(testCtx(t), l, firstFinding())
	if err != nil {
		t.Fatal(err)
	}
	if len(top.Findings) == 0 {
		t.Fatal("the seed has no finding")
	}
	mustHave(t, "the report", text, "Sammendrag av funnene", top.Findings[0].TitleNB, "Bygger på kildene [",
		"Antatt, ikke bekreftet i en kilde", "Referanser", "Vedlegg: Hull etter oppholdsstatus og behov",
		"Skjuling av små antall", "Antall personer under 5 vises som <5.",
		"hele tabellen ligger i tables/coverage.xlsx og tables/coverage.csv i pakken")
	if f := top.Findings[0]; f.People.Known() {
		mustHave(t, "the summary", text, "Personer: "+f.People.String()+" (anslått størrelse")
	}
	summary := strings.Index(text, "Sammendrag av funnene")
	if first := strings.Index(text, top.Findings[0].TitleNB); first < summary {
		t.Errorf("the top finding's title is not in the summary")
	}

	for _, w := range englishWords(t) {
		if m := regexp.MustCompile(`\b` + regexp.QuoteMeta(w) + `\b`).FindStringIndex(text); m != nil {
			t.Errorf("the Norwegian report has the English %q: …%s…", w, text[max(0, m[0]-60):min(len(text), m[1]+60)])
		}
	}
	for _, w := range webInstructions {
		if i := strings.Index(text, w); i >= 0 {
			t.Errorf("the report has the web instruction %q: …%s…", w, text[max(0, i-60):min(len(text), i+60)])
		}
	}

	refs := strings.LastIndex(raw, "Referanser")
	annex := strings.LastIndex(raw, "Vedlegg: Hull etter oppholdsstatus og behov")
	if refs < 0 || annex < refs {
		t.Fatalf("the references (at %d) do not come before the annex (at %d)", refs, annex)
	}
	checkCitations(t, raw[:refs]+raw[annex:], raw[refs:annex])

	landscape := func(i int) bool { return sizes[i][0] > sizes[i][1] }
	annexStart := -1 // the title page names the annex too
	for i, p := range pages {
		if strings.Contains(p, "Vedlegg: Hull etter oppholdsstatus og behov") {
			annexStart = i
		}
	}
	var annexPages int
	for i, p := range pages {
		if i >= len(sizes) || strings.TrimSpace(p) == "" {
			break
		}
		switch {
		case i < annexStart && strings.Contains(p, "Sammendrag av funnene") && landscape(i):
			t.Errorf("page %d (summary) is landscape, want portrait", i+1)
		case i < annexStart && strings.Contains(p, "Slik leser du det") && !landscape(i):
			t.Errorf("page %d (a diagram) is portrait, want landscape", i+1)
		case i >= annexStart:
			annexPages++
			if !landscape(i) {
				t.Errorf("page %d (annex) is portrait, want landscape", i+1)
			}
			if !strings.Contains(p, "Oppholdsstatus") || !strings.Contains(p, "Anbefalinger") {
				t.Errorf("page %d (annex) does not repeat the table's header", i+1)
			} else if !citation.MatchString(p) { // every row of the seed cites a source
				t.Errorf("page %d (annex) has the table's header and no row under it", i+1)
			}
		}
	}
	if annexPages < 2 {
		t.Errorf("the annex spans %d pages; the test of its repeated header needs 2", annexPages)
	}
}

// firstFinding is the query of the pack with only the top finding described.
func firstFinding() gap.Query {
	q := testQuery()
	q.Limit = 1
	return q
}
