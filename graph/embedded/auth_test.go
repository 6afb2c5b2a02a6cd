package embedded_test

import (
	"path/filepath"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestAuthStore runs the auth.Store conformance suite on a new file per test.
func TestAuthStore(t *testing.T) {
	authtest.Run(t, func(t *testing.T) auth.Store {
		return mustOpen(t, filepath.Join(t.TempDir(), "gapmap.db"))
	})
}
