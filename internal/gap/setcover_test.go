package gap

import (
	"math/rand/v2"
	"testing"
)

func sets(universe int, members ...[]int) []bitset {
	var out []bitset
	for _, ms := range members {
		b := newBitset(universe)
		for _, m := range ms {
			b.set(m)
		}
		out = append(out, b)
	}
	return out
}

func TestMinCoverKnown(t *testing.T) {
	for _, test := range []struct {
		name string
		sets []bitset
		size int
	}{
		{"empty", nil, 0},
		{"one set", sets(3, []int{0, 1, 2}), 1},
		// Greedy takes the big middle set first and needs 3; the optimum is 2.
		{"greedy trap", sets(6, []int{0, 1, 2}, []int{3, 4, 5}, []int{1, 2, 3, 4}, []int{0}, []int{5}), 2},
		{"disjoint", sets(4, []int{0}, []int{1}, []int{2}, []int{3}), 4},
		{"duplicates and subsets", sets(3, []int{0, 1}, []int{0, 1}, []int{0}, []int{2}), 2},
	} {
		sol := minCover(test.sets, MaxCoverNodes)
		if len(sol.chosen) != test.size || !sol.exact || sol.lower != test.size {
			t.Errorf("%s: chose %v (exact %v, lower %d), want size %d", test.name, sol.chosen, sol.exact, sol.lower, test.size)
		}
		if !covers(test.sets, sol.chosen) {
			t.Errorf("%s: %v does not cover", test.name, sol.chosen)
		}
	}
}

func covers(sets []bitset, chosen []int) bool {
	if len(sets) == 0 {
		return len(chosen) == 0
	}
	all, got := make(bitset, len(sets[0])), make(bitset, len(sets[0]))
	for _, s := range sets {
		all.or(s)
	}
	for _, c := range chosen {
		got.or(sets[c])
	}
	return all.subsetOf(got)
}

// TestMinCoverMatchesBruteForce checks exactness against trying every family
// on random instances, and the bound when the search is cut short.
func TestMinCoverMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	for i := range iterations {
		universe, n := 1+rng.IntN(12), 1+rng.IntN(10)
		var ss []bitset
		elems := map[string]map[int]bool{}
		for k := range n {
			var ms []int
			for e := range universe {
				if rng.IntN(3) == 0 {
					ms = append(ms, e)
				}
			}
			ss = append(ss, sets(universe, ms)...)
			key := string(rune('a' + k))
			elems[key] = map[int]bool{}
			for _, m := range ms {
				elems[key][m] = true
			}
		}
		// Renumber the coverable elements, as the engine does.
		all := map[int]bool{}
		for _, es := range elems {
			for e := range es {
				all[e] = true
			}
		}
		want := bruteCover(len(all), remap(elems, all))
		sol := minCover(ss, MaxCoverNodes)
		if len(sol.chosen) != want || !sol.exact || !covers(ss, sol.chosen) {
			t.Fatalf("%d: chose %v (exact %v), want size %d", i, sol.chosen, sol.exact, want)
		}
		cut := minCover(ss, 1)
		if !covers(ss, cut.chosen) || cut.lower > want || len(cut.chosen) < want || cut.exact && len(cut.chosen) != want {
			t.Fatalf("%d: with one node: chose %v (exact %v, lower %d), optimum %d", i, cut.chosen, cut.exact, cut.lower, want)
		}
	}
}

func remap(elems map[string]map[int]bool, all map[int]bool) map[string]map[int]bool {
	idx := map[int]int{}
	for e := range 64 {
		if all[e] {
			idx[e] = len(idx)
		}
	}
	out := map[string]map[int]bool{}
	for k, es := range elems {
		out[k] = map[int]bool{}
		for e := range es {
			out[k][idx[e]] = true
		}
	}
	return out
}
