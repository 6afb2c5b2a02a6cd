package chart

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// SVG draws figure f as a standalone SVG file: the caption, the chart as
// ECharts renders it with its SVG renderer, and the footnote, so that the
// file alone says what it shows, with which filters, from which data
// version, on which day and from which sources.
func (r *Renderer) SVG(ctx context.Context, f Figure) ([]byte, error) {
	d, err := r.drawSVG(ctx, f)
	if err != nil {
		return nil, err
	}
	return figureSVG(f, d)
}

// drawSVG draws figure f with ECharts' SVG renderer. The chart's SVG in the
// drawing is checked (echartsSVG) and its ids and classes are named for f
// (chartIDPrefix), whichever tab drew it.
func (r *Renderer) drawSVG(ctx context.Context, f Figure) (*drawing, error) {
	caption, footnote := f.paragraphs()
	d, err := r.draw(ctx, f.Option, drawRequest{Renderer: "svg", Width: f.Width, Height: f.Height, Caption: caption, Footnote: footnote})
	if err != nil {
		return nil, fmt.Errorf("export svg %s: %w", f.Dashboard, err)
	}
	if d.SVG, err = echartsSVG(d.SVG, chartIDPrefix(f)); err != nil {
		return nil, fmt.Errorf("export svg %s: %w", f.Dashboard, err)
	}
	return d, nil
}

// figureSVG writes the SVG file of figure f drawn as d, its text drawn as
// outlines of the font it was laid out in (outline.go).
func figureSVG(f Figure, d *drawing) ([]byte, error) {
	chart, err := chartSVG(d.SVG, d.Top)
	if err != nil {
		return nil, fmt.Errorf("export svg %s: %w", f.Dashboard, err)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="`+chartFont+`">`+"\n",
		d.Width, d.Height, d.Width, d.Height)
	b.WriteString("<title>")
	xmlText(&b, f.Title)
	b.WriteString("</title>\n<desc>")
	xmlText(&b, strings.Join(append(append([]string{}, f.Caption...), f.Footnote...), "\n"))
	b.WriteString("</desc>\n")
	fmt.Fprintf(&b, `<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>`+"\n", d.Width, d.Height)
	for _, l := range d.Lines {
		if l.Y < float64(d.Top) {
			svgLine(&b, l)
		}
	}
	b.WriteString(chart)
	b.WriteString("\n")
	for _, l := range d.Lines {
		if l.Y >= float64(d.Top) {
			svgLine(&b, l)
		}
	}
	b.WriteString("</svg>\n")
	o, err := newOutliner(d.Advances)
	if err != nil {
		return nil, fmt.Errorf("export svg %s: %w", f.Dashboard, err)
	}
	out, err := o.outlineSVG(b.String())
	if err != nil {
		return nil, fmt.Errorf("export svg %s: %w", f.Dashboard, err)
	}
	return []byte(out), nil
}

// svgLine writes one line of the caption or footnote as a <text>.
func svgLine(b *bytes.Buffer, l textLine) {
	fill := "#222222"
	if l.Grey {
		fill = "#555555"
	}
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="%d" fill="%s"`, num(l.X), num(l.Y), l.Size, fill)
	if l.Bold {
		b.WriteString(` font-weight="bold"`)
	}
	b.WriteString(` xml:space="preserve">`)
	xmlText(b, l.Text)
	b.WriteString("</text>\n")
}

// num formats a coordinate.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// xmlText writes s escaped as XML character data.
func xmlText(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // writes to a bytes.Buffer, which does not fail
}

// echartsSVG checks the SVG ECharts rendered and returns it with its ids
// and classes named with prefix (renumberIDs).
func echartsSVG(svg, prefix string) (string, error) {
	i := strings.Index(svg, "<svg")
	if i < 0 {
		return "", errors.New("ECharts returned no SVG")
	}
	return renumberIDs(strings.TrimSpace(svg[i:]), zrenderNames, prefix)
}

// chartSVG returns the chart's SVG of a drawing (checked by drawSVG) placed
// top pixels down, to nest in the figure's SVG.
func chartSVG(svg string, top int) (string, error) {
	rest, ok := strings.CutPrefix(svg, "<svg")
	if !ok {
		return "", errors.New("ECharts returned no SVG")
	}
	return fmt.Sprintf(`<svg x="0" y="%d"`, top) + rest, nil
}

// checkElement makes sure that an element of a chart's SVG is drawing: no
// script, no foreign HTML, no event handler, no link to elsewhere. ECharts
// writes labels as escaped text; renumberIDs checks every element with
// this, so that nothing a label holds has become markup before the SVG goes
// into a file or a PDF.
func checkElement(el xml.StartElement) error {
	switch strings.ToLower(el.Name.Local) {
	case "script", "foreignobject", "iframe", "object", "embed", "image", "use", "a":
		return fmt.Errorf("the chart's SVG has a <%s> element", el.Name.Local)
	}
	for _, a := range el.Attr {
		name := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(name, "on") || name == "href" && !strings.HasPrefix(a.Value, "#") {
			return fmt.Errorf("the chart's SVG has a %s attribute on <%s>", a.Name.Local, el.Name.Local)
		}
	}
	return nil
}
