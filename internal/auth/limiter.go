package auth

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Limiter is the login limit (see rule) counted in memory, per instance,
// which is exact only when one instance serves the store. That is so with
// the embedded store, whose file one process holds locked, and the Manager
// counts in a Limiter for it: a sign-in then costs no write to the file (a
// bbolt write is a sync to disk), and the counts need not outlive a
// restart. A store that several instances share (graph/neo4j) implements
// FailureStore instead, and the Manager counts in it with a StoreLimiter,
// under the same rule.
type Limiter struct {
	mu       sync.Mutex
	rule     rule
	failures map[string][]time.Time // by key, oldest first
	// known maps the known marks to when they expire.
	known       map[string]time.Time
	lastCleanup time.Time
}

// NewLimiter returns a limiter in memory with the login limit of cfg
// (defaults filled in).
func NewLimiter(cfg Config) *Limiter {
	cfg = cfg.withDefaults()
	return &Limiter{rule: ruleOf(cfg), failures: map[string][]time.Time{}, known: map[string]time.Time{}}
}

// Attempt is a sign-in the limit has counted, to be settled by Succeed if
// its password was right.
type Attempt struct {
	Email, Remote string
	At            time.Time
}

// Begin counts a sign-in to email from remote at now, before its password
// is checked: if the limit allows it, it records it as a failure and
// returns wait 0; else it records nothing and returns how long to wait. The
// check and the record are one step under the limiter's lock.
func (l *Limiter) Begin(_ context.Context, email, remote string, now time.Time) (Attempt, time.Duration, error) {
	k := keysOf(email, remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cleanup(now)
	fs := map[string][]time.Time{}
	for _, key := range k.counted() {
		fs[key] = l.recent(key, now)
	}
	if until, ok := l.known[k.known]; ok {
		fs[k.known] = []time.Time{until}
	}
	if wait := l.rule.wait(fs, k, now); wait > 0 {
		return Attempt{}, wait, nil
	}
	for _, key := range k.counted() {
		l.failures[key] = append(fs[key], now)
	}
	return Attempt{Email: email, Remote: remote, At: now}, 0, nil
}

// Succeed settles attempt a, whose password was right: it takes a off the
// counts of the account and the address, forgets the failures of the
// account from the address, and marks the address known for the account.
// The account keeps the failures from elsewhere, and the address those at
// other accounts: one good password must not reset another's guessing.
func (l *Limiter) Succeed(_ context.Context, a Attempt) error {
	k := keysOf(a.Email, a.Remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, key := range []string{k.account, k.address} {
		l.refund(key, a.At)
	}
	delete(l.failures, k.pair)
	l.known[k.known] = a.At.Add(l.rule.knownFor)
	return nil
}

// Cancel takes attempt a, whose password was never checked (the server was
// busy), off every count.
func (l *Limiter) Cancel(_ context.Context, a Attempt) error {
	k := keysOf(a.Email, a.Remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, key := range k.counted() {
		l.refund(key, a.At)
	}
	return nil
}

// Unlock forgets every failure of the account email, from every address.
func (l *Limiter) Unlock(_ context.Context, email string) error {
	k := keysOf(email, "")
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, k.account)
	for key := range l.failures {
		if len(key) > len(k.pair) && key[:len(k.pair)] == k.pair {
			delete(l.failures, key)
		}
	}
	return nil
}

// refund removes one failure at at from key.
func (l *Limiter) refund(key string, at time.Time) {
	fs := l.failures[key]
	if i := slices.IndexFunc(fs, at.Equal); i >= 0 {
		fs = slices.Delete(fs, i, i+1)
	}
	if len(fs) == 0 {
		delete(l.failures, key)
	} else {
		l.failures[key] = fs
	}
}

// recent returns the failures of key within the rule's horizon, dropping
// older ones.
func (l *Limiter) recent(key string, now time.Time) []time.Time {
	fs := l.failures[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= l.rule.horizon {
		i++
	}
	if i > 0 {
		fs = fs[i:]
		if len(fs) == 0 {
			delete(l.failures, key)
		} else {
			l.failures[key] = fs
		}
	}
	return fs
}

// cleanup drops every key whose failures have all left the window, and
// every known mark that has expired, at most once per window, so that the
// maps do not grow with every address and email ever tried.
func (l *Limiter) cleanup(now time.Time) {
	if now.Sub(l.lastCleanup) < l.rule.window {
		// At most once per window; a key kept for the horizon is kept
		// until a cleanup after it.
		return
	}
	l.lastCleanup = now
	for k := range l.failures {
		l.recent(k, now)
	}
	for k, until := range l.known {
		if !until.After(now) {
			delete(l.known, k)
		}
	}
}
