package neo4j

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/gapmap/gapmap/internal/auth"
)

// accounts is the store's account keeping, the auth.Store (and
// auth.FailureStore) that Accounts returns: the same database as the
// landscape (one backup), but apart from graph.Store, so that a caller gets
// the accounts only by asking the concrete store for them.
type accounts struct{ *Store }

var _ auth.Store = accounts{}

// Accounts returns the users, sessions, API tokens and failed sign-ins kept
// in the store's database beside the landscape.
func (s *Store) Accounts() auth.Store { return accounts{s} }

// CreateUser stores a new user, as auth.Store documents.
func (s accounts) CreateUser(ctx context.Context, u *auth.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.exec.write(ctx, func(tx runner) error {
		recs, err := tx.run(qAuthUserTaken, map[string]any{"id": u.ID, "email": u.Email})
		if err != nil {
			return err
		}
		if len(recs) != 1 {
			return fmt.Errorf("query %s: %d rows, want 1", qAuthUserTaken.name, len(recs))
		}
		idTaken, err := get[int64](qAuthUserTaken, recs[0], "id_taken")
		if err != nil {
			return err
		}
		emailTaken, err := get[int64](qAuthUserTaken, recs[0], "email_taken")
		switch {
		case err != nil:
			return err
		case idTaken > 0:
			return auth.Conflict("user", "id", "the id is taken")
		case emailTaken > 0:
			return auth.Conflict("user", "email", "a user with this email already exists")
		}
		_, err = tx.run(qAuthCreateUser, map[string]any{"props": userProps(u)})
		return err
	})
	if err != nil {
		return fmt.Errorf("create user in %s: %w", s.target, accountError(err, "the id or the email is taken"))
	}
	return nil
}

// User returns the user with id.
func (s accounts) User(ctx context.Context, id string) (*auth.User, error) {
	return s.oneUser(ctx, qAuthUser, map[string]any{"id": id}, "no user "+id)
}

// UserByEmail returns the user with email.
func (s accounts) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	return s.oneUser(ctx, qAuthUserByEmail, map[string]any{"email": email}, "no user with email "+email)
}

// Users returns every user, sorted by email.
func (s accounts) Users(ctx context.Context) ([]*auth.User, error) {
	var us []*auth.User
	err := s.exec.read(ctx, func(tx runner) error {
		var err error
		us, err = users(tx, qAuthUsers, nil)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read users from %s: %w", s.target, err)
	}
	slices.SortFunc(us, func(a, b *auth.User) int { return strings.Compare(a.Email, b.Email) })
	return us, nil
}

// SetUserDisabled disables or enables user id.
func (s accounts) SetUserDisabled(ctx context.Context, id string, disabled bool) (*auth.User, error) {
	return s.writeUser(ctx, qAuthSetUserDisabled, map[string]any{"id": id, "disabled": disabled}, "no user "+id)
}

// SetUserPassword sets the password hash of user id.
func (s accounts) SetUserPassword(ctx context.Context, id, hash string) (*auth.User, error) {
	if hash == "" {
		return nil, auth.FieldError("user", "password", "is required")
	}
	return s.writeUser(ctx, qAuthSetUserPassword, map[string]any{"id": id, "hash": hash}, "no user "+id)
}

// SetUserRole sets the role and the organisation of user id, refusing to
// demote the last enabled administrator, in one write transaction that
// holds the write locks of every user while it checks.
func (s accounts) SetUserRole(ctx context.Context, id string, role auth.Role, orgID string) (*auth.User, error) {
	if err := auth.ValidateRole(role, orgID); err != nil {
		return nil, err
	}
	q := qAuthSetUserRole
	var u *auth.User
	err := s.exec.write(ctx, func(tx runner) error {
		recs, err := tx.run(q, map[string]any{"id": id, "role": string(role), "org_id": orgID})
		switch {
		case err != nil:
			return err
		case len(recs) == 0:
			return auth.NotFound("no user %s", id)
		case len(recs) > 1:
			return fmt.Errorf("query %s: %d rows, want 1", q.name, len(recs))
		}
		allowed, err := get[bool](q, recs[0], "allowed")
		if err != nil {
			return err
		}
		if !allowed {
			return auth.ErrLastAdmin()
		}
		n, err := get[dbtype.Node](q, recs[0], "user")
		if err != nil {
			return err
		}
		u, err = userFromDB(n)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("set role of user %s in %s: %w", id, s.target, err)
	}
	return u, nil
}

// oneUser runs a read query returning at most one user.
func (s *Store) oneUser(ctx context.Context, q *query, p map[string]any, missing string) (*auth.User, error) {
	var us []*auth.User
	err := s.exec.read(ctx, func(tx runner) error {
		var err error
		us, err = users(tx, q, p)
		return err
	})
	return s.theUser(us, err, missing)
}

// writeUser runs a write query returning at most one user.
func (s *Store) writeUser(ctx context.Context, q *query, p map[string]any, missing string) (*auth.User, error) {
	var us []*auth.User
	err := s.exec.write(ctx, func(tx runner) error {
		var err error
		us, err = users(tx, q, p)
		return err
	})
	return s.theUser(us, err, missing)
}

func (s *Store) theUser(us []*auth.User, err error, missing string) (*auth.User, error) {
	switch {
	case err != nil:
		return nil, fmt.Errorf("user in %s: %w", s.target, err)
	case len(us) == 0:
		return nil, auth.NotFound("%s", missing)
	}
	return us[0], nil
}

// users runs q and decodes its column "user".
func users(tx runner, q *query, p map[string]any) ([]*auth.User, error) {
	recs, err := tx.run(q, p)
	if err != nil {
		return nil, err
	}
	us := make([]*auth.User, 0, len(recs))
	for _, rec := range recs {
		n, err := get[dbtype.Node](q, rec, "user")
		if err != nil {
			return nil, err
		}
		u, err := userFromDB(n)
		if err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, nil
}
