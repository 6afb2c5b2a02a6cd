package middleware

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// CrossOrigin refuses state-changing requests that a browser sends from
// another origin (Go's CrossOriginProtection reads Sec-Fetch-Site, or Origin
// against Host; OriginMatches adds the scheme and port): another site's
// page can never post a form to gapmap with a signed-in user's cookie.
// Requests without those headers (curl, the NGOs' own systems with API
// tokens) pass; GET, HEAD and OPTIONS always pass. deny answers a refused
// request.
func CrossOrigin(ps Proxies, deny http.Handler) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		cop := http.NewCrossOriginProtection()
		cop.SetDenyHandler(deny)
		protected := cop.Handler(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.Method {
			case http.MethodGet, http.MethodHead, http.MethodOptions:
			default:
				if r.Header.Get("Sec-Fetch-Site") == "" && !ps.OriginMatches(r) {
					deny.ServeHTTP(w, r)
					return
				}
			}
			protected.ServeHTTP(w, r)
		})
	}
}

// OriginMatches reports whether the Origin of r, if it sends one, is
// gapmap's own origin: the same scheme, host and port. Go's
// CrossOriginProtection, when a browser sends no Sec-Fetch-Site, compares
// the Origin's host with Host only, so a page on https://host could post to
// the plain-http server on the same host. The scheme is the connection's,
// or, behind a trusted proxy, the X-Forwarded-Proto the proxy sets.
func (ps Proxies) OriginMatches(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // no Origin: CrossOriginProtection decides (API clients send none)
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return false // "null" and garbage are no origin of gapmap's
	}
	scheme := ps.Scheme(r)
	return strings.EqualFold(u.Scheme, scheme) && hostPort(u.Host, u.Scheme) == hostPort(r.Host, scheme)
}

// Scheme is the scheme the client used to reach gapmap: https on a
// TLS connection, the first X-Forwarded-Proto when the peer is a trusted
// proxy, else http.
func (ps Proxies) Scheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	host := r.RemoteAddr
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		host = h
	}
	if ps.Trusted(host) {
		first, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
		if p := strings.ToLower(strings.TrimSpace(first)); p == "https" || p == "http" {
			return p
		}
	}
	return "http"
}

// hostPort returns host in lower case with its port, the scheme's default
// when it names none.
func hostPort(host, scheme string) string {
	host = strings.ToLower(host)
	if h, p, err := net.SplitHostPort(host); err == nil {
		return net.JoinHostPort(h, p)
	}
	port := "80"
	if strings.EqualFold(scheme, "https") {
		port = "443"
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), port)
}
