package auth

import (
	"encoding/hex"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// Session is a signed-in browser. The cookie holds the session id; the store
// holds only its hash, so a copy of the store cannot be replayed as cookies.
type Session struct {
	IDHash  string    `json:"id_hash"`
	UserID  string    `json:"user_id"`
	Created time.Time `json:"created"`
	// Expires is when the session ends however active it is.
	Expires time.Time `json:"expires"`
	// LastSeen is the last request, to within the touch interval; the
	// session ends when it is older than the idle timeout.
	LastSeen time.Time `json:"last_seen"`
}

// expired reports whether s has ended at now, by age or by idleness.
func (s *Session) expired(now time.Time, idle time.Duration) bool {
	return !now.Before(s.Expires) || (idle > 0 && now.Sub(s.LastSeen) >= idle)
}

// Validate checks the session's fields.
func (s *Session) Validate() error {
	switch {
	case !validHash(s.IDHash):
		return FieldError("session", "id_hash", "is not a SHA-256 hash")
	case !graph.ValidID(s.UserID):
		return FieldError("session", "user_id", "%q is not a valid id", s.UserID)
	case s.Created.IsZero() || s.Expires.IsZero() || s.LastSeen.IsZero():
		return FieldError("session", "created", "the times are required")
	}
	return nil
}

// validHash reports whether h is a hex SHA-256, as HashSecret returns.
func validHash(h string) bool {
	if len(h) != 64 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil && strings.ToLower(h) == h
}
