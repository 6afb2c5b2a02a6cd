package graph

import (
	"errors"
	"fmt"
)

// Error codes returned by the graph package and by every Store. Callers map
// them to user-facing behaviour (the web layer to HTTP statuses) with ErrorCode.
const (
	ECONFLICT = "conflict"  // a stale version, or a write that breaks a constraint
	EINVALID  = "invalid"   // a value that fails validation
	ENOTFOUND = "not_found" // a node or edge that does not exist
	EINTERNAL = "internal"  // anything else; its message is not for users
)

// Error is a domain error: a code from the list above, a message a user can
// read, and, for validation errors, the node and field at fault.
type Error struct {
	Code    string
	Message string
	// Node names the node or edge at fault, e.g. "Service rosa", when known.
	Node string
	// Field names the property at fault, e.g. "funding", when known.
	Field string
}

// Error implements the error interface.
func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Node != "" {
		msg = e.Node + ": " + msg
	}
	return msg
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error naming the node and the field.
func FieldError(node, field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Node: node, Field: field, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-readable message of the first *Error in err's
// chain. Other errors give a generic message, so internals never leak to users.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}
