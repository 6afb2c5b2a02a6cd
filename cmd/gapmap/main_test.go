package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph/embedded"
)

// run runs gapmap with args in a directory without a gapmap.yaml and
// returns its exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestCheck(t *testing.T) {
	seedDir, _ := filepath.Abs("../../seed/norway")
	for _, test := range []struct {
		name      string
		args      []string
		wantCode  int
		wantOut   string
		wantErrIn []string
	}{
		{
			name:     "the Norwegian seed checks",
			args:     []string{"check", seedDir},
			wantCode: 0,
			wantOut:  ": ok: ",
		},
		{
			name:     "a broken seed names file and line",
			args:     []string{"check", "testdata/broken"},
			wantCode: 1,
			wantErrIn: []string{
				`testdata/broken/services.yaml:15: Service rosa: funding: unknown value "grant"`,
				`testdata/broken/services.yaml:19:`,
				`shelter_nowhere`,
				"2 problem(s)",
			},
		},
		{
			name:     "a small count in a note",
			args:     []string{"check", "testdata/smallcount"},
			wantCode: 1,
			wantErrIn: []string{
				`testdata/smallcount/groups.yaml:8: Group boys_forced_criminality: size_note: "3 identified" is a count of people under the suppression threshold (5)`,
				"1 problem(s)",
			},
		},
		{
			name:      "a missing directory",
			args:      []string{"check", "testdata/nowhere"},
			wantCode:  1,
			wantErrIn: []string{"seed directory"},
		},
		{
			name:      "no directory is a usage error",
			args:      []string{"check"},
			wantCode:  2,
			wantErrIn: []string{"accepts 1 arg"},
		},
	} {
		t.Run(test.name, func(t *testing.T) {
			t.Chdir(".") // restores the directory after the test
			code, out, errOut := run(t, test.args...)
			if code != test.wantCode {
				t.Errorf("exit code = %d, want %d\nstderr: %s", code, test.wantCode, errOut)
			}
			if !strings.Contains(out, test.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", out, test.wantOut)
			}
			for _, want := range test.wantErrIn {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr = %q, want it to contain %q", errOut, want)
				}
			}
		})
	}
}

// TestSeedTwiceChangesNothing loads the built-in seed twice into one store:
// the second load writes nothing and the version does not move.
func TestSeedTwiceChangesNothing(t *testing.T) {
	data := t.TempDir()
	code, out, errOut := run(t, "seed", "--data", data)
	if code != 0 {
		t.Fatalf("first seed: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "version 1: nodes ") || strings.Contains(out, "nodes 0 created") {
		t.Errorf("first seed output = %q, want nodes created at version 1", out)
	}
	code, out, errOut = run(t, "seed", "--data", data)
	if code != 0 {
		t.Fatalf("second seed: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "version 1: nodes 0 created, 0 updated") || !strings.Contains(out, "edges 0 created, 0 updated") {
		t.Errorf("second seed output = %q, want nothing created or updated at version 1", out)
	}

	st, err := embedded.Open(context.Background(), filepath.Join(data, "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if v != 1 {
		t.Errorf("store version after seeding twice = %d, want 1", v)
	}
}

func TestConfigErrorNamesKey(t *testing.T) {
	t.Setenv("GAPMAP_STORE", "cassandra")
	code, _, errOut := run(t, "seed", "--data", t.TempDir())
	if code != 1 || !strings.Contains(errOut, `store: unknown store "cassandra"`) {
		t.Errorf("exit %d, stderr %q; want 1 and the key named", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "gapmap ") {
		t.Errorf("version: exit %d, output %q", code, out)
	}
}

func TestUnknownFlagIsUsageError(t *testing.T) {
	code, _, errOut := run(t, "serve", "--port", "80")
	if code != 2 || !strings.Contains(errOut, "unknown flag: --port") {
		t.Errorf("exit %d, stderr %q; want 2 and the flag named", code, errOut)
	}
}
