package auth_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

// sharedStore is an embedded store whose failed sign-ins count in a
// FailureStore, as on a store that several instances share (graph/neo4j).
type sharedStore struct {
	auth.Store
	*memFailures
}

// managerOn returns a manager on st, with cheap hashing and the clock c.
func managerOn(t *testing.T, st auth.Store, c *clock) *auth.Manager {
	t.Helper()
	m, err := auth.NewManager(st, auth.Config{Params: auth.TestParams, Now: c.now, SessionTTL: 8 * time.Hour, SessionIdle: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// newSharedStore returns a new embedded store that counts failed sign-ins
// in memFailures.
func newSharedStore(t *testing.T) *sharedStore {
	t.Helper()
	st, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &sharedStore{Store: st.Accounts(), memFailures: newMemFailures()}
}

// countings are the two ways the Manager counts failed sign-ins, for the
// tests that must hold for both.
var countings = []struct {
	name string
	open func(t *testing.T) (*auth.Manager, *clock)
}{
	{"memory", func(t *testing.T) (*auth.Manager, *clock) {
		m, _, c := newManager(t)
		return m, c
	}},
	{"store", func(t *testing.T) (*auth.Manager, *clock) {
		c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
		return managerOn(t, newSharedStore(t), c), c
	}},
}

// TestEmbeddedCountsInMemory: the embedded store keeps no failures, so the
// Manager counts them in memory and a sign-in makes no extra round trip to
// the file.
func TestEmbeddedCountsInMemory(t *testing.T) {
	st := (&embedded.Store{}).Accounts()
	if _, ok := st.(auth.FailureStore); ok {
		t.Error("the embedded store is an auth.FailureStore: every failed sign-in would write to the file")
	}
}

// TestLoginLimitSharedByInstances: two instances on one store share the
// count, so an attacker who spreads the tries over them gets the limit once.
func TestLoginLimitSharedByInstances(t *testing.T) {
	st := newSharedStore(t)
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	a, b := managerOn(t, st, c), managerOn(t, st, c)
	mustUser(t, a, "kari@example.org", auth.RoleEditor, "rosa_org")
	for i := range 5 {
		m := []*auth.Manager{a, b}[i%2]
		if _, _, err := m.Login(ctx, "kari@example.org", "guess", "198.51.100.7:1"); code(err) != auth.EUNAUTHORIZED {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	for name, m := range map[string]*auth.Manager{"a": a, "b": b} {
		if _, _, err := m.Login(ctx, "kari@example.org", pw, "203.0.113.1:1"); code(err) != auth.ELIMITED {
			t.Errorf("instance %s, after 5 failures over both: %v; want limited", name, err)
		}
	}
	c.advance(15 * time.Minute)
	if _, _, err := b.Login(ctx, "kari@example.org", pw, "203.0.113.1:1"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

// TestLoginRoundTrips: with the failures in the store, a sign-in is counted
// by one atomic write before the password is checked, and a success takes
// its count back with one more.
func TestLoginRoundTrips(t *testing.T) {
	st := newSharedStore(t)
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	m := managerOn(t, st, c)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	st.trips()
	for _, step := range []struct {
		name          string
		do            func() error
		want          string // error code
		reads, writes int
	}{
		{"success", func() error { _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1"); return err }, "", 0, 2},
		{"failure", func() error { _, _, err := m.Login(ctx, u.Email, "guess", "192.0.2.1:1"); return err }, auth.EUNAUTHORIZED, 0, 1},
		{"unknown email", func() error { _, _, err := m.Login(ctx, "nobody@example.org", pw, "192.0.2.1:1"); return err }, auth.EUNAUTHORIZED, 0, 1},
		{"success after a failure", func() error { _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1"); return err }, "", 0, 2},
		{"wrong current password", func() error {
			return m.ChangePassword(ctx, u, "guess", "a new passphrase of several words", "192.0.2.1:1")
		}, auth.EINVALID, 0, 1},
		{"password change", func() error { return m.ChangePassword(ctx, u, pw, "a new passphrase of several words", "192.0.2.1:1") }, "", 0, 2},
	} {
		err := step.do()
		reads, writes := st.trips()
		if code(err) != step.want || reads != step.reads || writes != step.writes {
			t.Errorf("%s: %v, %d reads, %d writes of failures; want %q, %d, %d", step.name, err, reads, writes, step.want, step.reads, step.writes)
		}
	}
	// A refused try costs its one atomic check, and writes nothing.
	for range 5 {
		m.Login(ctx, u.Email, "guess", "203.0.113.1:1")
	}
	st.trips()
	before := len(st.keys)
	if _, _, err := m.Login(ctx, u.Email, "guess", "203.0.113.1:1"); code(err) != auth.ELIMITED {
		t.Fatalf("the 6th failure: %v; want limited", err)
	}
	if reads, writes := st.trips(); reads != 0 || writes != 1 || len(st.keys) != before {
		t.Errorf("a refused sign-in: %d reads, %d checks, %d new keys; want 0, 1, 0", reads, writes, len(st.keys)-before)
	}
}

// TestLoginKeysHashed: the store sees the keys of a failure as hashes, not
// the email typed in or the address.
func TestLoginKeysHashed(t *testing.T) {
	st := newSharedStore(t)
	m := managerOn(t, st, &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)})
	m.Login(ctx, "kari@example.org", "guess", "198.51.100.7:1")
	if len(st.keys) != 3 {
		t.Fatalf("%d keys after a failure, want 3 (account, address, both)", len(st.keys))
	}
	for k := range st.keys {
		if strings.Contains(k, "kari") || strings.Contains(k, "198.51") || len(k) != 64 {
			t.Errorf("key %q is not a hash", k)
		}
	}
}

// TestLoginFailureStoreError: a store that cannot count fails the sign-in
// with its error, before the password is checked: no try goes uncounted.
func TestLoginFailureStoreError(t *testing.T) {
	st := newSharedStore(t)
	m := managerOn(t, st, &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)})
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	st.err = errors.New("database unavailable")
	if _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1"); !errors.Is(err, st.err) {
		t.Errorf("Login = %v; want the store's error", err)
	}
	if err := m.ChangePassword(ctx, u, pw, "a new passphrase of several words", "192.0.2.1:1"); !errors.Is(err, st.err) {
		t.Errorf("ChangePassword = %v; want the store's error", err)
	}
	if _, err := m.PurgeFailures(ctx); !errors.Is(err, st.err) {
		t.Errorf("PurgeFailures = %v; want the store's error", err)
	}
}

// TestPurgeFailures: the store forgets the keys whose failures no longer
// count (LoginBackoffFor); in memory there is nothing to purge.
func TestPurgeFailures(t *testing.T) {
	st := newSharedStore(t)
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	m := managerOn(t, st, c)
	m.Login(ctx, "kari@example.org", "guess", "198.51.100.7:1")
	c.advance(m.Config().LoginBackoffFor - time.Minute)
	m.Login(ctx, "ola@example.org", "guess", "198.51.100.8:1")
	c.advance(time.Minute)
	if n, err := m.PurgeFailures(ctx); err != nil || n != 3 {
		t.Errorf("PurgeFailures = %d, %v; want kari's three keys", n, err)
	}
	if len(st.keys) != 3 {
		t.Errorf("%d keys left, want ola's 3", len(st.keys))
	}
	mem, _, _ := newManager(t)
	if n, err := mem.PurgeFailures(ctx); err != nil || n != 0 {
		t.Errorf("PurgeFailures in memory = %d, %v; want 0, nil", n, err)
	}
}
