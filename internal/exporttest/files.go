package exporttest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// SVGText parses svg as strict XML and returns its text and attribute
// values, unescaped; it fails t if svg is not well-formed.
func SVGText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	var b strings.Builder
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = tok.Name.Local
			}
			if strings.EqualFold(tok.Name.Local, "script") {
				t.Errorf("the SVG has a <script> element")
			}
			for _, a := range tok.Attr {
				b.WriteString(a.Value + "\n")
			}
		case xml.CharData:
			b.Write(tok)
			b.WriteString("\n")
		}
	}
	if root != "svg" {
		t.Errorf("the root element is <%s>, want <svg>", root)
	}
	return b.String()
}

// PDFText returns the text of a PDF, with pdftotext (poppler-utils).
func PDFText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the PDF starts with %q, want %%PDF-", pdf[:min(len(pdf), 8)])
	}
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		MissingDep(t, "pdftotext (apt-get install -y poppler-utils)")
	}
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(pdf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(path, f.Name(), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// MustHave fails t for each of wants that text lacks.
func MustHave(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// OneLine joins the lines of text with single spaces, so that a phrase a
// PDF wraps is still found.
func OneLine(text string) string { return strings.Join(strings.Fields(text), " ") }

// Unzip returns the files of a ZIP by name, in the ZIP's order.
func Unzip(t *testing.T, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = b
		names = append(names, f.Name)
	}
	return files, names
}
