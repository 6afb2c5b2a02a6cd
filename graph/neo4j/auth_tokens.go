package neo4j

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/gapmap/gapmap/internal/auth"
)

// CreateToken stores a new API token.
func (s accounts) CreateToken(ctx context.Context, t *auth.Token) error {
	if err := t.Validate(); err != nil {
		return err
	}
	err := s.exec.write(ctx, func(tx runner) error {
		_, err := tx.run(qAuthCreateToken, map[string]any{"props": tokenProps(t)})
		return err
	})
	if err != nil {
		return fmt.Errorf("create token in %s: %w", s.target, accountError(err, "the token is taken"))
	}
	return nil
}

// TokenByHash returns the token with the hash.
func (s accounts) TokenByHash(ctx context.Context, hash string) (*auth.Token, error) {
	ts, err := s.tokens(ctx, qAuthTokenByHash, map[string]any{"hash": hash})
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, auth.NotFound("no such token")
	}
	return ts[0], nil
}

// Tokens returns the tokens of the user, oldest first.
func (s accounts) Tokens(ctx context.Context, userID string) ([]*auth.Token, error) {
	ts, err := s.tokens(ctx, qAuthTokens, map[string]any{"user_id": userID})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ts, func(a, b *auth.Token) int { return a.Created.Compare(b.Created) })
	return ts, nil
}

// TouchToken sets the LastUsed of token id.
func (s accounts) TouchToken(ctx context.Context, id string, at time.Time) error {
	n, err := s.writeCount(ctx, qAuthTouchToken, map[string]any{"id": id, "at": dbTime(at)}, "touched")
	if err == nil && n == 0 {
		return auth.NotFound("no token %s", id)
	}
	return err
}

// RevokeToken revokes token id unless it is revoked already.
func (s accounts) RevokeToken(ctx context.Context, id string, at time.Time) error {
	n, err := s.writeCount(ctx, qAuthRevokeToken, map[string]any{"id": id, "at": dbTime(at)}, "revoked")
	if err == nil && n == 0 {
		return auth.NotFound("no token %s", id)
	}
	return err
}

// tokens runs a read query whose column "token" holds tokens.
func (s *Store) tokens(ctx context.Context, q *query, p map[string]any) ([]*auth.Token, error) {
	var ts []*auth.Token
	err := s.exec.read(ctx, func(tx runner) error {
		recs, err := tx.run(q, p)
		if err != nil {
			return err
		}
		ts = make([]*auth.Token, 0, len(recs))
		for _, rec := range recs {
			n, err := get[dbtype.Node](q, rec, "token")
			if err != nil {
				return err
			}
			t, err := tokenFromDB(n)
			if err != nil {
				return err
			}
			ts = append(ts, t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read tokens from %s: %w", s.target, err)
	}
	return ts, nil
}
