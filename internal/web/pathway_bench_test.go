package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkPathway measures the path of one person on the Norwegian seed,
// as JSON and as the page: one cover per need and stage, one analysis of
// the person's gaps and one per status change.
func BenchmarkPathway(b *testing.B) {
	l, err := norway()
	if err != nil {
		b.Fatal(err)
	}
	s, _ := testServer(b, l)
	h := s.Handler()
	for _, path := range []string{"/api/v1/pathway", "/pathway"} {
		b.Run(path, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, path+"?status=undocumented&gender=female&age=adult&exploitation=sexual&region=oslo", nil)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("status %d", w.Code)
				}
			}
		})
	}
}
