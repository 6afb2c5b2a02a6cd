package gap

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"

	"github.com/hashicorp/golang-lru/v2/simplelru"
	"golang.org/x/sync/singleflight"

	"github.com/gapmap/gapmap/graph"
)

// The package-level entry points (Analyse, Transitions, GroupGaps,
// Criticality) keep their Results with the snapshot (see snapshotOf), in a
// bounded LRU cache keyed by entry point, query and scenario, so a repeated
// request costs a map look-up. Concurrent identical requests compute once:
// the others wait for the first. A Result handed out is shared by every
// caller of the same request and must be treated as read-only.
const (
	// resultCacheEntries bounds the Results kept per snapshot.
	resultCacheEntries = 64
	// resultCacheItems bounds the list items (gaps, fragmentation,
	// criticality, transitions, diff cells) kept per snapshot in all; a
	// Result larger than this on its own is not kept.
	resultCacheItems = 1 << 20
)

// resultKey identifies a request of one snapshot: the entry point with its
// id, and the query and scenario as JSON.
type resultKey struct {
	op   string
	body string
}

// resultCache is an LRU (hashicorp/golang-lru's simplelru, bounded by
// entries) with a second bound on the list items kept, in front of a
// singleflight group so that concurrent identical requests compute once.
type resultCache struct {
	mu       sync.Mutex
	lru      *simplelru.LRU[resultKey, *Result]
	maxSize  int
	size     int // list items kept
	computes int // how many Results were computed (for tests)
	flight   singleflight.Group
}

func newResultCache(maxEntries, maxItems int) *resultCache {
	c := &resultCache{maxSize: maxItems}
	lru, err := simplelru.NewLRU(maxEntries, func(_ resultKey, r *Result) { c.size -= resultItems(r) })
	if err != nil {
		panic(err) // only for a bound below 1, which the callers never give
	}
	c.lru = lru
	return c
}

// cachedResult returns the Result of the request (l, op, q, sc), computing
// it with compute on a private copy of q and sc only if it is not cached or
// being computed. Errors are not cached; a waiter whose leader was cancelled
// computes for itself.
func cachedResult(ctx context.Context, l *graph.Landscape, op string, q Query, sc Scenario,
	compute func(ctx context.Context, q Query, sc Scenario) (*Result, error)) (*Result, error) {
	s, err := snapshotOf(l)
	if err != nil {
		return nil, err
	}
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
	return s.results.get(ctx, resultKey{op: op, body: string(body)}, func(ctx context.Context) (*Result, error) {
		return compute(ctx, q, sc)
	})
}

func (c *resultCache) get(ctx context.Context, k resultKey, compute func(context.Context) (*Result, error)) (*Result, error) {
	flightKey := k.op + "\x00" + k.body
	for {
		c.mu.Lock()
		r, ok := c.lru.Get(k)
		c.mu.Unlock()
		if ok {
			return r, nil
		}
		// Only this caller's function runs if it leads; it runs in a
		// goroutine of singleflight's, so a panic is caught there and
		// raised again here, in the leader, as before the cache.
		var panicked any
		ch := c.flight.DoChan(flightKey, func() (v any, err error) {
			defer func() {
				if p := recover(); p != nil {
					panicked, err = p, errors.New("gap: analysis panicked")
				}
			}()
			c.mu.Lock()
			c.computes++
			c.mu.Unlock()
			res, err := compute(ctx)
			if err == nil {
				c.keep(k, res)
			}
			return res, err
		})
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case out := <-ch:
			if panicked != nil {
				panic(panicked)
			}
			if out.Err == nil {
				return out.Val.(*Result), nil
			}
			if !isContextErr(out.Err) || ctx.Err() != nil {
				return nil, out.Err
			}
			// The leader gave up; try again (as leader, or behind a new one).
		}
	}
}

// keep adds res to the cache unless it is larger than the cache on its own,
// dropping the least recently used Results while the items exceed the bound.
func (c *resultCache) keep(k resultKey, res *Result) {
	n := resultItems(res)
	if n > c.maxSize {
		return // too large to keep; the waiters still get it
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lru.Remove(k) // computed again after a race with the look-up: count it once
	c.lru.Add(k, res)
	c.size += n
	for c.size > c.maxSize {
		c.lru.RemoveOldest()
	}
}

// stats returns how many Results were computed and how many are kept.
func (c *resultCache) stats() (computes, kept, items int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.computes, c.lru.Len(), c.size
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
