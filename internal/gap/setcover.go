package gap

import (
	"cmp"
	"math"
	"slices"
)

// MaxCoverNodes is how many branch-and-bound nodes one cover may explore.
// Within it the cover found is proved smallest (Cover.Exact); beyond it the
// engine keeps the best cover found, which is never worse than the greedy
// one, and reports a proved lower bound.
const MaxCoverNodes = 20000

// coverSolution is a family of sets covering a universe.
type coverSolution struct {
	chosen []int // indices into the sets, increasing
	exact  bool  // proved smallest
	lower  int   // a lower bound on the smallest size
}

// minCover finds a smallest family of sets whose union is the union of all
// of them (see coverSolver.solve).
func minCover(sets []bitset, budget int) coverSolution {
	var cs coverSolver
	return cs.solve(sets, budget)
}

// coverSolver solves set cover instances, reusing its buffers from one
// instance to the next. It is not safe for concurrent use.
type coverSolver struct {
	sets    []bitset
	sizes   []int
	kept    []int // indices of the sets kept, largest first
	w       int   // words per set
	maxSize int
	budget  int
	nodes   int
	aborted bool

	best, chosen []int
	greedyLen    int
	cand         []int
	fill         []int
	opts         [][]option // per depth: the sets to branch on

	// byElement lists, per element, the positions in kept of the sets that
	// contain it (offsets into flat); near[e] is the union of those sets.
	offsets, flat []int
	near          []uint64
	levels        []uint64 // per depth: the elements uncovered, then scratch
	universe, tmp bitset
}

// solve finds a smallest family of sets whose union is the union of all of
// them. It removes duplicate and dominated sets, takes the greedy cover as
// the first bound, then searches by branch and bound: branch on the
// uncovered element with the fewest sets containing it; prune when the sets
// chosen plus a lower bound on what is left reach the best so far. The lower
// bound is the larger of ceil(left / largest gain) and the number of
// uncovered elements no two of which share a set. It is deterministic: ties
// go to the lower index.
func (cs *coverSolver) solve(sets []bitset, budget int) coverSolution {
	cs.sets, cs.budget, cs.nodes, cs.aborted = sets, budget, 0, false
	cs.kept = cs.kept[:0]
	cs.sizes = slices.Grow(cs.sizes[:0], len(sets))[:len(sets)]
	cand := cs.cand[:0]
	for i, s := range sets {
		cs.sizes[i] = s.count()
		if cs.sizes[i] > 0 {
			cand = append(cand, i)
		}
	}
	cs.cand = cand
	if len(cand) == 0 {
		return coverSolution{exact: true}
	}
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(cs.sizes[b], cs.sizes[a]) })
	for _, i := range cand {
		if !slices.ContainsFunc(cs.kept, func(k int) bool { return sets[i].subsetOf(sets[k]) }) {
			cs.kept = append(cs.kept, i)
		}
	}
	cs.w = len(sets[cs.kept[0]])
	cs.maxSize = cs.sizes[cs.kept[0]]
	cs.universe = resize(cs.universe, cs.w)
	cs.tmp = resize(cs.tmp, cs.w)
	for _, k := range cs.kept {
		cs.universe.or(sets[k])
	}
	cs.greedy()
	total := cs.universe.count()
	lower := ceilDiv(total, cs.maxSize)
	if len(cs.best) > lower {
		cs.index()
		cs.levels = slices.Grow(cs.levels[:0], (len(cs.best)+2)*cs.w)[:(len(cs.best)+2)*cs.w]
		copy(cs.level(0), cs.universe)
		lower = max(lower, cs.disjoint(cs.level(0), cs.level(1)))
		if len(cs.best) > lower {
			cs.chosen = cs.chosen[:0]
			cs.search(0)
		}
	}
	sol := coverSolution{chosen: slices.Sorted(slices.Values(cs.best)), exact: !cs.aborted}
	if sol.exact {
		sol.lower = len(cs.best)
	} else {
		// The greedy cover is at most H(d) times the smallest, d the
		// largest set size; the best cover is no larger than the greedy.
		sol.lower = max(lower, int(math.Ceil(float64(cs.greedyLen)/harmonic(cs.maxSize)-1e-9)))
	}
	return sol
}

func resize(b bitset, w int) bitset {
	b = slices.Grow(b[:0], w)[:w]
	clear(b)
	return b
}

func (cs *coverSolver) level(d int) bitset { return cs.levels[d*cs.w : (d+1)*cs.w : (d+1)*cs.w] }

// greedy takes, again and again, the kept set covering most of what is left.
func (cs *coverSolver) greedy() {
	left := cs.level0()
	copy(left, cs.universe)
	cs.best = cs.best[:0]
	for !left.empty() {
		best, gain := -1, 0
		for _, k := range cs.kept {
			cs.tmp.and(cs.sets[k], left)
			if g := cs.tmp.count(); g > gain {
				best, gain = k, g
			}
		}
		cs.best = append(cs.best, best)
		left.andNot(cs.sets[best])
	}
	cs.greedyLen = len(cs.best)
}

// level0 returns a scratch bitset for greedy, before the levels are sized.
func (cs *coverSolver) level0() bitset {
	if len(cs.levels) < cs.w {
		cs.levels = make([]uint64, cs.w)
	}
	return cs.level(0)
}

// index builds byElement and near.
func (cs *coverSolver) index() {
	n := 0
	for e := cs.universe.next(0); e >= 0; e = cs.universe.next(e + 1) {
		n = e + 1
	}
	cs.offsets = slices.Grow(cs.offsets[:0], n+1)[:n+1]
	clear(cs.offsets)
	for _, k := range cs.kept {
		for e := cs.sets[k].next(0); e >= 0; e = cs.sets[k].next(e + 1) {
			cs.offsets[e+1]++
		}
	}
	for e := range n {
		cs.offsets[e+1] += cs.offsets[e]
	}
	cs.flat = slices.Grow(cs.flat[:0], cs.offsets[n])[:cs.offsets[n]]
	cs.fill = append(cs.fill[:0], cs.offsets[:n]...)
	fill := cs.fill
	cs.near = slices.Grow(cs.near[:0], n*cs.w)[:n*cs.w]
	clear(cs.near)
	for pos, k := range cs.kept {
		for e := cs.sets[k].next(0); e >= 0; e = cs.sets[k].next(e + 1) {
			cs.flat[fill[e]] = pos
			fill[e]++
			bitset(cs.near[e*cs.w : (e+1)*cs.w]).or(cs.sets[k])
		}
	}
}

func (cs *coverSolver) setsOf(e int) []int { return cs.flat[cs.offsets[e]:cs.offsets[e+1]] }

// disjoint counts uncovered elements no two of which share a set: each needs
// a set of its own. scratch is overwritten.
func (cs *coverSolver) disjoint(left, scratch bitset) int {
	copy(scratch, left)
	n := 0
	for e := scratch.next(0); e >= 0; e = scratch.next(e + 1) {
		n++
		scratch.andNot(cs.near[e*cs.w : (e+1)*cs.w])
	}
	return n
}

func (cs *coverSolver) search(depth int) {
	if cs.nodes >= cs.budget {
		cs.aborted = true
		return
	}
	cs.nodes++
	left := cs.level(depth)
	if left.empty() {
		if depth < len(cs.best) {
			cs.best = append(cs.best[:0], cs.chosen...)
		}
		return
	}
	if depth+1 >= len(cs.best) {
		return // one more set cannot beat the best, and left is not empty
	}
	next := cs.level(depth + 1)
	maxGain := 0
	for _, k := range cs.kept {
		next.and(cs.sets[k], left)
		maxGain = max(maxGain, next.count())
	}
	if depth+max(ceilDiv(left.count(), maxGain), cs.disjoint(left, next)) >= len(cs.best) {
		return
	}
	// Branch on the element with the fewest sets containing it.
	elem := -1
	for e := left.next(0); e >= 0; e = left.next(e + 1) {
		if elem < 0 || len(cs.setsOf(e)) < len(cs.setsOf(elem)) {
			elem = e
		}
	}
	for len(cs.opts) <= depth {
		cs.opts = append(cs.opts, nil)
	}
	opts := cs.opts[depth][:0]
	for _, pos := range cs.setsOf(elem) {
		k := cs.kept[pos]
		next.and(cs.sets[k], left)
		opts = append(opts, option{k, next.count()})
	}
	slices.SortStableFunc(opts, func(a, b option) int { return cmp.Compare(b.gain, a.gain) })
	cs.opts[depth] = opts
	for _, o := range opts {
		copy(next, left)
		next.andNot(cs.sets[o.k])
		cs.chosen = append(cs.chosen, o.k)
		cs.search(depth + 1)
		cs.chosen = cs.chosen[:len(cs.chosen)-1]
		if cs.aborted || depth+1 >= len(cs.best) {
			return
		}
	}
}

// option is a set to branch on and how much of what is left it covers.
type option struct{ k, gain int }

func ceilDiv(a, b int) int {
	if b <= 0 {
		return 0
	}
	return (a + b - 1) / b
}

// harmonic returns H(d) = 1 + 1/2 + ... + 1/d.
func harmonic(d int) float64 {
	h := 0.0
	for i := 1; i <= d; i++ {
		h += 1 / float64(i)
	}
	return h
}
