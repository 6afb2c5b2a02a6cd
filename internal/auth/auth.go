// Package auth decides who may change gapmap's landscape: the staff accounts
// of organisations (users with a role), their sessions in the browser, their
// personal API tokens, and the single function Can that says what a user may
// do to a service.
//
// Secrets are never stored: passwords are kept as argon2id hashes (PHC
// strings with their parameters), and session ids and API tokens as SHA-256
// hashes, so a copy of the store lets no one sign in. The Manager does the
// work; Store is the persistence it needs, implemented by graph/embedded and
// graph/neo4j and held to one behaviour by the suite in auth/authtest.
//
// Errors are *graph.Error values: graph's codes (EINVALID, ECONFLICT,
// ENOTFOUND), the three below, which the web layer maps to 401, 403 and
// 429, and EBUSY (hashgate.go), which it maps to 503.
package auth

import "github.com/gapmap/gapmap/graph"

// Error codes of the auth package, beside graph's.
const (
	// EUNAUTHORIZED: no valid credentials (a wrong password, an unknown,
	// expired or revoked session or token, a disabled user).
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: valid credentials, but the role or organisation does not
	// allow the action.
	EFORBIDDEN = "forbidden"
	// ELIMITED: too many failed sign-ins; try again later.
	ELIMITED = "too_many_attempts"
)

// errUnauthorized is the one message of a failed sign-in: it never says
// whether the account exists, is disabled, or the password was wrong.
func errUnauthorized() error {
	return graph.Errorf(EUNAUTHORIZED, "wrong email or password")
}

// Forbidden returns an EFORBIDDEN error with a message for the user.
func Forbidden(format string, args ...any) error {
	return graph.Errorf(EFORBIDDEN, format, args...)
}
