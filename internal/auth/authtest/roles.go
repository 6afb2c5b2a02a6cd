package authtest

import (
	"errors"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// testSetUserRole changes a user's role and organisation: only those two
// fields change, invalid ones are refused and change nothing.
func testSetUserRole(t *testing.T, s auth.Store) {
	u := user(1, auth.RoleEditor, "rosa_org")
	u.Disabled = true
	mustCreateUser(t, s, u)
	mustCreateUser(t, s, user(2, auth.RoleAdmin, ""))
	want := *u
	for _, test := range []struct {
		role auth.Role
		org  string
	}{
		{auth.RoleEditor, "oslo_org"},      // moved
		{auth.RoleCoordinator, "oslo_org"}, // another role, same organisation
		{auth.RoleAnalyst, ""},             // no organisation
		{auth.RoleAdmin, "krisesenter"},    // an administrator may have one
		{auth.RoleAdmin, "krisesenter"},    // no change at all
	} {
		got, err := s.SetUserRole(ctx, u.ID, test.role, test.org)
		if err != nil {
			t.Fatalf("SetUserRole(%s, %q): %v", test.role, test.org, err)
		}
		want.Role, want.OrgID = test.role, test.org
		if d := diff(&want, got); d != "" {
			t.Errorf("SetUserRole(%s, %q) returned (-want +got):\n%s", test.role, test.org, d)
		}
		stored, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d := diff(&want, stored); d != "" {
			t.Errorf("SetUserRole(%s, %q) stored (-want +got):\n%s", test.role, test.org, d)
		}
	}
	for _, test := range []struct {
		name  string
		role  auth.Role
		org   string
		field string
	}{
		{"unknown role", "owner", "", "role"},
		{"editor without organisation", auth.RoleEditor, "", "org"},
		{"invalid organisation id", auth.RoleCoordinator, "Not An Id", "org"},
	} {
		_, err := s.SetUserRole(ctx, u.ID, test.role, test.org)
		wantCode(t, test.name, err, auth.EINVALID)
		if f := fieldOf(err); f != test.field {
			t.Errorf("%s: error %v names the field %q, want %q", test.name, err, f, test.field)
		}
	}
	if stored, _ := s.User(ctx, u.ID); diff(&want, stored) != "" {
		t.Errorf("refused role changes changed the user: %+v", stored)
	}
	// A returned record is a copy.
	got, _ := s.SetUserRole(ctx, u.ID, auth.RoleAnalyst, "")
	got.Role = auth.RoleAdmin
	if again, _ := s.User(ctx, u.ID); again.Role != auth.RoleAnalyst {
		t.Errorf("changing a returned user changed the stored one")
	}
}

// testLastAdmin checks that the last enabled administrator cannot be
// demoted, and that every other role change of an administrator can.
func testLastAdmin(t *testing.T, s auth.Store) {
	admin := user(1, auth.RoleAdmin, "")
	disabledAdmin := user(2, auth.RoleAdmin, "")
	disabledAdmin.Disabled = true
	coordinator := user(3, auth.RoleCoordinator, "")
	for _, u := range []*auth.User{admin, disabledAdmin, coordinator} {
		mustCreateUser(t, s, u)
	}
	for _, test := range []struct {
		name    string
		id      string
		role    auth.Role
		org     string
		lastErr bool
	}{
		{"demote the last enabled administrator", admin.ID, auth.RoleCoordinator, "", true},
		{"make the last one an editor", admin.ID, auth.RoleEditor, "oslo_org", true},
		{"move the last one, still an administrator", admin.ID, auth.RoleAdmin, "oslo_org", false},
		{"demote a disabled administrator", disabledAdmin.ID, auth.RoleAnalyst, "", false},
		{"make the coordinator an administrator", coordinator.ID, auth.RoleAdmin, "", false},
		{"demote one of two", admin.ID, auth.RoleCoordinator, "", false},
		{"demote the other, now the last", coordinator.ID, auth.RoleAnalyst, "", true},
	} {
		before, err := s.User(ctx, test.id)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.SetUserRole(ctx, test.id, test.role, test.org)
		if test.lastErr {
			wantCode(t, test.name, err, auth.ECONFLICT)
			if !auth.IsLastAdmin(err) {
				t.Errorf("%s: %v is not the last-administrator error", test.name, err)
			}
			if after, _ := s.User(ctx, test.id); diff(before, after) != "" {
				t.Errorf("%s: the refused change changed the user (-before +after):\n%s", test.name, diff(before, after))
			}
		} else if err != nil {
			t.Errorf("%s: %v", test.name, err)
		}
	}
}

// testConcurrentDemotions demotes every administrator at once: however the
// writes interleave, exactly one stays an enabled administrator.
func testConcurrentDemotions(t *testing.T, s auth.Store) {
	const n = 6
	for i := range n {
		mustCreateUser(t, s, user(i, auth.RoleAdmin, ""))
	}
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		refused int
	)
	for i := range n {
		wg.Go(func() {
			_, err := s.SetUserRole(ctx, user(i, "", "").ID, auth.RoleCoordinator, "")
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
			case auth.IsLastAdmin(err):
				refused++
			default:
				t.Errorf("SetUserRole: %v", err)
			}
		})
	}
	wg.Wait()
	us, err := s.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	admins := 0
	for _, u := range us {
		if u.Role == auth.RoleAdmin && !u.Disabled {
			admins++
		}
	}
	if refused != 1 || admins != 1 {
		t.Errorf("%d concurrent demotions of %d administrators: %d refused, %d administrators left; want 1 and 1", n, n, refused, admins)
	}
}

// fieldOf returns the field err names, if it is a *auth.Error.
func fieldOf(err error) string {
	var ge *auth.Error
	if errors.As(err, &ge) {
		return ge.Field
	}
	return ""
}
