package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestStatic(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, embeddedStatic())
	for _, test := range []struct{ path, ctype string }{
		{"/static/app.js", "text/javascript; charset=utf-8"},
		{"/static/gapmap.css", "text/css; charset=utf-8"},
	} {
		resp := get(t, s.Handler(), test.path)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != test.ctype {
			t.Errorf("%s: %d %q", test.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("%s: no ETag", test.path)
		}
		if resp := get(t, s.Handler(), test.path, "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match: %d, want 304", test.path, resp.StatusCode)
		}
	}
}

func TestAppScriptHasNoEval(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, embeddedStatic())
	b := body(t, get(t, s.Handler(), "/static/app.js"))
	mustContain(t, "app.js", b, "JSON.parse", "echarts.init", "setOption", "window.location.assign")
	mustNotContain(t, "app.js", b, "eval(", "new Function", "innerHTML", "http://", "https://")
}

func TestChartsUnavailable(t *testing.T) {
	s, logs := testServerWith(t, fixed{testLandscape(t)}, versioner{}, fakeStatic(t, false))
	if !strings.Contains(logs.String(), "ECharts is missing") {
		t.Errorf("no start-up warning in the log:\n%s", logs)
	}
	resp := get(t, s.Handler(), "/landscape")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	b := body(t, resp)
	mustContain(t, "page without ECharts", b,
		`<p id="landscape-chart-unavailable" class="notice" role="status">Charts are unavailable`,
		`<a href="/services/rosa">ROSA</a>`)
	mustNotContain(t, "page without ECharts", b, "<script", `id="landscape-chart"`, " hidden>Charts")
	if resp := get(t, s.Handler(), "/static/vendor/echarts.min.js"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("echarts.min.js: %d, want 404", resp.StatusCode)
	}
}
