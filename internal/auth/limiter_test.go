package auth_test

import (
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestLimiterImplementations runs the behaviour of the login limit on each
// way of counting: in memory (Limiter), and in a store shared by instances
// (StoreLimiter). graph/neo4j runs the same on its store through authtest.
func TestLimiterImplementations(t *testing.T) {
	for _, impl := range []struct {
		name string
		new  func(cfg auth.Config) authtest.Limiter
	}{
		{"memory", func(cfg auth.Config) authtest.Limiter { return auth.NewLimiter(cfg) }},
		{"store", func(cfg auth.Config) authtest.Limiter { return auth.NewStoreLimiter(newMemFailures(), cfg) }},
	} {
		t.Run(impl.name, func(t *testing.T) {
			authtest.RunLimiter(t, func(_ *testing.T, cfg auth.Config) authtest.Limiter { return impl.new(cfg) })
		})
	}
}
