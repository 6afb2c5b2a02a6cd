package web

import (
	"net/http"
	"strings"

	"github.com/gapmap/gapmap/internal/auth"
)

// apiUser returns the user and token of a request to the write API, which
// takes personal API tokens only (Authorization: Bearer gmp_…), never the
// session cookie: a page of another site can then never write through a
// signed-in browser. EUNAUTHORIZED if the token is missing or invalid.
func (s *Server) apiUser(r *http.Request) (*auth.User, *auth.Token, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, nil, auth.Errorf(auth.EUNAUTHORIZED, "this request needs an API token: send Authorization: Bearer <token> (create one on /account)")
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return nil, nil, auth.Errorf(auth.EUNAUTHORIZED, "the Authorization header must be Bearer <token>")
	}
	return s.edit.Accounts.TokenUser(r.Context(), strings.TrimSpace(token))
}

// optionalAPIUser is apiUser for the read API: no Authorization header is
// the public; a header must carry a valid token.
func (s *Server) optionalAPIUser(r *http.Request) (*auth.User, error) {
	if s.edit == nil || r.Header.Get("Authorization") == "" {
		return nil, nil
	}
	u, _, err := s.apiUser(r)
	return u, err
}
