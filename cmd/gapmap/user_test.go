package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

// runIn runs gapmap with args and stdin, in a directory without a
// gapmap.yaml.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := newRootCmd(&stdout, &stderr)
	cmd.SetArgs(args)
	cmd.SetIn(strings.NewReader(stdin))
	code := 0
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		stderr.WriteString(err.Error())
		code = 1
		if ee, ok := err.(*exitError); ok {
			code = ee.code
		}
	}
	return code, stdout.String(), stderr.String()
}

// TestUserCommands adds the first admin to a fresh install, an editor of a
// seeded organisation, lists, disables, enables and resets, as an
// administrator at the command line would.
func TestUserCommands(t *testing.T) {
	t.Chdir(t.TempDir())
	data := t.TempDir()
	// A fresh install: no landscape yet, but the first admin can be made.
	code, out, errOut := run(t, "user", "add", "--email", "Admin@Example.org", "--role", "admin", "--data", data)
	if code != 0 || !strings.Contains(out, "added admin@example.org (admin), id ") || !strings.Contains(out, "password: ") {
		t.Fatalf("first admin: exit %d\n%s%s", code, out, errOut)
	}
	password := strings.TrimSpace(strings.SplitN(strings.SplitN(out, "password: ", 2)[1], "\n", 2)[0])
	// An editor needs an organisation of the landscape.
	code, _, errOut = run(t, "user", "add", "--email", "kari@example.org", "--org", "krisesentersekretariatet", "--data", data)
	if code != 1 || !strings.Contains(errOut, "the landscape has no organisations yet") {
		t.Errorf("editor before the seed: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "seed", "--data", data); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut = run(t, "user", "add", "--email", "kari@example.org", "--org", "rosa", "--data", data)
	if code != 1 || !strings.Contains(errOut, "--org rosa: no such organisation") || !strings.Contains(errOut, "krisesentersekretariatet") {
		t.Errorf("editor of a service id: exit %d, %q", code, errOut)
	}
	code, out, errOut = runIn(t, "a passphrase from stdin\n", "user", "add", "--email", "kari@example.org", "--name", "Kari",
		"--org", "krisesentersekretariatet", "--role", "editor", "--password-stdin", "--data", data)
	if code != 0 || strings.Contains(out, "password:") {
		t.Fatalf("editor: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := run(t, "user", "add", "--email", "x@example.org", "--role", "owner", "--data", data); code != 2 || !strings.Contains(errOut, "unknown role") {
		t.Errorf("bad role: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "user", "add", "--email", "kari@example.org", "--org", "krisesentersekretariatet", "--data", data); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("taken email: exit %d, %q", code, errOut)
	}
	code, out, _ = run(t, "user", "list", "--data", data)
	if code != 0 || !strings.Contains(out, "admin@example.org") || !strings.Contains(strings.Join(strings.Fields(out), " "), "kari@example.org Kari editor krisesentersekretariatet active") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	if strings.Contains(out, "argon2") {
		t.Error("list prints password hashes")
	}
	if code, out, _ := run(t, "user", "disable", "KARI@example.org", "--data", data); code != 0 || !strings.Contains(out, "disabled") {
		t.Errorf("disable: exit %d %s", code, out)
	}
	if code, out, _ := run(t, "user", "list", "--data", data); !strings.Contains(out, "disabled") || code != 0 {
		t.Errorf("list after disable:\n%s", out)
	}
	if code, _, _ := run(t, "user", "enable", "kari@example.org", "--data", data); code != 0 {
		t.Error("enable failed")
	}
	code, out, _ = run(t, "user", "reset-password", "admin@example.org", "--data", data)
	newPassword := strings.TrimSpace(strings.SplitN(strings.SplitN(out, "password: ", 2)[1], "\n", 2)[0])
	if code != 0 || newPassword == password {
		t.Errorf("reset-password: exit %d %s", code, out)
	}
	if code, out, _ := run(t, "user", "unlock", "Admin@example.org", "--data", data); code != 0 || !strings.Contains(out, "failed sign-ins of admin@example.org are forgotten") {
		t.Errorf("unlock: exit %d %s", code, out)
	}
	if code, _, errOut := run(t, "user", "unlock", "nobody@example.org", "--data", data); code != 1 || !strings.Contains(errOut, "no user with email nobody@example.org") {
		t.Errorf("unlock nobody: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "user", "disable", "nobody@example.org", "--data", data); code != 1 || !strings.Contains(errOut, "no user with email nobody@example.org") {
		t.Errorf("disable nobody: %d %q", code, errOut)
	}

	// The passwords work (and the old one does not) against the store.
	st, err := embedded.Open(context.Background(), filepath.Join(data, "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m, err := auth.NewManager(st.Accounts(), auth.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, try := range []struct {
		email, pw string
		ok        bool
	}{{"admin@example.org", newPassword, true}, {"admin@example.org", password, false}, {"kari@example.org", "a passphrase from stdin", true}} {
		_, _, err := m.Login(context.Background(), try.email, try.pw, "127.0.0.1:1")
		if (err == nil) != try.ok {
			t.Errorf("login %s: %v, want ok %v", try.email, err, try.ok)
		}
	}
	users, _ := m.Users(context.Background())
	if len(users) != 2 || !strings.HasPrefix(users[0].PasswordHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("users %v: want 2, hashed with the production parameters", users)
	}
}

func TestOrgAdd(t *testing.T) {
	t.Chdir(t.TempDir())
	data := t.TempDir()
	if code, out, errOut := run(t, "org", "add", "--id", "new_ngo", "--name", "New NGO", "--data", data); code != 0 || !strings.Contains(out, "added organisation new_ngo") {
		t.Fatalf("org add: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "org", "add", "--id", "new_ngo", "--name", "Again", "--data", data); code != 1 || !strings.Contains(errOut, "already used") {
		t.Errorf("org add twice: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "org", "add", "--id", "x", "--name", "X", "--kind", "club", "--data", data); code != 1 || !strings.Contains(errOut, "kind") {
		t.Errorf("bad kind: %d %q", code, errOut)
	}
	if code, out, _ := run(t, "org", "list", "--data", data); code != 0 || !strings.Contains(strings.Join(strings.Fields(out), " "), "new_ngo ngo New NGO") {
		t.Errorf("org list: %d\n%s", code, out)
	}
	if code, out, errOut := run(t, "user", "add", "--email", "e@example.org", "--org", "new_ngo", "--data", data); code != 0 {
		t.Errorf("editor of the new org: %d %s %s", code, out, errOut)
	}
}

// TestUserSetRole gives a user other roles and organisations at the command
// line: the organisation is kept unless --org is given, a move ends the
// user's sessions and stops their API tokens, and the last administrator
// keeps the role.
func TestUserSetRole(t *testing.T) {
	t.Chdir(t.TempDir())
	data := t.TempDir()
	if code, _, errOut := run(t, "seed", "--data", data); code != 0 {
		t.Fatal(errOut)
	}
	for _, args := range [][]string{
		{"user", "add", "--email", "admin@example.org", "--role", "admin"},
		{"user", "add", "--email", "kari@example.org", "--org", "krisesentersekretariatet", "--role", "editor", "--password-stdin"},
	} {
		if code, out, errOut := runIn(t, "a passphrase from stdin\n", append(args, "--data", data)...); code != 0 {
			t.Fatalf("%v: exit %d\n%s%s", args, code, out, errOut)
		}
	}
	// Kari signs in and makes a token, with the store closed again after.
	ctx := context.Background()
	withManager := func(fn func(m *auth.Manager)) {
		t.Helper()
		st, err := embedded.Open(ctx, filepath.Join(data, "gapmap.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		m, err := auth.NewManager(st.Accounts(), auth.Config{Params: auth.TestParams})
		if err != nil {
			t.Fatal(err)
		}
		fn(m)
	}
	var session, token string
	withManager(func(m *auth.Manager) {
		var err error
		var kari *auth.User
		if session, kari, err = m.Login(ctx, "kari@example.org", "a passphrase from stdin", "127.0.0.1:1"); err != nil {
			t.Fatal(err)
		}
		if token, _, err = m.CreateToken(ctx, kari, "case system", 0); err != nil {
			t.Fatal(err)
		}
	})

	for _, test := range []struct {
		name     string
		args     []string
		wantCode int
		want     string // in the output, or in the error if wantCode > 0
	}{
		{"another role, same organisation", []string{"kari@example.org", "--role", "coordinator"}, 0,
			"kari@example.org is now coordinator of krisesentersekretariatet\n"},
		{"moved", []string{"KARI@example.org", "--role", "editor", "--org", "kirkens_bymisjon_oslo"}, 0,
			"kari@example.org is now editor of kirkens_bymisjon_oslo; their sessions are ended and their API tokens revoked\n"},
		{"no organisation", []string{"kari@example.org", "--role", "analyst", "--org", ""}, 0,
			"kari@example.org is now analyst; their sessions are ended and their API tokens revoked\n"},
		{"editor without organisation", []string{"kari@example.org", "--role", "editor"}, 1, "an editor must belong to an organisation"},
		{"unknown organisation", []string{"kari@example.org", "--role", "analyst", "--org", "rosa"}, 1, "--org rosa: no such organisation"},
		{"unknown role", []string{"kari@example.org", "--role", "owner"}, 2, "unknown role"},
		{"no role", []string{"kari@example.org"}, 1, `required flag(s) "role" not set`},
		{"unknown user", []string{"nobody@example.org", "--role", "analyst"}, 1, "no user with email nobody@example.org"},
		{"the last administrator", []string{"admin@example.org", "--role", "coordinator"}, 1, "last enabled administrator"},
	} {
		code, out, errOut := run(t, append([]string{"user", "set-role", "--data", data}, test.args...)...)
		got := out
		if test.wantCode != 0 {
			got = errOut
		}
		if code != test.wantCode || !strings.Contains(got, test.want) {
			t.Errorf("%s: exit %d, want %d with %q\n%s%s", test.name, code, test.wantCode, test.want, out, errOut)
		}
	}
	code, out, _ := run(t, "user", "list", "--data", data)
	list := strings.Join(strings.Fields(out), " ")
	if code != 0 || !strings.Contains(list, "kari@example.org kari analyst - active") || !strings.Contains(list, "admin@example.org admin admin - active") {
		t.Errorf("list after the changes: exit %d\n%s", code, out)
	}
	withManager(func(m *auth.Manager) {
		if _, _, err := m.SessionUser(ctx, session); auth.ErrorCode(err) != auth.EUNAUTHORIZED {
			t.Errorf("the moved user's session: %v", err)
		}
		if _, _, err := m.TokenUser(ctx, token); auth.ErrorCode(err) != auth.EUNAUTHORIZED {
			t.Errorf("the moved user's token: %v", err)
		}
	})
}
