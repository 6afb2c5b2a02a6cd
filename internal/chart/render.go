package chart

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/internal/echartsjs"
)

// chartPage is the page the charts are drawn on: it loads ECharts and
// defines gapmapRender (chartpage/render.js).
//
//go:embed chartpage
var chartPage embed.FS

// UnavailableError says that this program cannot draw charts: Chromium or
// the ECharts script is missing. Tables (CSV, XLSX) still export.
type UnavailableError struct{ Reason string }

func (e *UnavailableError) Error() string { return e.Reason }

// errNoChromium and errNoECharts are the reasons chart export is unavailable.
const (
	errNoChromium = "chart export needs Chromium: apt-get install chromium (or set export.chromium to its path)"
	errNoECharts  = "chart export needs ECharts in the build: run make assets (npm ci, then copy node_modules/echarts/dist/echarts.min.js into internal/echartsjs/dist/) and rebuild"
)

// RendererOptions configure a Renderer. Zero fields take the defaults in
// brackets.
type RendererOptions struct {
	// Chromium is the path of the Chromium (or Chrome) executable.
	// [/usr/bin/chromium, else chromium, chromium-browser, google-chrome or
	// headless-shell on the PATH]
	Chromium string
	// Concurrency is how many charts are drawn at once, and how many
	// tabs with the chart page loaded wait for the next chart. [2]
	Concurrency int
	// Timeout bounds the drawing of one chart or one PDF. [60s]
	Timeout time.Duration
	// Script is the ECharts script. [the one package echartsjs embeds]
	Script []byte
	// Log receives the browser's start and stop. [discarded]
	Log *slog.Logger
}

// Renderer draws ECharts options as SVG and PNG, and prints HTML documents
// as PDF, in one headless Chromium: the same ECharts as the dashboards, so a
// file shows the same chart as the screen. The browser is started on first
// use (and again if it died), and stopped by Close. Pages come from an HTTP
// server on 127.0.0.1 inside this process; the browser is started without
// background networking and the pages load nothing else. Charts are drawn in
// tabs that have loaded the chart page once and are reused (chartTab);
// every PDF is printed in a tab of its own. A Renderer is safe for
// concurrent use; at most Concurrency charts and PDFs are made at once.
type Renderer struct {
	opt RendererOptions
	sem chan struct{}

	mu      sync.Mutex
	browser context.Context
	stop    func()
	base    string // the page server's URL
	srv     *http.Server
	closed  bool
	// idle are the chart tabs ready to draw; the last given back is the
	// first taken.
	idle []*chartTab
}

// NewRenderer returns a renderer; it starts nothing until the first chart.
func NewRenderer(opt RendererOptions) *Renderer {
	if opt.Concurrency <= 0 {
		opt.Concurrency = 2
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 60 * time.Second
	}
	if opt.Script == nil {
		opt.Script, _ = echartsjs.Script()
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Renderer{opt: opt, sem: make(chan struct{}, opt.Concurrency)}
}

// Check reports, without starting anything, whether charts can be drawn:
// nil, or an *UnavailableError that says what is missing.
func (r *Renderer) Check() error {
	if r == nil {
		return &UnavailableError{Reason: errNoChromium}
	}
	if len(r.opt.Script) == 0 {
		return &UnavailableError{Reason: errNoECharts}
	}
	if _, err := r.chromium(); err != nil {
		return err
	}
	return nil
}

// chromium returns the path of the browser to run.
func (r *Renderer) chromium() (string, error) {
	if p := r.opt.Chromium; p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "", &UnavailableError{Reason: fmt.Sprintf("%s: %s is not an executable", errNoChromium, p)}
		}
		return p, nil
	}
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", &UnavailableError{Reason: errNoChromium}
}

// Close stops the browser and the page server. The renderer can not be
// used afterwards.
func (r *Renderer) Close() error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.closed = true
	r.shutdown()
	return nil
}

// shutdown stops what start started; r.mu is held.
func (r *Renderer) shutdown() {
	r.closeIdle()
	if r.stop != nil {
		r.stop()
		r.stop, r.browser = nil, nil
		r.opt.Log.Debug("chart renderer stopped")
	}
	if r.srv != nil {
		_ = r.srv.Close()
		r.srv = nil
	}
}

// tab opens a new tab of the browser, starting the browser first if need
// be, for one PDF. The tab closes when ctx ends or close is called.
func (r *Renderer) tab(ctx context.Context) (tab context.Context, closeTab func(), err error) {
	browser, err := r.start()
	if err != nil {
		return nil, nil, err
	}
	tab, cancel := chromedp.NewContext(browser)
	stopAfter := context.AfterFunc(ctx, cancel)
	closeTab = func() { stopAfter(); cancel() }
	// The first action opens the tab and binds it to the context it runs
	// with: no timeout here, only for what follows.
	if err := chromedp.Do(tab); err != nil {
		closeTab()
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("open a browser tab: %w", err)
	}
	return tab, closeTab, nil
}

// start starts the page server and the browser unless they run, and
// returns the browser's context.
func (r *Renderer) start() (context.Context, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, errors.New("chart renderer: closed")
	}
	if r.browser != nil && r.browser.Err() == nil {
		return r.browser, nil
	}
	r.shutdown() // a browser that died, if any
	path, err := r.chromium()
	if err != nil {
		return nil, err
	}
	if err := r.serve(); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("font-render-hinting", "none"),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(allocCtx, r.logs()...)
	if err := chromedp.Do(browser); err != nil { // start it, with no timeout
		cancelBrowser()
		cancelAlloc()
		r.shutdown()
		return nil, &UnavailableError{Reason: fmt.Sprintf("chart export could not start Chromium (%s): %s", path, strings.TrimSpace(err.Error()))}
	}
	r.browser, r.stop = browser, func() { cancelBrowser(); cancelAlloc() }
	r.opt.Log.Debug("chart renderer started", "chromium", path, "pages", r.base)
	return browser, nil
}

// serve starts the HTTP server of the chart page on 127.0.0.1; r.mu is held.
func (r *Renderer) serve() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("chart renderer: %w", err)
	}
	page, _ := chartPage.ReadFile("chartpage/render.html")
	script, _ := chartPage.ReadFile("chartpage/render.js")
	files := map[string]struct {
		ctype string
		data  []byte
	}{
		"/render.html":    {"text/html; charset=utf-8", page},
		"/render.js":      {"text/javascript; charset=utf-8", script},
		"/echarts.min.js": {"text/javascript; charset=utf-8", r.opt.Script},
	}
	for path, data := range fontFiles {
		files[path] = struct {
			ctype string
			data  []byte
		}{"font/ttf", data}
	}
	mux := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		f, ok := files[req.URL.Path]
		if !ok || req.Method != http.MethodGet {
			http.NotFound(w, req)
			return
		}
		w.Header().Set("Content-Type", f.ctype)
		w.Header().Set("Cache-Control", "max-age=3600")
		_, _ = w.Write(f.data)
	})
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	r.base = "http://" + ln.Addr().String()
	go func() { _ = r.srv.Serve(ln) }()
	return nil
}

// logs sends what chromedp logs to the renderer's log, at debug level: its
// complaints about a browser that is closing are not the user's business.
// They are options of the browser, which its tabs share.
func (r *Renderer) logs() []chromedp.ContextOption {
	logf := func(level string) func(string, ...any) {
		return func(format string, args ...any) {
			r.opt.Log.Debug("chromedp: "+fmt.Sprintf(format, args...), "level", level)
		}
	}
	return []chromedp.ContextOption{chromedp.WithErrorf(logf("error")), chromedp.WithLogf(logf("info"))}
}

// acquire waits for a free drawing slot.
func (r *Renderer) acquire(ctx context.Context) (release func(), err error) {
	select {
	case r.sem <- struct{}{}:
		return func() { <-r.sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
