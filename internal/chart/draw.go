package chart

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chromedp/chromedp"
)

// drawRequest is what gapmapRender takes: how to draw an option, and the
// caption and footnote to lay out around it.
type drawRequest struct {
	Renderer string      `json:"renderer"` // "svg" or "canvas"
	Width    int         `json:"width"`
	Height   int         `json:"height"`
	Scale    float64     `json:"scale"`
	Caption  []paragraph `json:"caption"`
	Footnote []paragraph `json:"footnote"`
	// Stepwise has ECharts lay out a force graph as it does on screen, step
	// by step, rather than all steps first (render.js); the tests check that
	// both give the same drawing.
	Stepwise bool `json:"stepwise,omitempty"`
}

// paragraph is a paragraph of a caption or footnote.
type paragraph struct {
	Text string `json:"text"`
	Size int    `json:"size"`
	Bold bool   `json:"bold,omitempty"`
	Grey bool   `json:"grey,omitempty"`
}

// drawing is what gapmapRender returns: the chart (SVG text, or the PNG of
// the whole figure as a data URL) and the caption and footnote laid out in
// lines.
type drawing struct {
	SVG    string `json:"svg"`
	PNG    string `json:"png"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	// Top is the height of the caption, where the chart starts.
	Top   int        `json:"top"`
	Lines []textLine `json:"lines"`
	// Advances are the widths at 1000 px, regular and bold, of the
	// characters past Latin that the drawing's texts hold, as Chromium
	// lays them out (some in a fallback font: outline.go).
	Advances map[string][2]float64 `json:"advances"`
}

// textLine is one line of the caption or the footnote, placed: X and Y are
// its baseline's start.
type textLine struct {
	Text string  `json:"text"`
	X    float64 `json:"x"`
	Y    float64 `json:"y"`
	Size int     `json:"size"`
	Bold bool    `json:"bold,omitempty"`
	Grey bool    `json:"grey,omitempty"`
}

// draw draws option in a chart tab of the pool with ECharts and returns the
// drawing. The tab goes back to the pool unless the drawing failed or ctx
// ended first.
func (r *Renderer) draw(ctx context.Context, option json.RawMessage, req drawRequest) (*drawing, error) {
	args, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	// A stored value with a NUL must not make the drawing fail (chart_text.go).
	option, args = xmlSafeJSON(option), xmlSafeJSON(args)
	release, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	tab, err := r.chartTab(ctx)
	if err != nil {
		return nil, err
	}
	// Both arguments are JSON, which is a JavaScript expression: nothing in
	// a label can break out of it.
	expr := "gapmapRender(" + string(option) + "," + string(args) + ")"
	var d drawing
	err = r.onTab(ctx, tab, func(tctx context.Context) (err error) {
		d, err = chromedp.Run(tctx, chromedp.Evaluate[drawing](expr, chromedp.EvalAwaitPromise))
		return err
	})
	r.putTab(tab, err)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("draw the chart: %w", err)
	}
	return &d, nil
}
