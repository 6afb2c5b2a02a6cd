package embedded

import (
	"context"
	"errors"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/gapmap/gapmap/internal/auth"
)

// CreateToken stores a new API token.
func (s accounts) CreateToken(ctx context.Context, t *auth.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "create token", func(tx *bolt.Tx) error {
		if tx.Bucket(bucketAuthTokens).Get([]byte(t.Hash)) != nil {
			return auth.Errorf(auth.ECONFLICT, "the token is taken")
		}
		if _, err := tokenByID(tx, t.ID); err == nil {
			return auth.Errorf(auth.ECONFLICT, "the token id %q is taken", t.ID)
		} else if auth.ErrorCode(err) != auth.ENOTFOUND {
			return err
		}
		return putJSON(tx, bucketAuthTokens, []byte(t.Hash), t)
	})
}

// TokenByHash returns the token with the hash.
func (s accounts) TokenByHash(ctx context.Context, hash string) (*auth.Token, error) {
	t := new(auth.Token)
	err := s.view(ctx, "read token", func(tx *bolt.Tx) error {
		return getJSON(tx, bucketAuthTokens, []byte(hash), t, "no such token")
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Tokens returns the tokens of the user, oldest first.
func (s accounts) Tokens(ctx context.Context, userID string) ([]*auth.Token, error) {
	var ts []*auth.Token
	err := s.view(ctx, "read tokens", func(tx *bolt.Tx) error {
		return eachJSON(tx, bucketAuthTokens, func(t *auth.Token) error {
			if t.UserID == userID {
				ts = append(ts, t)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ts, func(a, b *auth.Token) int { return a.Created.Compare(b.Created) })
	return ts, nil
}

// TouchToken sets the LastUsed of token id.
func (s accounts) TouchToken(ctx context.Context, id string, at time.Time) error {
	return s.changeToken(ctx, id, func(t *auth.Token) { t.LastUsed = at })
}

// RevokeToken revokes token id unless it is revoked already.
func (s accounts) RevokeToken(ctx context.Context, id string, at time.Time) error {
	return s.changeToken(ctx, id, func(t *auth.Token) {
		if t.Revoked.IsZero() {
			t.Revoked = at
		}
	})
}

func (s *Store) changeToken(ctx context.Context, id string, fn func(*auth.Token)) error {
	return s.update(ctx, "update token", func(tx *bolt.Tx) error {
		t, err := tokenByID(tx, id)
		if err != nil {
			return err
		}
		fn(t)
		return putJSON(tx, bucketAuthTokens, []byte(t.Hash), t)
	})
}

var errFound = errors.New("found")

// tokenByID finds token id with a scan.
func tokenByID(tx *bolt.Tx, id string) (*auth.Token, error) {
	var found *auth.Token
	err := eachJSON(tx, bucketAuthTokens, func(t *auth.Token) error {
		if t.ID == id {
			found = t
			return errFound
		}
		return nil
	})
	switch {
	case found != nil:
		return found, nil
	case err != nil:
		return nil, err
	}
	return nil, auth.NotFound("no token %s", id)
}
