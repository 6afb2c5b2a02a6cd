package pack

import (
	"io"
	"testing"

	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/exporttest"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// The pack benchmark needs Chromium (it skips without it, or fails with CI
// set, like the pack tests). Run it with
//
//	go test -run '^$' -bench . ./internal/pack/
//
// Target: the whole pack of the Norwegian seed under 10 s.

// BenchmarkPackNorway makes the whole pack of the Norwegian seed, in
// English, every dashboard, the first what-if example: the report PDF, the
// diagrams, the tables and the manifest. The browser is warm, as in a
// running server.
func BenchmarkPackNorway(b *testing.B) {
	r := needRenderer(b)
	l := norway(b)
	ctx := testCtx(b)
	req := Request{Lang: "en", Query: gap.Query{Privacy: privacy.Rule{Threshold: 5}}, Dashboards: chart.Dashboards, Stamp: testStamp}
	if err := r.Check(); err != nil {
		b.Fatal(err)
	}
	exporttest.BenchWarm(b, 1, func() error {
		_, err := Write(ctx, io.Discard, l, r, req)
		return err
	})
}
