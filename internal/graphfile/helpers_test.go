package graphfile

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/exporttest"
)

// The landscapes the export packages' tests share (package exporttest).

var fixtureChanged = exporttest.FixtureChanged()

func fixture(t *testing.T) *graph.Landscape { t.Helper(); return exporttest.Fixture(t) }

func norway(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.Norway(t) }
