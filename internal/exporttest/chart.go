package exporttest

import (
	"context"
	"embed"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/echartsjs"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/seed"
)

// chartSeed is the small landscape of the chart and pack tests.
//
//go:embed testdata/chart
var chartSeed embed.FS

// The hostile name and the confidential address of ChartLandscape, a small
// group, and the example scenario that fits it.
const (
	HostileName    = `</script><script>alert(1)</script>`
	ChartSecret    = "Hemmelig vei 9"
	ChartTestGroup = "Unaccompanied boys" // 3 people: under the threshold
	ChartScenario  = "rosa-closes"
	// ChartVersion is the landscape version of ChartLandscape.
	ChartVersion = 42
)

// MissingDep skips t because a dependency of the export tests is absent, or
// fails it when the CI environment variable is set: CI must run them.
func MissingDep(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing: the chart export tests must run in CI", what)
	}
	t.Skipf("%s is missing; skipping this chart export test", what)
}

// ECharts returns the ECharts script: the embedded one if the build copied
// it, else the one npm installed (the test runs in a package two folders
// under the repository's root).
func ECharts(t testing.TB) []byte {
	t.Helper()
	if b, ok := echartsjs.Script(); ok {
		return b
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "node_modules", "echarts", "dist", "echarts.min.js"))
	if err != nil {
		MissingDep(t, "ECharts (run make assets)")
	}
	return b
}

// ChartLandscape returns the landscape of testdata/chart, at ChartVersion,
// last changed at FixtureChanged.
func ChartLandscape(t testing.TB) *graph.Landscape {
	t.Helper()
	dir, err := fs.Sub(chartSeed, "testdata/chart")
	if err != nil {
		t.Fatal(err)
	}
	s, err := seed.Load(dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	l, err = graph.NewLandscape(ChartVersion, l.AllNodes(), l.Edges())
	if err != nil {
		t.Fatal(err)
	}
	return l.WithChanged(FixtureChanged())
}

// Query is a query with the default suppression rule and the filters
// given as key, value pairs ("status", "reflection,undocumented").
func Query(filters ...string) gap.Query {
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

// Ctx is a context for one export, with a generous timeout.
func Ctx(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// WriteArtifact keeps an export file in GAPMAP_EXPORTS, if set, to look at.
func WriteArtifact(t testing.TB, name string, data []byte) {
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

// BenchWarm runs export warmUps times, then times it.
func BenchWarm(b *testing.B, warmUps int, export func() error) {
	b.Helper()
	for range warmUps {
		if err := export(); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if err := export(); err != nil {
			b.Fatal(err)
		}
	}
}
