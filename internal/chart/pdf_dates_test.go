package chart

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pdfInfo returns what pdfinfo (poppler-utils) reads of a PDF's metadata,
// with ISO dates; it fails t if pdfinfo reports any error in the file.
func pdfInfo(t *testing.T, pdf []byte) string {
	t.Helper()
	path, err := exec.LookPath("pdfinfo")
	if err != nil {
		missingDep(t, "pdfinfo (apt-get install -y poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(path, "-isodates", file)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("pdfinfo: %v: %s", err, stderr.String())
	}
	return stdout.String()
}

// TestPrintPDFDates prints the same document on two dates: each PDF
// records its date, not the time it was printed, reads without error, and
// the two differ only there.
func TestPrintPDFDates(t *testing.T) {
	r := needRenderer(t)
	doc := []byte(`<!doctype html><html lang="en"><title>Dated</title><p>The same document.</p></html>`)
	day1 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	day2 := time.Date(2027, 11, 30, 0, 0, 0, 0, time.UTC)
	first, err := r.PrintPDF(testCtx(t), doc, "footer", day1)
	if err != nil {
		t.Fatal(err)
	}
	second, err := r.PrintPDF(testCtx(t), doc, "footer", day2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pdf  []byte
		want string
	}{{first, "2026-03-01T00:00:00"}, {second, "2027-11-30T00:00:00"}} {
		info := pdfInfo(t, c.pdf)
		for _, field := range []string{"CreationDate:", "ModDate:"} {
			if !strings.Contains(info, field) {
				t.Errorf("pdfinfo shows no %s:\n%s", field, info)
			}
		}
		for _, line := range strings.Split(info, "\n") {
			if (strings.HasPrefix(line, "CreationDate:") || strings.HasPrefix(line, "ModDate:")) && !strings.Contains(line, c.want) {
				t.Errorf("pdfinfo: %q, want the date %s", line, c.want)
			}
		}
	}
	if len(first) != len(second) {
		t.Fatalf("the PDFs are %d and %d bytes: the date changed more than the dates", len(first), len(second))
	}
	again := bytes.ReplaceAll(second, []byte("D:20271130000000"), []byte("D:20260301000000"))
	if !bytes.Equal(first, again) {
		t.Error("the PDFs of two dates differ beyond their dates")
	}
}

// minimalPDF is a one-page PDF with an information dictionary dated at
// the given PDF date and a trailer ID, its cross-reference table right,
// and a comment of pad bytes before its page.
func minimalPDF(date, id string, pad ...int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	objs := []string{
		"<</Title (t)\n/CreationDate (" + date + ")\n/ModDate (" + date + ")>>",
		"<</Type /Catalog /Pages 3 0 R>>",
		"<</Type /Pages /Kids [4 0 R] /Count 1>>",
		"<</Type /Page /Parent 3 0 R /MediaBox [0 0 100 100]>>",
	}
	offsets := make([]int, len(objs))
	for i, o := range objs {
		if i == len(objs)-1 && len(pad) > 0 {
			b.WriteString("%" + strings.Repeat("x", pad[0]) + "\n")
		}
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d\n/Root 2 0 R\n/Info 1 0 R\n/ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, id, id, xref)
	return b.Bytes()
}

func TestStampPDF(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	a, err := stampPDF(minimalPDF("D:20261207151039+00'00'", strings.Repeat("AB", 16)), day)
	if err != nil {
		t.Fatal(err)
	}
	b, err := stampPDF(minimalPDF("D:20251111090807+00'00'", strings.Repeat("CD", 16)), day)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("two prints of one document on one date differ:\n%s\n%s", a, b)
	}
	if bytes.Contains(a, []byte(strings.Repeat("AB", 16))) {
		t.Error("the printer's ID is still in the file")
	}
	info := pdfInfo(t, a)
	if !strings.Contains(info, "2026-03-01T00:00:00") {
		t.Errorf("pdfinfo does not read the date:\n%s", info)
	}
	other := bytes.Replace(minimalPDF("D:20261207151039+00'00'", strings.Repeat("AB", 16)), []byte("(t)"), []byte("(u)"), 1)
	c, err := stampPDF(other, day)
	if err != nil {
		t.Fatal(err)
	}
	if id := func(p []byte) string { return string(p[bytes.Index(p, []byte("/ID")):]) }; id(a) == id(c) {
		t.Error("two different documents got the same ID")
	}
	for name, bad := range map[string][]byte{
		"no startxref":     []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
		"date of odd form": minimalPDF("D:2026", "00"),
	} {
		if _, err := stampPDF(bad, day); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// BenchmarkStampPDF sets the dates of a PDF of the size of the seed's
// report (2.4 MB).
func BenchmarkStampPDF(b *testing.B) {
	pdf := minimalPDF("D:20261207151039+00'00'", strings.Repeat("AB", 16), 2_400_000)
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(pdf)))
	for b.Loop() {
		if _, err := stampPDF(pdf, day); err != nil {
			b.Fatal(err)
		}
	}
}
