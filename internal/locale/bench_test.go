package locale

import "testing"

// BenchmarkNew: building the catalogue of every embedded message file,
// once per process.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSprintf: one message with a plural choice and a grouped number,
// the work of a page's each counted line.
func BenchmarkSprintf(b *testing.B) {
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	d := c.Domain("web")
	b.ReportAllocs()
	for b.Loop() {
		_ = d.Sprintf("nb", "search.count", 3, 12345, "krisesenter")
	}
}
