package embedded

import (
	"context"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/gapmap/gapmap/internal/auth"
)

// The store keeps gapmap's accounts beside the landscape, in buckets of
// their own (auth.Store): writing them changes neither the landscape nor its
// version. Each record is JSON.
var (
	// bucketAuthUsers maps a user id to the user.
	bucketAuthUsers = []byte("auth_users")
	// bucketAuthEmails maps a user's (normalised) email to the user's id,
	// which makes emails unique.
	bucketAuthEmails = []byte("auth_emails")
	// bucketAuthSessions maps the hash of a session id to the session.
	bucketAuthSessions = []byte("auth_sessions")
	// bucketAuthTokens maps the hash of an API token to the token; a token
	// is found by its id with a scan, which only revocation needs.
	bucketAuthTokens = []byte("auth_tokens")
)

// accounts is the store's account keeping, the auth.Store that Accounts
// returns: the same bbolt file as the landscape (one backup), but apart
// from graph.Store, so that a caller gets the accounts only by asking the
// concrete store for them.
type accounts struct{ *Store }

var _ auth.Store = accounts{}

// Accounts returns the users, sessions and API tokens kept in the store's
// file beside the landscape.
func (s *Store) Accounts() auth.Store { return accounts{s} }

// view runs fn in a read transaction, after checking ctx.
func (s *Store) view(ctx context.Context, what string, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := s.db.View(fn); err != nil {
		return fmt.Errorf("%s in %s: %w", what, s.path, err)
	}
	return nil
}

// update runs fn in a write transaction, after checking ctx.
func (s *Store) update(ctx context.Context, what string, fn func(tx *bolt.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if err := s.db.Update(fn); err != nil {
		return fmt.Errorf("%s in %s: %w", what, s.path, err)
	}
	return nil
}

// getJSON decodes the value of key in bucket b into v; notFound is returned
// (as an ENOTFOUND error) when there is none.
func getJSON(tx *bolt.Tx, b, key []byte, v any, notFound string) error {
	data := tx.Bucket(b).Get(key)
	if data == nil {
		return auth.NotFound("%s", notFound)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("decode %s %q: %w", b, key, err)
	}
	return nil
}

// putJSON stores v under key in bucket b.
func putJSON(tx *bolt.Tx, b, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s %q: %w", b, key, err)
	}
	return tx.Bucket(b).Put(key, data)
}

// eachJSON decodes every value of bucket b in key order and calls fn with
// it; T is the record type.
func eachJSON[T any](tx *bolt.Tx, b []byte, fn func(*T) error) error {
	return tx.Bucket(b).ForEach(func(k, data []byte) error {
		v := new(T)
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("decode %s %q: %w", b, k, err)
		}
		return fn(v)
	})
}
