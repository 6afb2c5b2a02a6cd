package embedded

import (
	"context"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/gapmap/gapmap/internal/auth"
)

// CreateSession stores a new session.
func (s accounts) CreateSession(ctx context.Context, ses *auth.Session) error {
	if err := ses.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create session", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAuthSessions).Get([]byte(ses.IDHash)) != nil {
			return auth.Errorf(auth.ECONFLICT, "the session id is taken")
		}
		return putJSON(tx, bucketAuthSessions, []byte(ses.IDHash), ses)
	})
}

// Session returns the session with the id hash.
func (s accounts) Session(ctx context.Context, idHash string) (*auth.Session, error) {
	ses := new(auth.Session)
	err := s.view(ctx, "read session", func(tx *bolt.Tx) error {
		return getJSON(tx, bucketAuthSessions, []byte(idHash), ses, "no such session")
	})
	if err != nil {
		return nil, err
	}
	return ses, nil
}

// TouchSession sets the session's LastSeen.
func (s accounts) TouchSession(ctx context.Context, idHash string, lastSeen time.Time) error {
	return s.update(ctx, "touch session", func(tx *bolt.Tx) error {
		ses := new(auth.Session)
		if err := getJSON(tx, bucketAuthSessions, []byte(idHash), ses, "no such session"); err != nil {
			return err
		}
		ses.LastSeen = lastSeen
		return putJSON(tx, bucketAuthSessions, []byte(idHash), ses)
	})
}

// DeleteSession deletes the session with the id hash, if there is one.
func (s accounts) DeleteSession(ctx context.Context, idHash string) error {
	return s.update(ctx, "delete session", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAuthSessions).Delete([]byte(idHash))
	})
}

// DeleteUserSessions deletes every session of the user.
func (s accounts) DeleteUserSessions(ctx context.Context, userID string) (int, error) {
	return s.deleteSessions(ctx, func(ses *auth.Session) bool { return ses.UserID == userID })
}

// DeleteExpiredSessions deletes the sessions that have ended.
func (s accounts) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error) {
	return s.deleteSessions(ctx, func(ses *auth.Session) bool {
		return !ses.Expires.After(now) || !ses.LastSeen.After(idleBefore)
	})
}

// deleteSessions deletes the sessions that match, with a scan: there are as
// many sessions as people signed in, which is few.
func (s *Store) deleteSessions(ctx context.Context, match func(*auth.Session) bool) (int, error) {
	n := 0
	err := s.update(ctx, "delete sessions", func(tx *bolt.Tx) error {
		var doomed []string
		err := eachJSON(tx, bucketAuthSessions, func(ses *auth.Session) error {
			if match(ses) {
				doomed = append(doomed, ses.IDHash)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, h := range doomed {
			if err := tx.Bucket(bucketAuthSessions).Delete([]byte(h)); err != nil {
				return err
			}
		}
		n = len(doomed)
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
