package neo4j

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/seed"
)

// TestExamplesOnNorway runs every example query in examples/ (the ones the
// README shows analysts) on the Neo4j server holding the built-in Norwegian
// seed: each must run, and find something in that landscape.
func TestExamplesOnNorway(t *testing.T) {
	ctx := context.Background()
	s, _ := openTraced(t)
	sd, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Apply(ctx, s, sd); err != nil {
		t.Fatalf("seed the server: %v", err)
	}
	files, err := filepath.Glob("examples/*.cypher")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs := cypher(t, s, string(text), nil)
			if len(recs) == 0 {
				t.Fatalf("%s found nothing in the Norwegian landscape", f)
			}
			for _, r := range recs {
				for i, v := range r.Values {
					if v == nil || v == "" {
						t.Errorf("%s: a row has no %s: %v", f, r.Keys[i], r.Values)
					}
				}
			}
			t.Logf("%s: %d rows, columns %s", f, len(recs), strings.Join(recs[0].Keys, ", "))
		})
	}
}
