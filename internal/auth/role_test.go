package auth_test

import (
	"errors"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestTokenOfMovedUser checks what SetRole relies on: TokenUser refuses a
// token made in another organisation than the user's, even while the token
// itself is neither revoked nor expired.
func TestTokenOfMovedUser(t *testing.T) {
	m, st, _ := newManager(t)
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	secret, _, err := m.CreateToken(ctx, u, "case system", 0)
	if err != nil {
		t.Fatal(err)
	}
	// The store alone moves the user: the token stays active.
	if _, err := st.SetUserRole(ctx, u.ID, auth.RoleEditor, "oslo_org"); err != nil {
		t.Fatal(err)
	}
	if ts, _ := m.Tokens(ctx, u.ID); len(ts) != 1 || !ts[0].Active() {
		t.Fatalf("tokens after a move in the store: %+v", ts)
	}
	if _, _, err := m.TokenUser(ctx, secret); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the token of a moved user works: %v", err)
	}
}

// TestSetRole changes roles and organisations through the Manager: a role
// change takes effect on the next request, a move ends the sessions and
// revokes the tokens for good, and refused changes change nothing.
func TestSetRole(t *testing.T) {
	m, _, _ := newManager(t)
	admin := mustUser(t, m, "admin@example.org", auth.RoleAdmin, "")
	u := mustUser(t, m, "kari@example.org", auth.RoleEditor, "rosa_org")
	session, _, err := m.Login(ctx, u.Email, pw, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := m.CreateToken(ctx, u, "case system", 0)
	if err != nil {
		t.Fatal(err)
	}

	// Another role, same organisation: the session and the token go on,
	// with the new role.
	if got, err := m.SetRole(ctx, u.ID, auth.RoleCoordinator, "rosa_org"); err != nil || got.Role != auth.RoleCoordinator {
		t.Fatalf("SetRole(coordinator) = %v, %v", got, err)
	}
	if su, _, err := m.SessionUser(ctx, session); err != nil || su.Role != auth.RoleCoordinator {
		t.Errorf("the session after a role change: %v, %v; want the coordinator", su, err)
	}
	if tu, _, err := m.TokenUser(ctx, token); err != nil || tu.Role != auth.RoleCoordinator {
		t.Errorf("the token after a role change: %v, %v; want the coordinator", tu, err)
	}

	// Another organisation: the session ends, the token is revoked.
	if got, err := m.SetRole(ctx, u.ID, auth.RoleEditor, "oslo_org"); err != nil || got.OrgID != "oslo_org" || got.Role != auth.RoleEditor {
		t.Fatalf("SetRole(editor of oslo_org) = %v, %v", got, err)
	}
	if _, _, err := m.SessionUser(ctx, session); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the session of a moved user: %v", err)
	}
	if _, _, err := m.TokenUser(ctx, token); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the token of a moved user: %v", err)
	}
	if ts, _ := m.Tokens(ctx, u.ID); len(ts) != 1 || ts[0].Active() {
		t.Errorf("the token of a moved user is not revoked: %+v", ts)
	}
	// Back in the first organisation, the old token stays revoked; a new
	// one works.
	if _, err := m.SetRole(ctx, u.ID, auth.RoleEditor, "rosa_org"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.TokenUser(ctx, token); code(err) != auth.EUNAUTHORIZED {
		t.Errorf("the token works again after moving back: %v", err)
	}
	moved, _ := m.User(ctx, u.ID)
	if fresh, _, err := m.CreateToken(ctx, moved, "new", 0); err != nil {
		t.Fatal(err)
	} else if _, _, err := m.TokenUser(ctx, fresh); err != nil {
		t.Errorf("a token made after the move: %v", err)
	}

	// Refused changes change nothing.
	before, _ := m.User(ctx, u.ID)
	for _, test := range []struct {
		name  string
		id    string
		role  auth.Role
		org   string
		code  string
		field string
	}{
		{"unknown role", u.ID, "owner", "rosa_org", auth.EINVALID, "role"},
		{"editor without organisation", u.ID, auth.RoleEditor, "", auth.EINVALID, "org"},
		{"no such user", "nobody", auth.RoleAnalyst, "", auth.ENOTFOUND, ""},
		{"the last administrator", admin.ID, auth.RoleAnalyst, "", auth.ECONFLICT, "role"},
	} {
		_, err := m.SetRole(ctx, test.id, test.role, test.org)
		if code(err) != test.code {
			t.Errorf("%s: %v, want code %s", test.name, err, test.code)
		}
		var ge *auth.Error
		if test.field != "" && (!errors.As(err, &ge) || ge.Field != test.field) {
			t.Errorf("%s: %v does not name the field %s", test.name, err, test.field)
		}
	}
	if after, _ := m.User(ctx, u.ID); *after != *before {
		t.Errorf("refused changes changed the user: %+v, was %+v", after, before)
	}
	if a, _ := m.User(ctx, admin.ID); a.Role != auth.RoleAdmin {
		t.Errorf("the last administrator was demoted: %+v", a)
	}
}
