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
// Errors are auth's own (error.go): an *Error carries one of auth's codes
// (EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN, ELIMITED,
// EBUSY), a message a user can read and, for a bad or taken value, the
// record and the field at fault; ErrorCode, ErrorField and ErrorMessage read
// them from a wrapped chain. Every method of a Store returns them, and so
// does the Manager; LimitedError and BusyError unwrap to one, adding when to
// retry. The web layer maps the codes to HTTP statuses (401 for
// EUNAUTHORIZED, 403 EFORBIDDEN, 429 ELIMITED, 503 EBUSY, and as graph's
// codes of the same names 400, 404 and 409). graph.Error stays the
// landscape's: auth never returns one.
package auth

// errUnauthorized is the one message of a failed sign-in: it never says
// whether the account exists, is disabled, or the password was wrong.
func errUnauthorized() error {
	return Errorf(EUNAUTHORIZED, "wrong email or password")
}

// Forbidden returns an EFORBIDDEN error with a message for the user.
func Forbidden(format string, args ...any) error {
	return Errorf(EFORBIDDEN, format, args...)
}
