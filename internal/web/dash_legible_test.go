package web

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/auth"
)

// legibleOption is the part of a chart's option the legibility test reads.
type legibleOption struct {
	Color   []string `json:"color"`
	Tooltip []struct {
		Confine bool `json:"confine"`
	} `json:"tooltip"`
	Legend []struct {
		Type string `json:"type"`
		Show *bool  `json:"show"`
		Data []any  `json:"data"`
	} `json:"legend"`
	XAxis     []legibleAxis `json:"xAxis"`
	YAxis     []legibleAxis `json:"yAxis"`
	VisualMap []struct {
		Pieces []legiblePiece `json:"pieces"`
	} `json:"visualMap"`
	Series []struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		ItemStyle struct {
			Color any `json:"color"`
		} `json:"itemStyle"`
		Label struct {
			Color string `json:"color"`
		} `json:"label"`
		Categories []struct {
			Name      string `json:"name"`
			ItemStyle struct {
				Color string `json:"color"`
			} `json:"itemStyle"`
		} `json:"categories"`
		Data []json.RawMessage `json:"data"`
	} `json:"series"`
}

// legiblePiece is a piece of a piecewise visual map: one value, or the
// range from Min to Max (both included, either open).
type legiblePiece struct {
	Value int    `json:"value"`
	Min   *int   `json:"min"`
	Max   *int   `json:"max"`
	Label string `json:"label"`
	Color string `json:"color"`
}

// holds reports whether v falls in the piece.
func (p legiblePiece) holds(v int) bool {
	if p.Min == nil && p.Max == nil {
		return p.Value == v
	}
	return (p.Min == nil || v >= *p.Min) && (p.Max == nil || v <= *p.Max)
}

type legibleAxis struct {
	Type string `json:"type"`
	Data []any  `json:"data"`
}

// heatCell is a heatmap data item: its value and its label.
type heatCell struct {
	Value [3]int `json:"value"`
	Label struct {
		Formatter string `json:"formatter"`
		Color     string `json:"color"`
	} `json:"label"`
}

// legibleExtra are filtered views the legibility test also reads: the
// services of undocumented migrants, among them two health centres of the
// same Norwegian name.
var legibleExtra = []string{"criticality?status=undocumented", "transitions?status=reflection"}

// TestBrowserDashboardsLegible loads every dashboard of the Norwegian seed in
// English and Norwegian on a 1440 px laptop and a 390 px phone, and checks
// what a reader needs to read each chart: nothing scrolls sideways; on the
// phone a chart is drawn within the screen or points to its table; the
// legend is complete, never paged, and no two of its entries share a
// colour; no two labels of an axis read the same; tooltips stay inside the
// chart (one is shown to check); the text on a heatmap cell contrasts 4.5:1
// with its colour (computed from the option's colours) and carries a mark
// of its state; and the chart's accessible description is the page's own,
// in the page's language.
func TestBrowserDashboardsLegible(t *testing.T) {
	s, _ := testServerWith(t, fixed{norwayLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	dir := screenshotDir(t)
	for _, screen := range []struct {
		name  string
		width int64
	}{{"laptop", 1440}, {"phone", 390}} {
		run(t, tab, chromedp.EmulateViewport(screen.width, 900))
		for _, lang := range []string{"en", "nb"} {
			views := append(slices.Clone(dashboardNames), legibleExtra...)
			for _, view := range views {
				name, query, _ := strings.Cut(view, "?")
				t.Run(screen.name+"/"+lang+"/"+view, func(t *testing.T) {
					path := "/dashboards/" + name + "?lang=" + lang
					if query != "" {
						path += "&" + query
					}
					run(t, tab, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(chromedp.CSS("table.dash")))
					checkLegible(t, tab, name, lang, screen.width)
					if screen.width < 600 && query == "" {
						screenshot(t, tab, dir, "dashboard-"+name+"-phone-"+lang)
					}
				})
			}
		}
	}
	// The other public pages at phone width.
	run(t, tab, chromedp.EmulateViewport(390, 900))
	for _, path := range []string{"/", "/dashboards", "/services/rosa", "/nodes/nkvts2025", "/nodes/undocumented"} {
		run(t, tab, chromedp.Navigate(ts.URL+path), chromedp.WaitReady(chromedp.CSS("main")))
		if w := eval[[]int](t, tab, `[document.scrollingElement.scrollWidth, innerWidth]`); w[0] > w[1] {
			t.Errorf("%s at 390 px: the page is %d px wide and scrolls sideways", path, w[0])
		}
	}
}

func checkLegible(t *testing.T, tab context.Context, name, lang string, width int64) {
	t.Helper()
	// The chart is drawn, or on a phone it may point to its table.
	hasChart := eval[bool](t, tab, `new Promise(resolve => {
		const el = document.getElementById('dash-chart');
		const tries = (n) => {
			if (el.hidden || el.querySelector('canvas') || n > 100) { resolve(!el.hidden); return; }
			setTimeout(() => tries(n + 1), 50);
		};
		tries(0);
	})`)
	if w := eval[[]int](t, tab, `[document.scrollingElement.scrollWidth, innerWidth]`); w[0] > w[1] {
		t.Errorf("the page is %d px wide on a %d px screen: it scrolls sideways", w[0], w[1])
	}
	if !hasChart {
		if width >= 600 {
			t.Fatalf("the chart is not drawn on a %d px screen", width)
		}
		if !eval[bool](t, tab, `(() => { const p = document.getElementById('dash-chart-phone'); return !!p && !p.hidden && !!p.querySelector('a[href="#table-heading"]'); })()`) {
			t.Errorf("on a phone the chart is hidden and nothing points to its table")
		}
		return
	}
	if cw := eval[float64](t, tab, `document.getElementById('dash-chart').getBoundingClientRect().right`); cw > float64(width) {
		t.Errorf("the chart ends at %.0f px, beyond the %d px screen", cw, width)
	}
	// The accessible description is the page's own, in its language.
	if got, want := eval[string](t, tab, `document.getElementById('dash-chart').getAttribute('aria-label')`), translate(lang, "dash."+name+".chartdesc"); got != want {
		t.Errorf("the chart's accessible description is %q, want the page's %q", got, want)
	}
	var o legibleOption
	if err := json.Unmarshal([]byte(eval[string](t, tab, `JSON.stringify(`+dashChartJS+`.getOption())`)), &o); err != nil {
		t.Fatal(err)
	}
	for _, tip := range o.Tooltip {
		if !tip.Confine {
			t.Errorf("a tooltip is not confined to the chart")
		}
	}
	// The legend: plain, and one colour per entry.
	colourOf := map[string]string{}
	for i, s := range o.Series {
		c, _ := s.ItemStyle.Color.(string)
		if c == "" && len(o.Color) > 0 {
			c = o.Color[i%len(o.Color)]
		}
		if s.Name != "" {
			colourOf[s.Name] = c
		}
		for _, cat := range s.Categories {
			colourOf[cat.Name] = cat.ItemStyle.Color
		}
	}
	for _, lg := range o.Legend {
		if lg.Show != nil && !*lg.Show {
			continue
		}
		if lg.Type == "scroll" {
			t.Errorf("the legend is paged (type scroll)")
		}
		owner := map[string]string{}
		for _, d := range lg.Data {
			n, _ := d.(string)
			if m, ok := d.(map[string]any); ok {
				n, _ = m["name"].(string)
			}
			c := colourOf[n]
			if c == "" {
				t.Errorf("the legend entry %q has no colour of its own", n)
				continue
			}
			if other, ok := owner[strings.ToLower(c)]; ok {
				t.Errorf("the legend entries %q and %q share the colour %s", other, n, c)
			}
			owner[strings.ToLower(c)] = n
		}
		if len(lg.Data) == 0 && len(o.Series) > 1 {
			seen := map[string]string{}
			for n, c := range colourOf {
				if other, ok := seen[strings.ToLower(c)]; ok {
					t.Errorf("the series %q and %q share the colour %s", other, n, c)
				}
				seen[strings.ToLower(c)] = n
			}
		}
	}
	for _, ax := range append(o.XAxis, o.YAxis...) {
		seen := map[string]bool{}
		for _, d := range ax.Data {
			if s, ok := d.(string); ok {
				if seen[s] {
					t.Errorf("two labels of an axis read %q", s)
				}
				seen[s] = true
			}
		}
	}
	// Heatmap cells: contrast and a mark of the state.
	for _, vm := range o.VisualMap {
		colours := map[string]bool{}
		for _, p := range vm.Pieces {
			if colours[p.Color] {
				t.Errorf("two states share the colour %s", p.Color)
			}
			colours[p.Color] = true
		}
		for _, s := range o.Series {
			if s.Type != "heatmap" {
				continue
			}
			for _, raw := range s.Data {
				var c heatCell
				if err := json.Unmarshal(raw, &c); err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(vm.Pieces, func(p legiblePiece) bool { return p.holds(c.Value[2]) })
				if i < 0 {
					t.Errorf("the cell %q (value %d) falls in no piece of the legend", c.Label.Formatter, c.Value[2])
					continue
				}
				p := vm.Pieces[i]
				fg := c.Label.Color
				if fg == "" {
					fg = s.Label.Color
				}
				if r := dashboards.Contrast(fg, p.Color); r < 4.5 {
					t.Errorf("the text %q (%s) on a %s cell (%s) has a contrast of %.2f:1, under 4.5:1", c.Label.Formatter, fg, p.Label, p.Color, r)
				}
				fields := strings.Fields(c.Label.Formatter)
				mark, _, _ := strings.Cut(p.Label, " ")
				if len(fields) < 2 || fields[len(fields)-1] != mark {
					t.Errorf("the %s cell %q does not carry its state's mark %q", p.Label, c.Label.Formatter, mark)
				}
			}
		}
	}
	// Every line of the legend lies above the plot.
	overlap := eval[float64](t, tab, `(() => {
		const c = `+dashChartJS+`;
		const lg = c.getModel().getComponent('legend');
		const grid = c.getModel().getComponent('grid');
		if (!lg || !grid || !lg.get('show')) { return 0; }
		const g = c.getViewOfComponentModel(lg).group;
		const bottom = g.getBoundingRect().applyTransform ? (() => { const r = g.getBoundingRect().clone(); r.applyTransform(g.getLocalTransform()); return r.y + r.height; })() : 0;
		return bottom - grid.coordinateSystem.getRect().y;
	})()`)
	if overlap > 0 {
		t.Errorf("the legend reaches %.0f px into the plot", overlap)
	}
	// A tooltip shown for the last item stays inside the chart.
	if name != "landscape" {
		inside := eval[bool](t, tab, `new Promise(resolve => {
			const el = document.getElementById('dash-chart');
			const c = `+dashChartJS+`;
			const n = c.getModel().getSeriesByIndex(0).getData().count();
			c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: n - 1});
			setTimeout(() => {
				const r = el.getBoundingClientRect();
				const tips = Array.from(el.querySelectorAll('div')).filter(d => d.style.position === 'absolute' && d.style.display !== 'none' && d.textContent.trim() !== '');
				resolve(tips.every(d => { const b = d.getBoundingClientRect(); return b.left >= r.left - 1 && b.right <= r.right + 1 && b.top >= r.top - 1 && b.bottom <= r.bottom + 1; }));
			}, 300);
		})`)
		if !inside {
			t.Errorf("a tooltip reaches beyond the chart")
		}
	}
}

// TestBrowserManageListOnPhone signs in as an administrator on a 390 px
// phone: the list of services does not scroll sideways, and every
// service's Edit and Verify buttons lie on the screen.
func TestBrowserManageListOnPhone(t *testing.T) {
	f := newEditFixtureStatic(t, realStatic(t), func(c *Config, _ *auth.Config) { c.InsecureCookies = false })
	ts := httptest.NewServer(f.h)
	defer ts.Close()
	tab, _ := watch(t)
	run(t, tab,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "admin@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("table.manage")),
	)
	if w := eval[[]int](t, tab, `[document.scrollingElement.scrollWidth, innerWidth]`); w[0] > w[1] {
		t.Errorf("the list of services is %d px wide on a %d px phone", w[0], w[1])
	}
	type button struct {
		Row, Text   string
		Left, Right float64
	}
	buttons := eval[[]button](t, tab, `Array.from(document.querySelectorAll('table.manage td.actions .button, table.manage td.actions button')).map(b => {
		const r = b.getBoundingClientRect();
		return {Row: b.closest('tr').id, Text: b.textContent.trim(), Left: r.left, Right: r.right};
	})`)
	if len(buttons) == 0 {
		t.Fatal("the administrator's list has no Edit or Verify button")
	}
	for _, b := range buttons {
		if b.Left < 0 || b.Right > 390 {
			t.Errorf("%s: the %q button lies at %.0f–%.0f px, off the 390 px screen", b.Row, b.Text, b.Left, b.Right)
		}
	}
}
