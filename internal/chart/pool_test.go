package chart

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// poolRenderer returns a renderer of its own, with concurrency n, so that
// a test can look at its pool; it is closed when t ends.
func poolRenderer(t *testing.T, n int) *Renderer {
	t.Helper()
	needRenderer(t) // skips, or fails in CI, without Chromium
	r := NewRenderer(RendererOptions{Script: echartsScript(t), Concurrency: n})
	t.Cleanup(func() { r.Close() })
	return r
}

// idleTabs returns the tabs in r's pool.
func idleTabs(r *Renderer) []*chartTab {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.idle)
}

func TestChartPoolReusesTabs(t *testing.T) {
	r := poolRenderer(t, 2)
	f := buildDash(t, chartLandscape(t), "coverage", "en", testQuery()).Figure(testStamp)
	for range 3 {
		if _, err := r.SVG(testCtx(t), f); err != nil {
			t.Fatal(err)
		}
	}
	idle := idleTabs(r)
	if len(idle) != 1 || idle[0].uses != 3 {
		t.Fatalf("after 3 charts one after another: %d tabs in the pool, want 1 that drew all 3", len(idle))
	}

	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = r.SVG(testCtx(t), f)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if n := len(idleTabs(r)); n < 1 || n > 2 {
		t.Errorf("after 8 charts at once with concurrency 2: %d tabs in the pool, want 1 or 2", n)
	}
}

// TestChartPoolDiscards checks that a tab whose request ended while it drew
// is closed, not reused.
func TestChartPoolDiscards(t *testing.T) {
	r := poolRenderer(t, 2)
	ctx, cancel := context.WithCancel(testCtx(t))
	tab, err := r.chartTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = r.onTab(ctx, tab, func(tctx context.Context) error {
		cancel() // the request ends while the tab works
		<-tctx.Done()
		return tctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("onTab of a cancelled request: %v, want context.Canceled", err)
	}
	r.putTab(tab, err)
	if len(idleTabs(r)) != 0 {
		t.Error("the tab of a cancelled request went back to the pool")
	}
	if tab.ctx.Err() == nil {
		t.Error("the tab of a cancelled request is still open")
	}
}

// TestChartPageNoDialog checks that the chart page opens no JavaScript
// dialog, and that a dialog opened anyway (here from a frame, which
// render.js does not guard) neither blocks the tab nor returns it to the
// pool.
func TestChartPageNoDialog(t *testing.T) {
	r := poolRenderer(t, 1)
	ctx := testCtx(t)
	tab, err := r.chartTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"alert", "confirm", "prompt"} {
		err := r.onTab(ctx, tab, func(tctx context.Context) error {
			_, err := chromedp.Run(tctx, chromedp.Evaluate[any](name+"('hello')"))
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "opens no dialog") {
			t.Errorf("%s on the chart page: %v, want an error that it opens no dialog", name, err)
		}
	}
	if tab.dialog.Load() {
		t.Fatal("the chart page opened a dialog")
	}
	err = r.onTab(ctx, tab, func(tctx context.Context) error {
		_, err := chromedp.Run(tctx, chromedp.Evaluate[bool](`(function () {
			var f = document.createElement('iframe');
			document.body.appendChild(f);
			f.contentWindow.alert('hello');
			return true;
		})()`))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "dialog") {
		t.Errorf("an alert from a frame: %v, want an error about the dialog", err)
	}
	r.putTab(tab, err)
	if len(idleTabs(r)) != 0 {
		t.Error("a tab that opened a dialog went back to the pool")
	}
	// The next chart gets a new tab and draws.
	f := buildDash(t, chartLandscape(t), "coverage", "en", testQuery()).Figure(testStamp)
	if _, err := r.SVG(ctx, f); err != nil {
		t.Fatal(err)
	}
}

// TestChartForceLayoutAllSteps checks render.js's shortcut for force
// layouts (all steps first, one layout of the graph at the end): the same
// SVG as ECharts laying the graph out after every step.
func TestChartForceLayoutAllSteps(t *testing.T) {
	r := needRenderer(t)
	for name, f := range map[string]Figure{
		"fixture": buildDash(t, chartLandscape(t), "landscape", "en", testQuery()).Figure(testStamp),
		"norway":  buildDash(t, norway(t), "landscape", "en", testQuery()).Figure(testStamp),
	} {
		t.Run(name, func(t *testing.T) {
			var svgs []string
			for _, stepwise := range []bool{false, true} {
				d, err := r.draw(testCtx(t), f.Option, drawRequest{Renderer: "svg", Width: f.Width, Height: f.Height, Stepwise: stepwise})
				if err != nil {
					t.Fatal(err)
				}
				svg, err := echartsSVG(d.SVG, "test")
				if err != nil {
					t.Fatal(err)
				}
				svgs = append(svgs, svg)
			}
			if svgs[0] != svgs[1] {
				t.Error("the force layout run all steps first differs from ECharts' own, step by step")
			}
		})
	}
}
