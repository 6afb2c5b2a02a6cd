package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// testWriteOwnRevision has writers update one node at once, each retrying a
// refused update on the version it then reads: the revision at the
// landscape version each successful Apply returns is that Apply's own, with
// the node as it wrote it at the version it made. The write API answers a
// write from that revision (its ETag and body), so no writer is told of
// another's version.
func testWriteOwnRevision(t *testing.T, s graph.Store) {
	ctx := context.Background()
	mustApply(t, s, new(graph.Change).Create(need("shared")))
	type write struct {
		marker string
		base   int64 // the version the update replaced
		v      int64 // the landscape version Apply returned
	}
	var (
		mu     sync.Mutex
		writes []write
		wg     sync.WaitGroup
	)
	for w := range 8 {
		wg.Go(func() {
			for i := range 4 {
				marker := fmt.Sprintf("writer %d write %d", w, i)
				for try := 0; ; try++ {
					if try > maxRetries {
						t.Errorf("%s: still refused after %d tries", marker, try)
						return
					}
					l, err := s.Landscape(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					cur, err := graph.Lookup[*graph.Need](l, "shared")
					if err != nil {
						t.Error(err)
						return
					}
					n := *cur
					n.Description = marker
					v, err := s.Apply(ctx, new(graph.Change).Update(&n))
					if graph.ErrorCode(err) == graph.ECONFLICT {
						continue
					}
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					writes = append(writes, write{marker, cur.Version, v})
					mu.Unlock()
					break
				}
			}
		})
	}
	wg.Wait()
	byV := map[int64]graph.Revision{}
	for _, r := range mustHistory(t, s, "shared") {
		byV[r.LandscapeVersion] = r
	}
	for _, w := range writes {
		r, ok := byV[w.v]
		if !ok || r.Version != w.base+1 || description(r.After) != w.marker {
			t.Errorf("%s: Apply returned landscape version %d, whose revision is version %d %q; want version %d with its own change",
				w.marker, w.v, r.Version, description(r.After), w.base+1)
		}
	}
	if len(writes) != 32 {
		t.Errorf("%d writes accepted, want 32", len(writes))
	}
}
