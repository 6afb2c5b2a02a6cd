package authtest

import (
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

func testUsers(t *testing.T, s auth.Store) {
	if us, err := s.Users(ctx); err != nil || len(us) != 0 {
		t.Fatalf("Users of an empty store = %v, %v; want none", us, err)
	}
	b := user(2, auth.RoleEditor, "rosa_org")
	a := user(1, auth.RoleAdmin, "")
	a.Email = "zed@example.org" // sorts last although created first
	c := user(3, auth.RoleAnalyst, "")
	c.Disabled = true
	for _, u := range []*auth.User{a, b, c} {
		mustCreateUser(t, s, u)
	}
	got, err := s.User(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(b, got); d != "" {
		t.Errorf("User mismatch (-want +got):\n%s", d)
	}
	got, err = s.UserByEmail(ctx, a.Email)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(a, got); d != "" {
		t.Errorf("UserByEmail mismatch (-want +got):\n%s", d)
	}
	all, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]*auth.User{b, c, a}, all); d != "" {
		t.Errorf("Users mismatch (-want +got):\n%s", d)
	}
	// A returned record is a copy.
	got.Name = "changed"
	if again, _ := s.User(ctx, a.ID); again.Name != a.Name {
		t.Errorf("changing a returned user changed the stored one")
	}
}

func testUserConflicts(t *testing.T, s auth.Store) {
	a := user(1, auth.RoleAdmin, "")
	mustCreateUser(t, s, a)
	sameEmail := user(2, auth.RoleEditor, "x")
	sameEmail.Email = a.Email
	wantCode(t, "same email", s.CreateUser(ctx, sameEmail), auth.ECONFLICT)
	sameID := user(3, auth.RoleEditor, "x")
	sameID.ID = a.ID
	wantCode(t, "same id", s.CreateUser(ctx, sameID), auth.ECONFLICT)
	if us, _ := s.Users(ctx); len(us) != 1 {
		t.Errorf("after two refused creations there are %d users, want 1", len(us))
	}
}

func testInvalidUser(t *testing.T, s auth.Store) {
	for name, mutate := range map[string]func(u *auth.User){
		"no email":         func(u *auth.User) { u.Email = "" },
		"upper-case email": func(u *auth.User) { u.Email = "A@Example.org" },
		"bad role":         func(u *auth.User) { u.Role = "owner" },
		"editor no org":    func(u *auth.User) { u.Role, u.OrgID = auth.RoleEditor, "" },
		"no hash":          func(u *auth.User) { u.PasswordHash = "" },
		"bad id":           func(u *auth.User) { u.ID = "Not An Id" },
	} {
		u := user(1, auth.RoleAdmin, "")
		mutate(u)
		wantCode(t, name, s.CreateUser(ctx, u), auth.EINVALID)
	}
	if us, _ := s.Users(ctx); len(us) != 0 {
		t.Errorf("invalid users were stored: %v", us)
	}
}

func testMissingUser(t *testing.T, s auth.Store) {
	_, err := s.User(ctx, "nobody")
	wantCode(t, "User", err, auth.ENOTFOUND)
	_, err = s.UserByEmail(ctx, "nobody@example.org")
	wantCode(t, "UserByEmail", err, auth.ENOTFOUND)
	_, err = s.SetUserDisabled(ctx, "nobody", true)
	wantCode(t, "SetUserDisabled", err, auth.ENOTFOUND)
	_, err = s.SetUserPassword(ctx, "nobody", "$argon2id$x")
	wantCode(t, "SetUserPassword", err, auth.ENOTFOUND)
	_, err = s.SetUserRole(ctx, "nobody", auth.RoleAnalyst, "")
	wantCode(t, "SetUserRole", err, auth.ENOTFOUND)
}

func testSetUserFields(t *testing.T, s auth.Store) {
	u := user(1, auth.RoleEditor, "org")
	mustCreateUser(t, s, u)
	got, err := s.SetUserDisabled(ctx, u.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := *u
	want.Disabled = true
	if d := diff(&want, got); d != "" {
		t.Errorf("SetUserDisabled returned (-want +got):\n%s", d)
	}
	got, err = s.SetUserPassword(ctx, u.ID, "$argon2id$new")
	if err != nil {
		t.Fatal(err)
	}
	want.PasswordHash = "$argon2id$new"
	if d := diff(&want, got); d != "" {
		t.Errorf("SetUserPassword changed more than the hash (-want +got):\n%s", d)
	}
	stored, _ := s.User(ctx, u.ID)
	if d := diff(&want, stored); d != "" {
		t.Errorf("stored user (-want +got):\n%s", d)
	}
	_, err = s.SetUserPassword(ctx, u.ID, "")
	wantCode(t, "empty hash", err, auth.EINVALID)
	if got, _ = s.SetUserDisabled(ctx, u.ID, false); got.Disabled || got.PasswordHash != "$argon2id$new" {
		t.Errorf("enable: %+v", got)
	}
}
