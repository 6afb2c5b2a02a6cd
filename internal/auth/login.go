package auth

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"
)

// LimitedError is returned by Login when the login limit is reached: its
// code is ELIMITED, and RetryAfter says when to try again.
type LimitedError struct {
	RetryAfter time.Duration
}

func (e *LimitedError) Error() string { return e.err().Error() }

// Unwrap gives ErrorCode the ELIMITED error.
func (e *LimitedError) Unwrap() error { return e.err() }

func (e *LimitedError) err() *Error {
	minutes := int(math.Ceil(e.RetryAfter.Minutes()))
	if e.RetryAfter < time.Minute {
		return Errorf(ELIMITED, "too many failed sign-ins; try again in %d second(s)", max(int(math.Ceil(e.RetryAfter.Seconds())), 1))
	}
	return Errorf(ELIMITED, "too many failed sign-ins; try again in %d minute(s)", max(minutes, 1))
}

// Login checks email and password, tried from the remote address remote
// (host:port or host), and starts a session. It returns the session id for
// the cookie, which is stored only as its hash, and the user.
//
// Errors: *LimitedError (ELIMITED) while the login limit makes the try wait
// (see rule), whether or not the password is right; *BusyError (EBUSY)
// when as many passwords are being checked as memory allows and the queue
// is full; EUNAUTHORIZED for an unknown email, a wrong password or a
// disabled user, all with the same message and the same cost.
//
// The try is counted before the password is checked, in one atomic step
// with the limit's check, so that sign-ins at once are checked no more than
// the limit allows; a success takes it back. With the failures counted in
// the store that is one write before the check and one after a success.
func (m *Manager) Login(ctx context.Context, email, password, remote string) (string, *User, error) {
	email = NormalizeEmail(email)
	now := m.now()
	a, wait, err := m.limit.Begin(ctx, email, remote, now)
	if err != nil {
		return "", nil, err
	}
	if wait > 0 {
		return "", nil, &LimitedError{RetryAfter: wait}
	}
	u, err := m.store.UserByEmail(ctx, email)
	hash := m.dummyHash
	switch {
	case err == nil:
		hash = u.PasswordHash
	case !notFound(err):
		return "", nil, err
	}
	match, err := m.gate.check(ctx, hash, password)
	if _, busy := IsBusy(err); busy {
		// Not checked: the try does not count.
		if cerr := m.limit.Cancel(ctx, a); cerr != nil {
			return "", nil, cerr
		}
		return "", nil, err
	}
	if err != nil {
		return "", nil, fmt.Errorf("sign-in of %s: %w", email, err)
	}
	if u == nil || !match || u.Disabled {
		return "", nil, errUnauthorized()
	}
	if err := m.limit.Succeed(ctx, a); err != nil {
		return "", nil, err
	}
	secret := newSecret()
	s := &Session{IDHash: HashSecret(secret), UserID: u.ID, Created: now, Expires: now.Add(m.cfg.SessionTTL), LastSeen: now}
	if err := m.store.CreateSession(ctx, s); err != nil {
		return "", nil, err
	}
	return secret, u, nil
}

// SessionUser returns the user of the session whose id is secret. An
// unknown, expired or idle session, or one whose user is disabled or gone,
// is EUNAUTHORIZED (and an ended session is deleted).
func (m *Manager) SessionUser(ctx context.Context, secret string) (*User, *Session, error) {
	if secret == "" || len(secret) > 100 {
		return nil, nil, Errorf(EUNAUTHORIZED, "not signed in")
	}
	now := m.now()
	s, err := m.store.Session(ctx, HashSecret(secret))
	if notFound(err) {
		return nil, nil, Errorf(EUNAUTHORIZED, "the session has ended; sign in again")
	}
	if err != nil {
		return nil, nil, err
	}
	if s.expired(now, m.cfg.SessionIdle) {
		if err := m.store.DeleteSession(ctx, s.IDHash); err != nil {
			return nil, nil, err
		}
		return nil, nil, Errorf(EUNAUTHORIZED, "the session has ended; sign in again")
	}
	u, err := m.store.User(ctx, s.UserID)
	if notFound(err) || err == nil && u.Disabled {
		if err := m.store.DeleteSession(ctx, s.IDHash); err != nil {
			return nil, nil, err
		}
		return nil, nil, Errorf(EUNAUTHORIZED, "the account is disabled")
	}
	if err != nil {
		return nil, nil, err
	}
	if now.Sub(s.LastSeen) >= touchEvery {
		s.LastSeen = now
		if err := m.store.TouchSession(ctx, s.IDHash, now); err != nil && !notFound(err) {
			return nil, nil, err
		}
	}
	return u, s, nil
}

// Logout ends the session whose id is secret. Ending a session that does not
// exist is not an error.
func (m *Manager) Logout(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	return m.store.DeleteSession(ctx, HashSecret(secret))
}

// PurgeSessions deletes the sessions that have ended, and returns how many.
func (m *Manager) PurgeSessions(ctx context.Context) (int, error) {
	now := m.now()
	return m.store.DeleteExpiredSessions(ctx, now, now.Add(-m.cfg.SessionIdle))
}

// PurgeFailures forgets, in a store that counts failed sign-ins, the
// accounts and addresses whose failures have all left the login window, and
// returns how many. With the count in memory it does nothing: the Limiter
// drops them itself.
func (m *Manager) PurgeFailures(ctx context.Context) (int, error) {
	sl, ok := m.limit.(*StoreLimiter)
	if !ok {
		return 0, nil
	}
	return sl.Purge(ctx, m.now())
}

// IsLimited reports whether err is the login limit, and when to retry.
func IsLimited(err error) (time.Duration, bool) {
	var le *LimitedError
	if errors.As(err, &le) {
		return le.RetryAfter, true
	}
	return 0, false
}
