package auth_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

var ctx = context.Background()

// clock is a settable clock for the manager.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newManager returns a manager on a new embedded store, with cheap hashing
// and a clock the test moves.
func newManager(t *testing.T) (*auth.Manager, auth.Store, *clock) {
	t.Helper()
	st, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	m, err := auth.NewManager(st.Accounts(), auth.Config{Params: auth.TestParams, Now: c.now, SessionTTL: 8 * time.Hour, SessionIdle: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return m, st.Accounts(), c
}

const pw = "correct horse battery staple"

func mustUser(t *testing.T, m *auth.Manager, email string, role auth.Role, org string) *auth.User {
	t.Helper()
	u, err := m.CreateUser(ctx, auth.NewUser{Email: email, Name: "Someone", OrgID: org, Role: role, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func code(err error) string { return auth.ErrorCode(err) }

func TestCreateUser(t *testing.T) {
	m, _, _ := newManager(t)
	u := mustUser(t, m, "  Kari@Example.ORG ", auth.RoleEditor, "rosa_org")
	if u.Email != "kari@example.org" || !strings.HasPrefix(u.PasswordHash, "$argon2id$") || strings.Contains(u.PasswordHash, pw) {
		t.Errorf("created %+v", u)
	}
	for name, nu := range map[string]auth.NewUser{
		"short password": {Email: "a@example.org", Name: "A", Role: auth.RoleAnalyst, Password: "short"},
		"bad email":      {Email: "not-an-email", Name: "A", Role: auth.RoleAnalyst, Password: pw},
		"editor, no org": {Email: "b@example.org", Name: "B", Role: auth.RoleEditor, Password: pw},
		"no name":        {Email: "c@example.org", Role: auth.RoleAnalyst, Password: pw},
		"taken email":    {Email: "KARI@example.org", Name: "K", Role: auth.RoleAnalyst, Password: pw},
		"unknown role":   {Email: "d@example.org", Name: "D", Role: "owner", Password: pw},
	} {
		_, err := m.CreateUser(ctx, nu)
		want := auth.EINVALID
		if name == "taken email" {
			want = auth.ECONFLICT
		}
		if code(err) != want {
			t.Errorf("%s: %v, want %s", name, err, want)
		}
	}
	if us, _ := m.Users(ctx); len(us) != 1 {
		t.Errorf("%d users, want 1", len(us))
	}
}

func TestLogin(t *testing.T) {
	m, _, _ := newManager(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	secret, got, err := m.Login(ctx, "KARI@example.org ", pw, "192.0.2.1:1")
	if err != nil || got.ID != u.ID || len(secret) != 43 {
		t.Fatalf("Login = %q, %v, %v", secret, got, err)
	}
	if su, _, err := m.SessionUser(ctx, secret); err != nil || su.ID != u.ID {
		t.Errorf("SessionUser = %v, %v", su, err)
	}
	// Wrong password, unknown email and disabled user look the same.
	var msgs []string
	for _, try := range []struct{ email, pw string }{{"kari@example.org", "wrong password!"}, {"nobody@example.org", pw}} {
		_, _, err := m.Login(ctx, try.email, try.pw, "192.0.2.2:1")
		if code(err) != auth.EUNAUTHORIZED {
			t.Errorf("Login(%s) = %v, want unauthorized", try.email, err)
		}
		msgs = append(msgs, auth.ErrorMessage(err))
	}
	if _, err := m.SetDisabled(ctx, u.ID, true); err != nil {
		t.Fatal(err)
	}
	_, _, err = m.Login(ctx, "kari@example.org", pw, "192.0.2.3:1")
	msgs = append(msgs, auth.ErrorMessage(err))
	if msgs[0] != msgs[1] || msgs[1] != msgs[2] {
		t.Errorf("failed sign-ins tell their reasons apart: %q", msgs)
	}
	// Disabling ended the session.
	if _, _, err := m.SessionUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the session of a disabled user: %v", err)
	}
}

func TestSessionLifetime(t *testing.T) {
	m, st, c := newManager(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	secret, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	// Only the hash is stored.
	if _, err := st.Session(ctx, secret); code(err) != auth.ENOTFOUND {
		t.Error("the session id itself is a key of the store")
	}
	if _, err := st.Session(ctx, auth.HashSecret(secret)); err != nil {
		t.Errorf("the hash is not stored: %v", err)
	}
	// Activity keeps it alive up to the TTL.
	for range 30 {
		c.advance(20 * time.Minute)
		if _, _, err := m.SessionUser(ctx, secret); err != nil {
			if c.now().Sub(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)) < 8*time.Hour {
				t.Fatalf("an active session ended after %v: %v", c.now(), err)
			}
			break
		}
	}
	if _, _, err := m.SessionUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the session outlived its TTL: %v", err)
	}
	// Idleness ends a session.
	secret, _, _ = m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	c.advance(31 * time.Minute)
	if _, _, err := m.SessionUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("an idle session lives on: %v", err)
	}
	// Logout ends one.
	secret, _, _ = m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	if err := m.Logout(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.SessionUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("a session lives on after logout: %v", err)
	}
	// A password reset ends every session.
	s1, _, _ := m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	s2, _, _ := m.Login(ctx, u.Email, pw, "192.0.2.9:1")
	if _, err := m.SetPassword(ctx, u.ID, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{s1, s2} {
		if _, _, err := m.SessionUser(ctx, s); code(err) != auth.EUNAUTHORIZED {
			t.Errorf("a session lives on after a password reset: %v", err)
		}
	}
	if _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1"); err == nil {
		t.Error("the old password still works")
	}
	if _, _, err := m.Login(ctx, u.Email, "a brand new passphrase", "192.0.2.1:1"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	// Ended sessions are purged.
	c.advance(9 * time.Hour)
	if n, err := m.PurgeSessions(ctx); err != nil || n == 0 {
		t.Errorf("PurgeSessions = %d, %v", n, err)
	}
}

// TestLoginLimit is the brute-force test: the sixth try on an account
// within the window is refused even with the right password, from any
// address; other accounts are not locked by it; the address limit stops a
// guesser that spreads over accounts; the window ends the refusal.
func TestLoginLimit(t *testing.T) {
	for _, counting := range countings {
		t.Run(counting.name, func(t *testing.T) { testLoginLimit(t, counting.open) })
	}
}

func testLoginLimit(t *testing.T, open func(t *testing.T) (*auth.Manager, *clock)) {
	m, c := open(t)
	mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	mustUser(t, m, "ola@example.org", auth.RoleEditor, "rosa_org")
	for i := range 5 {
		if _, _, err := m.Login(ctx, "kari@example.org", "guess number "+string(rune('a'+i)), "198.51.100.7:1"); code(err) != auth.EUNAUTHORIZED {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	_, _, err := m.Login(ctx, "kari@example.org", pw, "203.0.113.1:1")
	wait, limited := auth.IsLimited(err)
	if !limited || code(err) != auth.ELIMITED || wait <= 0 || wait > 15*time.Minute {
		t.Fatalf("the right password after 5 failures: %v (wait %v); want limited", err, wait)
	}
	if _, _, err := m.Login(ctx, "ola@example.org", pw, "203.0.113.1:1"); err != nil {
		t.Errorf("another account is locked too: %v", err)
	}
	c.advance(15 * time.Minute)
	if _, _, err := m.Login(ctx, "kari@example.org", pw, "203.0.113.1:1"); err != nil {
		t.Errorf("after the window: %v", err)
	}
	// One address guessing across many accounts.
	for i := range 20 {
		m.Login(ctx, "user"+string(rune('a'+i))+"@example.org", "guess", "198.51.100.99:1")
	}
	if _, _, err := m.Login(ctx, "ola@example.org", pw, "198.51.100.99:2"); code(err) != auth.ELIMITED {
		t.Errorf("the 21st try from one address: %v; want limited", err)
	}
}

func TestTokens(t *testing.T) {
	m, st, _ := newManager(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	secret, tok, err := m.CreateToken(ctx, u, "case system", 0)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, auth.TokenPrefix) || tok.OrgID != "rosa_org" || tok.Hash != auth.HashSecret(secret) {
		t.Errorf("token %q, %+v", secret, tok)
	}
	if _, err := st.TokenByHash(ctx, secret); code(err) != auth.ENOTFOUND {
		t.Error("the token itself is a key of the store")
	}
	got, gt, err := m.TokenUser(ctx, secret)
	if err != nil || got.ID != u.ID || gt.ID != tok.ID {
		t.Fatalf("TokenUser = %v, %v, %v", got, gt, err)
	}
	if ts, _ := m.Tokens(ctx, u.ID); len(ts) != 1 || ts[0].LastUsed.IsZero() {
		t.Errorf("the use is not recorded: %+v", ts)
	}
	for _, bad := range []string{"", "gmp_short", secret + "x", strings.Replace(secret, "gmp_", "gmx_", 1), auth.TokenPrefix + strings.Repeat("A", 43)} {
		if _, _, err := m.TokenUser(ctx, bad); code(err) != auth.EUNAUTHORIZED {
			t.Errorf("TokenUser(%q) = %v", bad, err)
		}
	}
	// Another user cannot revoke it; its own user can.
	other := mustUser(t, m, "ola@example.org", auth.RoleEditor, "rosa_org")
	if err := m.RevokeToken(ctx, other, tok.ID); code(err) != auth.ENOTFOUND {
		t.Errorf("another user revoked the token: %v", err)
	}
	if _, _, err := m.TokenUser(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if err := m.RevokeToken(ctx, u, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.TokenUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("a revoked token works: %v", err)
	}
	// A disabled user's tokens stop working, and work again when enabled.
	secret2, _, _ := m.CreateToken(ctx, u, "second", 0)
	m.SetDisabled(ctx, u.ID, true)
	if _, _, err := m.TokenUser(ctx, secret2); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("a disabled user's token works: %v", err)
	}
	m.SetDisabled(ctx, u.ID, false)
	if _, _, err := m.TokenUser(ctx, secret2); err != nil {
		t.Errorf("an enabled user's token fails: %v", err)
	}
	if _, _, err := m.CreateToken(ctx, u, "  ", 0); code(err) != auth.EINVALID {
		t.Errorf("a token without a name: %v", err)
	}
}

func TestChangePassword(t *testing.T) {
	m, _, _ := newManager(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	elsewhere, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	const next = "a new passphrase of several words"
	for _, test := range []struct {
		name, current, next, field string
	}{
		{"wrong current", "not my password", next, "current_password"},
		{"too short", pw, "short", "new_password"},
		{"the same", pw, pw, "new_password"},
	} {
		err := m.ChangePassword(ctx, u, test.current, test.next, "192.0.2.9:1")
		var ge *auth.Error
		if code(err) != auth.EINVALID || !errors.As(err, &ge) || ge.Field != test.field {
			t.Errorf("%s: %v, want EINVALID for %s", test.name, err, test.field)
		}
	}
	if _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.2:1"); err != nil {
		t.Fatalf("a refused change changed the password: %v", err)
	}
	if err := m.ChangePassword(ctx, u, pw, next, "192.0.2.9:1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Login(ctx, u.Email, pw, "192.0.2.3:1"); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the old password still signs in: %v", err)
	}
	if _, _, err := m.Login(ctx, u.Email, next, "192.0.2.3:1"); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}
	if _, _, err := m.SessionUser(ctx, elsewhere); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("a session from before the change lives on: %v", err)
	}
}

// TestChangePasswordLimit: guessing the current password through the
// change form counts as failed sign-ins of the account.
func TestChangePasswordLimit(t *testing.T) {
	for _, counting := range countings {
		t.Run(counting.name, func(t *testing.T) { testChangePasswordLimit(t, counting.open) })
	}
}

func testChangePasswordLimit(t *testing.T, open func(t *testing.T) (*auth.Manager, *clock)) {
	m, _ := open(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	for i := range 5 {
		if err := m.ChangePassword(ctx, u, "guess number "+string(rune('a'+i)), "a new passphrase of several words", "198.51.100.7:1"); code(err) != auth.EINVALID {
			t.Fatalf("guess %d: %v", i+1, err)
		}
	}
	err := m.ChangePassword(ctx, u, pw, "a new passphrase of several words", "198.51.100.7:1")
	if _, limited := auth.IsLimited(err); !limited {
		t.Fatalf("the right password after 5 wrong ones: %v; want limited", err)
	}
	if _, _, err := m.Login(ctx, u.Email, pw, "203.0.113.1:1"); code(err) != auth.ELIMITED {
		t.Errorf("sign-in after 5 wrong current passwords: %v; want limited", err)
	}
}

// TestTokenExpiry: a token works for the lifetime chosen, and not a moment
// longer; a lifetime not offered is refused.
func TestTokenExpiry(t *testing.T) {
	for _, test := range []struct {
		name     string
		lifetime time.Duration
		want     time.Duration // 0: refused
	}{
		{"default", 0, auth.DefaultTokenLifetime},
		{"30 days", 30 * 24 * time.Hour, 30 * 24 * time.Hour},
		{"a year", 365 * 24 * time.Hour, 365 * 24 * time.Hour},
		{"forever", -1, 0},
		{"ten years", 3650 * 24 * time.Hour, 0},
	} {
		t.Run(test.name, func(t *testing.T) {
			m, _, c := newManager(t)
			u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
			secret, tok, err := m.CreateToken(ctx, u, "case system", test.lifetime)
			if test.want == 0 {
				var ge *auth.Error
				if !errors.As(err, &ge) || ge.Field != "expires" {
					t.Fatalf("CreateToken with lifetime %v: %v, want EINVALID for expires", test.lifetime, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := tok.Expires.Sub(tok.Created); got != test.want {
				t.Errorf("the token works for %v, want %v", got, test.want)
			}
			c.advance(test.want - time.Second)
			if _, _, err := m.TokenUser(ctx, secret); err != nil {
				t.Errorf("a second before it expires: %v", err)
			}
			c.advance(time.Second)
			if _, _, err := m.TokenUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
				t.Errorf("when it expires: %v, want unauthorized", err)
			}
			if ts, _ := m.Tokens(ctx, u.ID); len(ts) != 1 || !ts[0].Expired(m.Now()) {
				t.Errorf("the token is not listed as expired: %+v", ts)
			}
		})
	}
}
