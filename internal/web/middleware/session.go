package middleware

import (
	"context"
	"net/http"
	"sync"

	"github.com/gapmap/gapmap/internal/auth"
)

// sessionState resolves the session cookie of a request once, on first use:
// pages that never ask who is signed in cost no store read.
type sessionState struct {
	once   sync.Once
	user   *auth.User
	lookup func(*http.Request) *auth.User
}

type sessionKey struct{}

// Session puts a lazy resolver of the signed-in user in the request
// context: lookup finds the user of a request's session cookie (nil: none),
// and User calls it at most once per request.
func Session(lookup func(*http.Request) *auth.User) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st := &sessionState{lookup: lookup}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, st)))
		})
	}
}

// User returns the user signed in to r, or nil: none, or r did not pass
// through Session.
func User(r *http.Request) *auth.User {
	st, _ := r.Context().Value(sessionKey{}).(*sessionState)
	if st == nil {
		return nil
	}
	st.once.Do(func() { st.user = st.lookup(r) })
	return st.user
}
