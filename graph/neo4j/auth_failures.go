package neo4j

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/gapmap/gapmap/internal/auth"
)

// The failed sign-ins of the login limit are counted in the database, so
// that every instance on it shares the counts (auth.FailureStore): a
// (:GapmapLoginFailures {key, times}) node per account or address, its key
// the hash the auth.StoreLimiter passes, times the DATETIMEs of its
// failures. A failure is recorded in one write transaction that keeps only
// the times after the start of the window, under the node's write lock; a
// uniqueness constraint on key (migration 4) makes instances share one node
// per key. The nodes have no Node label, so no landscape query sees them.
//
// A sign-in is counted before its password is checked by Attempt: one write
// transaction that locks the nodes of its keys, reads their times, lets the
// login limit decide and records the try, so that sign-ins at once are
// counted one after another, each seeing those before it.

var _ auth.FailureStore = accounts{}

// RecordFailures records a failed sign-in at at under each of keys, as
// auth.FailureStore documents.
func (s accounts) RecordFailures(ctx context.Context, keys []string, at, since time.Time) (map[string][]time.Time, error) {
	var fs map[string][]time.Time
	err := s.exec.write(ctx, func(tx runner) error {
		recs, err := tx.run(qAuthRecordFailures, map[string]any{"keys": keys, "at": dbTime(at), "since": dbTime(since)})
		if err != nil {
			return err
		}
		fs, err = failuresFromDB(qAuthRecordFailures, recs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record failed sign-ins in %s: %w", s.target, err)
	}
	return fs, nil
}

// Attempt counts a sign-in before its password is checked, as
// auth.FailureStore documents: the lock, the read, the decision and the
// record are one write transaction, which holds the keys' write locks from
// the read to the commit.
func (s accounts) Attempt(ctx context.Context, keys []string, at, since time.Time, decide func(map[string][]time.Time) []string) (bool, error) {
	var recorded bool
	err := s.exec.write(ctx, func(tx runner) error {
		recorded = false
		recs, err := tx.run(qAuthLockFailures, map[string]any{"keys": keys, "since": dbTime(since)})
		if err != nil {
			return err
		}
		fs, err := failuresFromDB(qAuthLockFailures, recs)
		if err != nil {
			return err
		}
		record := decide(fs)
		if len(record) == 0 {
			return nil
		}
		if _, err := tx.run(qAuthRecordFailures, map[string]any{"keys": record, "at": dbTime(at), "since": dbTime(since)}); err != nil {
			return err
		}
		recorded = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("count a sign-in in %s: %w", s.target, err)
	}
	return recorded, nil
}

// Settle settles a sign-in that succeeded, as auth.FailureStore documents,
// in one write transaction.
func (s accounts) Settle(ctx context.Context, forget, refund []string, at time.Time, mark string, until time.Time) error {
	err := s.exec.write(ctx, func(tx runner) error {
		if len(forget) > 0 {
			if _, err := tx.run(qAuthForgetKeys, map[string]any{"keys": forget}); err != nil {
				return err
			}
		}
		if len(refund) > 0 {
			if _, err := tx.run(qAuthRefundFailures, map[string]any{"keys": refund, "at": dbTime(at)}); err != nil {
				return err
			}
		}
		if mark != "" {
			if _, err := tx.run(qAuthMarkKnown, map[string]any{"key": mark, "until": dbTime(until)}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("settle a sign-in in %s: %w", s.target, err)
	}
	return nil
}

// Failures returns the failed sign-ins after since of each of keys.
func (s accounts) Failures(ctx context.Context, keys []string, since time.Time) (map[string][]time.Time, error) {
	var fs map[string][]time.Time
	err := s.exec.read(ctx, func(tx runner) error {
		recs, err := tx.run(qAuthFailures, map[string]any{"keys": keys, "since": dbTime(since)})
		if err != nil {
			return err
		}
		fs, err = failuresFromDB(qAuthFailures, recs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read failed sign-ins from %s: %w", s.target, err)
	}
	return fs, nil
}

// ForgetFailures forgets the failed sign-ins of key.
func (s accounts) ForgetFailures(ctx context.Context, key string) error {
	_, err := s.writeCount(ctx, qAuthForgetFailures, map[string]any{"key": key}, "deleted")
	return err
}

// PurgeFailures deletes the keys whose failed sign-ins are all at or before
// since, and returns how many.
func (s accounts) PurgeFailures(ctx context.Context, since time.Time) (int, error) {
	n, err := s.writeCount(ctx, qAuthPurgeFailures, map[string]any{"since": dbTime(since)}, "deleted")
	return int(n), err
}

// failuresFromDB reads the rows (key, times) of q into the failures of each
// key with any, oldest first: instances whose clocks differ may have
// appended them out of order.
func failuresFromDB(q *query, recs []*neo4j.Record) (map[string][]time.Time, error) {
	fs := make(map[string][]time.Time, len(recs))
	for _, rec := range recs {
		key, err := get[string](q, rec, "key")
		if err != nil {
			return nil, err
		}
		list, err := get[[]any](q, rec, "times")
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			continue
		}
		times := make([]time.Time, len(list))
		for i, v := range list {
			t, ok := v.(time.Time)
			if !ok {
				return nil, fmt.Errorf("query %s: column \"times\" item %d is %T, want a time", q.name, i, v)
			}
			times[i] = t
		}
		slices.SortFunc(times, time.Time.Compare)
		fs[key] = times
	}
	return fs, nil
}
