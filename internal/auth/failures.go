package auth

import (
	"context"
	"fmt"
	"time"
)

// FailureStore keeps the failed sign-ins of the login limit, for a Store
// that several gapmap instances share: counted in the store, the limits hold
// for all the instances together, however an attacker spreads the tries
// over them. A Store may implement it; NewManager then counts in it with a
// StoreLimiter, and in a Limiter in memory otherwise. graph/neo4j implements
// it; graph/embedded does not, as one process holds its file (see Limiter).
//
// A key is opaque to the store (the StoreLimiter passes hashes). A failure
// is in the window while it is after since, the start of the window; one at
// or before since has left it. Times come back as the same instants, oldest
// first. A FailureStore is safe for concurrent use, also by several
// processes on one database.
type FailureStore interface {
	// RecordFailures records a failure at at under each of keys (distinct)
	// in one atomic write, drops the keys' failures at or before since, and
	// returns each key's failures after since, at included. Concurrent
	// calls never lose a failure.
	RecordFailures(ctx context.Context, keys []string, at, since time.Time) (map[string][]time.Time, error)
	// Failures returns the failures after since of each of keys that has
	// any, in one read; a key with none is not in the map.
	Failures(ctx context.Context, keys []string, since time.Time) (map[string][]time.Time, error)
	// ForgetFailures forgets every failure of key; forgetting a key with
	// none is not an error.
	ForgetFailures(ctx context.Context, key string) error
	// PurgeFailures forgets the keys whose failures are all at or before
	// since, and returns how many.
	PurgeFailures(ctx context.Context, since time.Time) (int, error)
}

// StoreLimiter is the login limit of Limiter, with the same limits, window,
// keys and Retry-After, counted in a FailureStore that every instance on the
// store shares. Allow is one read of the account's and the address's
// failures; Fail is one write; Succeed forgets the account's failures (not
// the address's) with one write, which the Manager spares a success when
// the check before it found none.
//
// The keys reach the store as their SHA-256: the store holds no email
// typed into the sign-in form (people type passwords there too) and no
// address in clear.
type StoreLimiter struct {
	store   FailureStore
	account int // failures allowed per account in the window
	address int // failures allowed per address in the window
	window  time.Duration
}

// NewStoreLimiter returns a limiter that counts in store and allows account
// failures per account and address failures per remote address within
// window.
func NewStoreLimiter(store FailureStore, account, address int, window time.Duration) *StoreLimiter {
	return &StoreLimiter{store: store, account: account, address: address, window: window}
}

// storeKeys returns the keys of a sign-in as the store sees them.
func storeKeys(email, remote string) (account, address string) {
	acc, addr := limiterKeys(email, remote)
	return HashSecret(acc), HashSecret(addr)
}

// Allow reports whether a sign-in to email from remote may be tried at now,
// and if not, how long until it may.
func (l *StoreLimiter) Allow(ctx context.Context, email, remote string, now time.Time) (bool, time.Duration, error) {
	c, err := l.check(ctx, email, remote, now)
	return c.wait == 0, c.wait, err
}

// check is Allow as the Manager uses it, which also tells whether a
// success has account failures to forget.
func (l *StoreLimiter) check(ctx context.Context, email, remote string, now time.Time) (limitCheck, error) {
	acc, addr := storeKeys(email, remote)
	fs, err := l.store.Failures(ctx, []string{acc, addr}, now.Add(-l.window))
	if err != nil {
		return limitCheck{}, fmt.Errorf("read the failed sign-ins of %s: %w", email, err)
	}
	wait := max(retryAfter(fs[acc], l.account, l.window, now), retryAfter(fs[addr], l.address, l.window, now))
	return limitCheck{wait: wait, forget: len(fs[acc]) > 0}, nil
}

// Fail records a failed sign-in to email from remote at now.
func (l *StoreLimiter) Fail(ctx context.Context, email, remote string, now time.Time) error {
	acc, addr := storeKeys(email, remote)
	if _, err := l.store.RecordFailures(ctx, []string{acc, addr}, now, now.Add(-l.window)); err != nil {
		return fmt.Errorf("record a failed sign-in of %s: %w", email, err)
	}
	return nil
}

// Succeed forgets the failures of the account email after a successful
// sign-in; the address keeps its count, as with Limiter.Succeed.
func (l *StoreLimiter) Succeed(ctx context.Context, email string) error {
	acc, _ := storeKeys(email, "")
	if err := l.store.ForgetFailures(ctx, acc); err != nil {
		return fmt.Errorf("forget the failed sign-ins of %s: %w", email, err)
	}
	return nil
}

// Purge forgets the keys whose failures have all left the window at now,
// and returns how many. A Limiter needs no purge: it drops them itself.
func (l *StoreLimiter) Purge(ctx context.Context, now time.Time) (int, error) {
	n, err := l.store.PurgeFailures(ctx, now.Add(-l.window))
	if err != nil {
		return 0, fmt.Errorf("purge old failed sign-ins: %w", err)
	}
	return n, nil
}
