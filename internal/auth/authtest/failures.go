package authtest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// RunFailures runs the conformance tests of auth.FailureStore against the
// stores open returns, with the same contract as Run's: a fresh, empty
// store for each subtest. Run runs them for every auth.Store that is also a
// FailureStore, and skips them for one that is not.
func RunFailures(t *testing.T, open func(t *testing.T) auth.FailureStore) {
	for _, test := range []struct {
		name string
		fn   func(*testing.T, auth.FailureStore)
	}{
		{"RecordFailures", testRecordFailures},
		{"FailuresOrder", testFailuresOrder},
		{"ForgetFailures", testForgetFailures},
		{"PurgeFailures", testPurgeFailures},
		{"ConcurrentFailures", testConcurrentFailures},
		{"Attempt", testAttempt},
		{"ConcurrentAttempts", testConcurrentAttempts},
		{"Settle", testSettle},
		{"FailuresNotInLandscape", testFailuresNotInLandscape},
	} {
		t.Run(test.name, func(t *testing.T) { test.fn(t, open(t)) })
	}
	// The login limit itself, counted in the store.
	t.Run("LoginLimit", func(t *testing.T) {
		RunLimiter(t, func(t *testing.T, cfg auth.Config) Limiter {
			return auth.NewStoreLimiter(open(t), cfg)
		})
	})
}

// failureStore returns s as a FailureStore, or skips the test.
func failureStore(t *testing.T, s auth.Store) auth.FailureStore {
	t.Helper()
	fs, ok := s.(auth.FailureStore)
	if !ok {
		t.Skipf("%T does not count failed sign-ins (no auth.FailureStore): the Manager counts them in memory", s)
	}
	return fs
}

// failureMap is the failures of each key, oldest first.
type failureMap = map[string][]time.Time

// diffFailures compares failures as instants: a store may return another
// zone or offset.
func diffFailures(want, got failureMap) string {
	return cmp.Diff(want, got, cmp.Comparer(time.Time.Equal))
}

func mustFailures(t *testing.T, s auth.FailureStore, keys []string, since time.Time) failureMap {
	t.Helper()
	got, err := s.Failures(ctx, keys, since)
	if err != nil {
		t.Fatalf("Failures(%v): %v", keys, err)
	}
	return got
}

func mustRecord(t *testing.T, s auth.FailureStore, keys []string, at, since time.Time) failureMap {
	t.Helper()
	got, err := s.RecordFailures(ctx, keys, at, since)
	if err != nil {
		t.Fatalf("RecordFailures(%v, %v): %v", keys, at, err)
	}
	return got
}

// longAgo is a start of the window before every failure of the suite.
var longAgo = t0.Add(-24 * time.Hour)

func testRecordFailures(t *testing.T, s auth.FailureStore) {
	a, b := hashOf(1), hashOf(2)
	if got := mustFailures(t, s, []string{a, b}, longAgo); len(got) != 0 {
		t.Errorf("Failures of an empty store = %v; want none", got)
	}
	t1, t2, t3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(20*time.Minute)
	got := mustRecord(t, s, []string{a, b}, t0, longAgo)
	if d := diffFailures(failureMap{a: {t0}, b: {t0}}, got); d != "" {
		t.Errorf("first RecordFailures mismatch (-want +got):\n%s", d)
	}
	got = mustRecord(t, s, []string{a}, t1, longAgo)
	if d := diffFailures(failureMap{a: {t0, t1}}, got); d != "" {
		t.Errorf("second RecordFailures mismatch (-want +got):\n%s", d)
	}
	mustRecord(t, s, []string{a}, t2, longAgo)
	// A failure at the start of the window has left it.
	if d := diffFailures(failureMap{a: {t1, t2}}, mustFailures(t, s, []string{a, b}, t0)); d != "" {
		t.Errorf("Failures since t0 mismatch (-want +got):\n%s", d)
	}
	if d := diffFailures(failureMap{a: {t0, t1, t2}, b: {t0}}, mustFailures(t, s, []string{a, b, hashOf(3)}, longAgo)); d != "" {
		t.Errorf("Failures since long ago mismatch (-want +got):\n%s", d)
	}
	// Recording drops the failures that left the window, for good.
	got = mustRecord(t, s, []string{a}, t3, t1)
	if d := diffFailures(failureMap{a: {t2, t3}}, got); d != "" {
		t.Errorf("RecordFailures with a later window mismatch (-want +got):\n%s", d)
	}
	if d := diffFailures(failureMap{a: {t2, t3}}, mustFailures(t, s, []string{a}, longAgo)); d != "" {
		t.Errorf("the failures that left the window are kept (-want +got):\n%s", d)
	}
	if got := mustFailures(t, s, nil, longAgo); len(got) != 0 {
		t.Errorf("Failures of no keys = %v", got)
	}
}

// testFailuresOrder: failures come back oldest first, also when they were
// recorded out of order (by instances whose clocks differ).
func testFailuresOrder(t *testing.T, s auth.FailureStore) {
	a := hashOf(1)
	at := []time.Time{t0.Add(3 * time.Second), t0.Add(time.Second), t0.Add(2 * time.Second), t0}
	for _, x := range at {
		mustRecord(t, s, []string{a}, x, longAgo)
	}
	want := slices.SortedFunc(slices.Values(at), time.Time.Compare)
	if d := diffFailures(failureMap{a: want}, mustFailures(t, s, []string{a}, longAgo)); d != "" {
		t.Errorf("Failures mismatch (-want +got):\n%s", d)
	}
	later := t0.Add(time.Second / 2)
	want = []time.Time{t0, later, t0.Add(time.Second), t0.Add(2 * time.Second), t0.Add(3 * time.Second)}
	if d := diffFailures(failureMap{a: want}, mustRecord(t, s, []string{a}, later, longAgo)); d != "" {
		t.Errorf("RecordFailures mismatch (-want +got):\n%s", d)
	}
}

func testForgetFailures(t *testing.T, s auth.FailureStore) {
	a, b := hashOf(1), hashOf(2)
	mustRecord(t, s, []string{a, b}, t0, longAgo)
	if err := s.ForgetFailures(ctx, a); err != nil {
		t.Fatal(err)
	}
	if d := diffFailures(failureMap{b: {t0}}, mustFailures(t, s, []string{a, b}, longAgo)); d != "" {
		t.Errorf("after ForgetFailures(a) (-want +got):\n%s", d)
	}
	if err := s.ForgetFailures(ctx, a); err != nil {
		t.Errorf("forgetting a forgotten key: %v", err)
	}
	if err := s.ForgetFailures(ctx, hashOf(99)); err != nil {
		t.Errorf("forgetting an unknown key: %v", err)
	}
	// A forgotten key counts afresh.
	t1 := t0.Add(time.Minute)
	if d := diffFailures(failureMap{a: {t1}}, mustRecord(t, s, []string{a}, t1, longAgo)); d != "" {
		t.Errorf("RecordFailures after ForgetFailures (-want +got):\n%s", d)
	}
}

func testPurgeFailures(t *testing.T, s auth.FailureStore) {
	old, mixed, fresh := hashOf(1), hashOf(2), hashOf(3)
	since := t0.Add(time.Hour)
	mustRecord(t, s, []string{old, mixed}, t0, longAgo)
	mustRecord(t, s, []string{old}, since, longAgo) // at the start: out
	mustRecord(t, s, []string{mixed, fresh}, since.Add(time.Nanosecond), longAgo)
	n, err := s.PurgeFailures(ctx, since)
	if err != nil || n != 1 {
		t.Errorf("PurgeFailures = %d, %v; want 1", n, err)
	}
	got := mustFailures(t, s, []string{old, mixed, fresh}, longAgo)
	if _, ok := got[old]; ok {
		t.Errorf("a key whose failures all left the window survived the purge: %v", got[old])
	}
	if d := diffFailures(failureMap{mixed: {since.Add(time.Nanosecond)}, fresh: {since.Add(time.Nanosecond)}}, mustFailures(t, s, []string{old, mixed, fresh}, since)); d != "" {
		t.Errorf("after PurgeFailures (-want +got):\n%s", d)
	}
	if n, err := s.PurgeFailures(ctx, since); err != nil || n != 0 {
		t.Errorf("a second PurgeFailures = %d, %v; want 0", n, err)
	}
}

// testConcurrentFailures: failures recorded at once, on one key and on
// keys of their own, are all kept.
func testConcurrentFailures(t *testing.T, s auth.FailureStore) {
	shared := hashOf(0)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			at := t0.Add(time.Duration(i) * time.Millisecond)
			got, err := s.RecordFailures(ctx, []string{shared, hashOf(i + 1)}, at, longAgo)
			if err != nil {
				t.Error(err)
				return
			}
			if !slices.ContainsFunc(got[shared], at.Equal) || len(got[hashOf(i+1)]) != 1 {
				t.Errorf("RecordFailures at %v returned %v", at, got)
			}
		})
	}
	wg.Wait()
	keys := []string{shared}
	for i := range n {
		keys = append(keys, hashOf(i+1))
	}
	got := mustFailures(t, s, keys, longAgo)
	if len(got[shared]) != n || !slices.IsSortedFunc(got[shared], time.Time.Compare) {
		t.Errorf("%d concurrent failures of one key left %v; want %d, oldest first", n, got[shared], n)
	}
	if len(got) != n+1 {
		t.Errorf("%d keys of %d have failures", len(got), n+1)
	}
}

// testFailuresNotInLandscape checks, for a store that is also a graph
// store, that failed sign-ins are no part of the landscape.
func testFailuresNotInLandscape(t *testing.T, s auth.FailureStore) {
	gs, ok := s.(graph.Store)
	if !ok {
		t.Skip("not a graph.Store")
	}
	before, err := gs.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustRecord(t, s, []string{hashOf(1), hashOf(2)}, t0, longAgo)
	after, _ := gs.Version(ctx)
	l, err := gs.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Len(); after != before || n != 0 {
		t.Errorf("after recording failures: version %d -> %d, %d nodes; want unchanged and 0", before, after, n)
	}
}

// testAttempt: Attempt shows decide the failures in the window of each key
// that has any, records at under the keys decide returns only, and writes
// nothing when it returns none.
func testAttempt(t *testing.T, s auth.FailureStore) {
	a, b, c := hashOf(1), hashOf(2), hashOf(3)
	mustRecord(t, s, []string{a}, t0, longAgo)
	t1 := t0.Add(time.Minute)
	var seen failureMap
	ok, err := s.Attempt(ctx, []string{a, b, c}, t1, longAgo, func(fs map[string][]time.Time) []string {
		seen = fs
		return []string{a, b}
	})
	if err != nil || !ok {
		t.Fatalf("Attempt = %v, %v; want recorded", ok, err)
	}
	if d := diffFailures(failureMap{a: {t0}}, seen); d != "" {
		t.Errorf("decide saw (-want +got):\n%s", d)
	}
	if d := diffFailures(failureMap{a: {t0, t1}, b: {t1}}, mustFailures(t, s, []string{a, b, c}, longAgo)); d != "" {
		t.Errorf("after Attempt (-want +got):\n%s", d)
	}
	ok, err = s.Attempt(ctx, []string{a, c}, t1.Add(time.Minute), t0, func(fs map[string][]time.Time) []string {
		seen = fs
		return nil
	})
	if err != nil || ok {
		t.Fatalf("refused Attempt = %v, %v; want not recorded", ok, err)
	}
	if d := diffFailures(failureMap{a: {t1}}, seen); d != "" {
		t.Errorf("decide, with a later window, saw (-want +got):\n%s", d)
	}
	if d := diffFailures(failureMap{a: {t0, t1}, b: {t1}}, mustFailures(t, s, []string{a, b, c}, longAgo)); d != "" {
		t.Errorf("a refused Attempt wrote (-want +got):\n%s", d)
	}
}

// testConcurrentAttempts: Attempts at once on one key are serialised, so a
// limit that decide applies holds: of 30 that allow 5 failures, 5 record.
func testConcurrentAttempts(t *testing.T, s auth.FailureStore) {
	shared := hashOf(0)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		recorded int
	)
	for i := range 30 {
		wg.Go(func() {
			at := t0.Add(time.Duration(i) * time.Millisecond)
			ok, err := s.Attempt(ctx, []string{shared, hashOf(i + 1)}, at, longAgo, func(fs map[string][]time.Time) []string {
				if len(fs[shared]) >= 5 {
					return nil
				}
				return []string{shared, hashOf(i + 1)}
			})
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				recorded++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if got := mustFailures(t, s, []string{shared}, longAgo)[shared]; recorded != 5 || len(got) != 5 {
		t.Errorf("30 Attempts at once under a limit of 5: %d recorded, %d stored; want 5, 5", recorded, len(got))
	}
}

// testSettle: Settle forgets, refunds one time, and leaves a mark that
// outlives PurgeFailures until its time.
func testSettle(t *testing.T, s auth.FailureStore) {
	a, b, c, mark := hashOf(1), hashOf(2), hashOf(3), hashOf(4)
	t1 := t0.Add(time.Minute)
	mustRecord(t, s, []string{a, b, c}, t0, longAgo)
	mustRecord(t, s, []string{a, b, c}, t1, longAgo)
	until := t0.Add(48 * time.Hour)
	if err := s.Settle(ctx, []string{a}, []string{b}, t1, mark, until); err != nil {
		t.Fatal(err)
	}
	if d := diffFailures(failureMap{b: {t0}, c: {t0, t1}, mark: {until}}, mustFailures(t, s, []string{a, b, c, mark}, longAgo)); d != "" {
		t.Errorf("after Settle (-want +got):\n%s", d)
	}
	if err := s.Settle(ctx, nil, []string{c, hashOf(9)}, t0, "", time.Time{}); err != nil {
		t.Fatal(err)
	}
	if d := diffFailures(failureMap{c: {t1}}, mustFailures(t, s, []string{c}, longAgo)); d != "" {
		t.Errorf("after a refund without mark (-want +got):\n%s", d)
	}
	if _, err := s.PurgeFailures(ctx, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if d := diffFailures(failureMap{mark: {until}}, mustFailures(t, s, []string{a, b, c, mark}, longAgo)); d != "" {
		t.Errorf("after PurgeFailures, the mark must stay (-want +got):\n%s", d)
	}
}
