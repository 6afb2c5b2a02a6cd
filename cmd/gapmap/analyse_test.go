package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/gap"
)

// seeded returns a data directory holding the built-in seed.
func seeded(t *testing.T) string {
	t.Helper()
	data := t.TempDir()
	if code, _, errOut := run(t, "seed", "--data", data); code != 0 {
		t.Fatalf("seed: exit %d: %s", code, errOut)
	}
	return data
}

func TestAnalyse(t *testing.T) {
	data := seeded(t)
	filters := []string{"--data", data, "--status", "undocumented", "--age", "adult", "--region", "oslo", "--need", "health_primary"}

	t.Run("table", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"analyse"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		// The GP scheme excludes undocumented people, so only the Health
		// Centre for Undocumented Migrants gives them primary care in Oslo.
		for _, want := range []string{"KINDS", "health_primary", "covered only by hs_papirlose_osl", "shown as <5"} {
			if !strings.Contains(out, want) {
				t.Errorf("table output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("excluded", func(t *testing.T) {
		// Mental health care at first contact: no service takes an
		// undocumented adult in Oslo, and the table says who excludes why.
		args := []string{"analyse", "--data", data, "--status", "undocumented", "--age", "adult", "--region", "oslo",
			"--need", "health_mental", "--stage", "first_contact", "--kind", "uncovered"}
		code, out, errOut := run(t, args...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if want := "fastlege: status undocumented not accepted"; !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	})

	t.Run("csv", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"analyse", "--format", "csv", "--kind", "fragile"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 2 || rows[0][0] != "kinds" || rows[0][len(rows[0])-2] != "data_version" {
			t.Fatalf("csv = %v, want a header (kinds … data_version, data_changed) and rows", rows)
		}
		for _, r := range rows[1:] {
			if r[3] != "undocumented" || r[6] != "health_primary" || !strings.Contains(r[0], "fragile") {
				t.Errorf("row %v is outside the filters", r)
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"analyse", "--format", "json"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var res gap.Result
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		if res.Summary.Cells == 0 || res.Version != 1 {
			t.Errorf("result summary %+v at version %d", res.Summary, res.Version)
		}
	})

	t.Run("scenario", func(t *testing.T) {
		code, out, errOut := run(t, append([]string{"analyse", "--scenario", "testdata/gp-for-undocumented.yaml"}, filters...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if !strings.Contains(out, "scenario against the landscape:") || strings.Contains(out, ": 0 gaps closed") {
			t.Errorf("scenario output does not show gaps closed:\n%s", out)
		}
	})

	for _, test := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad gender", []string{"--gender", "robot"}, 2, "--gender: unknown gender"},
		{"bad format", []string{"--format", "xml"}, 2, "--format"},
		{"unknown status", []string{"--status", "nowhere"}, 1, `no Status with id "nowhere"`},
		{"missing scenario", []string{"--scenario", "testdata/none.yaml"}, 1, "scenario"},
	} {
		t.Run(test.name, func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"analyse", "--data", data}, test.args...)...)
			if code != test.code || !strings.Contains(errOut, test.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, test.code, test.want)
			}
		})
	}
}
