package auth

import (
	"context"
	"time"
)

// loginLimit is the counting behind the login limit, as the Manager uses
// it: a StoreLimiter when the store is a FailureStore, else a Limiter in
// memory (memoryLimit).
type loginLimit interface {
	// check tells whether a sign-in to email from remote may be tried at
	// now, before its password is checked.
	check(ctx context.Context, email, remote string, now time.Time) (limitCheck, error)
	// Fail records a failed sign-in.
	Fail(ctx context.Context, email, remote string, now time.Time) error
	// Succeed forgets the failures of the account email.
	Succeed(ctx context.Context, email string) error
}

// limitCheck is what the login limit says before a sign-in is tried.
type limitCheck struct {
	// wait is how long until the sign-in may be tried: 0 if it may now.
	wait time.Duration
	// forget is whether a success has account failures to forget; false
	// spares a success a write to the store.
	forget bool
}

// newLoginLimit returns the counting of the login limit for store: in the
// store when it keeps failures, so that every instance on it shares the
// counts, else in memory, where a check and a failure cost no write.
func newLoginLimit(store Store, cfg Config) loginLimit {
	if fs, ok := store.(FailureStore); ok {
		return NewStoreLimiter(fs, cfg.LoginLimit, cfg.LoginAddressLimit, cfg.LoginWindow)
	}
	return memoryLimit{NewLimiter(cfg.LoginLimit, cfg.LoginAddressLimit, cfg.LoginWindow)}
}

// memoryLimit is a Limiter as a loginLimit. It never fails.
type memoryLimit struct{ l *Limiter }

func (m memoryLimit) check(_ context.Context, email, remote string, now time.Time) (limitCheck, error) {
	_, wait := m.l.Allow(email, remote, now)
	// Forgetting in memory is free, so a success always forgets, as
	// Limiter.Succeed always did.
	return limitCheck{wait: wait, forget: true}, nil
}

func (m memoryLimit) Fail(_ context.Context, email, remote string, now time.Time) error {
	m.l.Fail(email, remote, now)
	return nil
}

func (m memoryLimit) Succeed(_ context.Context, email string) error {
	m.l.Succeed(email)
	return nil
}
