package main

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
)

// plantNames renames every service of the store in data with rename,
// writing to the store directly (as an old version or another tool might
// have), bypassing the input checks.
func plantNames(t *testing.T, data string, rename func(*graph.Service) string) {
	t.Helper()
	ctx := context.Background()
	st, err := embedded.Open(ctx, filepath.Join(data, "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, err := st.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c := &graph.Change{Actor: "test", Reason: "plant names"}
	for _, svc := range graph.All[*graph.Service](l) {
		cp := *svc
		cp.Name = rename(svc)
		c.Update(&cp)
	}
	if _, err := st.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
}

// TestCSVNeutralisedInTheCLI: with every service named as a formula in
// the store, the CSVs the CLI writes hold each name as text.
func TestCSVNeutralisedInTheCLI(t *testing.T) {
	data := seeded(t)
	plantNames(t, data, func(s *graph.Service) string { return "=HYPERLINK(\"https://evil.example\",\"" + s.ID + "\")" })
	for _, args := range [][]string{
		{"export", "table", "--dashboard", "criticality", "--format", "csv", "--out", "-"},
		{"export", "table", "--dashboard", "fragmentation", "--format", "csv", "--out", "-"},
	} {
		code, out, errOut := run(t, append(args, "--data", data)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		names := 0
		for _, r := range records {
			for _, cell := range r {
				if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "+") || strings.HasPrefix(cell, "@") {
					t.Errorf("%v: cell %q starts a formula", args, cell)
				}
				names += strings.Count(cell, `'=HYPERLINK(`)
			}
		}
		if names == 0 {
			t.Errorf("%v names no service:\n%s", args, out)
		}
	}
}
