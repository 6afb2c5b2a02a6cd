package auth

import (
	"context"
	"fmt"
)

// ErrLastAdmin returns the ECONFLICT error of a change that would leave the
// install without an enabled administrator: Store.SetUserRole returns it
// for the field role, and IsLastAdmin recognises it.
func ErrLastAdmin() error {
	return Conflict("user", "role", "this is the last enabled administrator: make another user an administrator first")
}

// IsLastAdmin reports whether err refuses to take the role of the last
// enabled administrator away (ErrLastAdmin).
func IsLastAdmin(err error) bool {
	e, ok := AsError(err)
	return ok && e.Code == ECONFLICT && e.Field == "role"
}

// SetRole gives user id the role role and the organisation orgID ("" for
// none), validated as CreateUser validates them; the caller checks that
// orgID names an organisation of the landscape. The role takes effect on
// the user's next request, whether made with a session or a token.
//
// Moving the user to another organisation also ends every session of the
// user, which was signed in for the old one, and revokes the user's API
// tokens, which were scoped to it: TokenUser refuses them from the move on,
// and revoking them keeps them refused should the user move back.
//
// Errors: EINVALID for the field role or org; ENOTFOUND if there is no
// user id; ECONFLICT (IsLastAdmin) if the user is the last enabled
// administrator and role is not admin.
func (m *Manager) SetRole(ctx context.Context, id string, role Role, orgID string) (*User, error) {
	if err := ValidateRole(role, orgID); err != nil {
		return nil, err
	}
	before, err := m.store.User(ctx, id)
	if err != nil {
		return nil, err
	}
	u, err := m.store.SetUserRole(ctx, id, role, orgID)
	if err != nil {
		return nil, err
	}
	if u.OrgID == before.OrgID {
		return u, nil
	}
	if _, err := m.store.DeleteUserSessions(ctx, id); err != nil {
		return nil, fmt.Errorf("end sessions of %s: %w", u.Email, err)
	}
	ts, err := m.store.Tokens(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("read API tokens of %s: %w", u.Email, err)
	}
	now := m.now()
	for _, t := range ts {
		if t.Active() && t.OrgID != u.OrgID {
			if err := m.store.RevokeToken(ctx, t.ID, now); err != nil {
				return nil, fmt.Errorf("revoke API token %s of %s: %w", t.ID, u.Email, err)
			}
		}
	}
	return u, nil
}
