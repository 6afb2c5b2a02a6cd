package auth

import (
	"errors"
	"fmt"
)

// Error codes of the auth package. The web layer maps each to an HTTP
// status (problem.go); the first three are spelt as graph's codes of the
// same meaning, so that a client sees one code for one meaning whichever
// package refused its request.
const (
	// EINVALID: a value that fails validation; Field names it.
	EINVALID = "invalid"
	// ENOTFOUND: no user, session or token with that id, email or hash.
	ENOTFOUND = "not_found"
	// ECONFLICT: an id, email or hash that is taken, or a change that
	// would leave no enabled administrator (ErrLastAdmin).
	ECONFLICT = "conflict"
	// EUNAUTHORIZED: no valid credentials (a wrong password, an unknown,
	// expired or revoked session or token, a disabled user).
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: valid credentials, but the role or organisation does not
	// allow the action.
	EFORBIDDEN = "forbidden"
	// ELIMITED: too many failed sign-ins; try again later (LimitedError).
	ELIMITED = "too_many_attempts"
	// EBUSY: the server is hashing as many passwords as its memory allows
	// and its queue is full; try again in a moment (BusyError). The web
	// layer answers 503 with Retry-After.
	EBUSY = "busy"
	// EINTERNAL: what ErrorCode gives for an error that is not an *Error;
	// its message is not for users.
	EINTERNAL = "internal"
)

// Codes lists every code an *Error may carry, for callers that map them
// (and the tests that check they map them all).
func Codes() []string {
	return []string{EINVALID, ENOTFOUND, ECONFLICT, EUNAUTHORIZED, EFORBIDDEN, ELIMITED, EBUSY}
}

// Error is an account error: a code from the list above, a message a user
// can read, and, for validation errors and conflicts, the record ("user",
// "session", "token") and the field at fault.
type Error struct {
	Code    string
	Message string
	// Record names the kind of record at fault, e.g. "user", when known.
	Record string
	// Field names the field at fault, e.g. "email", when known.
	Field string
}

// Error implements the error interface.
func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Record != "" {
		msg = e.Record + ": " + msg
	}
	return msg
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error naming the record and the field.
func FieldError(record, field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Record: record, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Conflict returns an ECONFLICT error naming the record and the field whose
// value is taken.
func Conflict(record, field, format string, args ...any) *Error {
	return &Error{Code: ECONFLICT, Record: record, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound returns an ENOTFOUND error with a message for the user.
func NotFound(format string, args ...any) *Error {
	return Errorf(ENOTFOUND, format, args...)
}

// AsError returns the first *Error in err's chain, if there is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := AsError(err); ok {
		return e.Code
	}
	return EINTERNAL
}

// ErrorField returns the field named by the first *Error in err's chain, or
// "" if there is none.
func ErrorField(err error) string {
	if e, ok := AsError(err); ok {
		return e.Field
	}
	return ""
}

// ErrorMessage returns the user-readable message of the first *Error in
// err's chain. Other errors give a generic message, so internals never leak
// to users.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	if e, ok := AsError(err); ok {
		return e.Error()
	}
	return "internal error"
}
