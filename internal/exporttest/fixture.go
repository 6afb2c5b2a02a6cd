// Package exporttest holds what the tests of the export packages (chart,
// pack, graphfile, hsds, tablefile) share: the landscapes they export, the
// checks that a program the test needs is installed, and readers of the
// files they write (SVG, PDF, ZIP, XLSX). Only tests import it.
package exporttest

import (
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/gapmap/gapmap/seed"
)

// SecretAddress is the confidential address of the fixture's service rosa:
// no export may contain it.
const SecretAddress = "Hemmelig gate 7, 0101 Oslo"

// Fixture returns the store conformance fixture (every node type, every
// field, every edge property) with text that needs escaping in every format,
// a confidential address and a group of three people.
func Fixture(t *testing.T) *graph.Landscape {
	t.Helper()
	nodes, edges := storetest.Fixture()
	for _, n := range nodes {
		switch n := n.(type) {
		case *graph.Service:
			if n.ID == storetest.ServiceID {
				n.Address = SecretAddress
				n.ConfidentialAddress = true
				n.Description = "Quotes ' and \", a backslash \\, <tags> & ampersands,\na new line, a tab\t and Unicode: ø æ å — “ok” 🙂"
			}
		case *graph.Group:
			n.SizeEstimate = 3
		}
	}
	l, err := graph.NewLandscape(7, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l.WithChanged(FixtureChanged())
}

// FixtureChanged is when the fixture (and ChartLandscape) last changed.
func FixtureChanged() time.Time { return time.Date(2026, 2, 27, 14, 5, 9, 123456000, time.UTC) }

// Norway returns the built-in Norwegian seed as a landscape.
func Norway(t testing.TB) *graph.Landscape {
	t.Helper()
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	return l
}
