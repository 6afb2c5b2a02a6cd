package auth

import (
	"context"
	"time"
)

// loginLimit is the counting behind the login limit, as the Manager uses
// it: a StoreLimiter when the store is a FailureStore, else a Limiter in
// memory. Both apply the same rule (see rule).
type loginLimit interface {
	// Begin counts a sign-in before its password is checked: wait 0 if it
	// may go ahead (then it is counted as a failure until Succeed), else
	// how long until it may (then nothing is counted).
	Begin(ctx context.Context, email, remote string, now time.Time) (a Attempt, wait time.Duration, err error)
	// Succeed settles an attempt whose password was right.
	Succeed(ctx context.Context, a Attempt) error
	// Cancel takes back an attempt whose password was never checked.
	Cancel(ctx context.Context, a Attempt) error
	// Unlock forgets the failures of the account email.
	Unlock(ctx context.Context, email string) error
}

// newLoginLimit returns the counting of the login limit for store: in the
// store when it keeps failures, so that every instance on it shares the
// counts, else in memory, where a sign-in costs no write.
func newLoginLimit(store Store, cfg Config) loginLimit {
	if fs, ok := store.(FailureStore); ok {
		return NewStoreLimiter(fs, cfg)
	}
	return NewLimiter(cfg)
}
