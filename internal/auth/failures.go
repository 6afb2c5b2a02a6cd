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
	// Attempt counts a sign-in before its password is checked, in one
	// atomic step: it reads the failures after since of each of keys,
	// passes them to decide (a key with none is not in the map), and
	// records at under each key decide returns, dropping their failures at
	// or before since; if decide returns none, nothing is written.
	// Concurrent Attempts on a key are serialised: each decides on the
	// records of those before it, so a limit decide applies holds however
	// many sign-ins run at once. decide may be called more than once (a
	// retried transaction) and must not keep state. Attempt reports
	// whether it recorded.
	Attempt(ctx context.Context, keys []string, at, since time.Time, decide func(map[string][]time.Time) []string) (bool, error)
	// Settle settles a sign-in that succeeded, in one atomic write: it
	// forgets every failure of each of forget, removes the failures at at
	// from each of refund, and, if mark is not "", leaves under mark the
	// one time until, which keeps mark through PurgeFailures until then.
	Settle(ctx context.Context, forget, refund []string, at time.Time, mark string, until time.Time) error
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

// StoreLimiter is the login limit of Limiter, under the same rule, counted
// in a FailureStore that every instance on the store shares. Begin is one
// write (the check and the record of the try, atomic in the store); a
// failure costs nothing more; Succeed is one write.
//
// The keys reach the store as their SHA-256: the store holds no email
// typed into the sign-in form (people type passwords there too) and no
// address in clear.
type StoreLimiter struct {
	store FailureStore
	rule  rule
}

// NewStoreLimiter returns a limiter that counts in store, with the login
// limit of cfg (defaults filled in).
func NewStoreLimiter(store FailureStore, cfg Config) *StoreLimiter {
	return &StoreLimiter{store: store, rule: ruleOf(cfg.withDefaults())}
}

// hashed returns the keys of a sign-in as the store sees them.
func hashed(k limitKeys) limitKeys {
	return limitKeys{account: HashSecret(k.account), address: HashSecret(k.address),
		pair: HashSecret(k.pair), known: HashSecret(k.known)}
}

// Begin counts a sign-in to email from remote at now before its password
// is checked, as Limiter.Begin does, in one atomic write to the store.
func (l *StoreLimiter) Begin(ctx context.Context, email, remote string, now time.Time) (Attempt, time.Duration, error) {
	k := hashed(keysOf(email, remote))
	var wait time.Duration
	_, err := l.store.Attempt(ctx, []string{k.account, k.address, k.pair, k.known}, now, now.Add(-l.rule.horizon),
		func(fs map[string][]time.Time) []string {
			if wait = l.rule.wait(fs, k, now); wait > 0 {
				return nil
			}
			return k.counted()
		})
	if err != nil {
		return Attempt{}, 0, fmt.Errorf("count a sign-in of %s: %w", email, err)
	}
	if wait > 0 {
		return Attempt{}, wait, nil
	}
	return Attempt{Email: email, Remote: remote, At: now}, 0, nil
}

// Succeed settles attempt a, whose password was right, as Limiter.Succeed
// does, in one write.
func (l *StoreLimiter) Succeed(ctx context.Context, a Attempt) error {
	k := hashed(keysOf(a.Email, a.Remote))
	if err := l.store.Settle(ctx, []string{k.pair}, []string{k.account, k.address}, a.At, k.known, a.At.Add(l.rule.knownFor)); err != nil {
		return fmt.Errorf("settle the sign-in of %s: %w", a.Email, err)
	}
	return nil
}

// Cancel takes attempt a, whose password was never checked, off every
// count, in one write.
func (l *StoreLimiter) Cancel(ctx context.Context, a Attempt) error {
	k := hashed(keysOf(a.Email, a.Remote))
	if err := l.store.Settle(ctx, nil, k.counted(), a.At, "", time.Time{}); err != nil {
		return fmt.Errorf("take back the sign-in of %s: %w", a.Email, err)
	}
	return nil
}

// Unlock forgets the failures of the account email (those counted from
// every address, where the account's delays come from). The failures of
// the account from each address, hashed with the address, are not found
// by the account alone; they leave with the window.
func (l *StoreLimiter) Unlock(ctx context.Context, email string) error {
	k := hashed(keysOf(email, ""))
	if err := l.store.ForgetFailures(ctx, k.account); err != nil {
		return fmt.Errorf("forget the failed sign-ins of %s: %w", email, err)
	}
	return nil
}

// Purge forgets the keys whose failures have all left the window at now
// (and the known marks that have expired), and returns how many. A Limiter
// needs no purge: it drops them itself.
func (l *StoreLimiter) Purge(ctx context.Context, now time.Time) (int, error) {
	n, err := l.store.PurgeFailures(ctx, now.Add(-l.rule.horizon))
	if err != nil {
		return 0, fmt.Errorf("purge old failed sign-ins: %w", err)
	}
	return n, nil
}
