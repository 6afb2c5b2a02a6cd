package embedded

import (
	"context"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/gapmap/gapmap/internal/auth"
)

// CreateUser stores a new user, as auth.Store documents.
func (s accounts) CreateUser(ctx context.Context, u *auth.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create user", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAuthUsers).Get([]byte(u.ID)) != nil {
			return auth.Conflict("user", "id", "the id is taken")
		}
		if tx.Bucket(bucketAuthEmails).Get([]byte(u.Email)) != nil {
			return auth.Conflict("user", "email", "a user with this email already exists")
		}
		if err := tx.Bucket(bucketAuthEmails).Put([]byte(u.Email), []byte(u.ID)); err != nil {
			return err
		}
		return putJSON(tx, bucketAuthUsers, []byte(u.ID), u)
	})
}

// User returns the user with id.
func (s accounts) User(ctx context.Context, id string) (*auth.User, error) {
	u := new(auth.User)
	err := s.view(ctx, "read user", func(tx *bolt.Tx) error {
		return getJSON(tx, bucketAuthUsers, []byte(id), u, "no user "+id)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// UserByEmail returns the user with email.
func (s accounts) UserByEmail(ctx context.Context, email string) (*auth.User, error) {
	u := new(auth.User)
	err := s.view(ctx, "read user", func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketAuthEmails).Get([]byte(email))
		if id == nil {
			return auth.NotFound("no user with email %s", email)
		}
		return getJSON(tx, bucketAuthUsers, id, u, "no user "+string(id))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// Users returns every user, sorted by email.
func (s accounts) Users(ctx context.Context) ([]*auth.User, error) {
	var us []*auth.User
	err := s.view(ctx, "read users", func(tx *bolt.Tx) error {
		return eachJSON(tx, bucketAuthUsers, func(u *auth.User) error {
			us = append(us, u)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(us, func(a, b *auth.User) int { return strings.Compare(a.Email, b.Email) })
	return us, nil
}

// SetUserDisabled disables or enables user id.
func (s accounts) SetUserDisabled(ctx context.Context, id string, disabled bool) (*auth.User, error) {
	return s.changeUser(ctx, id, func(u *auth.User) error {
		u.Disabled = disabled
		return nil
	})
}

// SetUserPassword sets the password hash of user id.
func (s accounts) SetUserPassword(ctx context.Context, id, hash string) (*auth.User, error) {
	return s.changeUser(ctx, id, func(u *auth.User) error {
		if hash == "" {
			return auth.FieldError("user", "password", "is required")
		}
		u.PasswordHash = hash
		return nil
	})
}

// SetUserRole sets the role and the organisation of user id, refusing to
// demote the last enabled administrator. Write transactions are serial, so
// the other users read for the check cannot change before the write.
func (s accounts) SetUserRole(ctx context.Context, id string, role auth.Role, orgID string) (*auth.User, error) {
	if err := auth.ValidateRole(role, orgID); err != nil {
		return nil, err
	}
	u := new(auth.User)
	err := s.update(ctx, "set user role", func(tx *bolt.Tx) error {
		if err := getJSON(tx, bucketAuthUsers, []byte(id), u, "no user "+id); err != nil {
			return err
		}
		if u.Role == auth.RoleAdmin && !u.Disabled && role != auth.RoleAdmin {
			others := 0
			err := eachJSON(tx, bucketAuthUsers, func(a *auth.User) error {
				if a.ID != u.ID && a.Role == auth.RoleAdmin && !a.Disabled {
					others++
				}
				return nil
			})
			if err != nil {
				return err
			}
			if others == 0 {
				return auth.ErrLastAdmin()
			}
		}
		u.Role, u.OrgID = role, orgID
		return putJSON(tx, bucketAuthUsers, []byte(id), u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// changeUser reads user id, changes it with fn and writes it back, in one
// write transaction.
func (s *Store) changeUser(ctx context.Context, id string, fn func(u *auth.User) error) (*auth.User, error) {
	u := new(auth.User)
	err := s.update(ctx, "update user", func(tx *bolt.Tx) error {
		if err := getJSON(tx, bucketAuthUsers, []byte(id), u, "no user "+id); err != nil {
			return err
		}
		if err := fn(u); err != nil {
			return err
		}
		return putJSON(tx, bucketAuthUsers, []byte(id), u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}
