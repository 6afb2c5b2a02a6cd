package embedded_test

import (
	"path/filepath"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestAuthStore runs the auth.Store conformance suite on a new file per test.
func TestAuthStore(t *testing.T) {
	authtest.Run(t, func(t *testing.T) auth.Store {
		return mustOpen(t, filepath.Join(t.TempDir(), "gapmap.db")).Accounts()
	})
}

// TestAccountsOnlyByAsking: the store is not itself an auth.Store, so no
// caller finds the accounts by a type assertion on a graph.Store; it asks
// for them (main does, from the store it opened).
func TestAccountsOnlyByAsking(t *testing.T) {
	var st graph.Store = mustOpen(t, filepath.Join(t.TempDir(), "gapmap.db"))
	if _, ok := st.(auth.Store); ok {
		t.Error("*embedded.Store is an auth.Store: accounts can be found by a type assertion")
	}
	if st.(*embedded.Store).Accounts() == nil {
		t.Error("no accounts")
	}
}
