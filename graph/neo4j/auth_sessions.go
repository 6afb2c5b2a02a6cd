package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/gapmap/gapmap/internal/auth"
)

// CreateSession stores a new session.
func (s accounts) CreateSession(ctx context.Context, ses *auth.Session) error {
	if err := ses.Validate(); err != nil {
		return err
	}
	err := s.exec.write(ctx, func(tx runner) error {
		_, err := tx.run(qAuthCreateSession, map[string]any{"props": sessionProps(ses)})
		return err
	})
	if err != nil {
		return fmt.Errorf("create session in %s: %w", s.target, accountError(err, "the session id is taken"))
	}
	return nil
}

// Session returns the session with the id hash.
func (s accounts) Session(ctx context.Context, idHash string) (*auth.Session, error) {
	var ses *auth.Session
	err := s.exec.read(ctx, func(tx runner) error {
		recs, err := tx.run(qAuthSession, map[string]any{"id_hash": idHash})
		if err != nil || len(recs) == 0 {
			ses = nil
			return err
		}
		n, err := get[dbtype.Node](qAuthSession, recs[0], "session")
		if err != nil {
			return err
		}
		ses, err = sessionFromDB(n)
		return err
	})
	switch {
	case err != nil:
		return nil, fmt.Errorf("read session from %s: %w", s.target, err)
	case ses == nil:
		return nil, auth.NotFound("no such session")
	}
	return ses, nil
}

// TouchSession sets the session's LastSeen.
func (s accounts) TouchSession(ctx context.Context, idHash string, lastSeen time.Time) error {
	n, err := s.writeCount(ctx, qAuthTouchSession, map[string]any{"id_hash": idHash, "last_seen": dbTime(lastSeen)}, "touched")
	if err == nil && n == 0 {
		return auth.NotFound("no such session")
	}
	return err
}

// DeleteSession deletes the session with the id hash, if there is one.
func (s accounts) DeleteSession(ctx context.Context, idHash string) error {
	_, err := s.writeCount(ctx, qAuthDeleteSession, map[string]any{"id_hash": idHash}, "deleted")
	return err
}

// DeleteUserSessions deletes every session of the user.
func (s accounts) DeleteUserSessions(ctx context.Context, userID string) (int, error) {
	n, err := s.writeCount(ctx, qAuthDeleteUserSess, map[string]any{"user_id": userID}, "deleted")
	return int(n), err
}

// DeleteExpiredSessions deletes the sessions that have ended.
func (s accounts) DeleteExpiredSessions(ctx context.Context, now, idleBefore time.Time) (int, error) {
	n, err := s.writeCount(ctx, qAuthDeleteExpiredSess, map[string]any{"now": dbTime(now), "idle_before": dbTime(idleBefore)}, "deleted")
	return int(n), err
}

// writeCount runs a write query that returns one count.
func (s *Store) writeCount(ctx context.Context, q *query, p map[string]any, column string) (int64, error) {
	var n int64
	err := s.exec.write(ctx, func(tx runner) error {
		var err error
		n, err = runSingle[int64](tx, q, p, column)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("%s in %s: %w", q.name, s.target, err)
	}
	return n, nil
}
