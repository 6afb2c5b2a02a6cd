package authtest

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
)

// Limiter is the login limit as RunLimiter drives it: an auth.Limiter or an
// auth.StoreLimiter.
type Limiter interface {
	Begin(ctx context.Context, email, remote string, now time.Time) (auth.Attempt, time.Duration, error)
	Succeed(ctx context.Context, a auth.Attempt) error
	Cancel(ctx context.Context, a auth.Attempt) error
	Unlock(ctx context.Context, email string) error
}

// RunLimiter runs the behavioural tests of the login limit on the limiters
// newLimiter returns, a fresh one for each subtest, with the login limit of
// cfg. Every implementation of the limit must pass them alike.
func RunLimiter(t *testing.T, newLimiter func(t *testing.T, cfg auth.Config) Limiter) {
	for _, test := range []struct {
		name string
		fn   func(*testing.T, func(t *testing.T, cfg auth.Config) Limiter)
	}{
		{"DelaysRise", testLimiterDelaysRise},
		{"KnownAddressGetsIn", testLimiterKnownAddress},
		{"AddressLimit", testLimiterAddressLimit},
		{"AddressKeys", testLimiterAddressKeys},
		{"SuccessTakesBackItsTry", testLimiterSuccessTakesBack},
		{"CancelAndUnlock", testLimiterCancelAndUnlock},
		{"ConcurrentTries", testLimiterConcurrent},
	} {
		t.Run(test.name, func(t *testing.T) { test.fn(t, newLimiter) })
	}
}

// limitT0 is the start of the limiter tests.
var limitT0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// limitCfg is the login limit of the tests: 3 free failures, delays of
// 10s, 20s, 40s and then 1m, counted for an hour; 5 failures per address
// in a window of 15m.
var limitCfg = auth.Config{LoginLimit: 3, LoginAddressLimit: 5, LoginWindow: 15 * time.Minute,
	LoginDelay: 10 * time.Second, LoginMaxDelay: time.Minute, LoginBackoffFor: time.Hour, LoginKnownFor: 24 * time.Hour}

// limiterDo wraps a Limiter so that its errors fail the test.
type limiterDo struct {
	t *testing.T
	l Limiter
}

// try begins a sign-in and returns its attempt and wait (0: it may go
// ahead, and counts as a failure until settled).
func (d limiterDo) try(email, remote string, now time.Time) (auth.Attempt, time.Duration) {
	d.t.Helper()
	a, wait, err := d.l.Begin(ctx, email, remote, now)
	if err != nil {
		d.t.Fatalf("Begin(%s, %s): %v", email, remote, err)
	}
	return a, wait
}

// fail is a try with a wrong password, which must be allowed.
func (d limiterDo) fail(email, remote string, now time.Time) {
	d.t.Helper()
	if _, wait := d.try(email, remote, now); wait != 0 {
		d.t.Fatalf("try of %s from %s at %v refused for %v", email, remote, now, wait)
	}
}

// succeed is a try with the right password, which must be allowed.
func (d limiterDo) succeed(email, remote string, now time.Time) {
	d.t.Helper()
	a, wait := d.try(email, remote, now)
	if wait != 0 {
		d.t.Fatalf("right password of %s from %s at %v refused for %v", email, remote, now, wait)
	}
	if err := d.l.Succeed(ctx, a); err != nil {
		d.t.Fatalf("Succeed(%s): %v", email, err)
	}
}

// testLimiterDelaysRise: after the free failures each try waits a delay
// after the last failure that doubles up to the maximum, from any address;
// a refused try is not counted; failures leave with the window.
func testLimiterDelaysRise(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	l := limiterDo{t, newLimiter(t, limitCfg)}
	const acc = "a@x.org"
	addr := func(i int) string { return fmt.Sprintf("198.51.100.%d:1", i) } // another address each time
	for i := range 3 {
		l.fail(acc, addr(i), limitT0)
	}
	now := limitT0
	for i, want := range []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second, time.Minute, time.Minute} {
		if _, wait := l.try(acc, addr(10+i), now); wait != want {
			t.Fatalf("try %d at +%v: wait %v, want %v", 4+i, now.Sub(limitT0), wait, want)
		}
		if _, wait := l.try(acc, addr(10+i), now.Add(want-time.Nanosecond)); wait != time.Nanosecond {
			t.Errorf("try %d a nanosecond early: wait %v, want 1ns (and not counted)", 4+i, wait)
		}
		now = now.Add(want)
		l.fail(acc, addr(10+i), now)
	}
	// Another account is not slowed.
	if _, wait := l.try("b@x.org", addr(99), now); wait != 0 {
		t.Errorf("another account waits %v", wait)
	}
	// The longest delay after the last failure, the account may try
	// again; once its failures no longer count, it has its free ones.
	if _, wait := l.try(acc, addr(98), now.Add(time.Minute)); wait != 0 {
		t.Errorf("the longest delay after the last failure: wait %v, want 0", wait)
	}
	later := now.Add(time.Minute + time.Hour) // LoginBackoffFor after the last
	for i := range 3 {
		l.fail(acc, addr(50+i), later)
	}
}

// testLimiterKnownAddress: guesses from elsewhere, however many, never keep
// the owner out from an address the owner signed in from before; from a
// new address the owner waits at most the maximum delay.
func testLimiterKnownAddress(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	l := limiterDo{t, newLimiter(t, limitCfg)}
	const acc, home = "admin@x.org", "192.0.2.10:443"
	l.succeed(acc, home, limitT0)
	now := limitT0.Add(time.Hour)
	// An attacker keeps the account at its longest delay, from many
	// addresses.
	for i := range 40 {
		_, wait := l.try(acc, fmt.Sprintf("203.0.113.%d:1", i), now)
		now = now.Add(wait)
		if wait == 0 {
			continue
		}
		l.fail(acc, fmt.Sprintf("203.0.113.%d:1", i), now)
	}
	if _, wait := l.try(acc, "203.0.113.200:1", now); wait != time.Minute {
		t.Errorf("the attacked account from a new address waits %v; want the maximum, 1m", wait)
	}
	// From home the owner gets in at once, also after mistyping.
	l.fail(acc, home, now)
	l.succeed(acc, home, now)
	// The address stays known for LoginKnownFor after the last success.
	later := now.Add(25 * time.Hour)
	for range 3 {
		l.fail(acc, "203.0.113.250:1", later)
	}
	if _, wait := l.try(acc, home, later); wait != 10*time.Second {
		t.Errorf("home a day after the last success, the account attacked: wait %v; want the account's 10s (home is no longer known)", wait)
	}
	// Mistakes from home back off too, on their own.
	l2 := limiterDo{t, newLimiter(t, limitCfg)}
	l2.succeed(acc, home, limitT0)
	for range 3 {
		l2.fail(acc, home, limitT0)
	}
	if _, wait := l2.try(acc, home, limitT0); wait != 10*time.Second {
		t.Errorf("the 4th mistake from home: wait %v, want 10s", wait)
	}
}

// testLimiterAddressLimit: an address has a fixed number of failures in the
// window over every account, after which it waits until the oldest leaves;
// an address known to an account is exempt for that account.
func testLimiterAddressLimit(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	l := limiterDo{t, newLimiter(t, limitCfg)}
	const office = "198.51.100.1:5000"
	l.succeed("staff@x.org", office, limitT0)
	for i := range 5 {
		l.fail(fmt.Sprintf("u%d@x.org", i), office, limitT0.Add(time.Duration(i)*time.Minute))
	}
	now := limitT0.Add(5 * time.Minute)
	if _, wait := l.try("new@x.org", office, now); wait != 10*time.Minute {
		t.Errorf("the 6th failure of the address: wait %v, want 10m (until the first leaves the window)", wait)
	}
	if _, wait := l.try("new@x.org", "198.51.100.2:1", now); wait != 0 {
		t.Errorf("the next address waits %v", wait)
	}
	if _, wait := l.try("staff@x.org", office, now); wait != 0 {
		t.Errorf("the account that signed in from the address waits %v there", wait)
	}
}

// testLimiterAddressKeys: an address counts the same with or without a
// port and as an IPv4-mapped IPv6 address; an IPv6 client counts by its
// /64, and another /64 is another client.
func testLimiterAddressKeys(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	cfg := limitCfg
	cfg.LoginAddressLimit = 3
	l := limiterDo{t, newLimiter(t, cfg)}
	for i, remote := range []string{"198.51.100.1", "198.51.100.1:80", "[::ffff:198.51.100.1]:443"} {
		l.fail(fmt.Sprintf("user%d@x.org", i), remote, limitT0)
	}
	if _, wait := l.try("other@x.org", "198.51.100.1:9", limitT0); wait == 0 {
		t.Error("one IPv4 address written three ways escapes the address limit")
	}
	if _, wait := l.try("other@x.org", "198.51.100.2:9", limitT0); wait != 0 {
		t.Error("the next IPv4 address is refused")
	}
	for i, remote := range []string{"[2001:db8::1]:1", "2001:db8::2", "[2001:db8:0:0:ffff:ffff:ffff:ffff]:2"} {
		l.fail(fmt.Sprintf("user%d@x.org", i), remote, limitT0)
	}
	if _, wait := l.try("other@x.org", "[2001:db8::abcd]:1", limitT0); wait == 0 {
		t.Error("an IPv6 /64 escapes the address limit")
	}
	if _, wait := l.try("other@x.org", "[2001:db8:0:1::1]:1", limitT0); wait != 0 {
		t.Error("the next IPv6 /64 is refused")
	}
}

// testLimiterSuccessTakesBack: a success counts against neither the
// account nor the address, and leaves the failures of others.
func testLimiterSuccessTakesBack(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	l := limiterDo{t, newLimiter(t, limitCfg)}
	const office = "198.51.100.1:5000"
	for i := range 20 { // more sign-ins than the address allows failures
		l.succeed(fmt.Sprintf("u%d@x.org", i), office, limitT0)
	}
	for i := range 5 {
		l.fail(fmt.Sprintf("v%d@x.org", i), office, limitT0)
	}
	// Failures of the account from elsewhere stay after its owner's
	// success, and so do the address's failures at other accounts.
	for range 3 {
		l.fail("a@x.org", "203.0.113.1:1", limitT0)
	}
	now := limitT0.Add(10 * time.Second)
	l.succeed("a@x.org", "192.0.2.1:1", now)
	l.fail("a@x.org", "203.0.113.2:1", now)
	if _, wait := l.try("a@x.org", "203.0.113.3:1", now); wait != 20*time.Second {
		t.Errorf("after the owner's success and one more failure: wait %v; want 20s, the delay of the 5th failure", wait)
	}
	if _, wait := l.try("w@x.org", office, limitT0); wait == 0 {
		t.Error("the successes from the office cleared its failures at other accounts")
	}
}

// testLimiterCancelAndUnlock: a cancelled try does not count; Unlock frees
// the account from the delays of failures from everywhere.
func testLimiterCancelAndUnlock(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	l := limiterDo{t, newLimiter(t, limitCfg)}
	for range 10 {
		a, wait := l.try("a@x.org", "198.51.100.1:1", limitT0)
		if wait != 0 {
			t.Fatalf("a try after cancelled ones waits %v", wait)
		}
		if err := l.l.Cancel(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 6 {
		_, wait := l.try("a@x.org", fmt.Sprintf("203.0.113.%d:1", i), limitT0.Add(time.Duration(i)*time.Minute))
		if wait > 0 && i < 3 {
			t.Fatalf("try %d waits %v", i, wait)
		}
	}
	now := limitT0.Add(5*time.Minute + 30*time.Second)
	if _, wait := l.try("a@x.org", "192.0.2.1:1", now); wait == 0 {
		t.Fatal("the account has no delay after its failures")
	}
	if err := l.l.Unlock(ctx, "a@x.org"); err != nil {
		t.Fatal(err)
	}
	if _, wait := l.try("a@x.org", "192.0.2.1:1", now); wait != 0 {
		t.Errorf("after Unlock the account waits %v", wait)
	}
}

// testLimiterConcurrent: tries at once are counted before they run, so
// however many arrive together, no more go ahead than the limit allows: at
// one account from many addresses, the free failures; from one address at
// many accounts, the address limit.
func testLimiterConcurrent(t *testing.T, newLimiter func(*testing.T, auth.Config) Limiter) {
	cfg := limitCfg
	cfg.LoginLimit, cfg.LoginAddressLimit = 5, 20
	for _, test := range []struct {
		name   string
		try    func(i int) (email, remote string)
		allowd int64
	}{
		{"one account", func(i int) (string, string) { return "a@x.org", fmt.Sprintf("203.0.%d.%d:1", i/250, i%250) }, 5},
		{"one address", func(i int) (string, string) { return fmt.Sprintf("u%d@x.org", i), "198.51.100.1:1" }, 20},
	} {
		t.Run(test.name, func(t *testing.T) {
			l := newLimiter(t, cfg)
			var allowed atomic.Int64
			var wg sync.WaitGroup
			for i := range 150 {
				wg.Go(func() {
					email, remote := test.try(i)
					_, wait, err := l.Begin(ctx, email, remote, limitT0)
					if err != nil {
						t.Error(err)
					}
					if err == nil && wait == 0 {
						allowed.Add(1)
					}
				})
			}
			wg.Wait()
			if got := allowed.Load(); got != test.allowd {
				t.Errorf("150 tries at once: %d went ahead, want %d", got, test.allowd)
			}
		})
	}
}
