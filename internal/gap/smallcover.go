package gap

import (
	"cmp"
	"math/bits"
	"slices"
)

// smallSolver solves set cover instances over at most 64 elements, each set
// a bit mask: the covers of a profile, whose elements are its needs. It is
// exact within its node budget, like coverSolver, and much faster on such
// instances. Its answer depends only on the multiset of masks and on their
// elements' order, never on the order the sets are given in, so that two
// instances that differ only by the order of their members (or by elements
// no set contains) get covers of the same size. It reuses its buffers and
// is not safe for concurrent use.
type smallSolver struct {
	order []int
	kept  []uint64 // distinct, undominated sets: most elements first, then by value
	rep   []int    // per kept set: the index of its first occurrence

	sortedKept []uint64
	sortedRep  []int
	elemSets   [64][]int32
	maxSize    int
	budget     int
	nodes      int
	aborted    bool
	best       []int
	chosen     []int
}

// solve finds a smallest family of sets whose union is the union of all of
// them. The chosen indices are into sets, increasing.
func (s *smallSolver) solve(sets []uint64, budget int) coverSolution {
	universe := s.prepare(sets)
	if universe == 0 {
		return coverSolution{exact: true}
	}
	lower := s.run(universe, budget)
	out := coverSolution{exact: !s.aborted, lower: lower}
	for _, k := range s.best {
		out.chosen = append(out.chosen, s.rep[k])
	}
	slices.Sort(out.chosen)
	if out.exact {
		out.lower = len(out.chosen)
	}
	return out
}

// size returns the size of the cover solve would find.
func (s *smallSolver) size(sets []uint64, budget int) int {
	if s.prepare(sets) == 0 {
		return 0
	}
	s.run(0, budget)
	return len(s.best)
}

// prepare keeps the distinct sets that no other set contains (with the
// index of their first occurrence), most elements first, then by value,
// and returns the union of the sets.
func (s *smallSolver) prepare(sets []uint64) uint64 {
	s.kept, s.rep = s.kept[:0], s.rep[:0]
	var universe uint64
	for i, m := range sets {
		if m == 0 {
			continue
		}
		universe |= m
		dominated := false
		n := 0
		for k, x := range s.kept {
			if m&^x == 0 {
				dominated = true
				break
			}
			if x&^m != 0 { // x is not inside m: keep it
				s.kept[n], s.rep[n] = x, s.rep[k]
				n++
			}
		}
		if dominated {
			continue
		}
		s.kept, s.rep = append(s.kept[:n], m), append(s.rep[:n], i)
	}
	if len(s.kept) > 1 {
		s.order = s.order[:0]
		for k := range s.kept {
			s.order = append(s.order, k)
		}
		slices.SortFunc(s.order, func(a, b int) int {
			ma, mb := s.kept[a], s.kept[b]
			return cmp.Or(cmp.Compare(bits.OnesCount64(mb), bits.OnesCount64(ma)), cmp.Compare(ma, mb))
		})
		s.sortedKept, s.sortedRep = s.sortedKept[:0], s.sortedRep[:0]
		for _, k := range s.order {
			s.sortedKept = append(s.sortedKept, s.kept[k])
			s.sortedRep = append(s.sortedRep, s.rep[k])
		}
		s.kept, s.sortedKept = s.sortedKept, s.kept
		s.rep, s.sortedRep = s.sortedRep, s.rep
	}
	return universe
}

// run finds the cover of the kept sets into s.best and returns the lower
// bound it started from.
func (s *smallSolver) run(universe uint64, budget int) int {
	if universe == 0 {
		for _, m := range s.kept {
			universe |= m
		}
	}
	for e := range s.elemSets {
		s.elemSets[e] = s.elemSets[e][:0]
	}
	for k, m := range s.kept {
		for x := m; x != 0; x &= x - 1 {
			e := bits.TrailingZeros64(x)
			s.elemSets[e] = append(s.elemSets[e], int32(k))
		}
	}
	s.maxSize = bits.OnesCount64(s.kept[0])
	// The greedy cover is the first bound.
	s.best = s.best[:0]
	for left := universe; left != 0; {
		bi, bg := -1, 0
		for k, m := range s.kept {
			if g := bits.OnesCount64(m & left); g > bg {
				bi, bg = k, g
			}
		}
		s.best = append(s.best, bi)
		left &^= s.kept[bi]
	}
	s.budget, s.nodes, s.aborted = budget, 0, false
	lower := ceilDiv(bits.OnesCount64(universe), s.maxSize)
	if len(s.best) > lower {
		s.chosen = s.chosen[:0]
		s.search(universe)
	}
	return lower
}

// search improves s.best by branch and bound: branch on the uncovered
// element that the fewest sets contain (the lowest, on a tie), over those
// sets in order; prune when the sets chosen plus ceil(left / the most any
// one set still covers) cannot beat the best.
func (s *smallSolver) search(left uint64) {
	if left == 0 {
		if len(s.chosen) < len(s.best) {
			s.best = append(s.best[:0], s.chosen...)
		}
		return
	}
	n := bits.OnesCount64(left)
	if len(s.chosen)+ceilDiv(n, s.maxSize) >= len(s.best) {
		return
	}
	gain := 0
	for _, m := range s.kept {
		gain = max(gain, bits.OnesCount64(m&left))
	}
	if len(s.chosen)+ceilDiv(n, gain) >= len(s.best) {
		return
	}
	if s.nodes >= s.budget {
		s.aborted = true
		return
	}
	s.nodes++
	e, fewest := -1, 0
	for x := left; x != 0; x &= x - 1 {
		c := bits.TrailingZeros64(x)
		if n := len(s.elemSets[c]); e < 0 || n < fewest {
			e, fewest = c, n
		}
	}
	for _, k := range s.elemSets[e] {
		s.chosen = append(s.chosen, int(k))
		s.search(left &^ s.kept[k])
		s.chosen = s.chosen[:len(s.chosen)-1]
		if s.aborted {
			return
		}
	}
}
