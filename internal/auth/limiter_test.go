package auth_test

import (
	"context"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

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
