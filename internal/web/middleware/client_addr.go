package middleware

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the trusted reverse proxies (Config.TrustedProxies of the
// web server): whose X-Forwarded-For and X-Forwarded-Proto gapmap believes.
type Proxies []netip.Prefix

// ClientAddr returns the address a request comes from, for the login limit:
// the connection's peer, or, when the peer is a trusted proxy, the nearest
// address in X-Forwarded-For that is not a trusted proxy. Without trusted
// proxies X-Forwarded-For is ignored, so a client cannot choose its address.
func (ps Proxies) ClientAddr(r *http.Request) string {
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		host = h
	}
	if !ps.Trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break // garbage: stop at the last address a proxy vouched for
		}
		host = hop
		if !ps.Trusted(hop) {
			break
		}
	}
	return host
}

// Trusted reports whether addr is one of the proxies.
func (ps Proxies) Trusted(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
