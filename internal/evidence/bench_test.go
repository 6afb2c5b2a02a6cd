package evidence_test

import (
	"testing"

	"github.com/gapmap/gapmap/internal/evidence"
)

// BenchmarkBuildNorway builds the whole evidence map of the Norwegian seed.
func BenchmarkBuildNorway(b *testing.B) {
	l := norway(b)
	f, _ := evidence.ParseFilter("norway", "")
	b.ReportAllocs()
	for b.Loop() {
		evidence.Build(l, evidence.Filter{})
		evidence.Build(l, f)
	}
}
