package gap

import (
	"math/rand/v2"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// What the external test package (the findings' cover tests and benchmarks,
// which import a package that imports this one) reads of the generators and
// the oracle.

// GenerateSmall draws a small landscape and a random query over it, as the
// property tests do.
func GenerateSmall(tb testing.TB, rng *rand.Rand) (*graph.Landscape, Query) {
	l := generate(tb, rng, small(rng))
	return l, randomQuery(rng, l)
}

// OracleGapCells returns the cells with a gap of a cell kind that the
// oracle finds for query q, with their kinds.
func OracleGapCells(l *graph.Landscape, q Query) map[Cell][]Kind {
	out := map[Cell][]Kind{}
	for _, c := range newOracle(l).analyse(q).gaps {
		var ks []Kind
		for _, k := range c.kinds {
			if kindBit(k)&bitCellKinds != 0 {
				ks = append(ks, k)
			}
		}
		if len(ks) > 0 {
			out[c.cell] = ks
		}
	}
	return out
}

// Norway loads the Norwegian seed.
func Norway(tb testing.TB) *graph.Landscape { return norway(tb) }

// EuropeScale builds the synthetic Europe-scale landscape of the cube
// benchmarks; EuropeFull says whether -europe.full asks for it.
func EuropeScale(tb testing.TB) *graph.Landscape { return synthesise(tb, europeScale) }

// EuropeFull reports whether the benchmarks run at Europe scale.
func EuropeFull() bool { return *europeFull }
