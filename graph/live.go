package graph

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Live holds the current Landscape of a Store. Readers take the snapshot with
// Landscape and keep using it; a write through Apply, or a newer version seen
// by Watch, loads a new snapshot and swaps it in atomically. Live never swaps
// an older snapshot over a newer one.
type Live struct {
	store  Store
	cur    atomic.Pointer[Landscape]
	reload sync.Mutex
}

// NewLive loads the store's landscape and returns a Live holding it.
func NewLive(ctx context.Context, store Store) (*Live, error) {
	lv := &Live{store: store}
	if err := lv.Reload(ctx); err != nil {
		return nil, err
	}
	return lv, nil
}

// Landscape returns the current snapshot.
func (lv *Live) Landscape() *Landscape { return lv.cur.Load() }

// Store returns the store behind lv.
func (lv *Live) Store() Store { return lv.store }

// Apply applies c to the store and swaps in the new snapshot before it
// returns, so the caller's next read sees its own write.
func (lv *Live) Apply(ctx context.Context, c *Change) (int64, error) {
	v, err := lv.store.Apply(ctx, c)
	if err != nil {
		return 0, err
	}
	if cur := lv.cur.Load(); cur == nil || cur.Version() < v {
		if err := lv.Reload(ctx); err != nil {
			return v, fmt.Errorf("reload after write: %w", err)
		}
	}
	return v, nil
}

// Reload loads the store's landscape and swaps it in if it is newer than the
// current one.
func (lv *Live) Reload(ctx context.Context) error {
	lv.reload.Lock()
	defer lv.reload.Unlock()
	l, err := lv.store.Landscape(ctx)
	if err != nil {
		return fmt.Errorf("load landscape: %w", err)
	}
	if cur := lv.cur.Load(); cur == nil || cur.Version() < l.Version() {
		lv.cur.Store(l)
	}
	return nil
}

// Watch polls the store's version every interval and reloads when another
// writer (another instance on the same Neo4j) has changed it. It returns when
// ctx is done.
func (lv *Live) Watch(ctx context.Context, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v, err := lv.store.Version(ctx)
		if err != nil {
			log.WarnContext(ctx, "poll landscape version", "err", err)
			continue
		}
		if v > lv.Landscape().Version() {
			if err := lv.Reload(ctx); err != nil {
				log.WarnContext(ctx, "reload landscape", "err", err)
				continue
			}
			log.InfoContext(ctx, "landscape reloaded", "version", v)
		}
	}
}
