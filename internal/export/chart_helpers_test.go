package export

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/echartsjs"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/seed"
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
	hostileName    = `</script><script>alert(1)</script>`
	chartSecret    = "Hemmelig vei 9"
	chartTestGroup = "Unaccompanied boys" // 3 people: under the threshold
)

// missingDep skips t because a dependency of the chart tests is absent, or
// fails it when the CI environment variable is set: CI must run them.
func missingDep(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing: the chart export tests must run in CI", what)
	}
	t.Skipf("%s is missing; skipping this chart export test", what)
}

// echartsScript returns the ECharts script: the embedded one if the build
// copied it, else the one npm installed.
func echartsScript(t testing.TB) []byte {
	t.Helper()
	if b, ok := echartsjs.Script(); ok {
		return b
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "echarts", "dist", "echarts.min.js"))
	if err != nil {
		missingDep(t, "ECharts (run make assets)")
	}
	return b
}

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

// chartVersion is the landscape version of chartLandscape.
const chartVersion = 42

// chartLandscape returns the landscape of testdata/chart, at version 42,
// last changed at fixtureChanged.
func chartLandscape(t testing.TB) *graph.Landscape {
	t.Helper()
	s, err := seed.Load(os.DirFS(filepath.Join("testdata", "chart")), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	l, err = graph.NewLandscape(chartVersion, l.AllNodes(), l.Edges())
	if err != nil {
		t.Fatal(err)
	}
	return l.WithChanged(fixtureChanged)
}

// testQuery is a query with the default suppression rule and the filters
// given as key, value pairs ("status", "reflection,undocumented").
func testQuery(filters ...string) gap.Query {
	q := gap.Query{Privacy: privacy.Rule{Threshold: 5}}
	for i := 0; i+1 < len(filters); i += 2 {
		vs := strings.Split(filters[i+1], ",")
		switch filters[i] {
		case "group":
			q.Groups = vs
		case "status":
			q.Statuses = vs
		case "region":
			q.Regions = vs
		case "stage":
			q.Stages = vs
		case "need":
			q.Needs = vs
		case "exploitation":
			q.Exploitation = vs
		case "gender":
			for _, v := range vs {
				q.Genders = append(q.Genders, graph.Gender(v))
			}
		case "age":
			for _, v := range vs {
				q.AgeBands = append(q.AgeBands, graph.AgeBand(v))
			}
		}
	}
	return q
}

// testScenario is the example scenario that fits testdata/chart.
const testScenario = "rosa-closes"

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
func testCtx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// writeArtifact keeps an export file in GAPMAP_EXPORTS, if set, to look at.
func writeArtifact(t testing.TB, name string, data []byte) {
	t.Helper()
	dir := os.Getenv("GAPMAP_EXPORTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
