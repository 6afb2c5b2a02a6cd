package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkDashboardsConcurrent drives the real server on the Norwegian seed
// with 64 concurrent clients, each requesting every dashboard page and its
// JSON twin in turn, and reports the latency percentiles (ms). The
// dashboards are built once before the clock starts: what it measures is
// the repeated requests, served from the dashboard cache.
func BenchmarkDashboardsConcurrent(b *testing.B) {
	const clients = 64
	// The access log is formatted as in production and then discarded.
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	s, err := newServer(Config{}, fixed{norwayLandscape(b)}, versioner{}, log, fakeStatic(b, true))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}}
	var paths []string
	for _, name := range dashboardNames {
		paths = append(paths, "/dashboards/"+name, "/api/v1/charts/"+name)
	}
	paths = append(paths, "/dashboards/coverage?status=undocumented&age=adult", "/api/v1/charts/pathways?region=oslo")
	fetch := func(path string) error {
		resp, err := client.Get(ts.URL + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			b.Errorf("GET %s: status %d", path, resp.StatusCode)
		}
		return nil
	}
	for _, p := range paths { // build every dashboard once
		if err := fetch(p); err != nil {
			b.Fatal(err)
		}
	}
	var warm sync.WaitGroup // open the clients' connections
	for i := range clients {
		warm.Go(func() { _ = fetch(paths[i%len(paths)]) })
	}
	warm.Wait()

	var next atomic.Int64
	latencies := make([]time.Duration, b.N)
	b.ResetTimer()
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				start := time.Now()
				if err := fetch(paths[int(i)%len(paths)]); err != nil {
					b.Error(err)
					return
				}
				latencies[i] = time.Since(start)
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[min(len(latencies)-1, int(p*float64(len(latencies))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(latencies[len(latencies)-1])/float64(time.Millisecond), "max-ms")
}
