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
// ECONFLICT, and create nodes of their own. No increment may be lost, and
// the versions must add up.
func testConcurrentWriters(t *testing.T, s graph.Store) {
	ctx := context.Background()
	counter := &graph.Service{Meta: graph.Meta{ID: "counter", Name: "Counter"},
		Sector: graph.SectorHealth, Funding: graph.FundingPermanent}
	mustApply(t, s, new(graph.Change).Create(counter))

	var (
		mu       sync.Mutex
		versions []int64 // returned by every successful Apply
		wg       sync.WaitGroup
	)
	record := func(v int64) {
		mu.Lock()
		versions = append(versions, v)
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
				record(v)
				v, err = s.Apply(ctx, new(graph.Change).Create(need(fmt.Sprintf("w%d-n%d", w, i))))
				if err != nil {
					t.Errorf("writer %d: create %d: %v", w, i, err)
					return
				}
				record(v)
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
