package gap

// maxTieCovers caps how many covers of the smallest size mostLinked
// compares: beyond it, the solver's cover stands.
const maxTieCovers = 4096

// mostLinked returns, among the families of len(chosen) member sets
// (c.keySets) that cover every one of elements, the one whose members'
// services have the most referral links between them, and that count.
// chosen, a smallest cover, is kept on a tie, so the answer is
// deterministic. When there are more than maxTieCovers families of that
// size, chosen is returned as it is.
func (c *coverer) mostLinked(chosen []int, elements int) ([]int, int) {
	m, k := len(c.keys), len(chosen)
	// links[x*m+y] (x <= y): linked pairs of services between members x
	// and y (within x when x == y).
	links := make([]int, m*m)
	for a, i := range c.svcs {
		for b := a + 1; b < len(c.svcs); b++ {
			if c.ix.linked[i].has(c.svcs[b]) {
				x, y := c.svcMember[a], c.svcMember[b]
				links[min(x, y)*m+max(x, y)]++
			}
		}
	}
	score := func(ms []int) int {
		n := 0
		for p, x := range ms {
			for _, y := range ms[p:] {
				n += links[min(x, y)*m+max(x, y)]
			}
		}
		return n
	}
	best, bestScore := chosen, score(chosen)
	if k == 0 || k == m || binomial(m, k) > maxTieCovers {
		return best, bestScore
	}
	union := newBitset(elements)
	idx := make([]int, k)
	for i := range idx {
		idx[i] = i
	}
	for {
		clear(union)
		for _, x := range idx {
			union.or(c.keySets[x])
		}
		if union.count() == elements {
			if sc := score(idx); sc > bestScore {
				best, bestScore = append([]int(nil), idx...), sc
			}
		}
		// next k-combination of 0..m-1, in lexicographic order
		i := k - 1
		for i >= 0 && idx[i] == m-k+i {
			i--
		}
		if i < 0 {
			return best, bestScore
		}
		idx[i]++
		for j := i + 1; j < k; j++ {
			idx[j] = idx[j-1] + 1
		}
	}
}

// binomial returns n choose k, saturating above maxTieCovers.
func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > maxTieCovers {
			return maxTieCovers + 1
		}
	}
	return r
}
