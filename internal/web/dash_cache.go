package web

import (
	"container/list"
	"sync"
)

// dashCacheSize is how many built dashboards the server keeps: every
// dashboard in both languages for a few dozen filter combinations.
const dashCacheSize = 256

// dashCache keeps built dashboards, least recently used out first, keyed by
// the landscape snapshot, the dashboard, the language and the normalised
// query. A snapshot is immutable and every write makes a new one, so an
// entry never goes stale; entries of old snapshots age out. Concurrent
// requests for the same key build it once.
type dashCache struct {
	mu      sync.Mutex
	order   *list.List // of *dashEntry, most recent first
	entries map[string]*list.Element
}

type dashEntry struct {
	key   string
	once  sync.Once
	built *builtDashboard
	err   error
}

func newDashCache() *dashCache {
	return &dashCache{order: list.New(), entries: map[string]*list.Element{}}
}

// get returns the dashboard of key, building it with build at most once
// while it is cached. A failed build is not kept.
func (c *dashCache) get(key string, build func() (*builtDashboard, error)) (*builtDashboard, error) {
	c.mu.Lock()
	el, ok := c.entries[key]
	if ok {
		c.order.MoveToFront(el)
	} else {
		el = c.order.PushFront(&dashEntry{key: key})
		c.entries[key] = el
		if c.order.Len() > dashCacheSize {
			last := c.order.Back()
			c.order.Remove(last)
			delete(c.entries, last.Value.(*dashEntry).key)
		}
	}
	e := el.Value.(*dashEntry)
	c.mu.Unlock()

	e.once.Do(func() { e.built, e.err = build() })
	if e.err != nil {
		c.mu.Lock()
		if cur, ok := c.entries[key]; ok && cur == el {
			c.order.Remove(el)
			delete(c.entries, key)
		}
		c.mu.Unlock()
	}
	return e.built, e.err
}
