package graph_test

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/storetest"
)

// openStore opens an embedded store in a fresh file, closed when the test ends.
func openStore(t *testing.T) *embedded.Store {
	t.Helper()
	s, err := embedded.Open(context.Background(), filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newLive(t *testing.T, s graph.Store) *graph.Live {
	t.Helper()
	lv, err := graph.NewLive(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	return lv
}

func TestLiveApplyShowsWrite(t *testing.T) {
	ctx := context.Background()
	lv := newLive(t, openStore(t))
	if v := lv.Landscape().Version(); v != 0 {
		t.Fatalf("new Live on an empty store: version %d, want 0", v)
	}
	before := lv.Landscape()
	v, err := lv.Apply(ctx, storetest.FixtureChange())
	if err != nil {
		t.Fatal(err)
	}
	l := lv.Landscape()
	if v != 1 || l.Version() != 1 {
		t.Errorf("Apply = %d, snapshot version %d; want 1, 1", v, l.Version())
	}
	if _, ok := l.Node(storetest.ServiceID); !ok {
		t.Error("the write is not in the snapshot")
	}
	if n, _ := before.Len(); n != 0 {
		t.Errorf("the old snapshot changed: %d nodes", n)
	}

	// A refused write leaves the snapshot as it was.
	if _, err := lv.Apply(ctx, storetest.FixtureChange()); graph.ErrorCode(err) != graph.ECONFLICT {
		t.Errorf("second Apply of the fixture: %v, want ECONFLICT", err)
	}
	if lv.Landscape() != l {
		t.Error("a refused write swapped the snapshot")
	}
}

// staleStore returns an old snapshot from Landscape while stale is set, as a
// slow reload racing a newer one would.
type staleStore struct {
	graph.Store
	mu    sync.Mutex
	stale *graph.Landscape
}

func (s *staleStore) Landscape(ctx context.Context) (*graph.Landscape, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.stale != nil {
		return s.stale, nil
	}
	return s.Store.Landscape(ctx)
}

func TestLiveNeverSwapsOlder(t *testing.T) {
	ctx := context.Background()
	store := &staleStore{Store: openStore(t)}
	lv := newLive(t, store)
	if _, err := lv.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	old := lv.Landscape()
	if _, err := lv.Apply(ctx, new(graph.Change).Delete(storetest.StageID, 1, true)); err != nil {
		t.Fatal(err)
	}
	cur := lv.Landscape()
	if cur.Version() != 2 {
		t.Fatalf("version %d, want 2", cur.Version())
	}

	store.mu.Lock()
	store.stale = old
	store.mu.Unlock()
	if err := lv.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if lv.Landscape() != cur {
		t.Errorf("Reload swapped in version %d over version %d", lv.Landscape().Version(), cur.Version())
	}
}

func TestLiveWatch(t *testing.T) {
	store := openStore(t)
	lv := newLive(t, store)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		lv.Watch(ctx, 5*time.Millisecond, slog.New(slog.DiscardHandler))
		close(done)
	}()

	// Another writer (another instance) changes the store directly.
	if _, err := store.Apply(context.Background(), storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for lv.Landscape().Version() != 1 {
		if time.Now().After(deadline) {
			t.Fatal("Watch did not pick up the write")
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Watch did not return after cancel")
	}
}

func TestLiveConcurrentApply(t *testing.T) {
	ctx := context.Background()
	lv := newLive(t, openStore(t))
	const writers = 10
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			n := &graph.Need{Meta: graph.Meta{ID: fmt.Sprintf("need-%d", i), Name: "Need"}, Category: graph.CategoryHealth}
			v, err := lv.Apply(ctx, new(graph.Change).Create(n))
			if err != nil {
				t.Error(err)
				return
			}
			// The writer sees its own write, or a later snapshot.
			if l := lv.Landscape(); l.Version() < v {
				t.Errorf("after Apply = %d, snapshot version %d", v, l.Version())
			}
		})
	}
	wg.Wait()
	l := lv.Landscape()
	if n, _ := l.Len(); l.Version() != writers || n != writers {
		t.Errorf("snapshot version %d with %d nodes, want %d and %d", l.Version(), n, writers, writers)
	}
}
