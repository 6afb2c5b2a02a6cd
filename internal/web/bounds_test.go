package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/web/middleware"
)

// aliasBomb is the scenario of the memory bomb of issue 11: one anchor of
// about anchorBytes (a list of ids) reused by the next aliases changes.
// Decoded, each alias is a new copy of the list: 3.3 GB for the 540 KB
// body of the issue.
func aliasBomb(anchorBytes, aliases int) string {
	var b strings.Builder
	b.WriteString("name: bomb\nchanges:\n  - {kind: widen, service: s0, statuses: &a [")
	for i := 0; b.Len() < anchorBytes; i++ {
		fmt.Fprintf(&b, "st%06d, ", i)
	}
	b.WriteString("x]}\n")
	for i := 1; i <= aliases; i++ {
		fmt.Fprintf(&b, "  - {kind: widen, service: s%d, statuses: *a}\n", i)
	}
	return b.String()
}

// TestScenarioAliasBombAnswers400 sends the 540 KB bomb of issue 11 to the
// three routes that take a scenario: each answers 400 naming the aliases,
// and serving it allocates a small multiple of the body, not gigabytes.
func TestScenarioAliasBombAnswers400(t *testing.T) {
	h := norwayServer(t)
	bomb := aliasBomb(100_000, 8000)
	if len(bomb) < 450_000 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	for _, test := range []struct {
		path, contentType, body string
	}{
		{"/api/v1/scenarios/analyse", "application/yaml", bomb},
		{"/api/v1/charts/whatif", "application/yaml", bomb},
		{"/dashboards/whatif", "application/x-www-form-urlencoded", url.Values{"scenario": {bomb}}.Encode()},
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		req := httptest.NewRequest(http.MethodPost, test.path, strings.NewReader(test.body))
		req.Header.Set("Content-Type", test.contentType)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		runtime.ReadMemStats(&after)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "aliases") {
			t.Errorf("POST %s: %d %.300s; want 400 naming the aliases", test.path, rec.Code, rec.Body)
		}
		if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(64<<20); got > limit {
			t.Errorf("POST %s allocated %d MB; want at most %d MB", test.path, got>>20, limit>>20)
		}
	}
}

// TestScenarioBodyTooLarge: a scenario over the cap answers 413 problem+json.
func TestScenarioBodyTooLarge(t *testing.T) {
	h := norwayServer(t)
	for _, path := range []string{"/api/v1/scenarios/analyse", "/api/v1/charts/whatif"} {
		req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(strings.Repeat("#", maxScenario+1)))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusRequestEntityTooLarge || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("POST %s of %d bytes: %d %s; want 413 problem+json", path, maxScenario+1, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

// manyValues is ?key=v0,v1,... with n values.
func manyValues(key string, n int) string {
	vs := make([]string, n)
	for i := range vs {
		vs[i] = fmt.Sprintf("x%d", i)
	}
	return key + "=" + strings.Join(vs, ",")
}

// TestFilterCaps: a filter with more values than the cap answers 400
// naming the parameter, and a query string over the cap 414, on the API
// and on the pages.
func TestFilterCaps(t *testing.T) {
	h := norwayServer(t)
	for _, test := range []struct {
		path   string
		status int
		want   string
	}{
		{"/api/v1/gaps?" + manyValues("status", maxFilterValues+1), http.StatusBadRequest, `"field":"status"`},
		{"/api/v1/gaps?" + manyValues("region", maxFilterValues+1), http.StatusBadRequest, `"field":"region"`},
		{"/api/v1/gaps?status=undocumented&" + manyValues("need", 100_000), http.StatusRequestURITooLong, `"field":"query"`},
		{"/dashboards/coverage?" + manyValues("status", 100_000), http.StatusRequestURITooLong, "query string"},
		{"/dashboards/coverage?" + manyValues("status", maxFilterValues+1), http.StatusBadRequest, "at most 200"},
	} {
		resp := get(t, h, test.path)
		b := body(t, resp)
		if resp.StatusCode != test.status || !strings.Contains(b, test.want) {
			t.Errorf("GET %.60s...: %s %.300s; want %d containing %s", test.path, resp.Status, b, test.status, test.want)
		}
		if strings.HasPrefix(test.path, "/api/") && resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %.60s...: %s, want problem+json", test.path, resp.Header.Get("Content-Type"))
		}
	}
}

// BenchmarkCappedFilter serves the largest filter requests an anonymous
// client can send: the 672 KB URL of issue 11 (100,000 values, refused for
// its length), a filter of maxFilterValues values within the URL cap, and
// the Coverage page with the same. It reports the latency percentiles (ms)
// of the handler, from a parsed request (net/http parses the URL, in
// linear time, before the handler runs).
func BenchmarkCappedFilter(b *testing.B) {
	l := norwayLandscape(b)
	s, _ := testServer(b, l)
	h := s.Handler()
	paths := []string{
		"/api/v1/gaps?" + manyValues("status", 100_000),
		"/api/v1/gaps?" + manyValues("status", maxFilterValues),
		"/dashboards/coverage?" + manyValues("status", maxFilterValues),
	}
	for _, p := range paths[1:] {
		if len(p) > middleware.MaxQueryBytes {
			b.Fatalf("%d bytes: over the URL cap", len(p))
		}
	}
	var took []time.Duration
	i := 0
	for b.Loop() {
		req, rec := httptest.NewRequest(http.MethodGet, paths[i%len(paths)], nil), httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		took = append(took, time.Since(start))
		if rec.Code < 400 {
			b.Fatalf("GET %.60s: %d", paths[i%len(paths)], rec.Code)
		}
		i++
	}
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[int(p*float64(len(took)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// TestAPIServicesPages: /api/v1/services honours limit and offset, and
// refuses a limit it cannot honour, naming it.
func TestAPIServicesPages(t *testing.T) {
	h := norwayServer(t)
	list := func(path string) apiServices {
		t.Helper()
		resp := get(t, h, path)
		var out apiServices
		decode(t, resp, "application/json", &out)
		return out
	}
	all := list("/api/v1/services")
	if all.Count < 10 || len(all.Services) != all.Count {
		t.Fatalf("every service: count %d, %d listed", all.Count, len(all.Services))
	}
	ids := func(ss []apiService) []string {
		var out []string
		for _, s := range ss {
			out = append(out, s.ID)
		}
		return out
	}
	page := list("/api/v1/services?limit=5&offset=3")
	if page.Count != all.Count || page.Offset != 3 || page.Limit != 5 || !slices.Equal(ids(page.Services), ids(all.Services[3:8])) {
		t.Errorf("limit 5, offset 3: count %d offset %d limit %d, %q; want %q", page.Count, page.Offset, page.Limit, ids(page.Services), ids(all.Services[3:8]))
	}
	if past := list(fmt.Sprintf("/api/v1/services?offset=%d", all.Count+5)); len(past.Services) != 0 || past.Count != all.Count {
		t.Errorf("past the end: %d listed, count %d", len(past.Services), past.Count)
	}
	for _, q := range []string{"limit=many", "limit=-1", "offset=-2", fmt.Sprintf("limit=%d", MaxLimit+1)} {
		resp := get(t, h, "/api/v1/services?"+q)
		b := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(b, `"field":"`+strings.Split(q, "=")[0]+`"`) {
			t.Errorf("?%s: %s %s; want 400 naming the parameter", q, resp.Status, b)
		}
	}
}

// TestFormBodyTooLarge: a form post over the cap answers 413.
func TestFormBodyTooLarge(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	form := f.formOfService("rosa")
	form.Set("description", strings.Repeat("x", maxFormBytes))
	resp := f.postForm("/manage/services/rosa/edit", secret, form)
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a %d-byte form: %d, want 413", len(form.Encode()), resp.StatusCode)
	}
}

// BenchmarkScenarioAliasBombRequest serves the 540 KB bomb of issue 11 to
// POST /api/v1/scenarios/analyse; B/op is what one such request allocates
// (it was 3.3 GB before anchors were refused).
func BenchmarkScenarioAliasBombRequest(b *testing.B) {
	s, _ := testServer(b, norwayLandscape(b))
	h := s.Handler()
	bomb := aliasBomb(100_000, 8000)
	b.SetBytes(int64(len(bomb)))
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/scenarios/analyse", strings.NewReader(bomb))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
