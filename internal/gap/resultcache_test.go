package gap

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// TestResultCacheRepeats: a repeated request returns the same Result without
// computing it again; a different query, scenario or entry point is a new
// entry.
func TestResultCacheRepeats(t *testing.T) {
	ctx := context.Background()
	l := mini().build(t)
	sc := Scenario{Changes: []Change{{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented"}}}}
	type call struct {
		name string
		f    func() (*Result, error)
	}
	calls := []call{
		{"analyse", func() (*Result, error) { return Analyse(ctx, l, Query{}, Scenario{}) }},
		{"analyse scenario", func() (*Result, error) { return Analyse(ctx, l, Query{}, sc) }},
		{"analyse query", func() (*Result, error) { return Analyse(ctx, l, Query{Statuses: []string{"undocumented"}}, Scenario{}) }},
		{"transitions", func() (*Result, error) { return Transitions(ctx, l, Query{}, Scenario{}) }},
		{"criticality", func() (*Result, error) { return Criticality(ctx, l, "fastlege", Query{}, Scenario{}) }},
		{"criticality scenario", func() (*Result, error) { return Criticality(ctx, l, "fastlege", Query{}, sc) }},
	}
	first := map[*Result]string{}
	snap, err := snapshotOf(l)
	if err != nil {
		t.Fatal(err)
	}
	results := snap.results
	for _, c := range calls {
		before, _, _ := results.stats()
		r1, err := c.f()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		mid, _, _ := results.stats()
		r2, err := c.f()
		if err != nil {
			t.Fatalf("%s again: %v", c.name, err)
		}
		after, _, _ := results.stats()
		if r1 != r2 {
			t.Errorf("%s: the repeated call returned another Result", c.name)
		}
		if mid != before+1 || after != mid {
			t.Errorf("%s: computes %d, %d, %d; want one computation, for the first call", c.name, before, mid, after)
		}
		if other, ok := first[r1]; ok {
			t.Errorf("%s: same Result as %s", c.name, other)
		}
		first[r1] = c.name
	}
	// The cached Result is the one the index computes.
	ix, _ := indexOf(l)
	fresh, err := ix.Analyse(ctx, Query{}, sc)
	if err != nil {
		t.Fatal(err)
	}
	cached, _ := Analyse(ctx, l, Query{}, sc)
	if fresh.Summary != cached.Summary || fresh.GapsTotal != cached.GapsTotal || fresh.Diff.OpenedTotal != cached.Diff.OpenedTotal {
		t.Errorf("cached %+v, fresh %+v", cached.Summary, fresh.Summary)
	}
	// A caller changing its scenario afterwards changes neither the cached
	// Result nor what the next call finds.
	mine := Scenario{Changes: []Change{{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented"}}}}
	r1, _ := Analyse(ctx, l, Query{}, mine)
	mine.Changes[0].Statuses[0] = "asylum_seeker"
	if got := r1.Scenario.Changes[0].Statuses[0]; got != "undocumented" {
		t.Errorf("the cached Result's scenario follows the caller's: %q", got)
	}
}

// TestResultCacheBound: the cache keeps at most its bound of entries and of
// items, dropping the least recently used.
func TestResultCacheBound(t *testing.T) {
	ctx := context.Background()
	c := newResultCache(3, 100)
	res := func(items int) func(context.Context) (*Result, error) {
		return func(context.Context) (*Result, error) { return &Result{Gaps: make([]Gap, items-1)}, nil }
	}
	key := func(i int) resultKey { return resultKey{op: "t", body: fmt.Sprint(i)} }
	for i := range 10 {
		if _, err := c.get(ctx, key(i), res(10)); err != nil {
			t.Fatal(err)
		}
		if _, kept, items := c.stats(); kept > 3 || items > 100 {
			t.Fatalf("after %d: %d entries, %d items; bound 3, 100", i+1, kept, items)
		}
	}
	// 7, 8, 9 are kept; using 7 makes 8 the oldest.
	computes, _, _ := c.stats()
	c.get(ctx, key(7), res(10))
	c.get(ctx, key(10), res(10))
	c.get(ctx, key(7), res(10))
	c.get(ctx, key(9), res(10))
	if got, _, _ := c.stats(); got != computes+1 {
		t.Errorf("%d computations, want 1 (for 10)", got-computes)
	}
	c.get(ctx, key(8), res(10))
	if got, _, _ := c.stats(); got != computes+2 {
		t.Errorf("8 should have been evicted")
	}
	// The bound on items: big entries push the others out; one too big for
	// the cache is returned and not kept.
	c.get(ctx, key(20), res(60))
	c.get(ctx, key(21), res(35))
	if _, kept, items := c.stats(); kept != 2 || items != 95 {
		t.Errorf("%d entries, %d items; want 2, 95", kept, items)
	}
	if r, _ := c.get(ctx, key(22), res(500)); r == nil || len(r.Gaps) != 499 {
		t.Errorf("an oversize result is still returned")
	}
	if _, kept, items := c.stats(); kept != 2 || items != 95 {
		t.Errorf("after an oversize result: %d entries, %d items; want 2, 95", kept, items)
	}
}

// TestResultCacheSingleflight: concurrent identical requests compute once;
// errors are not kept; a waiter whose leader is cancelled computes itself.
func TestResultCacheSingleflight(t *testing.T) {
	c := newResultCache(8, 1000)
	k := resultKey{op: "t"}
	release := make(chan struct{})
	var mu sync.Mutex
	n := 0
	slow := func(context.Context) (*Result, error) {
		mu.Lock()
		n++
		mu.Unlock()
		<-release
		return &Result{}, nil
	}
	var wg sync.WaitGroup
	got := make([]*Result, 16)
	for i := range got {
		wg.Go(func() {
			r, err := c.get(context.Background(), k, slow)
			if err != nil {
				t.Error(err)
			}
			got[i] = r
		})
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n != 1 {
		t.Errorf("%d computations, want 1", n)
	}
	for _, r := range got {
		if r != got[0] || r == nil {
			t.Fatal("concurrent callers got different Results")
		}
	}

	// An error is returned and not kept.
	boom := errors.New("boom")
	k2 := resultKey{op: "err"}
	for range 2 {
		if _, err := c.get(context.Background(), k2, func(context.Context) (*Result, error) { return nil, boom }); err != boom {
			t.Errorf("error %v, want boom", err)
		}
	}
	if computes, _, _ := c.stats(); computes != 3 {
		t.Errorf("%d computations, want 3 (errors are not cached)", computes)
	}

	// The leader is cancelled: the waiter computes for itself.
	k3 := resultKey{op: "cancel"}
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := c.get(ctx, k3, func(ctx context.Context) (*Result, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		})
		done <- err
	}()
	<-started
	waiter := make(chan *Result)
	go func() {
		r, _ := c.get(context.Background(), k3, func(context.Context) (*Result, error) { return &Result{Profiles: 7}, nil })
		waiter <- r
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: %v, want canceled", err)
	}
	if r := <-waiter; r == nil || r.Profiles != 7 {
		t.Errorf("waiter got %+v, want its own result", r)
	}
}

// TestBadInputIsInvalid: an unknown filter value, or a scenario naming a
// missing service, is EINVALID from every entry point, and is not cached.
func TestBadInputIsInvalid(t *testing.T) {
	ctx := context.Background()
	l := mini().build(t)
	missing := Scenario{Changes: []Change{{Kind: Widen, Service: "nope", Statuses: []string{"undocumented"}}}}
	queries := []Query{
		{AgeBands: []graph.AgeBand{"old"}},
		{Exploitation: []string{"nope"}},
		{Needs: []string{"nope"}},
		{Stages: []string{"nope"}},
		{Groups: []string{"nope"}},
		{Regions: []string{"nope"}},
	}
	for _, q := range queries {
		for name, f := range map[string]func() (*Result, error){
			"Analyse":     func() (*Result, error) { return Analyse(ctx, l, q, Scenario{}) },
			"Transitions": func() (*Result, error) { return Transitions(ctx, l, q, Scenario{}) },
			"Criticality": func() (*Result, error) { return Criticality(ctx, l, "fastlege", q, Scenario{}) },
		} {
			for range 2 {
				if _, err := f(); graph.ErrorCode(err) != graph.EINVALID {
					t.Errorf("%s(%+v): %v, want EINVALID", name, q, err)
				}
			}
		}
	}
	for name, f := range map[string]func() (*Result, error){
		"Analyse":     func() (*Result, error) { return Analyse(ctx, l, Query{}, missing) },
		"Transitions": func() (*Result, error) { return Transitions(ctx, l, Query{}, missing) },
		"Criticality": func() (*Result, error) { return Criticality(ctx, l, "fastlege", Query{}, missing) },
	} {
		_, err := f()
		if graph.ErrorCode(err) != graph.EINVALID || err == nil || !contains(err.Error(), `no service with id "nope"`) {
			t.Errorf("%s with a missing service: %v, want EINVALID naming it", name, err)
		}
	}
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

// TestResultCachePerSnapshot: each snapshot keeps its own index and Results;
// an equal landscape built again (a new version after a write) computes
// afresh and does not see the other's.
func TestResultCachePerSnapshot(t *testing.T) {
	ctx := context.Background()
	l1, l2 := mini().build(t), mini().build(t)
	r1, err := Analyse(ctx, l1, Query{}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Analyse(ctx, l2, Query{}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if r1 == r2 {
		t.Error("two snapshots share a cached Result")
	}
	s1, _ := snapshotOf(l1)
	s2, _ := snapshotOf(l2)
	if s1.ix == s2.ix || s1.results == s2.results {
		t.Error("two snapshots share an index or a result cache")
	}
	if c, kept, _ := s2.results.stats(); c != 1 || kept != 1 {
		t.Errorf("second snapshot: %d computed, %d kept; want 1, 1", c, kept)
	}
	if r1.Summary != r2.Summary {
		t.Errorf("equal landscapes, different summaries: %+v, %+v", r1.Summary, r2.Summary)
	}
}
