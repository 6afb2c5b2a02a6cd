package web

import (
	"context"
	"fmt"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/internal/web/static"
)

// The browser tests share one headless Chromium per test binary: the first
// test that needs it starts it, TestMain stops it.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel context.CancelFunc
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.cancel != nil {
		browser.cancel()
	}
	os.Exit(code)
}

// missing skips t because a dependency of the browser tests is absent, or
// fails it when the CI environment variable is set: CI must run them.
func missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing: the browser tests must run in CI", what)
	}
	t.Skipf("%s is missing; skipping this browser test", what)
}

// chromium returns the path of a Chromium or Chrome, or "".
func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// needBrowser returns the context of the shared browser, starting it on
// first use with a fresh profile.
func needBrowser(t testing.TB) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		missing(t, "Chromium (apt-get install -y chromium)")
	}
	browser.once.Do(func() {
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.Headless,
			chromedp.NoSandbox,
			chromedp.DisableGPU,
			chromedp.NoFirstRun,
			chromedp.Flag("disable-background-networking", true),
			chromedp.Flag("disable-component-update", true),
		)
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(allocCtx)
		browser.ctx = ctx
		browser.cancel = func() { cancelCtx(); cancelAlloc() }
		browser.err = chromedp.Do(ctx) // start the browser, with no timeout
	})
	if browser.err != nil {
		t.Fatalf("start %s: %v", path, browser.err)
	}
	return browser.ctx
}

// realStatic returns the static files with the real ECharts script: the
// embedded one if the build copied it, else the one npm installed.
func realStatic(t testing.TB) fs.FS {
	t.Helper()
	script, err := fs.ReadFile(static.Embedded(), static.EChartsPath)
	if err != nil {
		script, err = os.ReadFile(filepath.Join("..", "..", "node_modules", "echarts", "dist", "echarts.min.js"))
	}
	if err != nil {
		missing(t, "ECharts (run npm ci and copy node_modules/echarts/dist/echarts.min.js to internal/web/static/vendor/)")
	}
	files := fakeStatic(t, false).(fstest.MapFS)
	files[static.EChartsPath] = &fstest.MapFile{Data: script}
	return files
}

// pageWatch records the JavaScript dialogs, console errors and uncaught
// exceptions of a tab. It dismisses every dialog so the page never blocks.
type pageWatch struct {
	mu       sync.Mutex
	dialogs  []string
	errors   []string
	expected []string // parts of console errors the test provokes on purpose
	messages []string
	wg       sync.WaitGroup
}

// expect accepts console errors that contain part: the browser logs every
// 400 answer to a form as an error, and a test may send a form it expects
// refused.
func (w *pageWatch) expect(part string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.expected = append(w.expected, part)
}

// watch opens a tab on the shared browser and starts recording it. The
// returned context is the tab; cancel closes it.
func watch(t *testing.T) (context.Context, *pageWatch) {
	t.Helper()
	tab, cancel := chromedp.NewContext(needBrowser(t))
	w := &pageWatch{}
	dialogs := chromedp.Events(tab, cdppage.JavascriptDialogOpening)
	console := chromedp.Console(tab)
	w.wg.Add(2)
	go func() {
		defer w.wg.Done()
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.dialogs = append(w.dialogs, fmt.Sprintf("%s: %q", ev.Type, ev.Message))
			w.mu.Unlock()
			_, _ = chromedp.Call(tab, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	go func() {
		defer w.wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			w.mu.Lock()
			line := fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line)
			if m.Type == chromedp.ConsoleError || m.IsException() {
				w.errors = append(w.errors, line)
			}
			w.messages = append(w.messages, line)
			w.mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		w.wg.Wait()
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, d := range w.dialogs {
			t.Errorf("a JavaScript dialog opened: %s", d)
		}
		for _, e := range w.errors {
			if !slices.ContainsFunc(w.expected, func(part string) bool { return strings.Contains(e, part) }) {
				t.Errorf("console error: %s", e)
			}
		}
		if t.Failed() {
			for _, m := range w.messages {
				t.Logf("console: %s", m)
			}
		}
	})
	return tab, w
}

// run runs actions on tab with a timeout.
func run(t *testing.T, tab context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates expr on tab with a timeout.
func eval[T any](t *testing.T, tab context.Context, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// chartJS gets the landscape chart instance.
const chartJS = `echarts.getInstanceByDom(document.getElementById('landscape-chart'))`

func TestBrowserLandscapePage(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)

	run(t, tab,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+"/landscape"),
		chromedp.WaitVisible(chromedp.CSS("#landscape-chart canvas")),
	)

	// The chart has every node of the option, and its canvas has pixels.
	if n := eval[int](t, tab, chartJS+`.getOption().series[0].data.length`); n != 11 {
		t.Errorf("the chart has %d nodes, want 11", n)
	}
	painted := eval[bool](t, tab, `new Promise(resolve => {
		const canvas = document.querySelector('#landscape-chart canvas');
		const tries = () => {
			const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) { resolve(true); return; } }
			setTimeout(tries, 100);
		};
		tries();
	})`)
	if !painted {
		t.Error("the chart canvas is blank")
	}
	if eval[bool](t, tab, `!document.getElementById('landscape-chart-unavailable').hidden`) {
		t.Error("the charts-unavailable notice shows although ECharts loaded")
	}

	// The hostile names are text, not markup.
	names := eval[[]string](t, tab, `Array.from(document.querySelectorAll('table.services tbody th a')).map(a => a.textContent)`)
	if !slices.Contains(names, evilService) {
		t.Errorf("table names = %q, want %q among them", names, evilService)
	}
	orgs := eval[[]string](t, tab, `Array.from(document.querySelectorAll('table.services tbody td a[href^="/nodes/evilorg"]')).map(a => a.textContent)`)
	if !slices.Equal(orgs, []string{evilOrg}) {
		t.Errorf("organisation link texts = %q, want [%q]", orgs, evilOrg)
	}
	// ECharts' tooltips escape names too.
	shown := eval[bool](t, tab, `new Promise(resolve => {
		const c = `+chartJS+`;
		const data = c.getOption().series[0].data;
		c.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: data.findIndex(d => d.id === 'evilorg')});
		setTimeout(() => resolve(Array.from(document.querySelectorAll('#landscape-chart div')).some(d => d.textContent.includes('<img src=x'))), 300);
	})`)
	if !shown {
		t.Error("the tooltip does not show the organisation's name as text")
	}
	if n := eval[int](t, tab, `document.querySelectorAll('img').length`); n != 0 {
		t.Errorf("the page has %d img elements, want 0", n)
	}
	if n := eval[int](t, tab, `document.scripts.length`); n != 3 {
		t.Errorf("the page has %d script elements, want 3 (ECharts, app.js, the data island)", n)
	}

	// A click on a node opens its page.
	clickNode(t, tab, "landscape-chart", 50)
}

func TestBrowserProfilePages(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)

	for _, test := range []struct{ path, h1 string }{
		{"/services/evil", evilService},
		{"/nodes/evilorg", evilOrg},
		{"/services/rosa", "ROSA[1]"},
	} {
		run(t, tab, chromedp.Navigate(ts.URL+test.path))
		if h1 := eval[string](t, tab, `document.querySelector('h1').textContent.trim()`); h1 != test.h1 {
			t.Errorf("%s: h1 = %q, want %q", test.path, h1, test.h1)
		}
		if n := eval[int](t, tab, `document.querySelectorAll('img, script').length`); n != 0 {
			t.Errorf("%s: %d img or script elements, want 0", test.path, n)
		}
	}
	body := eval[string](t, tab, `document.body.innerText`)
	if !strings.Contains(body, "confidential address") || strings.Contains(body, secretAddr) {
		t.Errorf("ROSA's address: the page does not say it is confidential, or shows it")
	}
}

func TestBrowserChartsUnavailable(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, fakeStatic(t, false))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)

	run(t, tab, chromedp.Navigate(ts.URL+"/landscape"), chromedp.WaitVisible(chromedp.ID("landscape-chart-unavailable")))
	if n := eval[int](t, tab, `document.querySelectorAll('table.services tbody tr').length`); n != 4 {
		t.Errorf("the table has %d rows, want 4", n)
	}
}

func TestBrowserTabletLayout(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)

	for _, path := range []string{"/", "/landscape", "/services/rosa"} {
		run(t, tab,
			chromedp.EmulateViewport(768, 1024),
			chromedp.Navigate(ts.URL+path),
			chromedp.WaitVisible(chromedp.CSS("main")),
		)
		// Wide content scrolls inside its own box; the page itself never
		// scrolls sideways.
		if wide := eval[bool](t, tab, `document.documentElement.scrollWidth > window.innerWidth`); wide {
			t.Errorf("%s: the page is wider than a 768px tablet", path)
		}
	}
}
