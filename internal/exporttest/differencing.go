package exporttest

import (
	"embed"
	"io/fs"
	"slices"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/seed"
)

// differencingSeed is the landscape of the differencing tests.
//
//go:embed testdata/differencing
var differencingSeed embed.FS

// DifferencingLandscape returns the landscape of testdata/differencing:
// groups of 3, 4 and 100 people in Oslo, and groups around others that,
// published beside them, would give 3 by subtraction (a county's 103
// around Oslo's 100, all ages' 50 around their 47 children, a county's 163
// around Oslo's 100 and Bærum's 60).
func DifferencingLandscape(t testing.TB) *graph.Landscape {
	t.Helper()
	dir, err := fs.Sub(differencingSeed, "testdata/differencing")
	if err != nil {
		t.Fatal(err)
	}
	s, err := seed.Load(dir, ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// NoDifferencing fails t if some sum or difference of up to three of the
// published counts of people gives a number from 1 to threshold-1, which
// the suppression rule would not show.
func NoDifferencing(t testing.TB, published []int, threshold int) {
	t.Helper()
	nums := slices.Sorted(slices.Values(published))
	nums = slices.Compact(nums)
	with0 := append([]int{0}, nums...)
	for _, a := range nums {
		for _, b := range with0 {
			for _, c := range with0 {
				for _, v := range [...]struct {
					n  int
					op string
				}{{a + b - c, "+-"}, {a - b - c, "--"}, {a - b + c, "-+"}} {
					if v.n >= 1 && v.n < threshold {
						t.Fatalf("published counts %v: %d %c %d %c %d gives %d", nums, a, v.op[0], b, v.op[1], c, v.n)
					}
				}
			}
		}
	}
}
