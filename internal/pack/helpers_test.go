package pack

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/exporttest"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// The pack tests share one renderer, so one Chromium, per test binary: the
// first test that needs it starts it, TestMain stops it.
var shared struct {
	once sync.Once
	r    *chart.Renderer
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.r != nil {
		shared.r.Close()
	}
	os.Exit(code)
}

// needRenderer returns the shared renderer, skipping (or, in CI, failing)
// when Chromium is missing.
func needRenderer(t testing.TB) *chart.Renderer {
	t.Helper()
	script := exporttest.ECharts(t)
	shared.once.Do(func() { shared.r = chart.NewRenderer(chart.RendererOptions{Script: script, Concurrency: 4}) })
	if err := shared.r.Check(); err != nil {
		missingDep(t, "Chromium (apt-get install -y chromium)")
	}
	return shared.r
}

// The fixed stamp of the tests: the same inputs and this stamp give the same
// files.
var testStamp = chart.Stamp{Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Gapmap: "test"}

// peopleColumn is the heading of the dashboards' columns of people.
const peopleColumn = "People (estimate)"

// The landscapes, readers and checks the export packages' tests share
// (package exporttest).

const (
	chartSecret    = exporttest.ChartSecret
	chartTestGroup = exporttest.ChartTestGroup
	chartVersion   = exporttest.ChartVersion
	testScenario   = exporttest.ChartScenario
)

func missingDep(t testing.TB, what string) { t.Helper(); exporttest.MissingDep(t, what) }

func chartLandscape(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.ChartLandscape(t) }

func norway(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.Norway(t) }

func testQuery(filters ...string) gap.Query { return exporttest.Query(filters...) }

func testCtx(t testing.TB) context.Context { t.Helper(); return exporttest.Ctx(t) }

func writeArtifact(t testing.TB, name string, data []byte) {
	t.Helper()
	exporttest.WriteArtifact(t, name, data)
}

func svgText(t *testing.T, svg []byte) string { t.Helper(); return exporttest.SVGText(t, svg) }

func pdfText(t *testing.T, pdf []byte) string { t.Helper(); return exporttest.PDFText(t, pdf) }

func mustHave(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	exporttest.MustHave(t, what, text, wants...)
}

func oneLine(text string) string { return exporttest.OneLine(text) }

func unzip(t *testing.T, data []byte) (map[string][]byte, []string) {
	t.Helper()
	return exporttest.Unzip(t, data)
}

// checkPackWorkbooks reads every XLSX of a pack (files by path) with the
// three readers and checks each against the CSV of the same table.
func checkPackWorkbooks(t *testing.T, files map[string][]byte) {
	t.Helper()
	exporttest.CheckWorkbooks(t, files, tablefile.CSVVersionColumns)
}
