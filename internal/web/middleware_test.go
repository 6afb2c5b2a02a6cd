package web

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/web/middleware"
)

func TestSecurityHeaders(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, path := range []string{"/", "/services/rosa", "/services/nope", "/api/v1/landscape", "/api/v1/nope", "/static/app.js", "/healthz"} {
		t.Run(path, func(t *testing.T) {
			h := get(t, s.Handler(), path).Header
			csp := h.Get("Content-Security-Policy")
			for _, d := range []string{"default-src 'self'", "script-src 'self';", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "img-src 'self' data:"} {
				if !strings.Contains(csp, d) {
					t.Errorf("CSP %q lacks %q", csp, d)
				}
			}
			for _, d := range strings.Split(csp, ";") {
				if d = strings.TrimSpace(d); strings.HasPrefix(d, "script-src") && d != "script-src 'self'" {
					t.Errorf("script-src is %q, want only 'self'", d)
				}
			}
			if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" || h.Get("X-Request-Id") == "" {
				t.Errorf("headers = %v", h)
			}
		})
	}
}

// logLines decodes the JSON log lines with msg.
func logLines(t *testing.T, logs string, msg string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(logs))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if m["msg"] == msg {
			lines = append(lines, m)
		}
	}
	return lines
}

func TestAccessLog(t *testing.T) {
	s, logs := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/services/nope")
	lines := logLines(t, logs.String(), "request")
	if len(lines) != 1 {
		t.Fatalf("got %d access log lines, want 1:\n%s", len(lines), logs)
	}
	l := lines[0]
	if l["method"] != "GET" || l["path"] != "/services/nope" || l["status"] != float64(404) ||
		l["bytes"].(float64) <= 0 || l["duration"] == nil || l["request_id"] != resp.Header.Get("X-Request-Id") {
		t.Errorf("access log line = %v", l)
	}
}

func TestRecoverPanic(t *testing.T) {
	s, logs := testServer(t, testLandscape(t))
	h := middleware.WithRequestID(middleware.AccessLog(s.log)(middleware.Recover(s.log, s.serveError)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("boom")
	}))))
	for _, path := range []string{"/api/v1/x", "/x"} {
		resp := get(t, h, path)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("%s: status = %d, want 500", path, resp.StatusCode)
		}
		if b := body(t, resp); strings.Contains(b, "boom") {
			t.Errorf("%s: the panic value reaches the client: %s", path, b)
		}
	}
	if n := len(logLines(t, logs.String(), "panic")); n != 2 {
		t.Errorf("logged %d panics, want 2", n)
	}
	for _, l := range logLines(t, logs.String(), "request") {
		if l["status"] != float64(500) {
			t.Errorf("access log status = %v, want 500", l["status"])
		}
	}
}

func TestRequestID(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, test := range []struct {
		in   string
		keep bool
	}{
		{"", false},
		{"abc-123_proxy.7", true},
		{"evil\nlevel=ERROR msg=forged", false},
		{strings.Repeat("a", 65), false},
	} {
		got := get(t, s.Handler(), "/healthz", "X-Request-Id", test.in).Header.Get("X-Request-Id")
		if (got == test.in) != test.keep || got == "" {
			t.Errorf("X-Request-Id %q became %q; keep = %v", test.in, got, test.keep)
		}
	}
}
