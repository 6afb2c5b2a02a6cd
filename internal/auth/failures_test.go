package auth_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// memFailures is an auth.FailureStore in memory, standing in for a store
// that several instances share. It counts its round trips, and fails every
// call with err if set.
type memFailures struct {
	mu            sync.Mutex
	keys          map[string][]time.Time
	reads, writes int
	err           error
}

func newMemFailures() *memFailures { return &memFailures{keys: map[string][]time.Time{}} }

var _ auth.FailureStore = (*memFailures)(nil)

// after returns the failures of key after since, oldest first.
func (m *memFailures) after(key string, since time.Time) []time.Time {
	var fs []time.Time
	for _, t := range m.keys[key] {
		if t.After(since) {
			fs = append(fs, t)
		}
	}
	slices.SortFunc(fs, time.Time.Compare)
	return fs
}

func (m *memFailures) RecordFailures(_ context.Context, keys []string, at, since time.Time) (map[string][]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.err != nil {
		return nil, m.err
	}
	got := map[string][]time.Time{}
	for _, k := range keys {
		m.keys[k] = append(m.after(k, since), at)
		got[k] = slices.SortedFunc(slices.Values(m.keys[k]), time.Time.Compare)
	}
	return got, nil
}

func (m *memFailures) Attempt(_ context.Context, keys []string, at, since time.Time, decide func(map[string][]time.Time) []string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.err != nil {
		return false, m.err
	}
	got := map[string][]time.Time{}
	for _, k := range keys {
		if fs := m.after(k, since); len(fs) > 0 {
			got[k] = fs
		}
	}
	record := decide(got)
	for _, k := range record {
		m.keys[k] = append(m.after(k, since), at)
	}
	return len(record) > 0, nil
}

func (m *memFailures) Settle(_ context.Context, forget, refund []string, at time.Time, mark string, until time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.err != nil {
		return m.err
	}
	for _, k := range forget {
		delete(m.keys, k)
	}
	for _, k := range refund {
		m.keys[k] = slices.DeleteFunc(m.keys[k], at.Equal)
	}
	if mark != "" {
		m.keys[mark] = []time.Time{until}
	}
	return nil
}

func (m *memFailures) Failures(_ context.Context, keys []string, since time.Time) (map[string][]time.Time, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reads++
	if m.err != nil {
		return nil, m.err
	}
	got := map[string][]time.Time{}
	for _, k := range keys {
		if fs := m.after(k, since); len(fs) > 0 {
			got[k] = fs
		}
	}
	return got, nil
}

func (m *memFailures) ForgetFailures(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.err != nil {
		return m.err
	}
	delete(m.keys, key)
	return nil
}

func (m *memFailures) PurgeFailures(_ context.Context, since time.Time) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.writes++
	if m.err != nil {
		return 0, m.err
	}
	n := 0
	for k := range m.keys {
		if len(m.after(k, since)) == 0 {
			delete(m.keys, k)
			n++
		}
	}
	return n, nil
}

// trips returns the reads and writes since the last call.
func (m *memFailures) trips() (reads, writes int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	reads, writes = m.reads, m.writes
	m.reads, m.writes = 0, 0
	return reads, writes
}

// TestMemFailures holds the stand-in to the FailureStore suite, so that
// what the tests on it show holds for a real store as well.
func TestMemFailures(t *testing.T) {
	authtest.RunFailures(t, func(t *testing.T) auth.FailureStore { return newMemFailures() })
}
