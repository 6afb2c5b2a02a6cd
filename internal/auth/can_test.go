package auth_test

import (
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestCan is the authorization matrix of auth.Can: every role, of the
// service's organisation and of another, and every action.
func TestCan(t *testing.T) {
	const own, other = "rosa_org", "oslo"
	y, n := true, false
	for _, test := range []struct {
		action auth.Action
		// admin, coordinator, editor of own org, editor of other, analyst
		want [5]bool
	}{
		{auth.ActionEdit, [5]bool{y, y, y, n, n}},
		{auth.ActionCreate, [5]bool{y, y, y, n, n}},
		{auth.ActionDelete, [5]bool{y, y, y, n, n}},
		{auth.ActionReadConfidential, [5]bool{y, y, y, n, n}},
		{auth.ActionReadHistory, [5]bool{y, y, y, n, y}},
		{auth.ActionRestore, [5]bool{y, y, n, n, n}},
		{auth.ActionListStale, [5]bool{y, y, n, n, y}},
		{auth.ActionManageUsers, [5]bool{y, n, n, n, n}},
	} {
		users := []*auth.User{
			{Role: auth.RoleAdmin, OrgID: other},
			{Role: auth.RoleCoordinator, OrgID: other},
			{Role: auth.RoleEditor, OrgID: own},
			{Role: auth.RoleEditor, OrgID: other},
			{Role: auth.RoleAnalyst, OrgID: own},
		}
		for i, u := range users {
			if got := auth.Can(u, test.action, own); got != test.want[i] {
				t.Errorf("Can(%s of %s, %s, %s) = %v, want %v", u.Role, u.OrgID, test.action, own, got, test.want[i])
			}
			u.Disabled = true
			if auth.Can(u, test.action, own) {
				t.Errorf("a disabled %s may %s", u.Role, test.action)
			}
		}
		if auth.Can(nil, test.action, own) {
			t.Errorf("nobody may %s", test.action)
		}
		// A service no organisation runs is no editor's own.
		if auth.Can(&auth.User{Role: auth.RoleEditor}, test.action, "") {
			t.Errorf("an editor without organisation may %s a service without one", test.action)
		}
	}
}

// TestCanCoversEveryAction keeps TestCan complete.
func TestCanCoversEveryAction(t *testing.T) {
	if len(auth.Actions) != 8 {
		t.Errorf("there are %d actions; add the new ones to TestCan", len(auth.Actions))
	}
}
