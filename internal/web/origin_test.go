package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
)

// TestOriginComparesSchemeHostAndPort posts the what-if form with each
// Origin and no Sec-Fetch-Site (as an older browser or a proxy that drops
// it sends): only gapmap's own origin, scheme and port included, passes;
// behind a trusted proxy the scheme is the proxy's X-Forwarded-Proto.
func TestOriginComparesSchemeHostAndPort(t *testing.T) {
	s, err := newServer(Config{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}},
		fixed{dashLandscape(t, false)}, versioner{}, slog.New(slog.DiscardHandler), fakeStatic(t, true))
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	form := url.Values{"scenario": {"changes:\n  - {kind: close_service, service: rosa}\n"}}.Encode()
	for _, test := range []struct {
		name, host, peer, proto, origin string
		allowed                         bool
	}{
		{"same origin", "gapmap.example", "192.0.2.1:5000", "", "http://gapmap.example", true},
		{"own port", "gapmap.example:8080", "192.0.2.1:5000", "", "http://gapmap.example:8080", true},
		{"https origin to plain http", "gapmap.example", "192.0.2.1:5000", "", "https://gapmap.example", false},
		{"other port", "gapmap.example", "192.0.2.1:5000", "", "http://gapmap.example:8080", false},
		{"other host", "gapmap.example", "192.0.2.1:5000", "", "http://evil.example", false},
		{"null", "gapmap.example", "192.0.2.1:5000", "", "null", false},
		{"behind a trusted https proxy", "gapmap.example", "10.1.2.3:5000", "https", "https://gapmap.example", true},
		{"http origin behind an https proxy", "gapmap.example", "10.1.2.3:5000", "https", "http://gapmap.example", false},
		{"X-Forwarded-Proto from an untrusted peer", "gapmap.example", "192.0.2.1:5000", "https", "https://gapmap.example", false},
	} {
		t.Run(test.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, "/dashboards/whatif?lang=en", strings.NewReader(form))
			req.Host, req.RemoteAddr = test.host, test.peer
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", test.origin)
			if test.proto != "" {
				req.Header.Set("X-Forwarded-Proto", test.proto)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if refused := rec.Code == http.StatusForbidden; refused == test.allowed {
				t.Errorf("Origin %s to %s (peer %s, proto %q): %d; want allowed=%v", test.origin, test.host, test.peer, test.proto, rec.Code, test.allowed)
			}
			if test.allowed && rec.Code != http.StatusOK {
				t.Errorf("allowed, but %d: %.300s", rec.Code, rec.Body)
			}
		})
	}
}
