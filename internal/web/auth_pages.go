package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// loginPage is the data of the sign-in page.
type loginPage struct {
	page
	Email string
	Next  string
	// Error is the message of a refused sign-in.
	Error string
}

// handleLoginForm serves the sign-in form.
func (s *Server) handleLoginForm(w http.ResponseWriter, r *http.Request) error {
	if s.edit == nil {
		return graph.Errorf(graph.ENOTFOUND, "no page at %s", r.URL.Path)
	}
	lang := langOf(r.Context())
	w.Header().Set("Cache-Control", "no-store")
	p := loginPage{page: s.newPage(r, translate(lang, "login.title")), Next: localPath(r.URL.Query().Get("next"), "")}
	return s.render(w, r, http.StatusOK, "login", p)
}

// handleLogin signs a user in: on success it starts a session, sets its
// cookie and sends the user on; a wrong email or password gets one message
// for both, and too many failures get 429 with Retry-After.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) error {
	if s.edit == nil {
		return graph.Errorf(graph.ENOTFOUND, "no page at %s", r.URL.Path)
	}
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	lang := langOf(r.Context())
	w.Header().Set("Cache-Control", "no-store")
	email, next := strings.TrimSpace(r.PostForm.Get("email")), localPath(r.PostForm.Get("next"), "")
	secret, u, err := s.edit.Accounts.Login(r.Context(), email, r.PostForm.Get("password"), s.clientAddr(r))
	if err == nil {
		// A session this browser had before ends: one browser, one session.
		if old, cerr := r.Cookie(s.cookieName()); cerr == nil && old.Value != secret {
			if lerr := s.edit.Accounts.Logout(r.Context(), old.Value); lerr != nil {
				s.log.WarnContext(r.Context(), "end the previous session", "err", lerr, "request_id", requestID(r.Context()))
			}
		}
		s.setSessionCookie(w, secret, s.edit.Accounts.Config().SessionTTL)
		s.log.InfoContext(r.Context(), "signed in", "user", u, "request_id", requestID(r.Context()))
		http.Redirect(w, r, localPath(next, "/manage"), http.StatusSeeOther)
		return nil
	}
	p := loginPage{page: s.newPage(r, translate(lang, "login.title")), Email: email, Next: next}
	status := http.StatusUnauthorized
	wait, limited := auth.IsLimited(err)
	busyWait, busy := auth.IsBusy(err)
	switch {
	case limited:
		status = http.StatusTooManyRequests
		w.Header().Set("Retry-After", retryAfter(wait))
		p.Error = limitedMessage(lang, wait)
		s.log.WarnContext(r.Context(), "sign-in refused: too many failures", "email", auth.NormalizeEmail(email),
			"remote", s.clientAddr(r), "request_id", requestID(r.Context()))
	case busy:
		status = http.StatusServiceUnavailable
		w.Header().Set("Retry-After", retryAfter(busyWait))
		p.Error = translate(lang, "login.busy")
		s.log.WarnContext(r.Context(), "sign-in refused: too many passwords being checked", "remote", s.clientAddr(r),
			"request_id", requestID(r.Context()))
	case auth.ErrorCode(err) == auth.EUNAUTHORIZED:
		p.Error = translate(lang, "login.wrong")
	default:
		return err
	}
	return s.render(w, r, status, "login", p)
}

// retryAfter is the Retry-After header of a wait, in whole seconds, at
// least 1.
func retryAfter(wait time.Duration) string {
	return strconv.Itoa(max(int(math.Ceil(wait.Seconds())), 1))
}

// limitedMessage tells a user refused by the login limit how long to wait.
func limitedMessage(lang string, wait time.Duration) string {
	if wait < time.Minute {
		return translatef(lang, "login.limited_seconds", max(int(math.Ceil(wait.Seconds())), 1))
	}
	return translatef(lang, "login.limited", int(math.Ceil(wait.Minutes())))
}

// handleLogout ends the session and removes its cookie.
func (s *Server) handleLogout(w http.ResponseWriter, r *http.Request) error {
	if s.edit == nil {
		return graph.Errorf(graph.ENOTFOUND, "no page at %s", r.URL.Path)
	}
	if c, err := r.Cookie(s.cookieName()); err == nil {
		if err := s.edit.Accounts.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearSessionCookie(w)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
