package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

func TestEvidence(t *testing.T) {
	data := seeded(t)

	t.Run("table of Norway", func(t *testing.T) {
		code, out, errOut := run(t, "evidence", "--data", data, "--country", "norway")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"HEALTH_WORKERS", "gaps in knowledge", "NKVTS recommends research on health workers", "nkvts2025", "vollebaek2023"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("csv", func(t *testing.T) {
		code, out, errOut := run(t, "evidence", "--data", data, "--country", "no", "--format", "csv")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 61 || rows[0][0] != "theme" || rows[0][len(rows[0])-2] != "data_version" {
			t.Fatalf("csv has %d rows, header %v; want a header and 60 cells", len(rows), rows[0])
		}
		for _, r := range rows[1:] {
			if r[1] == "health_workers" && (r[2] != "0" || r[4] != "true") {
				t.Errorf("Norway: %v, want health workers empty, a gap", r)
			}
			if r[0] == "access" && r[1] == "survivors" && r[5] != "brunovskis2010 brunovskis2016" {
				t.Errorf("access × survivors = %v", r)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		code, out, errOut := run(t, "evidence", "--data", data, "--format", "json", "--design", "survey")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var m struct {
			Cells   []struct{ Studies []string } `json:"cells"`
			Studies []struct{ ID string }        `json:"studies"`
		}
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		if len(m.Cells) != 60 || len(m.Studies) == 0 {
			t.Errorf("json: %d cells, %d studies", len(m.Cells), len(m.Studies))
		}
	})

	for _, test := range []struct{ args []string }{
		{[]string{"--country", "mars"}},
		{[]string{"--design", "rct"}},
		{[]string{"--format", "xml"}},
	} {
		code, _, errOut := run(t, append([]string{"evidence", "--data", data}, test.args...)...)
		if code != 2 || !strings.Contains(errOut, test.args[0]) {
			t.Errorf("evidence %v: exit %d, %q; want 2 naming %s", test.args, code, errOut, test.args[0])
		}
	}
	if code, _, errOut := run(t, "evidence", "--data", t.TempDir()); code == 0 || !strings.Contains(errOut, "empty") {
		t.Errorf("evidence on an empty store: exit %d, %q; want it to say the store is empty", code, errOut)
	}
}
