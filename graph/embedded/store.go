// Package embedded is gapmap's default graph.Store: the whole landscape in one
// bbolt file, written in ACID transactions.
//
// Every Apply is one bbolt write transaction. Each operation is checked
// against the state the transaction has built so far, and any error rolls
// the whole transaction back, so a change is written whole or not at all.
// bbolt commits by writing the new pages, syncing them, then writing and
// syncing a checksummed meta page; a crash or kill at any moment leaves the
// file as it was before or after a commit, never between.
//
// The file layout (buckets and keys) is described in schema.go; its schema
// version is recorded in the file, and a file of a newer schema is refused.
package embedded

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/gapmap/gapmap/graph"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultLockTimeout is how long Open waits for another process to release
// the file before it gives up.
const DefaultLockTimeout = 2 * time.Second

// Store is a graph.Store kept in one bbolt file. It is safe for concurrent
// use: bbolt runs one write transaction at a time and any number of reads
// beside it.
type Store struct {
	db    *bolt.DB
	path  string
	edges edgeCache
}

var _ graph.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	lockTimeout time.Duration
}

// WithLockTimeout sets how long Open waits for a file locked by another
// process; DefaultLockTimeout if not given or not positive.
func WithLockTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.lockTimeout = d
		}
	}
}

// Open opens the gapmap store in the file at path, creating it if it does not
// exist. It refuses a file that is not a gapmap store, a file of a newer
// schema version, and a file another process holds open (after the lock
// timeout).
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	o := options{lockTimeout: DefaultLockTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	bo := *bolt.DefaultOptions // NoSync stays false: every commit is synced
	bo.Timeout = o.lockTimeout
	db, err := bolt.Open(path, 0o600, &bo)
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open %s: the file is in use by another process (waited %s): %w", path, o.lockTimeout, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return nil, fmt.Errorf("open %s: not a gapmap store: %w", path, err)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return prepare(tx, path) }); err != nil {
		db.Close()
		return nil, err
	}
	return &Store{db: db, path: path}, nil
}

// Path returns the path of the store's file.
func (s *Store) Path() string { return s.path }

// Close closes the file. It is safe to call more than once.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}
