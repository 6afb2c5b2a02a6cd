package gap

import (
	"sync"

	"github.com/gapmap/gapmap/graph"
)

// cacheSize is how many snapshots' indexes the package keeps. A served
// landscape is swapped for a newer one on every write, so a few entries cover
// the current snapshot and the ones requests still hold.
const cacheSize = 4

// indexes is the package's cache of indexes, most recently used first. It
// holds no configuration and changes no result: it only saves rebuilding an
// Index for a snapshot that was indexed before.
var indexes indexCache

type indexCache struct {
	mu      sync.Mutex
	entries []*cacheEntry
}

type cacheEntry struct {
	l    *graph.Landscape
	once sync.Once
	ix   *Index
	err  error
}

// indexOf returns the index of l, building it at most once per cached
// snapshot even when many goroutines ask at the same time.
func indexOf(l *graph.Landscape) (*Index, error) {
	if l == nil {
		return nil, graph.Errorf(graph.EINVALID, "gap: no landscape")
	}
	e := indexes.entry(l)
	e.once.Do(func() { e.ix, e.err = NewIndex(l) })
	return e.ix, e.err
}

func (c *indexCache) entry(l *graph.Landscape) *cacheEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, e := range c.entries {
		if e.l == l {
			copy(c.entries[1:i+1], c.entries[:i])
			c.entries[0] = e
			return e
		}
	}
	e := &cacheEntry{l: l}
	c.entries = append([]*cacheEntry{e}, c.entries...)
	if len(c.entries) > cacheSize {
		c.entries[cacheSize] = nil
		c.entries = c.entries[:cacheSize]
	}
	return e
}
