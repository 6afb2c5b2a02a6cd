// Package authtest is the conformance suite every auth.Store must pass. A
// store's tests call Run with a function that opens a fresh, empty store:
//
//	func TestAuthStore(t *testing.T) {
//		authtest.Run(t, func(t *testing.T) auth.Store { return mustOpen(t) })
//	}
//
// The suite uses only the auth.Store interface and checks error codes with
// auth.ErrorCode, which reads only auth's own *auth.Error (a graph.Error of the
// same code fails), so it holds every implementation to the same semantics.
// Its Failures tests run for a store that also implements
// auth.FailureStore and are skipped for one that does not; RunFailures runs
// them alone, and RunLimiter runs the behaviour of the login limit on any
// implementation of it.
package authtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/internal/auth"
)

// Run runs every conformance test against the stores open returns. Each call
// of open must return a fresh, empty store for one subtest and arrange (with
// t.Cleanup) for it to be closed.
func Run(t *testing.T, open func(t *testing.T) auth.Store) {
	for _, test := range []struct {
		name string
		fn   func(*testing.T, auth.Store)
	}{
		{"Users", testUsers},
		{"UserConflicts", testUserConflicts},
		{"InvalidUser", testInvalidUser},
		{"MissingUser", testMissingUser},
		{"SetUserFields", testSetUserFields},
		{"SetUserRole", testSetUserRole},
		{"LastAdmin", testLastAdmin},
		{"ConcurrentDemotions", testConcurrentDemotions},
		{"Sessions", testSessions},
		{"DeleteUserSessions", testDeleteUserSessions},
		{"DeleteExpiredSessions", testDeleteExpiredSessions},
		{"SessionConflicts", testSessionConflicts},
		{"Tokens", testTokens},
		{"TokenConflicts", testTokenConflicts},
		{"RevokeAndTouch", testRevokeAndTouch},
		{"ConcurrentSameEmail", testConcurrentSameEmail},
		{"NotInLandscape", testNotInLandscape},
		{"Errors", testErrors},
	} {
		t.Run(test.name, func(t *testing.T) { test.fn(t, open(t)) })
	}
	t.Run("Failures", func(t *testing.T) {
		RunFailures(t, func(t *testing.T) auth.FailureStore { return failureStore(t, open(t)) })
	})
}

var (
	ctx = context.Background()
	// t0 is a time with nanoseconds and a zone other than UTC, which a
	// store must keep as the same instant.
	t0 = time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.FixedZone("CET", 3600))
)

// hashOf returns a well-formed hash for n.
func hashOf(n int) string { return auth.HashSecret(fmt.Sprint("secret-", n)) }

// user returns a valid user numbered n.
func user(n int, role auth.Role, org string) *auth.User {
	return &auth.User{
		ID: fmt.Sprintf("user%02d", n), Email: fmt.Sprintf("user%02d@example.org", n), Name: fmt.Sprintf("User %d", n),
		OrgID: org, Role: role, PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		Created: t0.Add(time.Duration(n) * time.Minute),
	}
}

func mustCreateUser(t *testing.T, s auth.Store, u *auth.User) {
	t.Helper()
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
}

// wantCode fails t unless err is an *auth.Error with code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := auth.ErrorCode(err); got != code {
		t.Errorf("%s: error %v has code %q, want %q", what, err, got, code)
	}
}

// diff compares stored records; times compare as instants.
func diff(want, got any) string { return cmp.Diff(want, got) }
