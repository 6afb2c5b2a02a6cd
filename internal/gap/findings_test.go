package gap_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/findings"
	"github.com/gapmap/gapmap/internal/gap"
)

// The findings' cover, checked here against the oracle on the landscapes
// the gap engine's property tests draw: the cells of all findings together
// are exactly the gap cells, and the cells of all notes exactly the
// single-provider cells (a milder note, not a gap), none in two findings or
// notes, and each finding's kind is one of its cells' kinds, the one that
// claims it.

// claims is the order in which a cell with several kinds is given to a
// finding (package findings documents it).
var claims = []gap.Kind{gap.KindEntitledUnserved, gap.KindLostInTransition, gap.KindUncovered,
	gap.KindEntitledPartial, gap.KindFragile, gap.KindSingleProvider}

func TestFindingsCoverOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 1))
	for i := range 200 {
		l, q := gap.GenerateSmall(t, rng)
		gaps, notes := map[gap.Cell][]gap.Kind{}, map[gap.Cell][]gap.Kind{}
		for c, ks := range gap.OracleGapCells(l, q) {
			if slices.Equal(ks, []gap.Kind{gap.KindSingleProvider}) {
				notes[c] = ks
			} else {
				gaps[c] = ks
			}
		}
		q.Limit = -1
		list, err := findings.Find(context.Background(), l, q)
		if err != nil {
			t.Fatalf("landscape %d: %v", i, err)
		}
		if list.Total != len(list.Findings) || list.NotesTotal != len(list.Notes) {
			t.Fatalf("landscape %d: %d findings listed of %d, %d notes of %d", i, len(list.Findings), list.Total, len(list.Notes), list.NotesTotal)
		}
		seen := map[gap.Cell]string{}
		coverOf(t, i, "finding", list.Findings, gaps, seen)
		coverOf(t, i, "note", list.Notes, notes, seen)
		for _, f := range list.Notes {
			if f.Kind != gap.KindSingleProvider {
				t.Fatalf("landscape %d: note %s is %s", i, f.ID, f.Kind)
			}
		}
		if list.GapCells != len(gaps) || list.NoteCells != len(notes) {
			t.Fatalf("landscape %d: gap_cells %d, note_cells %d; oracle %d and %d", i, list.GapCells, list.NoteCells, len(gaps), len(notes))
		}
	}
}

// coverOf checks that the cells of fs are exactly the cells of want, none
// in two of fs nor in one seen before, each in one of its claiming kind.
func coverOf(t *testing.T, i int, what string, fs []findings.Finding, want map[gap.Cell][]gap.Kind, seen map[gap.Cell]string) {
	t.Helper()
	mine := 0
	for _, f := range fs {
		n := 0
		for c := range f.EachCell() {
			n++
			if other, ok := seen[c]; ok {
				t.Fatalf("landscape %d: cell %v in %s %s and in %s", i, c, what, f.ID, other)
			}
			seen[c] = what + " " + f.ID
			ks, ok := want[c]
			if !ok {
				t.Fatalf("landscape %d: %s %s (%s) holds cell %v, which is not one of its cells (kinds %v)", i, what, f.ID, f.Kind, c, ks)
			}
			if claim := firstClaim(ks); claim != f.Kind {
				t.Fatalf("landscape %d: cell %v with kinds %v is in a %s %s, want %s", i, c, ks, f.Kind, what, claim)
			}
		}
		if n != f.Cells {
			t.Fatalf("landscape %d: %s %s says %d cells, holds %d", i, what, f.ID, f.Cells, n)
		}
		mine += n
	}
	if mine != len(want) {
		for c, ks := range want {
			if _, ok := seen[c]; !ok {
				t.Fatalf("landscape %d: cell %v (%v) in no %s", i, c, ks, what)
			}
		}
	}
}

func firstClaim(ks []gap.Kind) gap.Kind {
	for _, k := range claims {
		if slices.Contains(ks, k) {
			return k
		}
	}
	return ""
}

// benchFindings times, on one landscape, the cube pass (a full Analyse of
// the cell kinds, 1,000 gaps described), the cell map the findings read,
// and the findings (the map, the merge and the first page described), side
// by side.
func benchFindings(b *testing.B, l *graph.Landscape, page int) {
	ix, err := gap.CachedIndex(l)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	cellKinds := []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindEntitledPartial, gap.KindFragile,
		gap.KindSingleProvider, gap.KindLostInTransition}
	b.Run("cube", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := ix.Analyse(ctx, gap.Query{Kinds: cellKinds}, gap.Scenario{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("cellmap", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if _, err := ix.Cells(ctx, gap.Query{}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
	})
	b.Run("findings", func(b *testing.B) {
		b.ReportAllocs()
		var list *findings.List
		cpu := cpuTime()
		for b.Loop() {
			if list, err = findings.Find(ctx, l, gap.Query{Limit: page}); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU(b, cpu)
		b.ReportMetric(float64(list.Total), "findings")
		b.ReportMetric(float64(list.GapCells), "gap-cells")
		b.ReportMetric(float64(list.NotesTotal), "notes")
	})
}

// cpuTime is the CPU time the process has used (user and system, every
// thread): on a machine shared with other work, the wall time of a
// benchmark grows with the load, its CPU time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per operation since from, in ms.
func reportCPU(b *testing.B, from time.Duration) {
	b.ReportMetric(float64(cpuTime()-from)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkFindingsNorway: the Norwegian seed, every finding described.
func BenchmarkFindingsNorway(b *testing.B) { benchFindings(b, gap.Norway(b), -1) }

// BenchmarkFindingsEuropeFull: the Europe-scale synthetic landscape of the
// cube benchmarks, every finding counted and the first 100 described. Runs
// only with -europe.full.
func BenchmarkFindingsEuropeFull(b *testing.B) {
	if !gap.EuropeFull() {
		b.Skip("run with -europe.full")
	}
	benchFindings(b, gap.EuropeScale(b), 100)
}

// TestDescribeCellsAsAnalyse: on drawn landscapes and queries, the gaps
// DescribeCells lists are those Analyse lists, described alike.
func TestDescribeCellsAsAnalyse(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 3))
	ctx := context.Background()
	for i := range 150 {
		l, q := gap.GenerateSmall(t, rng)
		ix, err := gap.CachedIndex(l)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ix.Analyse(ctx, q, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		got, err := ix.DescribeCells(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if got.GapsTotal != want.GapsTotal || len(got.Gaps) != len(want.Gaps) {
			t.Fatalf("landscape %d: %d gaps of %d, Analyse %d of %d", i, len(got.Gaps), got.GapsTotal, len(want.Gaps), want.GapsTotal)
		}
		key := func(g gap.Gap) string { return g.Profile.String() + "/" + g.Need + "/" + g.Stage }
		byCell := map[string]gap.Gap{}
		for _, g := range want.Gaps {
			byCell[key(g)] = g
		}
		for _, g := range got.Gaps {
			w, ok := byCell[key(g)]
			if !ok {
				t.Fatalf("landscape %d: DescribeCells lists %s, Analyse does not", i, key(g))
			}
			if diff := cmp.Diff(w, g); diff != "" {
				t.Fatalf("landscape %d: gap %s differs (-Analyse +DescribeCells):\n%s", i, key(g), diff)
			}
		}
	}
}
