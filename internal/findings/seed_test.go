package findings

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/seed"
)

// norway loads the Norwegian seed.
func norway(tb testing.TB) *graph.Landscape {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "seed", "norway", "*.yaml"))
	if len(files) == 0 {
		tb.Skip("seed/norway has no YAML files yet")
	}
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		tb.Fatalf("load the Norwegian seed: %v", err)
	}
	l, err := s.Landscape()
	if err != nil {
		tb.Fatalf("build the Norwegian landscape: %v", err)
	}
	return l
}

func TestNorwayPrint(t *testing.T) {
	l := norway(t)
	list, err := Find(context.Background(), l, gap.Query{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d findings, %d cells", list.Total, list.GapCells)
	for i, f := range list.Findings {
		if i < 400 {
			t.Logf("%s %s [%s] %s", f.ID, f.Kind, f.People.String(), f.Title)
		}
	}
}
