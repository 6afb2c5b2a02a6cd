package chart

import (
	"encoding/base64"
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// An SVG file's text is drawn as outlines: every renderer then draws the
// same figure, whatever fonts it has (librsvg, Inkscape and most viewers
// ignore a web font). The charts are laid out in Chromium with the Go
// fonts (chartFont, served to the chart page from this build), and each
// <text> of the figure becomes a <path> of the same font's glyphs, placed
// as Chromium places them (text-anchor, dominant-baseline, kerning), with
// the text kept beside it, invisible, for search, copying and screen
// readers.

// chartFont is the font family the chart page lays the charts out in.
const chartFont = "Go"

// fontFiles are the chart page's fonts: the Go fonts (BSD licence, in
// golang.org/x/image), which cover Norwegian letters, dashes and arrows.
var fontFiles = map[string][]byte{
	"/fonts/go-regular.ttf": goregular.TTF,
	"/fonts/go-bold.ttf":    gobold.TTF,
}

// outliner turns text into glyph outlines with the Go fonts. It is not
// safe for concurrent use (its sfnt.Buffer).
type outliner struct {
	regular, bold *sfnt.Font
	buf           sfnt.Buffer
	// fallback are Chromium's advances at 1000 px, regular and bold, of
	// characters past Latin (drawing.Advances): a character the Go fonts
	// lack is drawn as a <text> of its own, that wide.
	fallback map[string][2]float64
}

// newOutliner returns an outliner; fallback are the drawing's Advances.
func newOutliner(fallback map[string][2]float64) (*outliner, error) {
	regular, err := sfnt.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("the Go font: %w", err)
	}
	bold, err := sfnt.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("the Go bold font: %w", err)
	}
	return &outliner{regular: regular, bold: bold, fallback: fallback}, nil
}

var (
	textElement = regexp.MustCompile(`<text\b([^>]*)>([^<]*)</text>`)
	textStart   = regexp.MustCompile(`<text\b`)
	attribute   = regexp.MustCompile(`([a-zA-Z:-]+)="([^"]*)"`)
	fontSizePx  = regexp.MustCompile(`^([0-9.]+)px$`)
)

// outlineSVG returns svg with every <text> drawn as outlines (outlineText).
func (o *outliner) outlineSVG(svg string) (string, error) {
	if n := len(textStart.FindAllStringIndex(svg, -1)); n != len(textElement.FindAllStringIndex(svg, -1)) {
		return "", fmt.Errorf("the SVG has a <text> with markup in it, which gapmap does not outline")
	}
	var err error
	out := textElement.ReplaceAllStringFunc(svg, func(el string) string {
		if err != nil {
			return el
		}
		m := textElement.FindStringSubmatch(el)
		var s string
		s, err = o.outlineText(m[1], html.UnescapeString(m[2]), m[2])
		return s
	})
	if err != nil {
		return "", err
	}
	return out, nil
}

// textAttrs are the attributes of a <text> that outlineText reads.
type textAttrs struct {
	x, y, size       float64
	bold             bool
	anchor, baseline string
	paint            []string // fill, stroke and their kin, with the transform
	layer            []string // what the invisible text keeps
	hasFill          bool
}

// paintAttrs are the attributes the outline takes over from the <text>.
var paintAttrs = map[string]bool{
	"fill": true, "fill-opacity": true, "stroke": true, "stroke-width": true, "stroke-opacity": true,
	"stroke-miterlimit": true, "stroke-linejoin": true, "paint-order": true, "opacity": true, "transform": true,
}

func parseTextAttrs(attrs string) (textAttrs, error) {
	a := textAttrs{size: 16, anchor: "start", baseline: "alphabetic"}
	for _, m := range attribute.FindAllStringSubmatch(attrs, -1) {
		name, value := m[1], html.UnescapeString(m[2])
		switch name {
		case "x", "y":
			v, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return a, fmt.Errorf("a <text> has %s=%q", name, value)
			}
			if name == "x" {
				a.x = v
			} else {
				a.y = v
			}
		case "font-size":
			if err := a.setSize(value); err != nil {
				return a, err
			}
		case "font-weight":
			a.bold = isBold(value)
		case "text-anchor":
			a.anchor = value
		case "dominant-baseline":
			a.baseline = value
		case "style":
			if err := a.setStyle(value); err != nil {
				return a, err
			}
		}
		if paintAttrs[name] {
			a.paint = append(a.paint, m[0])
			a.hasFill = a.hasFill || name == "fill"
		}
		if name == "transform" || name == "x" || name == "y" || name == "xml:space" || name == "text-anchor" || name == "dominant-baseline" {
			a.layer = append(a.layer, m[0])
		}
	}
	return a, nil
}

func (a *textAttrs) setSize(v string) error {
	v = strings.TrimSpace(v)
	if m := fontSizePx.FindStringSubmatch(v); m != nil {
		v = m[1]
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 {
		return fmt.Errorf("a <text> has the font size %q", v)
	}
	a.size = f
	return nil
}

func isBold(v string) bool {
	v = strings.TrimSpace(v)
	if v == "bold" || v == "bolder" {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 600
}

// setStyle reads the font of a style attribute, as ECharts writes it:
// "font-size:12px;font-family:…;font-weight:bold;" or "font: normal bold
// 12px family".
func (a *textAttrs) setStyle(style string) error {
	for decl := range strings.SplitSeq(style, ";") {
		name, value, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(name) {
		case "font-size":
			if err := a.setSize(value); err != nil {
				return err
			}
		case "font-weight":
			a.bold = isBold(value)
		case "font":
			for _, w := range strings.Fields(value) {
				if fontSizePx.MatchString(w) {
					if err := a.setSize(w); err != nil {
						return err
					}
				} else if isBold(w) {
					a.bold = true
				}
			}
		}
	}
	return nil
}

// outlineText draws one <text> element (its attributes attrs, its text and
// the text as escaped in the file) as a <path> of its glyphs, followed by
// the text itself, invisible.
func (o *outliner) outlineText(attrs, text, escaped string) (string, error) {
	a, err := parseTextAttrs(attrs)
	if err != nil {
		return "", err
	}
	f := o.regular
	if a.bold {
		f = o.bold
	}
	upem := fixed.Int26_6(f.UnitsPerEm()) << 6 // glyphs in font units
	scale := a.size / float64(f.UnitsPerEm()) / 64
	m, err := f.Metrics(&o.buf, upem, font.HintingNone)
	if err != nil {
		return "", fmt.Errorf("the Go font's metrics: %w", err)
	}
	type glyph struct {
		idx sfnt.GlyphIndex
		x   fixed.Int26_6
		r   rune // a character the Go fonts lack, where idx is 0
	}
	var glyphs []glyph
	var pen fixed.Int26_6
	prev := sfnt.GlyphIndex(0)
	for _, r := range text {
		idx, err := f.GlyphIndex(&o.buf, r)
		if err != nil {
			return "", fmt.Errorf("the Go font: %w", err)
		}
		if adv, ok := o.fallback[string(r)]; idx == 0 && ok {
			w := adv[0]
			if a.bold {
				w = adv[1]
			}
			glyphs = append(glyphs, glyph{x: pen, r: r})
			pen += fixed.Int26_6(math.Round(w / 1000 * float64(f.UnitsPerEm()) * 64))
			prev = 0
			continue
		}
		if prev != 0 {
			if k, err := f.Kern(&o.buf, prev, idx, upem, font.HintingNone); err == nil {
				pen += k
			}
		}
		glyphs = append(glyphs, glyph{idx: idx, x: pen})
		adv, err := f.GlyphAdvance(&o.buf, idx, upem, font.HintingNone)
		if err != nil {
			return "", fmt.Errorf("the Go font: %w", err)
		}
		pen += adv
		prev = idx
	}
	x0 := a.x
	switch a.anchor {
	case "middle":
		x0 -= float64(pen) * scale / 2
	case "end":
		x0 -= float64(pen) * scale
	}
	y0 := a.y
	asc, desc := float64(m.Ascent)*scale, float64(m.Descent)*scale
	switch a.baseline {
	case "central":
		y0 += (asc - desc) / 2
	case "middle":
		y0 += float64(m.XHeight) * scale / 2
	case "hanging", "text-before-edge":
		y0 += asc
	case "text-after-edge", "ideographic":
		y0 -= desc
	}
	var d, fallback strings.Builder
	for _, g := range glyphs {
		if g.r != 0 {
			fallback.WriteString(`<text aria-hidden="true" x="` + coord(x0+float64(g.x)*scale) + `" y="` + coord(y0) + `" font-size="` + coord(a.size) + `"`)
			if a.bold {
				fallback.WriteString(` font-weight="bold"`)
			}
			for _, p := range a.paint {
				fallback.WriteString(" " + p)
			}
			fallback.WriteString(`>`)
			fallback.WriteString(html.EscapeString(string(g.r)))
			fallback.WriteString(`</text>`)
			continue
		}
		segs, err := f.LoadGlyph(&o.buf, g.idx, upem, nil)
		if err != nil {
			return "", fmt.Errorf("the Go font: %w", err)
		}
		gx := x0 + float64(g.x)*scale
		pt := func(p fixed.Point26_6) {
			d.WriteString(coord(gx + float64(p.X)*scale))
			d.WriteByte(' ')
			d.WriteString(coord(y0 + float64(p.Y)*scale))
		}
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				d.WriteByte('M')
				pt(s.Args[0])
			case sfnt.SegmentOpLineTo:
				d.WriteByte('L')
				pt(s.Args[0])
			case sfnt.SegmentOpQuadTo:
				d.WriteByte('Q')
				pt(s.Args[0])
				d.WriteByte(' ')
				pt(s.Args[1])
			case sfnt.SegmentOpCubeTo:
				d.WriteByte('C')
				pt(s.Args[0])
				d.WriteByte(' ')
				pt(s.Args[1])
				d.WriteByte(' ')
				pt(s.Args[2])
			}
		}
		if len(segs) > 0 {
			d.WriteByte('Z')
		}
	}
	var b strings.Builder
	if d.Len() > 0 {
		b.WriteString(`<path class="gm-glyphs" aria-hidden="true" d="`)
		b.WriteString(d.String())
		b.WriteString(`"`)
		for _, p := range a.paint {
			b.WriteString(" " + p)
		}
		if !a.hasFill {
			b.WriteString(` fill="#000"`)
		}
		b.WriteString("/>")
	}
	b.WriteString(fallback.String())
	// The text itself, where it was, invisible: search, copy and screen
	// readers find it; no renderer paints it.
	b.WriteString(`<text`)
	for _, l := range a.layer {
		b.WriteString(" " + l)
	}
	fmt.Fprintf(&b, ` font-size="%s" font-family="%s"`, coord(a.size), chartFont)
	if a.bold {
		b.WriteString(` font-weight="bold"`)
	}
	b.WriteString(` fill="#000" fill-opacity="0">`)
	b.WriteString(escaped)
	b.WriteString(`</text>`)
	return b.String(), nil
}

// coord formats a coordinate of an outline to 1/100 pixel.
func coord(v float64) string {
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // no "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// withChartFonts returns the HTML document doc with the chart page's fonts
// declared in it (as data: URLs, since a printed document loads nothing),
// so that the charts it holds print in the font they were laid out in.
func withChartFonts(doc string) string {
	var b strings.Builder
	b.WriteString("<style>")
	for _, f := range []struct {
		weight string
		data   []byte
	}{{"normal", goregular.TTF}, {"bold", gobold.TTF}} {
		fmt.Fprintf(&b, `@font-face { font-family: "%s"; font-weight: %s; src: url("data:font/ttf;base64,%s") format("truetype"); }`,
			chartFont, f.weight, base64.StdEncoding.EncodeToString(f.data))
	}
	b.WriteString("</style>")
	if i := strings.Index(strings.ToLower(doc), "<head>"); i >= 0 {
		return doc[:i+len("<head>")] + b.String() + doc[i+len("<head>"):]
	}
	return b.String() + doc
}
