package web

import (
	"context"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
)

// TestBrowserEvidenceMap loads the evidence map of Norway in Chromium:
// the chart's numbers are the grid's, cell by cell; the health-workers
// column is empty and the NKVTS finding beside it; a click on a cell lists
// its studies with their year, design and country.
func TestBrowserEvidenceMap(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	dir := screenshotDir(t)
	for _, country := range []string{"norway", "global"} {
		run(t, tab, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(ts.URL+"/dashboards/evidence?lang=en&country="+country),
			chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
		ctx, cancel := context.WithTimeout(tab, 10*time.Second)
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('dash-chart').getAttribute('data-rendered') === '1'`)); err != nil {
			t.Fatalf("%s: the chart was never rendered: %v", country, err)
		}
		cancel()
		type item struct {
			X, Y, N int
			Label   string
		}
		items := eval[[]item](t, tab, dashChartJS+`.getOption().series[0].data.map(d => ({X: d.value[0], Y: d.value[1], N: d.value[2], Label: d.label.formatter}))`)
		f, _ := evidence.ParseFilter(country, "")
		m := evidence.Build(l, f)
		if len(items) != len(m.Cells) {
			t.Fatalf("%s: the chart has %d cells, the grid %d", country, len(items), len(m.Cells))
		}
		for _, it := range items {
			c := m.Cell(m.Themes[it.Y], m.Participants[it.X])
			// The label is the count, "*" when an assumed tag places a
			// study there, and the mark of its range.
			count, _, _ := strings.Cut(it.Label, " ")
			if it.N != len(c.Studies) || strings.TrimSuffix(count, "*") != strconv.Itoa(len(c.Studies)) {
				t.Errorf("%s: the chart shows %d (%q) for %s × %s, the grid %d", country, it.N, it.Label, c.Theme, c.Participants, len(c.Studies))
			}
		}
		finding := eval[bool](t, tab, `!!document.getElementById('evidence-finding')`)
		if finding != (country == "norway") {
			t.Errorf("%s: the NKVTS finding is shown: %t", country, finding)
		}
		screenshot(t, tab, dir, "dashboard-evidence-"+country)
	}

	// Norway: the health workers column is empty in the chart.
	run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/evidence?country=norway"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
	hw := slices.Index(graph.Participants, graph.ParticipantHealthWorkers)
	if n := eval[int](t, tab, dashChartJS+`.getOption().series[0].data.filter(d => d.value[0] === `+strconv.Itoa(hw)+`).reduce((s, d) => s + d.value[2], 0)`); n != 0 {
		t.Errorf("Norway: the chart's health workers column holds %d studies", n)
	}
	if lbl := eval[string](t, tab, dashChartJS+`.getOption().xAxis[0].data[`+strconv.Itoa(hw)+`]`); !strings.Contains(lbl, "NKVTS") {
		t.Errorf("Norway: the health workers column is labelled %q, without the NKVTS finding", lbl)
	}

	// A click on the cell access × survivors lists its two studies.
	th := slices.Index(graph.Themes, graph.ThemeAccess)
	sv := slices.Index(graph.Participants, graph.ParticipantSurvivors)
	pt := eval[struct{ X, Y float64 }](t, tab, `(() => {
		const el = document.getElementById('dash-chart');
		el.scrollIntoView({block: 'start'});
		const r = el.getBoundingClientRect();
		const p = `+dashChartJS+`.convertToPixel({seriesIndex: 0}, [`+strconv.Itoa(sv)+`, `+strconv.Itoa(th)+`]);
		return {X: r.left + p[0], Y: r.top + p[1]};
	})()`)
	ctx, cancel := context.WithTimeout(tab, 10*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.MouseClickXY(pt.X, pt.Y))); err != nil {
		t.Fatalf("a click on access × survivors at (%.0f, %.0f) opened no page: %v", pt.X, pt.Y, err)
	}
	run(t, tab, chromedp.WaitVisible(chromedp.CSS("#cell ul.cell-studies")))
	type listed struct{ ID, Year, Design, Country string }
	got := eval[[]listed](t, tab, `[...document.querySelectorAll('#cell li[data-study]')].map(li => ({ID: li.dataset.study,
		Year: li.querySelector('.study-year').textContent, Design: li.querySelector('.study-design').textContent,
		Country: li.querySelector('.study-country').textContent}))`)
	want := []listed{
		{"brunovskis2010", "2010", "Evaluation", "Norway"},
		{"brunovskis2016", "2016", "Qualitative interviews (assumed)", "Norway"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("after a click on access × survivors the page lists %+v, want %+v", got, want)
	}
	if loc := eval[string](t, tab, `location.search`); !strings.Contains(loc, "cell=access.survivors") || !strings.Contains(loc, "country=norway") {
		t.Errorf("the cell's page is %q", loc)
	}
	screenshot(t, tab, dir, "dashboard-evidence-cell")
}
