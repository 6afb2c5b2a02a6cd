package gap

import "math/bits"

// vcounter counts, for every bit of a chunk of w words, how many of the
// masks added to it had that bit set: a bit-sliced counter whose plane b
// holds bit b of every count, so that adding a mask costs a few word
// operations whatever the number of bits set.
type vcounter struct {
	w      int
	planes [][]uint64
}

// newVCounter returns a counter of w-word chunks that can count to max.
func newVCounter(w, max int) *vcounter {
	v := &vcounter{w: w, planes: make([][]uint64, bits.Len(uint(max)))}
	for b := range v.planes {
		v.planes[b] = make([]uint64, w)
	}
	return v
}

// add adds mask x (w words).
func (v *vcounter) add(x []uint64) {
	for k, carry := range x[:v.w] {
		for b := 0; carry != 0; b++ {
			p := v.planes[b]
			next := p[k] & carry
			p[k] ^= carry
			carry = next
		}
	}
}

// count returns the count of bit i.
func (v *vcounter) count(i int) int {
	k, m := i>>6, uint64(1)<<(uint(i)&63)
	n := 0
	for b, p := range v.planes {
		if p[k]&m != 0 {
			n |= 1 << b
		}
	}
	return n
}

// reset sets every count to zero.
func (v *vcounter) reset() {
	for _, p := range v.planes {
		clear(p)
	}
}

func popcount(x []uint64) int {
	n := 0
	for _, w := range x {
		n += bits.OnesCount64(w)
	}
	return n
}

func anyBits(x []uint64) bool {
	for _, w := range x {
		if w != 0 {
			return true
		}
	}
	return false
}

func trailing(x uint64) int { return bits.TrailingZeros64(x) }
