package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestHealth(t *testing.T) {
	l := testLandscape(t)
	for _, test := range []struct {
		name   string
		lv     Landscapes
		store  Versioner
		path   string
		status int
	}{
		{"live", fixed{l}, versioner{}, "/healthz", 200},
		{"live without landscape", fixed{nil}, versioner{errStoreDown}, "/healthz", 200},
		{"ready", fixed{l}, versioner{}, "/readyz", 200},
		{"ready without store", fixed{l}, nil, "/readyz", 200},
		{"store down", fixed{l}, versioner{errStoreDown}, "/readyz", 503},
		{"no landscape", fixed{nil}, versioner{}, "/readyz", 503},
	} {
		t.Run(test.name, func(t *testing.T) {
			s, _ := testServerWith(t, test.lv, test.store, fakeStatic(t, true))
			resp := get(t, s.Handler(), test.path)
			if resp.StatusCode != test.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, test.status)
			}
			b := body(t, resp)
			if test.status == 200 && b != "ok\n" {
				t.Errorf("body = %q", b)
			}
			if strings.Contains(b, "10.0.0.7") {
				t.Errorf("readiness leaks the store's error: %q", b)
			}
		})
	}
}

func TestHealthMethod(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	if resp := do(t, s.Handler(), http.MethodHead, "/readyz"); resp.StatusCode != 200 {
		t.Errorf("HEAD /readyz: %d", resp.StatusCode)
	}
}
