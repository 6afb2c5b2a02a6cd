package chart

import (
	"bytes"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// legendNames returns the entries a dashboard's legend names: its data, or
// the names of its series.
func legendNames(t *testing.T, option []byte) []string {
	t.Helper()
	var o struct {
		Legend json.RawMessage `json:"legend"`
		Series []struct {
			Name string `json:"name"`
		} `json:"series"`
	}
	if err := json.Unmarshal(option, &o); err != nil {
		t.Fatal(err)
	}
	var legends []struct {
		Data []json.RawMessage `json:"data"`
	}
	if len(o.Legend) > 0 && o.Legend[0] == '[' {
		_ = json.Unmarshal(o.Legend, &legends)
	} else if len(o.Legend) > 0 {
		var one struct {
			Data []json.RawMessage `json:"data"`
		}
		_ = json.Unmarshal(o.Legend, &one)
		legends = append(legends, one)
	}
	var names []string
	for _, l := range legends {
		for _, d := range l.Data {
			var s string
			var named struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(d, &s) == nil {
				names = append(names, s)
			} else if json.Unmarshal(d, &named) == nil {
				names = append(names, named.Name)
			}
		}
	}
	if len(names) == 0 {
		for _, s := range o.Series {
			if s.Name != "" {
				names = append(names, s.Name)
			}
		}
	}
	return names
}

// pageCounter matches the page counter of a paged ECharts legend: "1/2".
var pageCounter = regexp.MustCompile(`(?m)^\s*[0-9]+/[0-9]+\s*$`)

// TestExportLegendsComplete draws the dashboards with the longest legends
// of the Norwegian seed: every entry of the legend is in the exported
// figure, and no legend is paged.
func TestExportLegendsComplete(t *testing.T) {
	r := needRenderer(t)
	l := norway(t)
	for _, name := range []string{"landscape", "transitions"} {
		t.Run(name, func(t *testing.T) {
			d := buildDash(t, l, name, "nb", testQuery())
			names := legendNames(t, d.Option)
			if len(names) < 5 {
				t.Fatalf("the legend has %d entries: %q", len(names), names)
			}
			svg, err := r.SVG(testCtx(t), d.Figure(testStamp))
			if err != nil {
				t.Fatal(err)
			}
			text := svgText(t, svg)
			mustHave(t, "the SVG", text, names...)
			if m := pageCounter.FindString(text); m != "" {
				t.Errorf("the legend is paged: the SVG shows %q", strings.TrimSpace(m))
			}
		})
	}
}

// rsvgPNG draws an SVG with rsvg-convert (librsvg), a renderer that is not
// Chromium's.
func rsvgPNG(t *testing.T, svg []byte) []byte {
	t.Helper()
	path, err := exec.LookPath("rsvg-convert")
	if err != nil {
		missingDep(t, "rsvg-convert (apt-get install -y librsvg2-bin)")
	}
	file := filepath.Join(t.TempDir(), "figure.svg")
	if err := os.WriteFile(file, svg, 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(path, file)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("rsvg-convert: %v: %s", err, stderr.String())
	}
	return out
}

var svgSize = regexp.MustCompile(`<svg [^>]*width="([0-9]+)" height="([0-9]+)"`)

// TestSVGSecondRenderer draws every dashboard's diagram (the SVG files of
// the pack) with rsvg-convert: each draws at its size, and no line of the
// caption or the footnote runs into the right margin.
func TestSVGSecondRenderer(t *testing.T) {
	r := needRenderer(t)
	l := chartLandscape(t)
	n := 0
	for _, name := range Dashboards {
		svg, err := r.SVG(testCtx(t), buildDash(t, l, name, "en", testQuery()).Figure(testStamp))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
		m := svgSize.FindSubmatch(svg)
		if m == nil {
			t.Fatalf("%s has no width and height", name)
		}
		w, _ := strconv.Atoi(string(m[1]))
		h, _ := strconv.Atoi(string(m[2]))
		img, err := png.Decode(bytes.NewReader(rsvgPNG(t, svg)))
		if err != nil {
			t.Fatalf("%s: rsvg-convert's PNG: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
			t.Errorf("%s: rsvg-convert draws %dx%d, want %dx%d", name, b.Dx(), b.Dy(), w, h)
			continue
		}
		// The caption and footnote are laid out 16 px inside the edges:
		// the last 8 px columns of their rows are blank in any renderer
		// that draws the text as laid out.
		var lines []int
		for _, y := range regexp.MustCompile(`<text x="16" y="([0-9.]+)"`).FindAllSubmatch(svg, -1) {
			v, _ := strconv.ParseFloat(string(y[1]), 64)
			lines = append(lines, int(v))
		}
		if len(lines) == 0 {
			t.Errorf("%s has no caption or footnote lines", name)
		}
		for _, y := range lines {
			for yy := max(0, y-10); yy <= min(h-1, y+2); yy++ {
				for x := w - 8; x < w; x++ {
					if c, _, _, _ := img.At(x, yy).RGBA(); c < 0xc000 {
						t.Errorf("%s: the text line at y=%d runs into the right margin (x=%d)", name, y, x)
						x, yy = w, h // one report a line
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no diagram was drawn")
	}
}

// pdfWordHeights returns the height of every word's box on the pages of a
// PDF, in points (pdftotext -bbox): about 1.16 times its font size.
func pdfWordHeights(t *testing.T, pdf []byte) map[string]float64 {
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
	words := map[string]float64{}
	for _, m := range regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">([^<]*)</word>`).FindAllSubmatch(out, -1) {
		y0, _ := strconv.ParseFloat(string(m[1]), 64)
		y1, _ := strconv.ParseFloat(string(m[2]), 64)
		w := string(m[3])
		if h, ok := words[w]; !ok || y1-y0 < h {
			words[w] = y1 - y0
		}
	}
	return words
}

// TestChartPDFTextPrintsAtSevenPoints prints the charts of the Norwegian
// seed as PDFs: every word, the chart's labels and the page footer
// included, is at least 7 pt at the printed size. Pathways, 884 pixels
// high on the web for the seed's groups and statuses, and Criticality are
// drawn shorter to fit (pdfFigure); Pathways is printed in both languages.
func TestChartPDFTextPrintsAtSevenPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("prints five charts of the seed; skipped with -short")
	}
	r := needRenderer(t)
	l := norway(t)
	const minHeight = 7 * 1.16 // pdftotext's box of a 7 pt word, less rounding
	for _, test := range []struct{ name, lang string }{
		{"landscape", "en"}, {"coverage", "en"}, {"transitions", "en"}, {"fragmentation", "en"},
		{"criticality", "en"}, {"pathways", "en"}, {"pathways", "nb"}, {"evidence", "nb"}, {"whatif", "nb"},
	} {
		name := test.name
		t.Run(name+"-"+test.lang, func(t *testing.T) {
			d := buildDash(t, l, name, test.lang, testQuery())
			pdf, err := r.ChartPDF(testCtx(t), d, testStamp)
			if err != nil {
				t.Fatal(err)
			}
			words := pdfWordHeights(t, pdf)
			if len(words) < 20 {
				t.Fatalf("pdftotext reads %d words", len(words))
			}
			small := 0
			for w, h := range words {
				if h < minHeight-0.05 {
					if small < 5 {
						t.Errorf("%q prints at about %.1f pt", w, h/1.16)
					}
					small++
				}
			}
			if small > 5 {
				t.Errorf("and %d words more under 7 pt", small-5)
			}
		})
	}
}
