package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/echartsjs"
	"github.com/gapmap/gapmap/internal/pack"
	"github.com/gapmap/gapmap/internal/tablefile"
	"github.com/gapmap/gapmap/internal/web/exportjobs"
	"github.com/gapmap/gapmap/internal/web/middleware"
	"github.com/gapmap/gapmap/internal/web/static"
)

// exportDay is the date the test exports name.
var exportDay = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// exportServer returns a server on l whose exports draw with r (nil: no
// renderer configured).
func exportServer(t *testing.T, l *graph.Landscape, r *chart.Renderer) *Server {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	s, err := newServer(Config{}, fixed{l}, versioner{}, log, fakeStatic(t, true),
		WithExports(Exports{Renderer: r, Gapmap: "test", Data: "/srv/gapmap", Now: func() time.Time { return exportDay }}))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// exportRenderer returns a renderer with Chromium and the real ECharts,
// closed when t ends; it skips t (fails it in CI) if either is missing.
func exportRenderer(t *testing.T) *chart.Renderer {
	t.Helper()
	path := chromium()
	if path == "" {
		missing(t, "Chromium (apt-get install -y chromium)")
	}
	script, ok := echartsjs.Script()
	if !ok {
		b, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "echarts", "dist", "echarts.min.js"))
		if err != nil {
			missing(t, "ECharts (run make assets)")
		}
		script = b
	}
	r := chart.NewRenderer(chart.RendererOptions{Chromium: path, Script: script, Concurrency: 4})
	t.Cleanup(func() { r.Close() })
	return r
}

func TestExportRoutes(t *testing.T) {
	s := exportServer(t, dashLandscape(t, true), exportRenderer(t))
	h := s.Handler()
	const query = "?status=reflection,undocumented&lang=nb"
	for _, test := range []struct {
		path, ctype, file string
		check             func(t *testing.T, body []byte)
	}{
		{"/exports/coverage.svg" + query, "image/svg+xml", "gapmap-coverage-nb-v42-2026-03-01.svg", func(t *testing.T, b []byte) {
			mustContain(t, "the SVG", string(b), "<svg", "Filtre: Oppholdsstatus: Refleksjonsperiode, &lt;img src=x onerror=alert(1)&gt;.",
				"versjon 42, sist endret 2026-02-20 09:30 UTC, eksportert 2026-03-01", "Kilder: ")
			mustNotContain(t, "the SVG", string(b), "<img", "<script")
		}},
		{"/exports/coverage.png" + query, "image/png", "gapmap-coverage-nb-v42-2026-03-01.png", func(t *testing.T, b []byte) {
			if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != chart.ChartWidth {
				t.Errorf("PNG: %v", err)
			}
		}},
		{"/exports/coverage.png" + query + "&scale=2", "image/png", "gapmap-coverage-nb-v42-2026-03-01-2x.png", func(t *testing.T, b []byte) {
			if img, err := png.Decode(bytes.NewReader(b)); err != nil || img.Bounds().Dx() != 2*chart.ChartWidth {
				t.Errorf("PNG at 2×: %v", err)
			}
		}},
		{"/exports/transitions.pdf" + query, "application/pdf", "gapmap-transitions-nb-v42-2026-03-01.pdf", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("the PDF starts with %q", b[:min(8, len(b))])
			}
		}},
		{"/exports/coverage.csv" + query, "text/csv; charset=utf-8", "gapmap-coverage-nb-v42-2026-03-01.csv", func(t *testing.T, b []byte) {
			mustContain(t, "the CSV", string(b), "Offergruppe,Behov,", "Enslige gutter", "<5")
			records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			header := records[0]
			if got := header[len(header)-2:]; !slices.Equal(got, tablefile.CSVVersionColumns) {
				t.Errorf("the CSV's last columns are %v, want the data version's", got)
			}
			for _, r := range records[1:] {
				if r[len(r)-2] != "42" || r[len(r)-1] != "2026-02-20T09:30:00Z" {
					t.Errorf("record %v does not end with data version 42 and its change time", r)
				}
			}
		}},
		{"/exports/coverage.csv" + query + "&csv=excel", "text/csv; charset=utf-8", "gapmap-coverage-nb-v42-2026-03-01-excel.csv", func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("\uFEFFOffergruppe;Behov;")) {
				t.Errorf("the CSV for Excel starts %q, want a byte-order mark and semicolons", b[:min(40, len(b))])
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
			r.Comma = ';'
			if records, err := r.ReadAll(); err != nil || len(records) < 2 {
				t.Errorf("the CSV for Excel does not read with ';': %v", err)
			}
		}},
		{"/exports/whatif.xlsx?lang=en&scenario=rosa-closes&table=2", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			"gapmap-whatif-en-v42-2026-03-01-2.xlsx", func(t *testing.T, b []byte) {
				if !bytes.HasPrefix(b, []byte("PK")) {
					t.Error("the XLSX is not a ZIP file")
				}
			}},
	} {
		t.Run(test.path, func(t *testing.T) {
			resp := get(t, h, test.path)
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", resp.StatusCode, b)
			}
			if got := resp.Header.Get("Content-Type"); got != test.ctype {
				t.Errorf("Content-Type %q, want %q", got, test.ctype)
			}
			if got, want := resp.Header.Get("Content-Disposition"), "attachment; filename="+test.file; got != want {
				t.Errorf("Content-Disposition %q, want %q", got, want)
			}
			test.check(t, b)
		})
	}
	for _, test := range []struct {
		path   string
		status int
	}{
		{"/exports/nope.svg", http.StatusNotFound},
		{"/exports/coverage.png?scale=9", http.StatusBadRequest},
		{"/exports/coverage.csv?table=5", http.StatusBadRequest},
		{"/exports/coverage.csv?csv=tabs", http.StatusBadRequest},
		{"/exports/coverage.svg?gender=robot", http.StatusBadRequest},
	} {
		resp := get(t, h, test.path)
		if resp.StatusCode != test.status || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %d %s, want %d application/problem+json", test.path, resp.StatusCode, resp.Header.Get("Content-Type"), test.status)
		}
	}
	if resp := get(t, h, "/exports/coverage.gif"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/exports/coverage.gif: %d, want 404", resp.StatusCode)
	}
}

func TestExportWithoutChromium(t *testing.T) {
	l := dashLandscape(t, false)
	for name, r := range map[string]*chart.Renderer{
		"no renderer":   nil,
		"no chromium":   chart.NewRenderer(chart.RendererOptions{Chromium: "/nonexistent/chromium", Script: []byte("/* */")}),
		"no echarts js": chart.NewRenderer(chart.RendererOptions{Chromium: os.Args[0], Script: []byte{}}),
	} {
		t.Run(name, func(t *testing.T) {
			h := exportServer(t, l, r).Handler()
			for _, format := range []string{"svg", "png", "pdf"} {
				resp := get(t, h, "/exports/coverage."+format)
				var p problem
				if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Content-Type") != "application/problem+json" ||
					!strings.Contains(p.Detail, "chart export needs") {
					t.Errorf("%s: %d %s %q, want 503 problem+json saying what chart export needs", format, resp.StatusCode, resp.Header.Get("Content-Type"), p.Detail)
				}
			}
			for _, format := range []string{"csv", "xlsx"} {
				if resp := get(t, h, "/exports/coverage."+format); resp.StatusCode != http.StatusOK {
					t.Errorf("%s without Chromium: %d, want 200", format, resp.StatusCode)
				}
			}
			resp := do(t, h, http.MethodPost, "/exports/pack")
			if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body(t, resp), "chart export needs") {
				t.Errorf("POST /exports/pack: %d, want 503 with the reason", resp.StatusCode)
			}
		})
	}
}

func TestExportPackJob(t *testing.T) {
	s := exportServer(t, testLandscape(t), exportRenderer(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := ts.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/exports/pack?lang=en&status=undocumented", strings.NewReader("csv=excel"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", ts.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !regexp.MustCompile(`^/exports/jobs/[0-9a-f]{32}\?lang=en$`).MatchString(loc) {
		t.Fatalf("POST /exports/pack: %d to %q, want 303 to the job's page", resp.StatusCode, loc)
	}
	status := func() string {
		resp, err := client.Get(ts.URL + loc)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("status page: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		return string(b)
	}
	page := status()
	ran := strings.Contains(page, "The pack is being made.")
	if ran {
		mustContain(t, "the running job's page", page, `<meta http-equiv="refresh" content="2">`, `<progress id="pack-progress" max="100"`)
	}
	mustNotContain(t, "the job's page", page, "<script")
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(page, "The pack is ready.") {
		if time.Now().After(deadline) || strings.Contains(page, "could not be made") {
			t.Fatalf("the pack is not ready:\n%s", page)
		}
		time.Sleep(200 * time.Millisecond)
		page = status()
	}
	mustNotContain(t, "the finished job's page", page, "http-equiv")
	download := regexp.MustCompile(`href="(/exports/jobs/[0-9a-f]+/download)"`).FindStringSubmatch(page)
	if download == nil {
		t.Fatalf("the finished job's page has no download link:\n%s", page)
	}
	resp, err = client.Get(ts.URL + download[1])
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" ||
		resp.Header.Get("Content-Disposition") != "attachment; filename=gapmap-pack-en-v42-2026-03-01.zip" {
		t.Fatalf("download: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, ".csv") && !bytes.HasPrefix(b, []byte("\uFEFF")) {
			t.Errorf("%s: the form asked for CSV for Excel, and the file has no byte-order mark", f.Name)
		}
		if bytes.Contains(b, []byte(secretAddr)) {
			t.Errorf("%s holds the confidential address", f.Name)
		}
	}
	for _, want := range []string{"report.pdf", "manifest.json", "diagrams/02-coverage.svg", "tables/coverage.csv", "tables/gaps.xlsx"} {
		if !names[want] {
			t.Errorf("the pack lacks %s", want)
		}
	}
	// The manifest's command names the server's store and the form's CSV.
	for _, f := range zr.File {
		if f.Name != "manifest.json" {
			continue
		}
		rc, _ := f.Open()
		var m pack.Manifest
		err := json.NewDecoder(rc).Decode(&m)
		rc.Close()
		if err != nil || !strings.Contains(m.Command, "--data /srv/gapmap ") || !strings.Contains(m.Command, "--csv excel") {
			t.Errorf("the manifest's command %q (%v) does not name --data /srv/gapmap and --csv excel", m.Command, err)
		}
	}
	if resp := get(t, s.Handler(), "/exports/jobs/0123456789abcdef0123456789abcdef"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("an unknown job: %d, want 404", resp.StatusCode)
	}
	cross := do(t, s.Handler(), http.MethodPost, "/exports/pack", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
	if cross.StatusCode != http.StatusForbidden {
		t.Errorf("a cross-origin POST /exports/pack: %d, want 403", cross.StatusCode)
	}
}

// TestPackRouteTooMany: a client over its share gets 429 with Retry-After;
// another client still gets its pack started.
func TestPackRouteTooMany(t *testing.T) {
	s := exportServer(t, testLandscape(t), exportRenderer(t))
	h := s.Handler()
	post := func(peer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/exports/pack?lang=en", nil)
		req.RemoteAddr = peer
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	if rec := post("198.51.100.7:4000"); rec.Code != http.StatusSeeOther {
		t.Fatalf("the first pack: %d", rec.Code)
	}
	rec := post("198.51.100.7:4001")
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "30" {
		t.Errorf("the same client again: %d, Retry-After %q; want 429 and 30", rec.Code, rec.Header().Get("Retry-After"))
	}
	// The refusal speaks the client's language.
	req := httptest.NewRequest(http.MethodPost, "/exports/pack?lang=nb", nil)
	req.RemoteAddr = "198.51.100.7:4002"
	nb := httptest.NewRecorder()
	h.ServeHTTP(nb, req)
	if nb.Code != http.StatusTooManyRequests || !strings.Contains(nb.Body.String(), "Den forrige pakken din") {
		t.Errorf("the same client again, in Norwegian: %d %.300s; want 429 in Norwegian", nb.Code, nb.Body)
	}
	if rec := post("198.51.100.8:4000"); rec.Code != http.StatusSeeOther {
		t.Errorf("another client: %d, want 303", rec.Code)
	}
}

func TestExportLinksOnDashboards(t *testing.T) {
	s := exportServer(t, dashLandscape(t, false), nil)
	for _, test := range []struct {
		path  string
		wants []string
	}{
		{"/dashboards/coverage?status=undocumented&lang=nb", []string{
			`href="/exports/coverage.svg?lang=nb&amp;status=undocumented" download>SVG</a>`,
			`href="/exports/coverage.png?lang=nb&amp;status=undocumented&amp;scale=2" download>PNG 2×</a>`,
			`href="/exports/coverage.pdf?lang=nb&amp;status=undocumented" download>PDF</a>`,
			`href="/exports/coverage.csv?lang=nb&amp;status=undocumented" download>CSV</a>`,
			`href="/exports/coverage.csv?lang=nb&amp;status=undocumented&amp;csv=excel" download>CSV for Excel med norske innstillinger</a>`,
			`<input type="checkbox" name="csv" value="excel"> CSV-filer for Excel med norske innstillinger`,
			`href="/exports/coverage.xlsx?lang=nb&amp;status=undocumented" download>XLSX</a>`,
			`<form method="post" action="/exports/pack?lang=nb&amp;status=undocumented" id="pack-form">`,
			"Lag en svarpakke til GRETA"}},
		{"/dashboards/landscape?size=capacity", []string{`href="/exports/landscape.svg?lang=en&amp;size=capacity" download>`}},
		{"/dashboards/whatif?scenario=rosa-closes", []string{`href="/exports/whatif.pdf?lang=en&amp;scenario=rosa-closes" download>`,
			`action="/exports/pack?lang=en&amp;scenario=rosa-closes"`}},
	} {
		resp := get(t, s.Handler(), test.path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", test.path, resp.StatusCode)
		}
		mustContain(t, test.path, body(t, resp), test.wants...)
	}
}

// TestExportSameAsPage builds each dashboard as its page does (from the
// page's query string, through the cache's build) and as the command line's
// exports do (chart.BuildDashboard): the page's download (exportDashboard)
// and the command line's file are the same dashboard, option, tables,
// sources, filters and all, so that a file from either shows what the page
// shows. Both build on chart.BuildView; what this checks is that the page
// reads its query into the same request.
func TestExportSameAsPage(t *testing.T) {
	l := dashLandscape(t, true)
	s := exportServer(t, l, nil)
	for _, name := range dashboardNames {
		for _, query := range []string{"lang=en", "lang=nb&status=undocumented,reflection&age=child", "lang=en&stage=stabilisation&region=oslo&size=capacity"} {
			t.Run(name+"?"+query, func(t *testing.T) {
				if name == "whatif" {
					query += "&scenario=rosa-closes"
				}
				r := httptest.NewRequest(http.MethodGet, "/dashboards/"+name+"?"+query, nil)
				r = r.WithContext(middleware.WithLang(r.Context(), r.URL.Query().Get("lang")))
				req, err := s.dashRequestOf(r, name)
				if err != nil {
					t.Fatal(err)
				}
				built, err := buildDashboard(context.Background(), l, req)
				if err != nil {
					t.Fatal(err)
				}
				page := exportDashboard(l, req, built)
				sc := r.URL.Query().Get("scenario")
				file, err := chart.BuildDashboard(context.Background(), l, chart.DashboardRequest{Name: name, Lang: r.URL.Query().Get("lang"),
					Query: req.q, SizeBy: r.URL.Query().Get("size"), ScenarioID: sc})
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(page.Option, file.Option) {
					t.Errorf("the options differ:\npage %s\nfile %s", page.Option, file.Option)
				}
				// The chart is the option, compared above.
				page.Option, file.Option, page.View.Chart, file.View.Chart = nil, nil, nil, nil
				if diff := cmp.Diff(page, file); diff != "" {
					t.Errorf("the dashboards differ (-page +file):\n%s", diff)
				}
			})
		}
	}
}

func TestStaticServesEChartsOfEchartsjs(t *testing.T) {
	script, ok := echartsjs.Script()
	if !ok {
		t.Skip("the build has not copied ECharts into internal/echartsjs/dist (make assets)")
	}
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, static.Embedded())
	resp := get(t, s.Handler(), "/static/vendor/echarts.min.js")
	if b := body(t, resp); resp.StatusCode != http.StatusOK || b != string(script) {
		t.Errorf("/static/vendor/echarts.min.js: %d, %d bytes, want the %d bytes of echartsjs", resp.StatusCode, len(b), len(script))
	}
}

// TestCloseStopsPackJobs: a pack still in the making when the server
// closes is stopped, and Close returns once it has (its page says it
// failed); the closed server makes no new packs.
func TestCloseStopsPackJobs(t *testing.T) {
	s := exportServer(t, testLandscape(t), exportRenderer(t))
	h := s.Handler()
	// Every turn is taken: the pack waits for one, in flight, until the
	// server closes.
	for range exportjobs.MaxRunning {
		release, err := s.packs.Turn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer release()
	}
	post := func(peer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/exports/pack?lang=en", nil)
		req.RemoteAddr = peer
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := post("198.51.100.7:4000")
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || loc == "" {
		t.Fatalf("POST /exports/pack: %d to %q, want 303", rec.Code, loc)
	}
	mustContain(t, "the waiting job's page", body(t, get(t, h, loc)), "The pack is being made.")

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	mustContain(t, "the stopped job's page", body(t, get(t, h, loc)), "could not be made")
	if rec := post("198.51.100.8:4000"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a pack asked for after Close: %d, want 503", rec.Code)
	}
}

// TestOneDashboardCache: the page, its JSON twin and its CSV export share
// the server's one cache, so the dashboard is built once for the three.
func TestOneDashboardCache(t *testing.T) {
	s := exportServer(t, dashLandscape(t, true), nil)
	const query = "?lang=en&status=undocumented"
	for _, path := range []string{"/dashboards/coverage" + query, "/api/v1/charts/coverage" + query, "/exports/coverage.csv" + query} {
		if resp := get(t, s.Handler(), path); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		s.dashboards.mu.Lock()
		n := s.dashboards.order.Len()
		s.dashboards.mu.Unlock()
		if n != 1 {
			t.Errorf("after %s the server keeps %d built dashboards, want 1", path, n)
		}
	}
}
