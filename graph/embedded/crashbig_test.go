package embedded_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
)

// TestCrashBigTransaction kills a child during one seed-sized transaction;
// after reopening, either none of it or all of it must be there. The kill
// moment is bisected towards the commit: between a delay that left nothing
// and one that left everything, so the last kills land while bbolt writes.
func TestCrashBigTransaction(t *testing.T) {
	// How long the transaction takes here: where to start looking.
	s := openFile(t, filepath.Join(t.TempDir(), "calibrate.db"))
	start := time.Now()
	if _, err := s.Apply(context.Background(), bigChange()); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	closeFile(t, s)

	var (
		lo, hi   time.Duration // the longest delay that left nothing, the shortest that left everything
		delay    = took
		outcomes []string
	)
	for i := range 8 {
		everything, outcome := killBig(t, i, delay)
		outcomes = append(outcomes, outcome)
		if everything {
			hi = delay
		} else {
			lo = delay
		}
		if hi == 0 {
			delay *= 2
		} else {
			delay = (lo + hi) / 2
		}
	}
	t.Logf("transaction of %s here; kills: %s", took.Round(time.Millisecond), strings.Join(outcomes, "; "))
}

// killBig runs a child that applies bigChange, kills it delay after it
// starts the transaction, and checks that the file holds none or all of it.
// It then finishes the work and checks the result.
func killBig(t *testing.T, i int, delay time.Duration) (everything bool, outcome string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), fmt.Sprintf("big%d.db", i))
	c := startChild(t, "big", path)
	c.waitFor(t, "begin")
	before := fileSize(t, path)
	time.Sleep(delay)
	returned := slices.Contains(c.kill(), "done")
	grown := fileSize(t, path) - before

	s := openFile(t, path)
	defer closeFile(t, s)
	l, err := s.Landscape(ctx)
	if err != nil {
		t.Fatalf("kill %d: %v", i, err)
	}
	outcome = fmt.Sprintf("%s: ", delay.Round(100*time.Microsecond))
	switch n, _ := l.Len(); {
	case l.Version() == 0 && n == 0:
		outcome += "nothing"
		if grown > 0 {
			outcome += fmt.Sprintf(" (file had grown by %d KiB)", grown/1024)
		}
		if _, err := s.Apply(ctx, bigChange()); err != nil {
			t.Fatal(err)
		}
	case l.Version() == 1:
		everything = true
		outcome += "everything"
		if !returned {
			outcome += " (before Apply returned)"
		}
	default:
		t.Fatalf("kill %d: version %d with %d nodes, want nothing or everything", i, l.Version(), n)
	}
	if returned && !everything {
		t.Fatalf("kill %d: Apply returned, but the file holds nothing", i)
	}
	checkBig(t, s)
	return everything, outcome
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// checkBig checks that s holds all of bigChange.
func checkBig(t *testing.T, s *embedded.Store) {
	t.Helper()
	l, err := s.Landscape(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var nodes, edges int
	for _, op := range bigChange().Ops {
		switch op.Kind {
		case graph.OpCreate:
			nodes++
		case graph.OpPutEdge:
			edges++
		}
	}
	if n, e := l.Len(); l.Version() != 1 || n != nodes || e != edges {
		t.Errorf("version %d, %d nodes, %d edges; want 1, %d, %d", l.Version(), n, e, nodes, edges)
	}
}
