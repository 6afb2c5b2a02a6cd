package middleware

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	// config.Load parses auth.trusted_proxies "10.0.0.0/8, 192.0.2.1" so.
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.0.2.1/32")}
	s := Proxies(proxies)
	for _, test := range []struct {
		remote, xff, want string
	}{
		{"198.51.100.7:4000", "", "198.51.100.7"},
		{"198.51.100.7:4000", "203.0.113.5", "198.51.100.7"},               // not a proxy: its header is ignored
		{"192.0.2.1:4000", "203.0.113.5", "203.0.113.5"},                   // the proxy's client
		{"10.1.2.3:4000", "6.6.6.6, 203.0.113.5, 10.9.9.9", "203.0.113.5"}, // spoofed left part ignored
		{"10.1.2.3:4000", "", "10.1.2.3"},
		{"10.1.2.3:4000", "junk, 203.0.113.5", "203.0.113.5"},
		{"10.1.2.3:4000", "203.0.113.5, junk", "10.1.2.3"},
	} {
		r := httptest.NewRequest("POST", "/login", nil)
		r.RemoteAddr = test.remote
		if test.xff != "" {
			r.Header.Set("X-Forwarded-For", test.xff)
		}
		if got := s.ClientAddr(r); got != test.want {
			t.Errorf("clientAddr(%s, XFF %q) = %s, want %s", test.remote, test.xff, got, test.want)
		}
	}
}
