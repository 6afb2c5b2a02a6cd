package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindings runs gapmap findings on the seed in every format: the
// undocumented adults' GP story (lost when a permit ends; only Oslo and
// Bergen have a clinic, which makes it fragile there), the same findings
// in every format, and the assumed facts named.
func TestFindings(t *testing.T) {
	data := seeded(t)
	filters := []string{"--data", data, "--status", "undocumented", "--age", "adult", "--need", "health_primary"}

	code, out, errOut := run(t, append([]string{"findings", "--format", "json"}, filters...)...)
	if code != 0 {
		t.Fatalf("json: exit %d: %s", code, errOut)
	}
	var list struct {
		Findings   []map[string]any `json:"findings"`
		Total      int              `json:"findings_total"`
		GapCells   int              `json:"gap_cells"`
		Notes      []map[string]any `json:"notes"`
		NotesTotal int              `json:"notes_total"`
		NoteCells  int              `json:"note_cells"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if list.Total == 0 || list.Total != len(list.Findings) {
		t.Fatalf("findings_total %d, %d listed", list.Total, len(list.Findings))
	}
	// the gaps analyse counts are the cells the findings state
	code, aout, errOut := run(t, append([]string{"analyse", "--format", "json", "--limit", "1", "--kind", "uncovered,entitled_unserved,fragile,lost_in_transition"}, filters...)...)
	if code != 0 {
		t.Fatalf("analyse: exit %d: %s", code, errOut)
	}
	var res struct {
		GapsTotal int `json:"gaps_total"`
	}
	if err := json.Unmarshal([]byte(aout), &res); err != nil {
		t.Fatal(err)
	}
	cells := 0
	for _, f := range list.Findings {
		for _, key := range []string{"id", "kind", "severity", "title", "title_nb", "need", "stages", "profile", "regions",
			"services_nearby", "services_excluding", "entitled", "assumed", "sources", "recommendations", "cells"} {
			if _, ok := f[key]; !ok {
				t.Errorf("finding %v has no %q", f["id"], key)
			}
		}
		cells += int(f["cells"].(float64))
	}
	if cells != res.GapsTotal || list.GapCells != res.GapsTotal {
		t.Errorf("findings state %d cells (gap_cells %d), analyse counts %d gaps", cells, list.GapCells, res.GapsTotal)
	}
	// the single-provider cells analyse counts are the notes' cells, apart
	code, aout, errOut = run(t, append([]string{"analyse", "--format", "json", "--limit", "1", "--kind", "single_provider"}, filters...)...)
	if code != 0 {
		t.Fatalf("analyse: exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(aout), &res); err != nil {
		t.Fatal(err)
	}
	noteCells := 0
	for _, n := range list.Notes {
		if n["kind"] != "single_provider" {
			t.Errorf("note %v is %v", n["id"], n["kind"])
		}
		noteCells += int(n["cells"].(float64))
	}
	if list.NotesTotal != len(list.Notes) || noteCells != res.GapsTotal || list.NoteCells != res.GapsTotal {
		t.Errorf("%d notes of %d state %d cells (note_cells %d), analyse counts %d single-provider cells",
			len(list.Notes), list.NotesTotal, noteCells, list.NoteCells, res.GapsTotal)
	}
	var fragileInCities bool
	for _, f := range list.Findings {
		title := f["title"].(string)
		if f["kind"] == "fragile" && strings.Contains(title, "in Bergen and Oslo") {
			fragileInCities = true
		}
	}
	if !fragileInCities {
		t.Errorf("no fragile finding for the GP of undocumented adults in Bergen and Oslo:\n%s", out)
	}

	t.Run("table", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"findings"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"RANK", "ASSUMED", "Primary health care (GP): ", "everywhere except Bergen and Oslo"} {
			if !strings.Contains(out, want) {
				t.Errorf("table lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("csv", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"findings", "--format", "csv", "--lang", "nb"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			t.Fatal("no header")
		}
		last := len(rows[0]) - 1 // the column list comes last
		if len(rows) != list.Total+list.NotesTotal+1 || rows[0][21] != "assumed" || rows[0][22] != "assumed_facts" || rows[0][last] != "list" {
			t.Fatalf("%d rows (want %d), header %v", len(rows), list.Total+list.NotesTotal+1, rows[0])
		}
		for k, row := range rows[1:] {
			want := "finding"
			if k >= list.Total {
				want = "note"
			}
			if row[last] != want || (want == "note") != (row[2] == "single_provider") {
				t.Errorf("row %d: list %q, kind %q; want %s", k+1, row[last], row[2], want)
			}
		}
		if !strings.Contains(rows[1][4], "Primærhelsetjeneste (fastlege): ") {
			t.Errorf("title in nb: %q", rows[1][4])
		}
	})
	t.Run("markdown", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"findings", "--format", "markdown"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"# Findings", "## 1. ", "Assumed facts (not verified in a source): yes", "Services whose rules exclude them: GP scheme"} {
			if !strings.Contains(out, want) {
				t.Errorf("markdown lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("bad flags", func(t *testing.T) {
		for _, args := range [][]string{{"--format", "pdf"}, {"--lang", "de"}, {"--kind", "everything"}} {
			code, _, errOut := run(t, append(append([]string{"findings"}, filters...), args...)...)
			if code != 2 || !strings.Contains(errOut, args[0]) {
				t.Errorf("%v: exit %d, %s; want 2 naming %s", args, code, errOut, args[0])
			}
		}
	})
}

// TestEmptyStore: every command that reads the landscape, on a missing or
// an empty store, says so, names what to run and exits non-zero; a missing
// store is not created.
func TestEmptyStore(t *testing.T) {
	empty := t.TempDir()
	// an empty store: one that exists and holds nothing (an import of
	// nothing would do; opening it through a command that writes makes it)
	if code, _, errOut := run(t, "org", "list", "--data", empty); code != 0 {
		t.Fatalf("org list on a new store: exit %d: %s", code, errOut)
	}
	missing := filepath.Join(t.TempDir(), "nowhere")
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{
		{"analyse"},
		{"findings"},
		{"export", "chart", "--dashboard", "coverage", "--format", "svg", "--out", out + ".svg"},
		{"export", "table", "--format", "csv", "--out", out + ".csv"},
		{"export", "graph", "--out", out + ".graphml"},
		{"export", "hsds", "--out", out + ".json"},
		{"export", "pack", "--out", out + ".zip"},
	} {
		for _, data := range []string{empty, missing} {
			code, stdout, errOut := run(t, append(args, "--data", data)...)
			if code == 0 {
				t.Errorf("%v on %s: exit 0, want non-zero; stdout %s", args, data, stdout)
			}
			if !strings.Contains(errOut, "gapmap seed") || !strings.Contains(errOut, "no landscape") {
				t.Errorf("%v on %s: %q does not say the store is empty and what to run", args, data, errOut)
			}
		}
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("a command that reads created the missing store %s", missing)
	}
}
