package auth

import (
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// TokenPrefix starts every API token, so that secret scanners and people
// recognise one.
const TokenPrefix = "gmp_"

// Token is a personal API token: it acts for its user, within the
// organisation the user had when it was made. The store holds only the hash
// of the token; the token itself is shown once, when it is created.
type Token struct {
	ID     string `json:"id"`
	Hash   string `json:"hash"`
	UserID string `json:"user_id"`
	// OrgID is the user's organisation when the token was made; the token
	// stops working if the user moves to another.
	OrgID   string    `json:"org_id,omitempty"`
	Name    string    `json:"name"`
	Created time.Time `json:"created"`
	// LastUsed is the last request made with the token, to within the
	// touch interval; zero if never used.
	LastUsed time.Time `json:"last_used"`
	// Revoked is when the token was revoked; zero while it is valid.
	Revoked time.Time `json:"revoked"`
	// Expires is when the token stops working; zero for a token made
	// before tokens expired, which works until it is revoked.
	Expires time.Time `json:"expires,omitzero"`
}

// Actor returns how the history names a change made with the token.
func (t *Token) Actor() string { return "token:" + t.ID }

// Active reports whether t has not been revoked.
func (t *Token) Active() bool { return t.Revoked.IsZero() }

// Expired reports whether t has expired at now.
func (t *Token) Expired(now time.Time) bool { return !t.Expires.IsZero() && !now.Before(t.Expires) }

// TokenLifetimes are the lifetimes a new token may have, shortest first;
// DefaultTokenLifetime is the one a form offers first.
var TokenLifetimes = []time.Duration{30 * 24 * time.Hour, 90 * 24 * time.Hour, 365 * 24 * time.Hour}

// DefaultTokenLifetime is the lifetime of a token when none is chosen.
const DefaultTokenLifetime = 90 * 24 * time.Hour

// looksLikeToken reports whether s has the form of a gapmap token, so that
// anything else is refused without a store lookup.
func looksLikeToken(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	return ok && len(rest) == 43 && strings.Trim(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == ""
}

// maxTokenName is the longest token name accepted, in bytes.
const maxTokenName = 100

// Validate checks the token's fields.
func (t *Token) Validate() error {
	switch {
	case !graph.ValidID(t.ID):
		return FieldError("token", "id", "%q is not a valid id", t.ID)
	case !validHash(t.Hash):
		return FieldError("token", "hash", "is not a SHA-256 hash")
	case !graph.ValidID(t.UserID):
		return FieldError("token", "user_id", "%q is not a valid id", t.UserID)
	case strings.TrimSpace(t.Name) == "" || len(t.Name) > maxTokenName:
		return FieldError("token", "name", "is required (at most %d characters)", maxTokenName)
	case t.Created.IsZero():
		return FieldError("token", "created", "is required")
	case !t.Expires.IsZero() && !t.Expires.After(t.Created):
		return FieldError("token", "expires", "must be after the token is made")
	}
	return nil
}
