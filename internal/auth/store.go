package auth

import (
	"context"
	"time"
)

// Store keeps users, sessions and API tokens: the account store. graph/embedded
// and graph/neo4j keep it in the same database as the landscape (one backup,
// one transaction boundary) and hand it out from their Accounts method, apart
// from graph.Store, so main wires it explicitly; auth/authtest is the suite
// both must pass. A Store is safe for concurrent use.
//
// Every method returns *Error codes: ENOTFOUND for a missing record,
// ECONFLICT for a taken id, email or hash, EINVALID for a record that fails
// validation. Returned records are copies the caller may change.
type Store interface {
	// CreateUser stores a new user. ECONFLICT if the id or the email is
	// taken; EINVALID if u fails Validate.
	CreateUser(ctx context.Context, u *User) error
	// User returns the user with id; ENOTFOUND if there is none.
	User(ctx context.Context, id string) (*User, error)
	// UserByEmail returns the user with the (normalised) email; ENOTFOUND
	// if there is none.
	UserByEmail(ctx context.Context, email string) (*User, error)
	// Users returns every user, sorted by email.
	Users(ctx context.Context) ([]*User, error)
	// SetUserDisabled disables or enables user id and returns the user as
	// stored; ENOTFOUND if there is none. It changes nothing else, so it
	// cannot undo a concurrent change of another field.
	SetUserDisabled(ctx context.Context, id string, disabled bool) (*User, error)
	// SetUserPassword sets the password hash of user id and returns the
	// user as stored; ENOTFOUND if there is none; EINVALID if hash is
	// empty.
	SetUserPassword(ctx context.Context, id, hash string) (*User, error)
	// SetUserRole sets the role and the organisation ("" for none) of
	// user id, changing nothing else, and returns the user as stored;
	// ENOTFOUND if there is none; EINVALID if role and orgID fail
	// ValidateRole; ECONFLICT (ErrLastAdmin) if the user is an enabled
	// administrator, role is not admin and no other user is an enabled
	// administrator. The check and the change are one transaction, so two
	// administrators who demote each other at once cannot both succeed.
	SetUserRole(ctx context.Context, id string, role Role, orgID string) (*User, error)

	// CreateSession stores a new session; ECONFLICT if its hash is taken.
	CreateSession(ctx context.Context, s *Session) error
	// Session returns the session with the id hash; ENOTFOUND if none.
	Session(ctx context.Context, idHash string) (*Session, error)
	// TouchSession sets the session's LastSeen; ENOTFOUND if none.
	TouchSession(ctx context.Context, idHash string, lastSeen time.Time) error
	// DeleteSession deletes the session with the id hash; deleting one
	// that does not exist is not an error.
	DeleteSession(ctx context.Context, idHash string) error
	// DeleteUserSessions deletes every session of the user and returns
	// how many there were.
	DeleteUserSessions(ctx context.Context, userID string) (int, error)
	// DeleteExpiredSessions deletes every session that expires at or
	// before now or was last seen at or before idleBefore, and returns how
	// many.
	DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error)

	// CreateToken stores a new token; ECONFLICT if its id or hash is taken.
	CreateToken(ctx context.Context, t *Token) error
	// TokenByHash returns the token with the hash; ENOTFOUND if none.
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	// Tokens returns the tokens of the user, revoked ones included, oldest
	// first.
	Tokens(ctx context.Context, userID string) ([]*Token, error)
	// TouchToken sets the LastUsed of token id; ENOTFOUND if none. It
	// never changes Revoked.
	TouchToken(ctx context.Context, id string, at time.Time) error
	// RevokeToken sets the Revoked time of token id unless it is already
	// revoked; ENOTFOUND if none.
	RevokeToken(ctx context.Context, id string, at time.Time) error
}
