package chart

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/exporttest"
	"github.com/gapmap/gapmap/internal/gap"
)

// The chart tests share one renderer, so one Chromium, per test binary:
// the first test that needs it starts it, TestMain stops it.
var shared struct {
	once sync.Once
	r    *Renderer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.r != nil {
		shared.r.Close()
	}
	os.Exit(code)
}

// The fixed stamp of the tests: the same inputs and this stamp give the same
// files.
var testStamp = Stamp{Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Gapmap: "test"}

// The hostile name and the confidential address of testdata/chart.
const (
	hostileName    = exporttest.HostileName
	chartSecret    = exporttest.ChartSecret
	chartTestGroup = exporttest.ChartTestGroup
)

// missingDep skips t because a dependency of the chart tests is absent, or
// fails it when the CI environment variable is set: CI must run them.
func missingDep(t testing.TB, what string) { t.Helper(); exporttest.MissingDep(t, what) }

// echartsScript returns the ECharts script.
func echartsScript(t testing.TB) []byte { t.Helper(); return exporttest.ECharts(t) }

// needRenderer returns the shared renderer, skipping (or, in CI, failing)
// when Chromium is missing.
func needRenderer(t testing.TB) *Renderer {
	t.Helper()
	script := echartsScript(t)
	shared.once.Do(func() { shared.r = NewRenderer(RendererOptions{Script: script, Concurrency: 4}) })
	if err := shared.r.Check(); err != nil {
		missingDep(t, "Chromium (apt-get install -y chromium)")
	}
	return shared.r
}

// chartLandscape returns the landscape of the chart tests, at version 42,
// last changed at exporttest.FixtureChanged.
func chartLandscape(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.ChartLandscape(t) }

// testQuery is a query with the default suppression rule and the filters
// given as key, value pairs ("status", "reflection,undocumented").
func testQuery(filters ...string) gap.Query { return exporttest.Query(filters...) }

// testScenario is the example scenario that fits chartLandscape.
const testScenario = exporttest.ChartScenario

// buildDash builds dashboard name of l in lang (the what-if dashboard with
// testScenario), failing t on error.
func buildDash(t testing.TB, l *graph.Landscape, name, lang string, q gap.Query) *Dashboard {
	t.Helper()
	d, err := BuildDashboard(context.Background(), l, DashboardRequest{Name: name, Lang: lang, Query: q, ScenarioID: testScenario})
	if err != nil {
		t.Fatalf("build %s: %v", name, err)
	}
	return d
}

// testCtx is a context for one export, with a generous timeout.
func testCtx(t testing.TB) context.Context { t.Helper(); return exporttest.Ctx(t) }

// writeArtifact keeps an export file in GAPMAP_EXPORTS, if set, to look at.
func writeArtifact(t testing.TB, name string, data []byte) {
	t.Helper()
	exporttest.WriteArtifact(t, name, data)
}

// The landscapes, readers and benchmark loop the export packages' tests
// share (package exporttest).

func norway(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.Norway(t) }

func svgText(t *testing.T, svg []byte) string { t.Helper(); return exporttest.SVGText(t, svg) }

func pdfText(t *testing.T, pdf []byte) string { t.Helper(); return exporttest.PDFText(t, pdf) }

func mustHave(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	exporttest.MustHave(t, what, text, wants...)
}

func oneLine(text string) string { return exporttest.OneLine(text) }

func benchWarm(b *testing.B, warmUps int, export func() error) {
	b.Helper()
	exporttest.BenchWarm(b, warmUps, export)
}
