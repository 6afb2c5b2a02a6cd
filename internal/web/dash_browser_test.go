package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// screenshotDir is where the browser tests keep their screenshots: the
// directory GAPMAP_SCREENSHOTS names, else a temporary one.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("GAPMAP_SCREENSHOTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// screenshot saves a full-page PNG of tab as dir/name.png.
func screenshot(t *testing.T, tab context.Context, dir, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// dashChartJS gets the dashboard's chart instance.
const dashChartJS = `echarts.getInstanceByDom(document.getElementById('dash-chart'))`

// chartDrawn waits until the dashboard's chart has a size and painted
// pixels, and returns its size.
func chartDrawn(t *testing.T, tab context.Context) (w, h float64) {
	t.Helper()
	size := eval[struct{ W, H float64 }](t, tab, `new Promise(resolve => {
		const el = document.getElementById('dash-chart');
		const tries = (n) => {
			const canvas = el.querySelector('canvas');
			if (canvas && canvas.width > 0 && canvas.height > 0) {
				const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
				for (let i = 3; i < d.length; i += 4) {
					if (d[i] !== 0) { const r = el.getBoundingClientRect(); resolve({W: r.width, H: r.height}); return; }
				}
			}
			if (n > 50) { resolve({W: 0, H: 0}); return; }
			setTimeout(() => tries(n + 1), 100);
		};
		tries(0);
	})`)
	return size.W, size.H
}

// TestBrowserDashboards loads every dashboard of the Norwegian seed on a
// laptop and a tablet: no console error, the chart drawn with a size, the
// page no wider than the screen. It keeps a screenshot of each.
func TestBrowserDashboards(t *testing.T) {
	s, _ := testServerWith(t, fixed{norwayLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	dir := screenshotDir(t)
	tab, _ := watch(t)
	for _, screen := range []struct {
		name          string
		width, height int64
	}{{"laptop", 1366, 900}, {"tablet", 768, 1024}} {
		run(t, tab, chromedp.EmulateViewport(screen.width, screen.height))
		run(t, tab, chromedp.Navigate(ts.URL+"/dashboards"), chromedp.WaitVisible(chromedp.CSS("ul.dash-cards")))
		screenshot(t, tab, dir, "dashboards-index-"+screen.name)
		for _, name := range dashboardNames {
			run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/"+name), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
			if w, h := chartDrawn(t, tab); w < 300 || h < 300 {
				t.Errorf("%s on a %s: the chart is %.0f×%.0f px and painted: %v", name, screen.name, w, h, w > 0)
			}
			if wide := eval[bool](t, tab, `document.documentElement.scrollWidth > window.innerWidth`); wide {
				t.Errorf("%s: the page is wider than a %d px %s", name, screen.width, screen.name)
			}
			if rows := eval[int](t, tab, `document.querySelectorAll('table.dash tbody tr').length`); rows == 0 {
				t.Errorf("%s: the table under the chart is empty", name)
			}
			screenshot(t, tab, dir, "dashboard-"+name+"-"+screen.name)
		}
	}
	t.Logf("screenshots in %s", dir)
}

// TestBrowserDashboardFilter changes a filter in the form and checks that
// the chart changes and the filter is kept in the navigation.
func TestBrowserDashboardFilter(t *testing.T) {
	s, _ := testServerWith(t, fixed{norwayLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	rowsJS := dashChartJS + `.getOption().yAxis[0].data.join('|')`
	run(t, tab, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/dashboards/coverage"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	before := eval[string](t, tab, rowsJS)
	run(t, tab,
		chromedp.SetValue(chromedp.CSS(`select[name="group"]`), "men_forced_labour"),
		chromedp.SetValue(chromedp.CSS(`select[name="stage"]`), "reflection_stabilisation"),
	)
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)))); err != nil {
		t.Fatal(err)
	}
	run(t, tab, chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	after := eval[string](t, tab, rowsJS)
	if after == before || strings.Contains(after, "|") {
		t.Errorf("after filtering to one group the chart's rows are %q (before %q)", after, before)
	}
	if loc := eval[string](t, tab, `location.search`); !strings.Contains(loc, "group=men_forced_labour") {
		t.Errorf("the filtered view's URL is %q", loc)
	}
	href := eval[string](t, tab, `document.querySelector('nav.dash-nav a[href^="/dashboards/pathways"]').getAttribute('href')`)
	if !strings.Contains(href, "group=men_forced_labour") || !strings.Contains(href, "stage=reflection_stabilisation") {
		t.Errorf("the link to the pathways dashboard %q does not keep the filters", href)
	}
}

// TestBrowserDashboardLanguage switches the language and checks that the
// chart's labels change and the choice is remembered.
func TestBrowserDashboardLanguage(t *testing.T) {
	s, _ := testServerWith(t, fixed{norwayLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	legendJS := dashChartJS + `.getOption().visualMap[0].pieces.map(p => p.label).join('|')`
	run(t, tab, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/dashboards/coverage"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	if got := eval[string](t, tab, legendJS); !strings.Contains(got, "Uncovered") {
		t.Fatalf("English legend = %q", got)
	}
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`header.site a[hreflang="nb"]`)))); err != nil {
		t.Fatal(err)
	}
	run(t, tab, chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	if got := eval[string](t, tab, legendJS); !strings.Contains(got, "Ikke dekket") {
		t.Errorf("Norwegian legend = %q", got)
	}
	if h1 := eval[string](t, tab, `document.querySelector('h1').textContent`); h1 != "Dekning" {
		t.Errorf("Norwegian h1 = %q", h1)
	}
	// The choice is remembered on the next dashboard, with the seed's
	// Norwegian names in the chart.
	run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/pathways"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	names := eval[string](t, tab, dashChartJS+`.getOption().series[0].data.map(d => d.name).join('|')`)
	if !strings.Contains(names, "Refleksjonsperiode") || !strings.Contains(names, "Ingen tjeneste") {
		t.Errorf("the pathways after switching are not in Norwegian: %q", names)
	}
}

// TestBrowserDashboardLandscapeClick clicks a node of the landscape
// dashboard and checks that its page opens.
func TestBrowserDashboardLandscapeClick(t *testing.T) {
	s, _ := testServerWith(t, fixed{dashLandscape(t, false)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	run(t, tab, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/dashboards/landscape"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	clickNode(t, tab, "dash-chart", 70)
}

// clickNode clicks, with a real mouse event, a node of the graph drawn in
// the element of id chartID and checks that the node's page opens. It waits
// until app.js marks the chart rendered (data-rendered, set on ECharts'
// 'finished' event), scrolls the chart to the top of the screen, and takes
// each node's position from the chart's own layout. It clicks the first node
// that lies on the screen (and inside the chart, below its first top pixels
// where the legend is) and that ECharts' own hit test finds on top at its
// centre, so that no other node, label or edge takes the click. The force
// layout starts from random positions, so which node that is varies.
func clickNode(t *testing.T, tab context.Context, chartID string, top float64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('`+chartID+`').getAttribute('data-rendered') === '1'`)); err != nil {
		t.Fatalf("the chart #%s was never marked rendered: %v", chartID, err)
	}
	type node struct {
		X, Y float64
		URL  string
	}
	targets := eval[[]node](t, tab, `new Promise(resolve => {
		const el = document.getElementById('`+chartID+`');
		el.scrollIntoView({block: 'start'});
		const c = echarts.getInstanceByDom(el);
		const measure = () => {
			const data = c.getModel().getSeriesByIndex(0).getData();
			const zr = c.getZr();
			const r = el.getBoundingClientRect();
			const nodes = [];
			for (let i = 0; i < data.count(); i++) {
				const g = data.getItemGraphicEl(i);
				const url = (data.getRawDataItem(i) || {}).url;
				const p = c.convertToPixel({seriesIndex: 0}, data.getItemLayout(i));
				if (!g || !url || !p) {
					continue;
				}
				const n = {X: r.left + p[0], Y: r.top + p[1], URL: url};
				const shown = p[0] > 20 && p[0] < r.width - 20 && p[1] > `+fmt.Sprint(top)+` && p[1] < r.height - 20 &&
					n.X > 10 && n.X < window.innerWidth - 10 && n.Y > 10 && n.Y < window.innerHeight - 10;
				if (!shown) {
					continue;
				}
				let hit = zr.handler.findHover(p[0], p[1]).target;
				while (hit && hit !== g) {
					hit = hit.__hostTarget || hit.parent;
				}
				if (hit) {
					nodes.push(n);
				}
			}
			return nodes;
		};
		// Measure until two frames agree: the page and the chart are at rest.
		let last = '', tries = 0;
		const again = () => requestAnimationFrame(() => requestAnimationFrame(() => {
			const nodes = measure();
			const now = JSON.stringify(nodes);
			if (now === last || ++tries > 20) {
				resolve(nodes);
				return;
			}
			last = now;
			again();
		}));
		again();
	})`)
	if len(targets) == 0 {
		t.Fatalf("no node of #%s lies on the screen, uncovered, to click", chartID)
	}
	target := targets[0]
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.MouseClickXY(target.X, target.Y))); err != nil {
		t.Fatalf("a click on the node of %s at (%.0f, %.0f) opened no page: %v", target.URL, target.X, target.Y, err)
	}
	if path := eval[string](t, tab, `location.pathname`); path != target.URL {
		t.Errorf("after a click on the node of %s the page is %q", target.URL, path)
	}
}

// TestBrowserDashboardsXSS renders every dashboard of a landscape whose
// names are markup and script: the names show as text, no element is
// injected and no dialog opens (watch fails the test on one), even in the
// charts' tooltips.
func TestBrowserDashboardsXSS(t *testing.T) {
	s, _ := testServerWith(t, fixed{dashLandscape(t, true)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	run(t, tab, chromedp.EmulateViewport(1366, 900))
	for _, name := range dashboardNames {
		run(t, tab, chromedp.Navigate(ts.URL+dashPath("/dashboards/", name, "")), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
		chartDrawn(t, tab)
		// Show the tooltip of every data item of the first series.
		run(t, tab, chromedp.Evaluate[chromedp.Void](`new Promise(resolve => {
			const c = `+dashChartJS+`;
			const n = c.getModel().getSeriesByIndex(0).getData().count();
			let i = 0;
			const next = () => {
				if (i >= n) { resolve(); return; }
				c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: i++});
				setTimeout(next, 20);
			};
			next();
		})`, chromedp.EvalAwaitPromise))
		if n := eval[int](t, tab, `document.querySelectorAll('img').length`); n != 0 {
			t.Errorf("%s: %d img elements", name, n)
		}
		if n := eval[int](t, tab, `document.scripts.length`); n != 3 {
			t.Errorf("%s: %d script elements, want 3 (ECharts, app.js, the data island)", name, n)
		}
		text := eval[string](t, tab, `document.body.innerText`)
		if !strings.Contains(text, evilOrg) && !strings.Contains(text, evilService) {
			t.Errorf("%s: the hostile names are not shown as text", name)
		}
	}
}

// TestBrowserCoverageCellLists clicks, with a real mouse, coverage cells of
// undocumented women in prostitution at the stage chosen and checks that
// the list under the chart names the engine's services for that group's
// need (gap.GroupCovers), with their pages, and the services that exclude,
// in the page's language.
func TestBrowserCoverageCellLists(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	const query = "group=undocumented_women_prostitution&stage=reflection_stabilisation"
	q, err := s.gapQuery(httptest.NewRequest("GET", "/?"+query, nil))
	if err != nil {
		t.Fatal(err)
	}
	covers, err := gap.GroupCovers(context.Background(), l, q)
	if err != nil {
		t.Fatal(err)
	}
	byNeed := map[string]gap.GroupCover{}
	for _, gc := range covers {
		if gc.Stage == "reflection_stabilisation" {
			byNeed[gc.Need] = gc
		}
	}
	type shown struct {
		Title    string
		Covering []string
		Hrefs    []string
		Excluded []string
	}
	run(t, tab, chromedp.EmulateViewport(1366, 900))
	for _, lang := range []string{"en", "nb"} {
		run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/coverage?lang="+lang+"&"+query), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
		ctx, cancel := context.WithTimeout(tab, 10*time.Second)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('dash-chart').getAttribute('data-rendered') === '1'`)); err != nil {
			t.Fatalf("the chart was never rendered: %v", err)
		}
		cancel()
		type cell struct {
			X, Y float64
			Need string
		}
		cells := eval[[]cell](t, tab, `(() => {
			const el = document.getElementById('dash-chart');
			el.scrollIntoView({block: 'start'});
			const c = echarts.getInstanceByDom(el);
			const o = c.getOption();
			const r = el.getBoundingClientRect();
			return o.series[0].data.map(d => {
				const p = c.convertToPixel({seriesIndex: 0}, [d.value[0], d.value[1]]);
				return {X: r.left + p[0], Y: r.top + p[1], Need: o.xAxis[0].data[d.value[0]]};
			});
		})()`)
		if len(cells) == 0 {
			t.Fatal("the heatmap has no cell")
		}
		needs := map[string]string{}
		for _, n := range l.Nodes(graph.TypeNeed) {
			needs[n.Base().Label(lang)] = n.Base().ID
		}
		clicked := 0
		for _, c := range cells {
			gc, ok := byNeed[needs[c.Need]]
			if !ok {
				t.Errorf("%s: the heatmap has a cell for %q, which the engine has no cover for", lang, c.Need)
				continue
			}
			if len(gc.Covering) == 0 && len(gc.Excluded) == 0 {
				continue
			}
			run(t, tab, chromedp.MouseClickXY(c.X, c.Y))
			ctx, cancel := context.WithTimeout(tab, 5*time.Second)
			if _, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => { const s = document.getElementById('dash-chart-detail'); return !!s && s.querySelector('h3').textContent.includes(%q); })()`, c.Need))); err != nil {
				cancel()
				t.Fatalf("%s: a click on the cell of %q lists nothing under the chart: %v", lang, c.Need, err)
			}
			cancel()
			got := eval[shown](t, tab, `(() => {
				const s = document.getElementById('dash-chart-detail');
				const names = sel => Array.from(s.querySelectorAll(sel)).map(a => a.textContent);
				return {Title: s.querySelector('h3').textContent, Covering: names('ul.covering li > a'),
					Hrefs: Array.from(s.querySelectorAll('ul.covering li > a')).map(a => a.getAttribute('href')),
					Excluded: names('ul.excluded li > a')};
			})()`)
			var want, wantHrefs, wantEx []string
			for _, sv := range gc.Covering {
				want = append(want, nodeLabel(l, sv.ID, lang))
				wantHrefs = append(wantHrefs, "/services/"+sv.ID)
			}
			for _, x := range gc.Excluded {
				wantEx = append(wantEx, nodeLabel(l, x.Service, lang))
			}
			for _, pair := range [][2][]string{{got.Covering, want}, {got.Hrefs, wantHrefs}, {got.Excluded, wantEx}} {
				a, b := slices.Clone(pair[0]), slices.Clone(pair[1])
				slices.Sort(a)
				slices.Sort(b)
				if !slices.Equal(a, b) {
					t.Errorf("%s %s: the list under the chart shows %q, the engine %q", lang, c.Need, a, b)
				}
			}
			if stage := nodeLabel(l, "reflection_stabilisation", lang); !strings.Contains(got.Title, stage) {
				t.Errorf("%s %s: the list's title %q does not name the stage chosen, %q", lang, c.Need, got.Title, stage)
			}
			clicked++
		}
		if clicked == 0 {
			t.Errorf("%s: no cell had services to list", lang)
		}
	}
}

// TestBrowserLandscapeSearch types a name into the landscape map's search
// box and checks that exactly the nodes whose names hold it are found,
// highlighted in the chart (ECharts' emphasis state) and named under the
// box, in the page's language.
func TestBrowserLandscapeSearch(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	run(t, tab, chromedp.EmulateViewport(1366, 900))
	for _, c := range []struct{ lang, query, found string }{
		{"en", "rosa", "Found and highlighted:"},
		{"nb", "krisesenter", "Funnet og uthevet:"},
	} {
		run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/landscape?lang="+c.lang), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
		ctx, cancel := context.WithTimeout(tab, 10*time.Second)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('dash-chart').getAttribute('data-rendered') === '1'`)); err != nil {
			t.Fatalf("the map was never rendered: %v", err)
		}
		cancel()
		var want []string
		for _, typ := range dashboards.LandscapeNodeTypes {
			for _, n := range l.Nodes(typ) {
				if strings.Contains(strings.ToLower(n.Base().Label(c.lang)), c.query) {
					want = append(want, n.Base().ID)
				}
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s: no node holds %q: the case checks nothing", c.lang, c.query)
		}
		run(t, tab, chromedp.SendKeys(chromedp.CSS("#dash-chart-search"), c.query))
		type result struct {
			Found       []string
			Highlighted []string
			Status      string
		}
		got := eval[result](t, tab, `(() => {
			const c = echarts.getInstanceByDom(document.getElementById('dash-chart'));
			const data = c.getModel().getSeriesByIndex(0).getData();
			const idx = (document.getElementById('dash-chart-search').getAttribute('data-found') || '').split(',').filter(x => x !== '').map(Number);
			const hl = [];
			for (let i = 0; i < data.count(); i++) {
				const g = data.getItemGraphicEl(i);
				// The node's symbol (a child of its group) takes the state.
				const st = g ? [g.currentStates || [], ...(g.childCount ? Array.from({length: g.childCount()}, (_, k) => g.childAt(k).currentStates || []) : [])].flat() : [];
				if (st.includes('emphasis')) {
					hl.push(data.getRawDataItem(i).id);
				}
			}
			return {Found: idx.map(i => data.getRawDataItem(i).id), Highlighted: hl,
				Status: document.getElementById('dash-chart-search-status').textContent};
		})()`)
		slices.Sort(want)
		slices.Sort(got.Found)
		if !slices.Equal(got.Found, want) {
			t.Errorf("%s: the search for %q finds %v, the map's nodes holding it are %v", c.lang, c.query, got.Found, want)
		}
		for _, id := range want {
			if !slices.Contains(got.Highlighted, id) {
				t.Errorf("%s: %s is found but not highlighted (highlighted: %v)", c.lang, id, got.Highlighted)
			}
			if name := nodeLabel(l, id, c.lang); !strings.Contains(got.Status, name) {
				t.Errorf("%s: the status %q does not name %s", c.lang, got.Status, name)
			}
		}
		if !strings.HasPrefix(got.Status, c.found) {
			t.Errorf("%s: the status reads %q, want it to start %q", c.lang, got.Status, c.found)
		}
	}
}
