package export

import (
	"io"
	"testing"

	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// The export benchmarks need Chromium (they skip without it, or fail with
// CI set, like the chart tests). Run them with
//
//	go test -run '^$' -bench . ./internal/export/
//
// Targets: one SVG chart under 300 ms with the browser warm, the whole pack
// of the Norwegian seed under 10 s.

// BenchmarkChartSVG exports one chart of the Norwegian seed as SVG, with
// the browser started (what a dashboard's export button costs after the
// first): the coverage heatmap, and the landscape, a force layout and the
// largest chart.
func BenchmarkChartSVG(b *testing.B) {
	r := needRenderer(b)
	l := norway(b)
	for _, name := range []string{"coverage", "landscape"} {
		b.Run(name, func(b *testing.B) {
			d := buildDash(b, l, name, "en", gap.Query{Privacy: privacy.Rule{Threshold: 5}})
			ctx := testCtx(b)
			f := d.Figure(testStamp)
			if _, err := r.SVG(ctx, f); err != nil { // warms the browser
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := r.SVG(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkPackNorway makes the whole pack of the Norwegian seed, in
// English, every dashboard, the first what-if example: the report PDF, the
// diagrams, the tables and the manifest. The browser is warm, as in a
// running server.
func BenchmarkPackNorway(b *testing.B) {
	r := needRenderer(b)
	l := norway(b)
	ctx := testCtx(b)
	req := PackRequest{Lang: "en", Query: gap.Query{Privacy: privacy.Rule{Threshold: 5}}, Dashboards: Dashboards, Stamp: testStamp}
	if err := r.Check(); err != nil {
		b.Fatal(err)
	}
	if _, err := r.SVG(ctx, buildDash(b, l, "coverage", "en", req.Query).Figure(testStamp)); err != nil { // warms the browser
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := WritePack(ctx, io.Discard, l, r, req); err != nil {
			b.Fatal(err)
		}
	}
}
