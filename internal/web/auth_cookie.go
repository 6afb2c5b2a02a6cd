package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// cookieName is the session cookie's name: with the __Host- prefix, which
// makes browsers insist on Secure, Path=/ and no Domain, unless the server
// runs on plain http.
func (s *Server) cookieName() string {
	if s.cfg.InsecureCookies {
		return "gapmap_session"
	}
	return "__Host-gapmap_session"
}

// setSessionCookie sets the session cookie: HttpOnly (no script reads it),
// SameSite=Lax (no other site's form or fetch carries it), Secure unless
// configured off for localhost, and a lifetime of the session's.
func (s *Server) setSessionCookie(w http.ResponseWriter, secret string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: secret, Path: "/", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// clearSessionCookie removes the session cookie.
func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: !s.cfg.InsecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// urlQueryEscape escapes s for a query value.
func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// localPath returns next if it is a path on this site ("/manage"), and
// fallback otherwise, so that the sign-in page cannot be made to send anyone
// elsewhere.
func localPath(next, fallback string) string {
	if next == "" || next[0] != '/' || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return fallback
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" {
		return fallback
	}
	return next
}
