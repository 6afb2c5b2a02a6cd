package authtest

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// Limiter is the login limit as RunLimiter drives it: an auth.StoreLimiter
// as it is, an auth.Limiter through an adapter that never fails.
type Limiter interface {
	Allow(ctx context.Context, email, remote string, now time.Time) (bool, time.Duration, error)
	Fail(ctx context.Context, email, remote string, now time.Time) error
	Succeed(ctx context.Context, email string) error
}

// RunLimiter runs the behavioural tests of the login limit on the limiters
// newLimiter returns, a fresh one for each subtest, which allows account
// failures per account and address failures per remote address within
// window. Every implementation of the limit must pass them alike.
func RunLimiter(t *testing.T, newLimiter func(t *testing.T, account, address int, window time.Duration) Limiter) {
	for _, test := range []struct {
		name string
		fn   func(*testing.T, func(t *testing.T, account, address int, window time.Duration) Limiter)
	}{
		{"AccountsAndAddresses", testLimiterAccountsAndAddresses},
		{"RetryAfter", testLimiterRetryAfter},
		{"AddressKeys", testLimiterAddressKeys},
		{"SuccessKeepsAddress", testLimiterSuccessKeepsAddress},
	} {
		t.Run(test.name, func(t *testing.T) { test.fn(t, newLimiter) })
	}
}

// limitT0 is the start of the limiter tests.
var limitT0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

// limiterDo wraps a Limiter so that its errors fail the test.
type limiterDo struct {
	t *testing.T
	l Limiter
}

func (d limiterDo) allow(email, remote string, now time.Time) (bool, time.Duration) {
	d.t.Helper()
	ok, wait, err := d.l.Allow(ctx, email, remote, now)
	if err != nil {
		d.t.Fatalf("Allow(%s, %s): %v", email, remote, err)
	}
	return ok, wait
}

func (d limiterDo) fail(email, remote string, now time.Time) {
	d.t.Helper()
	if err := d.l.Fail(ctx, email, remote, now); err != nil {
		d.t.Fatalf("Fail(%s, %s): %v", email, remote, err)
	}
}

func (d limiterDo) succeed(email string) {
	d.t.Helper()
	if err := d.l.Succeed(ctx, email); err != nil {
		d.t.Fatalf("Succeed(%s): %v", email, err)
	}
}

// testLimiterAccountsAndAddresses: the account limit holds from any
// address, the address limit across accounts, an IPv6 client by its /64;
// the window slides; a success forgets the account's failures only.
func testLimiterAccountsAndAddresses(t *testing.T, newLimiter func(*testing.T, int, int, time.Duration) Limiter) {
	l := limiterDo{t, newLimiter(t, 3, 5, 15*time.Minute)}
	for i := range 3 {
		if ok, _ := l.allow("a@x.org", "198.51.100.1:5000", limitT0); !ok {
			t.Fatalf("try %d refused", i+1)
		}
		l.fail("a@x.org", "198.51.100.1:5000", limitT0.Add(time.Duration(i)*time.Minute))
	}
	now := limitT0.Add(3 * time.Minute)
	ok, wait := l.allow("a@x.org", "203.0.113.9:1", now)
	if ok || wait != 12*time.Minute {
		t.Errorf("the 4th try on the account, from elsewhere: ok %v, wait %v; want refused for 12m", ok, wait)
	}
	if ok, _ := l.allow("b@x.org", "198.51.100.1:6000", now); !ok {
		t.Error("another account from the same address is refused below the address limit")
	}
	// Two more failures from the address, on other accounts, reach its limit.
	l.fail("b@x.org", "198.51.100.1:1", now)
	l.fail("c@x.org", "198.51.100.1:2", now)
	if ok, _ := l.allow("d@x.org", "198.51.100.1:3", now); ok {
		t.Error("the address limit does not hold")
	}
	// IPv6 counts by /64.
	for i := range 5 {
		l.fail("e@x.org", "[2001:db8::"+string(rune('a'+i))+"]:1", now)
	}
	if ok, _ := l.allow("f@x.org", "[2001:db8::ffff]:1", now); ok {
		t.Error("an IPv6 /64 escapes the address limit by changing its host part")
	}
	// The window slides.
	if ok, _ := l.allow("a@x.org", "203.0.113.9:1", limitT0.Add(15*time.Minute)); !ok {
		t.Error("the account is still refused once its oldest failure left the window")
	}
	// Success forgets the account's failures, not the address's.
	l.succeed("a@x.org")
	if ok, _ := l.allow("a@x.org", "203.0.113.9:1", now); !ok {
		t.Error("the account is refused after a successful sign-in")
	}
	if ok, _ := l.allow("a@x.org", "198.51.100.1:1", now); ok {
		t.Error("a success cleared the address's failures")
	}
}

// testLimiterRetryAfter: the wait runs until the failure that makes the
// count reach the limit leaves the window, to the nanosecond; a failure
// exactly a window old no longer counts.
func testLimiterRetryAfter(t *testing.T, newLimiter func(*testing.T, int, int, time.Duration) Limiter) {
	const window = 15 * time.Minute
	l := limiterDo{t, newLimiter(t, 3, 100, window)}
	for _, m := range []time.Duration{0, 1, 2, 5} {
		l.fail("a@x.org", "198.51.100.1", limitT0.Add(m*time.Minute))
	}
	for _, test := range []struct {
		at   time.Duration // after limitT0
		want time.Duration // 0: allowed
	}{
		{6 * time.Minute, 10 * time.Minute},                               // the 2nd of 4 failures (t0+1m) makes 3
		{15*time.Minute - time.Nanosecond, time.Minute + time.Nanosecond}, // the 1st is still in the window
		{15 * time.Minute, time.Minute},                                   // the 1st has left it; the 2nd makes 3
		{16*time.Minute - time.Nanosecond, time.Nanosecond},               // three left: t0+1m, +2m, +5m
		{16 * time.Minute, 0},                                             // two left
	} {
		ok, wait := l.allow("a@x.org", "203.0.113.9", limitT0.Add(test.at))
		if ok != (test.want == 0) || wait != test.want {
			t.Errorf("at t0+%v: ok %v, wait %v; want wait %v", test.at, ok, wait, test.want)
		}
	}
}

// testLimiterAddressKeys: an address counts the same with or without a
// port and as an IPv4-mapped IPv6 address; an IPv6 client counts by its
// /64, and another /64 is another client.
func testLimiterAddressKeys(t *testing.T, newLimiter func(*testing.T, int, int, time.Duration) Limiter) {
	l := limiterDo{t, newLimiter(t, 100, 3, 15*time.Minute)}
	for i, remote := range []string{"198.51.100.1", "198.51.100.1:80", "[::ffff:198.51.100.1]:443"} {
		l.fail(fmt.Sprintf("user%d@x.org", i), remote, limitT0)
	}
	if ok, _ := l.allow("other@x.org", "198.51.100.1:9", limitT0); ok {
		t.Error("one IPv4 address written three ways escapes the address limit")
	}
	if ok, _ := l.allow("other@x.org", "198.51.100.2:9", limitT0); !ok {
		t.Error("the next IPv4 address is refused")
	}
	for i, remote := range []string{"[2001:db8::1]:1", "2001:db8::2", "[2001:db8:0:0:ffff:ffff:ffff:ffff]:2"} {
		l.fail(fmt.Sprintf("user%d@x.org", i), remote, limitT0)
	}
	if ok, _ := l.allow("other@x.org", "[2001:db8::abcd]:1", limitT0); ok {
		t.Error("an IPv6 /64 escapes the address limit")
	}
	if ok, _ := l.allow("other@x.org", "[2001:db8:0:1::1]:1", limitT0); !ok {
		t.Error("the next IPv6 /64 is refused")
	}
}

// testLimiterSuccessKeepsAddress: a good password from an address does not
// reset its guessing of other accounts, and a success on one account
// leaves the failures of another.
func testLimiterSuccessKeepsAddress(t *testing.T, newLimiter func(*testing.T, int, int, time.Duration) Limiter) {
	l := limiterDo{t, newLimiter(t, 2, 3, 15*time.Minute)}
	l.fail("a@x.org", "198.51.100.1", limitT0)
	l.fail("a@x.org", "198.51.100.1", limitT0)
	l.fail("b@x.org", "203.0.113.1", limitT0)
	l.fail("b@x.org", "203.0.113.1", limitT0)
	l.succeed("a@x.org")
	l.succeed("nobody@x.org") // an account without failures
	now := limitT0.Add(time.Minute)
	if ok, _ := l.allow("a@x.org", "192.0.2.1", now); !ok {
		t.Error("the account is refused after a successful sign-in")
	}
	if ok, wait := l.allow("b@x.org", "192.0.2.1", now); ok || wait != 14*time.Minute {
		t.Errorf("another account after a success: ok %v, wait %v; want refused for 14m", ok, wait)
	}
	l.fail("c@x.org", "198.51.100.1", now)
	if ok, wait := l.allow("d@x.org", "198.51.100.1", now); ok || wait != 14*time.Minute {
		t.Errorf("the address's third failure after a success: ok %v, wait %v; want refused for 14m", ok, wait)
	}
}
