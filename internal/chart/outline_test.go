package chart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// svgLabel is a label of an SVG file drawn as outlines: its text (the
// invisible text that follows the outline) and the box of its outline in
// the file's pixels.
type svgLabel struct {
	Text                   string
	MinX, MinY, MaxX, MaxY float64
}

// affine is an SVG transform matrix(a b c d e f).
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

func (m affine) mul(n affine) affine {
	return affine{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m affine) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

var (
	transformPart = regexp.MustCompile(`(translate|matrix|scale|rotate)\(([^)]*)\)`)
	svgNumber     = regexp.MustCompile(`-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?`)
)

func numbers(s string) []float64 {
	var out []float64
	for _, n := range svgNumber.FindAllString(s, -1) {
		v, _ := strconv.ParseFloat(n, 64)
		out = append(out, v)
	}
	return out
}

func parseTransform(t *testing.T, s string) affine {
	t.Helper()
	m := identity
	for _, p := range transformPart.FindAllStringSubmatch(s, -1) {
		v := numbers(p[2])
		var n affine
		switch {
		case p[1] == "translate" && len(v) == 2:
			n = affine{1, 0, 0, 1, v[0], v[1]}
		case p[1] == "translate" && len(v) == 1:
			n = affine{1, 0, 0, 1, v[0], 0}
		case p[1] == "matrix" && len(v) == 6:
			n = affine{v[0], v[1], v[2], v[3], v[4], v[5]}
		case p[1] == "scale" && len(v) == 1:
			n = affine{v[0], 0, 0, v[0], 0, 0}
		case p[1] == "scale" && len(v) == 2:
			n = affine{v[0], 0, 0, v[1], 0, 0}
		case p[1] == "rotate" && len(v) == 1:
			r := v[0] * math.Pi / 180
			n = affine{math.Cos(r), math.Sin(r), -math.Sin(r), math.Cos(r), 0, 0}
		default:
			t.Fatalf("the SVG has the transform %q", p[0])
		}
		m = m.mul(n)
	}
	return m
}

// outlinedLabels reads the labels of an SVG file: every outline
// (class gm-glyphs) with the invisible text after it. It fails t on a
// visible <text> other than a character the Go fonts lack (aria-hidden).
func outlinedLabels(t *testing.T, svg []byte) []svgLabel {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	stack := []affine{identity}
	var labels []svgLabel
	var text *strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Name.Local] = a.Value
			}
			m := stack[len(stack)-1]
			if tok.Name.Local == "svg" && len(stack) > 1 {
				x, _ := strconv.ParseFloat(attr["x"], 64)
				y, _ := strconv.ParseFloat(attr["y"], 64)
				m = m.mul(affine{1, 0, 0, 1, x, y})
			}
			if tr, ok := attr["transform"]; ok {
				m = m.mul(parseTransform(t, tr))
			}
			stack = append(stack, m)
			switch {
			case tok.Name.Local == "path" && attr["class"] == "gm-glyphs":
				v := numbers(strings.Map(func(r rune) rune {
					if strings.ContainsRune("MLQCZ", r) {
						return ' '
					}
					return r
				}, attr["d"]))
				l := svgLabel{MinX: math.Inf(1), MinY: math.Inf(1), MaxX: math.Inf(-1), MaxY: math.Inf(-1)}
				for i := 0; i+1 < len(v); i += 2 {
					x, y := m.apply(v[i], v[i+1])
					l.MinX, l.MaxX = min(l.MinX, x), max(l.MaxX, x)
					l.MinY, l.MaxY = min(l.MinY, y), max(l.MaxY, y)
				}
				labels = append(labels, l)
			case tok.Name.Local == "text":
				if attr["fill-opacity"] == "0" {
					text = &strings.Builder{}
				} else if attr["aria-hidden"] != "true" {
					t.Errorf("the SVG has a visible <text>: %v", attr)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if tok.Name.Local == "text" && text != nil {
				if len(labels) > 0 && labels[len(labels)-1].Text == "" {
					labels[len(labels)-1].Text = text.String()
				}
				text = nil
			}
		case xml.CharData:
			if text != nil {
				text.Write(tok)
			}
		}
	}
	return labels
}

// ink reports, for each column x0..x1 of rows y0..y1 of img (or each row,
// with rows), whether it holds a pixel unlike bg.
func ink(img image.Image, bg [3]uint32, x0, y0, x1, y1 int, rows bool) []bool {
	n := x1 - x0
	if rows {
		n = y1 - y0
	}
	out := make([]bool, n)
	for x := x0; x < x1; x++ {
		for y := y0; y < y1; y++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if absDiff(r, bg[0])+absDiff(g, bg[1])+absDiff(b, bg[2]) > 3*0x4000 {
				if rows {
					out[y-y0] = true
				} else {
					out[x-x0] = true
				}
			}
		}
	}
	return out
}

// apart is the longest run of columns (or rows) inked in one drawing and
// blank within two pixels in the other.
func apart(a, b []bool) int {
	near := func(c []bool, i int) bool {
		for j := max(0, i-2); j <= min(len(c)-1, i+2); j++ {
			if c[j] {
				return true
			}
		}
		return false
	}
	run, worst := 0, 0
	for i := range a {
		if a[i] && !near(b, i) || b[i] && !near(a, i) {
			run++
			worst = max(worst, run)
		} else {
			run = 0
		}
	}
	return worst
}

// inkCentre is the centre of the box's ink: its pixels weighted by how
// far their colour is from the box's background.
func inkCentre(img image.Image, x0, y0, x1, y1 int) (float64, float64) {
	bg := background(img, x0, y0, x1, y1)
	var sx, sy, sw float64
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			d := float64(absDiff(r, bg[0]) + absDiff(g, bg[1]) + absDiff(b, bg[2]))
			sx, sy, sw = sx+d*float64(x), sy+d*float64(y), sw+d
		}
	}
	if sw == 0 {
		return 0, 0
	}
	return sx / sw, sy / sw
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// background is the most frequent colour of a box of img.
func background(img image.Image, x0, y0, x1, y1 int) [3]uint32 {
	count := map[[3]uint32]int{}
	best, bestN := [3]uint32{0xffff, 0xffff, 0xffff}, 0
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			c := [3]uint32{r >> 12, g >> 12, b >> 12}
			count[c]++
			if count[c] > bestN {
				best, bestN = c, count[c]
			}
		}
	}
	return [3]uint32{best[0] << 12, best[1] << 12, best[2] << 12}
}

// TestSVGSameInEveryRenderer draws every dashboard's SVG file, in both
// languages, with rsvg-convert, a renderer that has none of Chromium's
// fonts and ignores web fonts, and compares it with the same figure drawn
// by Chromium (its PNG export, laid out and drawn in the Go fonts): every
// label is drawn as outlines (no visible <text> but for characters the Go
// fonts lack), lies inside the canvas, and inks the same columns in both
// drawings, so that no glyph is missing, none is moved, and none is cut.
func TestSVGSameInEveryRenderer(t *testing.T) {
	r := needRenderer(t)
	l := chartLandscape(t)
	for _, lang := range []string{"en", "nb"} {
		for _, name := range Dashboards {
			t.Run(name+"-"+lang, func(t *testing.T) {
				f := buildDash(t, l, name, lang, testQuery()).Figure(testStamp)
				svg, err := r.SVG(testCtx(t), f)
				if err != nil {
					t.Fatal(err)
				}
				pngChromium, err := r.PNG(testCtx(t), f, 1)
				if err != nil {
					t.Fatal(err)
				}
				checkSameDrawing(t, svg, pngChromium)
			})
		}
	}
}

// checkSameDrawing compares svg drawn by rsvg-convert with reference, the
// same figure drawn by Chromium, label by label.
func checkSameDrawing(t *testing.T, svg, reference []byte) {
	t.Helper()
	want, err := png.Decode(bytes.NewReader(reference))
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(rsvgPNG(t, svg)))
	if err != nil {
		t.Fatalf("rsvg-convert's PNG: %v", err)
	}
	if got.Bounds() != want.Bounds() {
		t.Fatalf("rsvg-convert draws %v, Chromium %v", got.Bounds(), want.Bounds())
	}
	w, h := want.Bounds().Dx(), want.Bounds().Dy()
	labels := outlinedLabels(t, svg)
	if len(labels) < 5 {
		t.Fatalf("the SVG has %d outlined labels", len(labels))
	}
	bad := 0
	for _, lb := range labels {
		if strings.TrimSpace(lb.Text) == "" {
			continue
		}
		if lb.MinX < 0 || lb.MinY < 0 || lb.MaxX > float64(w) || lb.MaxY > float64(h) {
			t.Errorf("the label %q (%.0f,%.0f–%.0f,%.0f) crosses the edge of the %dx%d canvas", lb.Text, lb.MinX, lb.MinY, lb.MaxX, lb.MaxY, w, h)
			continue
		}
		x0, y0 := max(0, int(lb.MinX)-1), max(0, int(lb.MinY)-1)
		x1, y1 := min(w, int(math.Ceil(lb.MaxX))+1), min(h, int(math.Ceil(lb.MaxY))+1)
		bgGot, bgWant := background(got, x0, y0, x1, y1), background(want, x0, y0, x1, y1)
		// A glyph missing or moved leaves a run of 4 columns (or rows)
		// inked in one drawing and blank in the other; anti-aliasing
		// leaves less.
		worst := max(apart(ink(got, bgGot, x0, y0, x1, y1, false), ink(want, bgWant, x0, y0, x1, y1, false)),
			apart(ink(got, bgGot, x0, y0, x1, y1, true), ink(want, bgWant, x0, y0, x1, y1, true)))
		// A label moved as a whole moves the centre of the ink around it.
		cx0, cy0 := max(0, int(lb.MinX)-4), max(0, int(lb.MinY)-4)
		cx1, cy1 := min(w, int(math.Ceil(lb.MaxX))+4), min(h, int(math.Ceil(lb.MaxY))+4)
		gx, gy := inkCentre(got, cx0, cy0, cx1, cy1)
		wx, wy := inkCentre(want, cx0, cy0, cx1, cy1)
		if d := math.Hypot(gx-wx, gy-wy); d > 1.5 {
			worst = max(worst, int(math.Ceil(d))+2)
		}
		if worst >= 4 {
			if bad < 8 {
				t.Errorf("the label %q is drawn unlike Chromium's by rsvg-convert (%d pixels apart at %.0f,%.0f)", lb.Text, worst, lb.MinX, lb.MinY)
			}
			bad++
		}
	}
	if bad > 8 {
		t.Errorf("and %d labels more", bad-8)
	}
}
