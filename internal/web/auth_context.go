package web

import (
	"net/http"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/web/middleware"
)

// currentUser returns the user signed in with r's session cookie, or nil.
// A store failure is logged and reads as signed out, which refuses every
// write.
func (s *Server) currentUser(r *http.Request) *auth.User {
	if s.edit == nil {
		return nil
	}
	return middleware.User(r)
}

// sessionUser looks up the user of r's session cookie, for the sign-in
// middleware, which asks once per request, on first use.
func (s *Server) sessionUser(r *http.Request) *auth.User {
	if s.edit == nil {
		return nil
	}
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return nil
	}
	u, _, err := s.edit.Accounts.SessionUser(r.Context(), c.Value)
	if err != nil {
		if auth.ErrorCode(err) != auth.EUNAUTHORIZED {
			s.log.WarnContext(r.Context(), "session lookup failed", "err", err, "request_id", requestID(r.Context()))
		}
		return nil
	}
	return u
}

// requireUser returns the signed-in user, or EUNAUTHORIZED (which private
// turns into a redirect to the sign-in page for a GET).
func (s *Server) requireUser(r *http.Request) (*auth.User, error) {
	if s.edit == nil {
		return nil, graph.Errorf(graph.ENOTFOUND, "no page at %s", r.URL.Path)
	}
	u := s.currentUser(r)
	if u == nil {
		return nil, auth.Errorf(auth.EUNAUTHORIZED, "sign in to see this page")
	}
	return u, nil
}

// require returns the signed-in user if Can allows a on org; EUNAUTHORIZED
// or EFORBIDDEN otherwise.
func (s *Server) require(r *http.Request, a auth.Action, org string) (*auth.User, error) {
	u, err := s.requireUser(r)
	if err != nil {
		return nil, err
	}
	if !auth.Can(u, a, org) {
		return nil, forbidden(a)
	}
	return u, nil
}

// forbidden returns the EFORBIDDEN error of action a.
func forbidden(a auth.Action) error {
	switch a {
	case auth.ActionEdit, auth.ActionDelete:
		return auth.Forbidden("your account may not change this service: editors change only the services of their own organisation")
	case auth.ActionCreate:
		return auth.Forbidden("your account may not add services to this organisation")
	case auth.ActionRestore:
		return auth.Forbidden("only coordinators and administrators may restore an earlier version")
	case auth.ActionManageUsers:
		return auth.Forbidden("only administrators may manage users and organisations")
	}
	return auth.Forbidden("your account may not see this page")
}

// private adapts a handler of pages for signed-in users: the response is
// never stored by a cache, and a GET that needs a sign-in is sent to the
// sign-in page, to come back afterwards.
func (s *Server) private(h handlerFunc) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		err := h(w, r)
		if auth.ErrorCode(err) == auth.EUNAUTHORIZED && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		return err
	})
}

// orgOf returns the id of the organisation that runs service id in l, or "".
func orgOf(l *graph.Landscape, id string) string {
	if o, ok := l.Organisation(id); ok {
		return o.ID
	}
	return ""
}
