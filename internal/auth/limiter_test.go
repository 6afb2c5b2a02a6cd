package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

func TestLimiter(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	l := auth.NewLimiter(3, 5, 15*time.Minute)
	for i := range 3 {
		if ok, _ := l.Allow("a@x.org", "198.51.100.1:5000", t0); !ok {
			t.Fatalf("try %d refused", i+1)
		}
		l.Fail("a@x.org", "198.51.100.1:5000", t0.Add(time.Duration(i)*time.Minute))
	}
	now := t0.Add(3 * time.Minute)
	ok, wait := l.Allow("a@x.org", "203.0.113.9:1", now)
	if ok || wait != 12*time.Minute {
		t.Errorf("the 4th try on the account, from elsewhere: ok %v, wait %v; want refused for 12m", ok, wait)
	}
	if ok, _ := l.Allow("b@x.org", "198.51.100.1:6000", now); !ok {
		t.Error("another account from the same address is refused below the address limit")
	}
	// Two more failures from the address, on other accounts, reach its limit.
	l.Fail("b@x.org", "198.51.100.1:1", now)
	l.Fail("c@x.org", "198.51.100.1:2", now)
	if ok, _ := l.Allow("d@x.org", "198.51.100.1:3", now); ok {
		t.Error("the address limit does not hold")
	}
	// IPv6 counts by /64.
	for i := range 5 {
		l.Fail("e@x.org", "[2001:db8::"+string(rune('a'+i))+"]:1", now)
	}
	if ok, _ := l.Allow("f@x.org", "[2001:db8::ffff]:1", now); ok {
		t.Error("an IPv6 /64 escapes the address limit by changing its host part")
	}
	// The window slides.
	if ok, _ := l.Allow("a@x.org", "203.0.113.9:1", t0.Add(15*time.Minute)); !ok {
		t.Error("the account is still refused once its oldest failure left the window")
	}
	// Success forgets the account's failures, not the address's.
	l.Succeed("a@x.org")
	if ok, _ := l.Allow("a@x.org", "203.0.113.9:1", now); !ok {
		t.Error("the account is refused after a successful sign-in")
	}
	if ok, _ := l.Allow("a@x.org", "198.51.100.1:1", now); ok {
		t.Error("a success cleared the address's failures")
	}
}

// memoryLimiter is an auth.Limiter as authtest drives a limiter.
type memoryLimiter struct{ l *auth.Limiter }

func (m memoryLimiter) Allow(_ context.Context, email, remote string, now time.Time) (bool, time.Duration, error) {
	ok, wait := m.l.Allow(email, remote, now)
	return ok, wait, nil
}

func (m memoryLimiter) Fail(_ context.Context, email, remote string, now time.Time) error {
	m.l.Fail(email, remote, now)
	return nil
}

func (m memoryLimiter) Succeed(_ context.Context, email string) error {
	m.l.Succeed(email)
	return nil
}

// TestLimiterImplementations runs the behaviour of the login limit on each
// way of counting: in memory (Limiter), and in a store shared by instances
// (StoreLimiter). graph/neo4j runs the same on its store through authtest.
func TestLimiterImplementations(t *testing.T) {
	for _, impl := range []struct {
		name string
		new  func(account, address int, window time.Duration) authtest.Limiter
	}{
		{"memory", func(account, address int, window time.Duration) authtest.Limiter {
			return memoryLimiter{auth.NewLimiter(account, address, window)}
		}},
		{"store", func(account, address int, window time.Duration) authtest.Limiter {
			return auth.NewStoreLimiter(newMemFailures(), account, address, window)
		}},
	} {
		t.Run(impl.name, func(t *testing.T) {
			authtest.RunLimiter(t, func(_ *testing.T, account, address int, window time.Duration) authtest.Limiter {
				return impl.new(account, address, window)
			})
		})
	}
}
