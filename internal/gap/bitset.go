package gap

import "math/bits"

// bitset is a set of small non-negative integers (service, status, group
// ordinals) packed 64 to a word. Sets that are combined share one length, the
// number of words needed for the largest ordinal of their universe.
type bitset []uint64

// words returns the number of words a bitset of n members needs.
func words(n int) int { return (n + 63) / 64 }

func newBitset(n int) bitset { return make(bitset, words(n)) }

func (b bitset) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitset) clear(i int)    { b[i>>6] &^= 1 << (uint(i) & 63) }
func (b bitset) has(i int) bool { return i>>6 < len(b) && b[i>>6]&(1<<(uint(i)&63)) != 0 }

// fill sets the first n members.
func (b bitset) fill(n int) {
	for i := range b {
		b[i] = 0
	}
	for i := 0; i < n; i++ {
		b.set(i)
	}
}

func (b bitset) clone() bitset { return append(bitset(nil), b...) }

// empty reports whether b has no member.
func (b bitset) empty() bool {
	for _, w := range b {
		if w != 0 {
			return false
		}
	}
	return true
}

// count returns the number of members.
func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

// and sets b to x AND y and reports whether the result is non-empty.
func (b bitset) and(x, y bitset) bool {
	var nz uint64
	for i := range b {
		w := x[i] & y[i]
		b[i] = w
		nz |= w
	}
	return nz != 0
}

// zero removes every member.
func (b bitset) zero() {
	for i := range b {
		b[i] = 0
	}
}

// or adds the members of a to b.
func (b bitset) or(a bitset) {
	for i := range b {
		b[i] |= a[i]
	}
}

// andNot removes the members of a from b.
func (b bitset) andNot(a bitset) {
	for i := range b {
		b[i] &^= a[i]
	}
}

// intersects reports whether a and b share a member.
func (b bitset) intersects(a bitset) bool {
	for i := range b {
		if b[i]&a[i] != 0 {
			return true
		}
	}
	return false
}

// subsetOf reports whether every member of b is in a.
func (b bitset) subsetOf(a bitset) bool {
	for i := range b {
		if b[i]&^a[i] != 0 {
			return false
		}
	}
	return true
}

// next returns the smallest member at or after i, or -1.
func (b bitset) next(i int) int {
	if i < 0 {
		i = 0
	}
	w := i >> 6
	if w >= len(b) {
		return -1
	}
	x := b[w] >> (uint(i) & 63)
	if x != 0 {
		return i + bits.TrailingZeros64(x)
	}
	for w++; w < len(b); w++ {
		if b[w] != 0 {
			return w<<6 + bits.TrailingZeros64(b[w])
		}
	}
	return -1
}

// members returns the members in increasing order.
func (b bitset) members() []int {
	var ms []int
	for i := b.next(0); i >= 0; i = b.next(i + 1) {
		ms = append(ms, i)
	}
	return ms
}

// arena hands out zeroed bitsets of one length from a single allocation.
type arena struct {
	n    int // words per bitset
	free []uint64
}

func newArena(members, count int) *arena {
	n := words(members)
	return &arena{n: n, free: make([]uint64, n*count)}
}

func (a *arena) alloc() bitset {
	if len(a.free) < a.n {
		a.free = make([]uint64, a.n*16)
	}
	b := a.free[:a.n:a.n]
	a.free = a.free[a.n:]
	return b
}
