package auth

import (
	"net"
	"net/netip"
	"sync"
	"time"
)

// Limiter counts failed sign-ins per account and per remote address in a
// sliding window, and refuses further tries once either count reaches its
// limit, until the oldest failure in the window is older than the window.
//
// It keeps its counts in memory, per instance, which is exact only when one
// instance serves the store. That is so with the embedded store, whose file
// one process holds locked, and the Manager counts in a Limiter for it: a
// sign-in then costs no write to the file (a bbolt write is a sync to disk),
// and the counts need not outlive a restart. A store that several instances
// share (graph/neo4j) implements FailureStore instead, and the Manager
// counts in it with a StoreLimiter, under the same rules.
//
// The per-account limit is low (an account needs few tries); the
// per-address limit is higher, because the staff of one organisation often
// share an address.
type Limiter struct {
	mu          sync.Mutex
	account     int // failures allowed per account in the window
	address     int // failures allowed per address in the window
	window      time.Duration
	failures    map[string][]time.Time // by key, oldest first
	lastCleanup time.Time
}

// NewLimiter returns a limiter that allows account failures per account and
// address failures per remote address within window.
func NewLimiter(account, address int, window time.Duration) *Limiter {
	return &Limiter{account: account, address: address, window: window, failures: map[string][]time.Time{}}
}

// limiterKeys returns the counting keys of a sign-in: the account and the
// address. An IPv6 address counts by its /64, which one client usually
// holds whole.
func limiterKeys(email, remote string) (account, address string) {
	host := remote
	if h, _, err := net.SplitHostPort(remote); err == nil {
		host = h
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Is6() && !ip.Is4In6() {
			p, _ := ip.Prefix(64)
			host = p.String()
		} else {
			host = ip.Unmap().String()
		}
	}
	return "account:" + email, "address:" + host
}

// Allow reports whether a sign-in to email from remote may be tried at now,
// and if not, how long until it may.
func (l *Limiter) Allow(email, remote string, now time.Time) (bool, time.Duration) {
	acc, addr := limiterKeys(email, remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	wait := max(l.blocked(acc, l.account, now), l.blocked(addr, l.address, now))
	return wait == 0, wait
}

// blocked returns how long key stays blocked at now: 0 if it is not.
func (l *Limiter) blocked(key string, limit int, now time.Time) time.Duration {
	return retryAfter(l.recent(key, now), limit, l.window, now)
}

// retryAfter returns how long a key whose failures within the window at now
// are fs (oldest first) stays blocked under limit: 0 if it is not. The
// Limiter and the StoreLimiter both decide by it.
func retryAfter(fs []time.Time, limit int, window time.Duration, now time.Time) time.Duration {
	if limit <= 0 || len(fs) < limit {
		return 0
	}
	// The try is allowed again when the failure that makes the count
	// reach the limit leaves the window.
	return fs[len(fs)-limit].Add(window).Sub(now)
}

// recent returns the failures of key within the window, dropping older ones.
func (l *Limiter) recent(key string, now time.Time) []time.Time {
	fs := l.failures[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= l.window {
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

// Fail records a failed sign-in to email from remote at now.
func (l *Limiter) Fail(email, remote string, now time.Time) {
	acc, addr := limiterKeys(email, remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cleanup(now)
	for _, k := range []string{acc, addr} {
		l.failures[k] = append(l.recent(k, now), now)
	}
}

// Succeed forgets the failures of the account email after a successful
// sign-in. The address keeps its count: one good password from an address
// must not reset the guessing of another account.
func (l *Limiter) Succeed(email string) {
	acc, _ := limiterKeys(email, "")
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, acc)
}

// cleanup drops every key whose failures have all left the window, at most
// once per window, so that the map does not grow with every address and
// email ever tried.
func (l *Limiter) cleanup(now time.Time) {
	if now.Sub(l.lastCleanup) < l.window {
		return
	}
	l.lastCleanup = now
	for k := range l.failures {
		l.recent(k, now)
	}
}
