package auth

import (
	"log/slog"
	"net/mail"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// Role is what a user is for. The roles, from the most powerful:
//
//   - admin: manages users and organisations, and may do everything a
//     coordinator may.
//   - coordinator: edits and restores every service, sees stale profiles.
//   - editor: staff of an organisation; edits only the services it runs.
//   - analyst: reads everything, history and stale profiles included, and
//     edits nothing.
type Role string

// The roles.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleEditor      Role = "editor"
	RoleAnalyst     Role = "analyst"
)

// Roles lists every role, the most powerful first.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleEditor, RoleAnalyst}

// ParseRole returns the role named s; EINVALID names the roles if s is none.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Roles, r) {
		return "", FieldError("user", "role", "unknown role %q (want admin, coordinator, editor or analyst)", s)
	}
	return r, nil
}

// User is a staff account. It belongs to an organisation of the landscape
// (an Organisation node id); only an editor must have one.
type User struct {
	ID       string `json:"id"`
	Email    string `json:"email"` // normalised: trimmed, lower case; unique
	Name     string `json:"name"`
	OrgID    string `json:"org_id,omitempty"`
	Role     Role   `json:"role"`
	Disabled bool   `json:"disabled,omitempty"`
	// PasswordHash is the argon2id PHC string of the password; never
	// shown, never logged.
	PasswordHash string    `json:"password_hash"`
	Created      time.Time `json:"created"`
}

// Actor returns how the history names a change the user makes in person.
func (u *User) Actor() string { return "user:" + u.ID }

// String describes the user for messages, without the password hash.
func (u *User) String() string { return u.Email + " (" + string(u.Role) + ")" }

// LogValue keeps the password hash out of every log line that names a user.
func (u *User) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", u.ID), slog.String("email", u.Email), slog.String("role", string(u.Role)))
}

// NormalizeEmail returns email trimmed and in lower case, the form in which
// emails are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// maxName is the longest name or email accepted, in bytes.
const maxName = 200

// Validate checks the user's fields and returns an EINVALID error naming the
// first field at fault.
func (u *User) Validate() error {
	const ref = "user"
	switch {
	case !graph.ValidID(u.ID):
		return FieldError(ref, "id", "%q is not a valid id", u.ID)
	case u.Email == "":
		return FieldError(ref, "email", "is required")
	case u.Email != NormalizeEmail(u.Email) || len(u.Email) > maxName:
		return FieldError(ref, "email", "%q is not a normalised email address", u.Email)
	case !validEmail(u.Email):
		return FieldError(ref, "email", "%q is not an email address", u.Email)
	case strings.TrimSpace(u.Name) == "" || len(u.Name) > maxName:
		return FieldError(ref, "name", "is required (at most %d characters)", maxName)
	}
	if err := ValidateRole(u.Role, u.OrgID); err != nil {
		return err
	}
	switch {
	case u.PasswordHash == "":
		return FieldError(ref, "password", "is required")
	case u.Created.IsZero():
		return FieldError(ref, "created", "is required")
	}
	return nil
}

// ValidateRole checks a role and the organisation that goes with it (""
// for none), as Validate checks a user's: the role must be known, an editor
// must belong to an organisation, and orgID must be a valid id. It returns
// EINVALID naming the field at fault, role or org. Whether orgID names an
// organisation of the landscape is the caller's to check.
func ValidateRole(role Role, orgID string) error {
	const ref = "user"
	switch {
	case !slices.Contains(Roles, role):
		return FieldError(ref, "role", "unknown role %q (want admin, coordinator, editor or analyst)", role)
	case role == RoleEditor && orgID == "":
		return FieldError(ref, "org", "an editor must belong to an organisation")
	case orgID != "" && !graph.ValidID(orgID):
		return FieldError(ref, "org", "%q is not a valid organisation id", orgID)
	}
	return nil
}

// validEmail reports whether s is a bare address such as a@b.no.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}
