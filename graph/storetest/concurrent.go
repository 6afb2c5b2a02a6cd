package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// The shape of testConcurrentWriters.
const (
	writers    = 20
	increments = 3 // per writer
	maxRetries = 1000
)

// testConcurrentWriters runs writers that each increment a counter (the
// Capacity of one shared Service) by read-modify-write, retrying on
// ECONFLICT, and create nodes of their own. No increment may be lost, the
// versions must add up, and the counter's history must hold each increment
// once (and no refused attempt).
func testConcurrentWriters(t *testing.T, s graph.Store) {
	ctx := context.Background()
	counter := &graph.Service{Meta: graph.Meta{ID: "counter", Name: "Counter"},
		Sector: graph.SectorHealth, Funding: graph.FundingPermanent}
	mustApply(t, s, new(graph.Change).Create(counter))

	var (
		mu       sync.Mutex
		versions []int64 // returned by every successful Apply
		counted  []int64 // returned by every successful increment
		wg       sync.WaitGroup
	)
	record := func(v int64, increment bool) {
		mu.Lock()
		versions = append(versions, v)
		if increment {
			counted = append(counted, v)
		}
		mu.Unlock()
	}
	for w := range writers {
		wg.Go(func() {
			for i := range increments {
				v, err := increment(ctx, s, "counter")
				if err != nil {
					t.Errorf("writer %d: increment %d: %v", w, i, err)
					return
				}
				record(v, true)
				v, err = s.Apply(ctx, new(graph.Change).Create(need(fmt.Sprintf("w%d-n%d", w, i))))
				if err != nil {
					t.Errorf("writer %d: create %d: %v", w, i, err)
					return
				}
				record(v, false)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	l := mustLandscape(t, s)
	got := node[*graph.Service](t, s, "counter")
	if want := writers * increments; got.Capacity != want {
		t.Errorf("counter = %d, want %d: updates were lost", got.Capacity, want)
	}
	if want := int64(1 + writers*increments); got.Version != want {
		t.Errorf("counter version = %d, want %d", got.Version, want)
	}
	if n := len(l.Nodes(graph.TypeNeed)); n != writers*increments {
		t.Errorf("%d needs, want %d", n, writers*increments)
	}
	// Each write made exactly one version, in some order: 2 .. 1+len.
	slices.Sort(versions)
	for i, v := range versions {
		if v != int64(i+2) {
			t.Fatalf("versions returned by Apply = %v, want 2 to %d, each once", versions, len(versions)+1)
		}
	}
	if want := int64(1 + len(versions)); l.Version() != want {
		t.Errorf("landscape version = %d, want %d", l.Version(), want)
	}
	wantCounterHistory(t, s, counted)
}

// wantCounterHistory checks that the counter's history holds its creation
// and one revision per successful increment, made by the versions the
// increments returned, each adding one to the counter.
func wantCounterHistory(t *testing.T, s graph.Store, counted []int64) {
	t.Helper()
	h := mustHistory(t, s, "counter")
	if len(h) != len(counted)+1 {
		t.Fatalf("counter has %d revisions, want %d: one per successful write", len(h), len(counted)+1)
	}
	var got []int64
	for i, r := range h {
		if want := int64(len(h) - i); r.Version != want {
			t.Errorf("revision %d: counter version %d, want %d", i, r.Version, want)
		}
		if r.LandscapeVersion == 1 {
			continue // the creation
		}
		got = append(got, r.LandscapeVersion)
		before, okB := r.Before.(*graph.Service)
		after, okA := r.After.(*graph.Service)
		if !okB || !okA || after.Capacity != before.Capacity+1 {
			t.Errorf("revision %d: %v -> %v, want the counter plus one", i, r.Before, r.After)
		}
	}
	slices.Sort(got)
	slices.Sort(counted)
	if !slices.Equal(got, counted) {
		t.Errorf("landscape versions of the revisions = %v, want those of the increments %v", got, counted)
	}
	if h[len(h)-1].LandscapeVersion != 1 || h[len(h)-1].Before != nil {
		t.Errorf("oldest revision = %+v, want the creation at version 1", h[len(h)-1])
	}
}

// increment adds one to the Capacity of Service id by read-modify-write,
// retrying while another writer gets there first.
func increment(ctx context.Context, s graph.Store, id string) (int64, error) {
	for range maxRetries {
		l, err := s.Landscape(ctx)
		if err != nil {
			return 0, err
		}
		cur, err := graph.Lookup[*graph.Service](l, id)
		if err != nil {
			return 0, err
		}
		next := *cur
		next.Capacity++
		v, err := s.Apply(ctx, new(graph.Change).Update(&next))
		if graph.ErrorCode(err) == graph.ECONFLICT {
			continue
		}
		return v, err
	}
	return 0, fmt.Errorf("still conflicting after %d tries", maxRetries)
}
