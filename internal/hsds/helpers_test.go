package hsds

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/exporttest"
)

// The landscapes the export packages' tests share (package exporttest).

const secretAddress = exporttest.SecretAddress

func fixture(t *testing.T) *graph.Landscape { t.Helper(); return exporttest.Fixture(t) }

func norway(t testing.TB) *graph.Landscape { t.Helper(); return exporttest.Norway(t) }
