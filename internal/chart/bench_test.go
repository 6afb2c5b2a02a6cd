package chart

import (
	"strconv"
	"testing"

	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// The export benchmarks need Chromium (they skip without it, or fail with
// CI set, like the chart tests). Run them with
//
//	go test -run '^$' -bench . ./internal/chart/ ./internal/pack/
//
// Targets: one SVG chart under 300 ms with the browser warm, the whole pack
// of the Norwegian seed under 10 s (BenchmarkPackNorway, in package pack).
//
// Warm means as in a server that has been exporting for a while: the
// browser runs and the pool's tabs have loaded the chart page and drawn
// charts. A tab's first drawings are slower while V8 compiles ECharts; the
// chart benchmarks export their chart 5 times before they time any.

// BenchmarkChartSVG exports one chart of the Norwegian seed as SVG, with
// the browser warm (what a dashboard's export button costs after the first
// few): every dashboard, among them the landscape, a force layout and the
// largest chart.
func BenchmarkChartSVG(b *testing.B) {
	r := needRenderer(b)
	l := norway(b)
	for _, name := range Dashboards {
		b.Run(name, func(b *testing.B) {
			f := buildDash(b, l, name, "en", gap.Query{Privacy: privacy.Rule{Threshold: 5}}).Figure(testStamp)
			ctx := testCtx(b)
			export := func() error {
				_, err := r.SVG(ctx, f)
				return err
			}
			benchWarm(b, 5, export)
		})
	}
}

// BenchmarkChartPNG exports the coverage heatmap and the landscape of the
// Norwegian seed as PNG at 1× and 2×, with the browser warm.
func BenchmarkChartPNG(b *testing.B) {
	r := needRenderer(b)
	l := norway(b)
	for _, test := range []struct {
		name  string
		scale int
	}{{"coverage", 1}, {"coverage", 2}, {"landscape", 1}, {"landscape", 2}} {
		b.Run(test.name+"@"+strconv.Itoa(test.scale)+"x", func(b *testing.B) {
			f := buildDash(b, l, test.name, "en", gap.Query{Privacy: privacy.Rule{Threshold: 5}}).Figure(testStamp)
			ctx := testCtx(b)
			export := func() error {
				_, err := r.PNG(ctx, f, test.scale)
				return err
			}
			benchWarm(b, 5, export)
		})
	}
}
