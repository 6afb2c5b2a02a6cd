package export

import (
	"context"
	"errors"
	"regexp"
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

// TestPackReportIDsUnique checks the report of a pack with every dashboard,
// the pathways (whose sankey fills its links with gradients) twice: no id
// is found twice in the document, every url(#…) in a chart refers to an id
// of that chart, and no two charts style the same class.
func TestPackReportIDsUnique(t *testing.T) {
	r := needRenderer(t)
	names := append(slices.Clone(Dashboards), "pathways")
	b, err := newPackBuilder(chartLandscape(t), r, PackRequest{Lang: "en", Query: testQuery(), Dashboards: names,
		ScenarioID: testScenario, Stamp: testStamp})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range b.names {
		if err := b.dashboard(testCtx(t), i, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.gaps(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	report, err := b.reportHTML(testCtx(t), b.manifest())
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`\sid="([^"]*)"`)
	refs := regexp.MustCompile(`url\(#([^)]*)\)|href="#([^"]*)"`)
	styled := regexp.MustCompile(`\.([a-z0-9-]+-cls-[0-9]+)`)
	figures := regexp.MustCompile(`(?s)<figure>.*?</figure>`).FindAllString(string(report), -1)
	if len(figures) != len(names) {
		t.Fatalf("the report has %d figures, want %d", len(figures), len(names))
	}
	idIn, classIn := map[string]int{}, map[string]int{}
	gradients := 0
	for i, fig := range figures {
		own := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(fig, -1) {
			if j, ok := idIn[m[1]]; ok {
				t.Errorf("id %q is in figure %d (%s) and figure %d (%s)", m[1], j, names[j], i, names[i])
			}
			idIn[m[1]] = i
			own[m[1]] = true
			if strings.Contains(m[1], "-g") {
				gradients++
			}
		}
		for _, m := range refs.FindAllStringSubmatch(fig, -1) {
			if id := m[1] + m[2]; !own[id] {
				t.Errorf("figure %d (%s) refers to #%s, which it does not hold", i, names[i], id)
			}
		}
		for _, m := range styled.FindAllStringSubmatch(fig, -1) {
			if j, ok := classIn[m[1]]; ok && j != i {
				t.Errorf("class %q is styled in figure %d (%s) and figure %d (%s)", m[1], j, names[j], i, names[i])
			}
			classIn[m[1]] = i
		}
	}
	if gradients == 0 || len(classIn) == 0 {
		t.Errorf("the report's charts have %d gradients and %d styled classes: the test checks nothing", gradients, len(classIn))
	}
	if n := len(ids.FindAllString(string(report), -1)); n != len(idIn) {
		t.Errorf("the report has %d ids, its figures %d", n, len(idIn))
	}
	for _, f := range b.files {
		if strings.HasSuffix(f.Path, ".svg") {
			seen := map[string]bool{}
			for _, m := range ids.FindAllStringSubmatch(string(f.data), -1) {
				if seen[m[1]] {
					t.Errorf("%s: id %q twice", f.Path, m[1])
				}
				seen[m[1]] = true
			}
		}
	}
}
