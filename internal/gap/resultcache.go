package gap

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"github.com/gapmap/gapmap/graph"
)

// The package-level entry points (Analyse, Transitions, GroupGaps,
// Criticality) keep their Results in a bounded LRU cache keyed by landscape
// snapshot, entry point, query and scenario, so a repeated request costs a
// map look-up. Concurrent identical requests compute once: the others wait
// for the first. A Result handed out is shared by every caller of the same
// request and must be treated as read-only.
const (
	// resultCacheEntries bounds the Results kept.
	resultCacheEntries = 64
	// resultCacheItems bounds the list items (gaps, fragmentation,
	// criticality, transitions, diff cells) kept in all; a Result larger
	// than this on its own is not kept.
	resultCacheItems = 1 << 20
)

var results = newResultCache(resultCacheEntries, resultCacheItems)

// resultKey identifies a request: the snapshot (not only its version, which
// two unrelated landscapes may share), the entry point with its id, and the
// query and scenario as JSON.
type resultKey struct {
	l    *graph.Landscape
	op   string
	body string
}

type resultEntry struct {
	key   resultKey
	done  chan struct{} // closed when res and err are set
	res   *Result
	err   error
	items int
	// listed: in the LRU list (computed, kept, not evicted).
	listed     bool
	prev, next *resultEntry
}

type resultCache struct {
	mu                  sync.Mutex
	entries             map[resultKey]*resultEntry
	head, tail          *resultEntry // computed entries, most recently used first
	maxEntries, maxSize int
	size, n             int // list items and entries in the LRU list
	computes            int // how many Results were computed (for tests)
}

func newResultCache(maxEntries, maxItems int) *resultCache {
	return &resultCache{entries: map[resultKey]*resultEntry{}, maxEntries: maxEntries, maxSize: maxItems}
}

// cachedResult returns the Result of the request (l, op, q, sc), computing
// it with compute on a private copy of q and sc only if it is not cached or
// being computed. Errors are not cached; a waiter whose leader was cancelled
// computes for itself.
func cachedResult(ctx context.Context, l *graph.Landscape, op string, q Query, sc Scenario,
	compute func(ctx context.Context, q Query, sc Scenario) (*Result, error)) (*Result, error) {
	body, err := json.Marshal(struct {
		Q  Query    `json:"q"`
		SC Scenario `json:"sc"`
	}{q, sc})
	if err != nil { // cannot happen for these types; compute uncached
		return compute(ctx, q, sc)
	}
	// The Result keeps the query and scenario: give it copies the caller
	// cannot change afterwards.
	q, sc = cloneQuery(q), cloneScenario(sc)
	return results.get(ctx, resultKey{l: l, op: op, body: string(body)}, func(ctx context.Context) (*Result, error) {
		return compute(ctx, q, sc)
	})
}

func (c *resultCache) get(ctx context.Context, k resultKey, compute func(context.Context) (*Result, error)) (*Result, error) {
	for {
		c.mu.Lock()
		e, ok := c.entries[k]
		if !ok {
			e = &resultEntry{key: k, done: make(chan struct{})}
			c.entries[k] = e
			c.computes++
			c.mu.Unlock()
			return c.compute(ctx, e, compute)
		}
		select {
		case <-e.done:
			c.touch(e)
			c.mu.Unlock()
			return e.res, nil // only successful entries stay in the map
		default:
		}
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err == nil {
			c.mu.Lock()
			if c.entries[k] == e {
				c.touch(e)
			}
			c.mu.Unlock()
			return e.res, nil
		}
		if !isContextErr(e.err) {
			return nil, e.err
		}
		// The leader gave up; try again (as leader, or behind a new one).
	}
}

func (c *resultCache) compute(ctx context.Context, e *resultEntry, compute func(context.Context) (*Result, error)) (res *Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = errors.New("gap: analysis panicked")
			c.finish(e, nil, err)
			panic(p)
		}
		c.finish(e, res, err)
	}()
	return compute(ctx)
}

func (c *resultCache) finish(e *resultEntry, res *Result, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e.res, e.err = res, err
	close(e.done)
	if err != nil {
		delete(c.entries, e.key)
		return
	}
	e.items = resultItems(res)
	if e.items > c.maxSize {
		delete(c.entries, e.key) // too large to keep; the waiters still get it
		return
	}
	c.pushFront(e)
	c.size += e.items
	for c.tail != nil && (c.n > c.maxEntries || c.size > c.maxSize) {
		old := c.tail
		c.unlink(old)
		c.size -= old.items
		delete(c.entries, old.key)
	}
}

func (c *resultCache) touch(e *resultEntry) {
	if e.listed && c.head != e {
		c.unlink(e)
		c.pushFront(e)
	}
}

func (c *resultCache) pushFront(e *resultEntry) {
	e.prev, e.next, e.listed = nil, c.head, true
	c.n++
	if c.head != nil {
		c.head.prev = e
	}
	c.head = e
	if c.tail == nil {
		c.tail = e
	}
}

func (c *resultCache) unlink(e *resultEntry) {
	if e.prev != nil {
		e.prev.next = e.next
	} else {
		c.head = e.next
	}
	if e.next != nil {
		e.next.prev = e.prev
	} else {
		c.tail = e.prev
	}
	e.prev, e.next, e.listed = nil, nil, false
	c.n--
}

// stats returns how many Results were computed and how many are kept.
func (c *resultCache) stats() (computes, kept, items int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.computes, c.n, c.size
}

// resultItems is the size of a Result in list items, for the cache's bound.
func resultItems(r *Result) int {
	n := 1 + len(r.Gaps) + len(r.Fragmentation) + len(r.GroupFragmentation) + len(r.Transitions) +
		len(r.Tallies) + len(r.StatusNeeds) + len(r.Groups) + len(r.Names)
	for _, c := range r.Criticality {
		n += 1 + len(c.CellList)
	}
	for _, g := range r.Gaps {
		n += len(g.Excluded)
	}
	if r.Diff != nil {
		n += len(r.Diff.OpenedGaps) + len(r.Diff.ClosedGaps)
	}
	return n
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

func cloneQuery(q Query) Query {
	q.Genders, q.AgeBands = slices.Clone(q.Genders), slices.Clone(q.AgeBands)
	q.Statuses, q.Exploitation = slices.Clone(q.Statuses), slices.Clone(q.Exploitation)
	q.Regions, q.Needs, q.Stages = slices.Clone(q.Regions), slices.Clone(q.Needs), slices.Clone(q.Stages)
	q.Groups, q.Kinds = slices.Clone(q.Groups), slices.Clone(q.Kinds)
	return q
}

func cloneScenario(sc Scenario) Scenario {
	sc.Changes = slices.Clone(sc.Changes)
	for i := range sc.Changes {
		c := &sc.Changes[i]
		c.RefersTo, c.Sources = slices.Clone(c.RefersTo), slices.Clone(c.Sources)
		c.Genders, c.AgeBands = slices.Clone(c.Genders), slices.Clone(c.AgeBands)
		c.Statuses, c.Exploitation = slices.Clone(c.Statuses), slices.Clone(c.Exploitation)
		c.Regions, c.Needs, c.Stages = slices.Clone(c.Regions), slices.Clone(c.Needs), slices.Clone(c.Stages)
	}
	return sc
}
