package web

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/internal/web/static"
)

// firstChartJS waits until the dashboard's chart has painted pixels and
// returns the time since the navigation started, in milliseconds.
const firstChartJS = `new Promise((resolve, reject) => {
	const t0 = performance.now();
	const tick = () => {
		const canvas = document.querySelector('#dash-chart canvas');
		if (canvas && canvas.width > 0 && canvas.height > 0) {
			const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			for (let i = 3; i < d.length; i += 4) {
				if (d[i] !== 0) { resolve(performance.now()); return; }
			}
		}
		if (performance.now() - t0 > 60000) { reject(new Error('no chart drawn in 60 s')); return; }
		requestAnimationFrame(tick);
	};
	tick();
})`

// BenchmarkBrowserFirstChart loads the criticality dashboard of the
// Norwegian seed in headless Chromium over a link throttled to 4 Mbit/s
// down (40 ms latency), as the issue measured it, and reports the time
// from the start of the navigation to the first painted chart
// (ms/first-chart): with the browser cache emptied before each load
// (cold), and after a first load (warm: the hashed scripts come from the
// cache without a request). The plain sub-benchmarks ask for no
// compression, as a browser without gzip would. Like the browser tests
// it needs Chromium.
func BenchmarkBrowserFirstChart(b *testing.B) {
	s, _ := testServerWith(b, fixed{norwayLandscape(b)}, versioner{}, realStatic(b))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	url := ts.URL + "/dashboards/criticality?lang=en"
	for _, bc := range []struct {
		name  string
		warm  bool
		plain bool
	}{{"cold", false, false}, {"warm", true, false}, {"cold-plain", false, true}} {
		b.Run(bc.name, func(b *testing.B) {
			tab, cancel := chromedp.NewContext(needBrowser(b))
			defer cancel()
			call := func(err error) {
				b.Helper()
				if err != nil {
					b.Fatal(err)
				}
			}
			_, err := chromedp.Call(tab, network.Enable, network.EnableParams{})
			call(err)
			_, err = chromedp.Call(tab, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
				MatchedNetworkConditions: []*network.Conditions{{Latency: 40, DownloadThroughput: 4e6 / 8, UploadThroughput: 1e6 / 8}},
			})
			call(err)
			if bc.plain {
				_, err = chromedp.Call(tab, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Encoding": "identity"}})
				call(err)
			}
			load := func() float64 {
				ctx, cancel := context.WithTimeout(tab, 90*time.Second)
				defer cancel()
				if _, err := chromedp.Run(ctx, chromedp.Navigate(url)); err != nil {
					b.Fatal(err)
				}
				ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](firstChartJS, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				return ms
			}
			if bc.warm {
				load()
			}
			total := 0.0
			b.ResetTimer()
			for b.Loop() {
				if !bc.warm {
					b.StopTimer()
					_, err := chromedp.Call(tab, network.ClearBrowserCache, cdp.Empty{})
					call(err)
					b.StartTimer()
				}
				total += load()
			}
			b.ReportMetric(total/float64(b.N), "ms/first-chart")
		})
	}
}

// resourcesJS lists the static files the page loaded: how many bytes came
// over the wire (0 from the cache), encoded and decoded.
const resourcesJS = `performance.getEntriesByType('resource').filter(r => r.name.includes('/static/')).map(r => ({
	Name: new URL(r.name).pathname, Transfer: r.transferSize, Encoded: r.encodedBodySize, Decoded: r.decodedBodySize}))`

type loadedResource struct {
	Name                       string
	Transfer, Encoded, Decoded float64
}

// TestBrowserStaticCached loads a dashboard twice in Chromium: the first
// time ECharts and the page script come compressed under their hashed
// URLs, the second time from the browser's cache without a request.
func TestBrowserStaticCached(t *testing.T) {
	s, _ := testServerWith(t, fixed{dashLandscape(t, false)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	if _, err := chromedp.Call(tab, network.ClearBrowserCache, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{s.static.URL(static.EChartsPath): true, s.static.URL("app.js"): true, s.static.URL("gapmap.css"): true}
	for load := range 2 {
		run(t, tab, chromedp.Navigate(ts.URL+"/dashboards/criticality"), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
		seen := 0
		for _, r := range eval[[]loadedResource](t, tab, resourcesJS) {
			if !want[r.Name] {
				t.Errorf("load %d: the page loads %s, not by a hashed URL", load+1, r.Name)
				continue
			}
			seen++
			switch {
			case load == 0 && r.Name == s.static.URL(static.EChartsPath) && r.Encoded > r.Decoded/2:
				t.Errorf("ECharts came %.0f bytes over the wire for %.0f: not compressed", r.Encoded, r.Decoded)
			case load == 1 && r.Transfer > 0:
				t.Errorf("the second load fetched %s again (%.0f bytes)", r.Name, r.Transfer)
			}
		}
		if seen != len(want) {
			t.Errorf("load %d: %d of the %d static files seen", load+1, seen, len(want))
		}
	}
}
