package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/hsds"
)

// storeVersion returns the landscape version of the embedded store in data.
func storeVersion(t *testing.T, data string) int64 {
	t.Helper()
	st, err := embedded.Open(context.Background(), filepath.Join(data, "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	v, err := st.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestExportGraph(t *testing.T) {
	data := seeded(t)
	dir := t.TempDir()
	for _, test := range []struct {
		format string
		check  func(t *testing.T, out []byte)
	}{
		{"graphml", func(t *testing.T, out []byte) {
			var doc struct {
				Nodes []struct{} `xml:"graph>node"`
				Edges []struct{} `xml:"graph>edge"`
			}
			if err := xml.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Nodes) < 100 || len(doc.Edges) < len(doc.Nodes) {
				t.Errorf("GraphML has %d nodes and %d edges", len(doc.Nodes), len(doc.Edges))
			}
		}},
		{"json", func(t *testing.T, out []byte) {
			var doc struct {
				Version int64             `json:"version"`
				Nodes   []json.RawMessage `json:"nodes"`
				Edges   []json.RawMessage `json:"edges"`
			}
			if err := json.Unmarshal(out, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Version != 1 || len(doc.Nodes) < 100 || len(doc.Edges) < len(doc.Nodes) {
				t.Errorf("JSON version %d, %d nodes, %d edges", doc.Version, len(doc.Nodes), len(doc.Edges))
			}
		}},
		{"cypher", func(t *testing.T, out []byte) {
			for _, want := range []string{"// gapmap landscape version 1, last changed 20", " UTC: ", "CREATE (n:Node:Service)\nSET n = row", "CREATE (a)-[r:ACCEPTS]->(b)"} {
				if !bytes.Contains(out, []byte(want)) {
					t.Errorf("Cypher lacks %q", want)
				}
			}
		}},
	} {
		t.Run(test.format, func(t *testing.T) {
			file := filepath.Join(dir, "landscape."+test.format)
			code, _, errOut := run(t, "export", "graph", "--data", data, "--format", test.format, "--out", file)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			out, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			test.check(t, out)

			code, stdout, errOut := run(t, "export", "graph", "--data", data, "--format", test.format, "--out", "-")
			if code != 0 || stdout != string(out) {
				t.Errorf("to stdout: exit %d (%s), output differs from the file: %v", code, errOut, stdout != string(out))
			}
		})
	}
}

// TestExportTableMatchesAnalyse checks that the gaps table as CSV is what
// gapmap analyse --format csv writes for the same filters.
func TestExportTableMatchesAnalyse(t *testing.T) {
	data := seeded(t)
	for _, filters := range [][]string{
		{"--status", "undocumented", "--age", "adult", "--region", "oslo", "--need", "health_primary"},
		{"--status", "reflection", "--kind", "uncovered,fragile", "--limit", "50"},
	} {
		args := append([]string{"--data", data}, filters...)
		code, want, errOut := run(t, append([]string{"analyse", "--format", "csv"}, args...)...)
		if code != 0 {
			t.Fatalf("analyse: exit %d: %s", code, errOut)
		}
		code, got, errOut := run(t, append([]string{"export", "table", "--format", "csv", "--out", "-"}, args...)...)
		if code != 0 {
			t.Fatalf("export table: exit %d: %s", code, errOut)
		}
		if strings.Count(got, "\n") < 2 {
			t.Errorf("%v: the table has no rows:\n%s", filters, got)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%v: export table differs from analyse --format csv (-analyse +export):\n%s", filters, diff)
		}
	}
}

func TestExportTableXLSX(t *testing.T) {
	data := seeded(t)
	file := filepath.Join(t.TempDir(), "gaps.xlsx")
	code, _, errOut := run(t, "export", "table", "--data", data, "--format", "xlsx", "--out", file,
		"--status", "undocumented", "--region", "oslo", "--limit", "20")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 4+20 || rows[0][0] != "Gaps in the support landscape" || rows[3][0] != "kinds" {
		t.Fatalf("workbook rows start %q, %d rows", rows[:4], len(rows))
	}
	var foot string
	for _, r := range rows[4+20:] {
		foot += " " + strings.Join(r, " ")
	}
	for _, want := range []string{"20 of ", "shown as <5", "Sources:", "Recommendations:"} {
		if !strings.Contains(foot, want) {
			t.Errorf("footnote lacks %q", want)
		}
	}
}

// exportHSDS exports the service directory of data to a file and returns
// it decoded.
func exportHSDS(t *testing.T, data, file string) map[string]any {
	t.Helper()
	code, _, errOut := run(t, "export", "hsds", "--data", data, "--out", file)
	if code != 0 {
		t.Fatalf("export hsds: exit %d: %s", code, errOut)
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func writeJSON(t *testing.T, file string, doc any) {
	t.Helper()
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, raw, 0o644); err != nil {
		t.Fatal(err)
	}
}

// serviceByID finds a service of an HSDS document by its gapmap id (the
// file has its UUID), and its index.
func serviceByID(t *testing.T, doc map[string]any, id string) (map[string]any, int) {
	t.Helper()
	for i, s := range doc["services"].([]any) {
		if s := s.(map[string]any); s["id"] == hsds.UUID("service", id) {
			return s, i
		}
	}
	t.Fatalf("no service %s in the export", id)
	return nil, 0
}

func TestImportHSDS(t *testing.T) {
	data := seeded(t)
	dir := t.TempDir()
	doc := exportHSDS(t, data, filepath.Join(dir, "directory.json"))
	rosa, i := serviceByID(t, doc, "rosa")
	rosa["description"] = "ROSA, as its own directory describes it."
	attrs := rosa["attributes"].([]any)
	rosa["attributes"] = append(attrs, map[string]any{"id": "airs", "taxonomy_term_id": "airs-1"})
	doc["taxonomy_terms"] = append(doc["taxonomy_terms"].([]any),
		map[string]any{"id": "airs-1", "code": "BH-1800", "name": "Shelter", "description": "", "taxonomy": "AIRS"})
	file := filepath.Join(dir, "edited.json")
	writeJSON(t, file, doc)

	code, out, errOut := run(t, "import", "hsds", file, "--data", data, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"changed: Service rosa: description\n",
		"could not map: services[" + strconv.Itoa(i) + "].attributes[" + strconv.Itoa(len(attrs)) + `]: term "BH-1800" (AIRS) is not in one of gapmap's taxonomies`,
		"0 created, 1 changed, ",
		"dry run: nothing written (landscape version 1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if v := storeVersion(t, data); v != 1 {
		t.Errorf("a dry run wrote: version %d", v)
	}

	code, out, errOut = run(t, "import", "hsds", file, "--data", data)
	if code != 0 || !strings.Contains(out, "imported: landscape version 2") {
		t.Fatalf("import: exit %d: %s\n%s", code, out, errOut)
	}
	again := exportHSDS(t, data, filepath.Join(dir, "again.json"))
	if rosa, _ := serviceByID(t, again, "rosa"); rosa["description"] != "ROSA, as its own directory describes it." {
		t.Errorf("rosa's description after the import: %v", rosa["description"])
	}
	code, out, _ = run(t, "import", "hsds", file, "--data", data)
	if code != 0 || !strings.Contains(out, "nothing to change (landscape version 2)") {
		t.Errorf("importing the same file again: exit %d:\n%s", code, out)
	}
}

func TestImportHSDSInvalidWritesNothing(t *testing.T) {
	data := seeded(t)
	dir := t.TempDir()
	doc := exportHSDS(t, data, filepath.Join(dir, "directory.json"))
	rosa, i := serviceByID(t, doc, "rosa")
	rosa["description"] = "changed, but the file is invalid"
	rosa["attributes"].([]any)[1].(map[string]any)["taxonomy_term_id"] = "gapmap-need:no-such-term-in-the-file"
	file := filepath.Join(dir, "invalid.json")
	writeJSON(t, file, doc)

	code, out, errOut := run(t, "import", "hsds", file, "--data", data)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := "services[" + strconv.Itoa(i) + `].attributes[1].taxonomy_term_id: no taxonomy term with id "gapmap-need:no-such-term-in-the-file"`
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("stderr lacks %q and that nothing was written:\n%s", want, errOut)
	}
	if out != "" {
		t.Errorf("stdout = %q, want nothing", out)
	}
	if v := storeVersion(t, data); v != 1 {
		t.Errorf("an invalid import wrote: version %d", v)
	}
}

func TestExportUsageErrors(t *testing.T) {
	data := seeded(t)
	for _, test := range []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"export"}, 2, "name what to export"},
		{[]string{"export", "graph", "--format", "dot"}, 2, `unknown graph format "dot"`},
		{[]string{"export", "table", "--format", "pdf"}, 2, `unknown format "pdf"`},
		{[]string{"export", "table", "--gender", "female,unknown"}, 2, `--gender: unknown gender "unknown"`},
		{[]string{"export", "table", "--csv", "semicolon"}, 2, `--csv: unknown CSV form "semicolon"`},
		{[]string{"export", "pack", "--csv", "semicolon"}, 2, `--csv: unknown CSV form "semicolon"`},
		{[]string{"import"}, 2, "name the format"},
		{[]string{"import", "hsds"}, 2, "accepts 1 arg"},
		{[]string{"import", "hsds", filepath.Join(t.TempDir(), "missing.json")}, 1, "no such file"},
		{[]string{"export", "graph", "--out", filepath.Join(t.TempDir(), "no", "such", "dir", "x.graphml")}, 1, "no such file"},
	} {
		args := test.args
		if len(args) > 1 {
			args = append(args, "--data", data)
		}
		code, _, errOut := run(t, args...)
		if code != test.wantCode || !strings.Contains(errOut, test.wantErr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", test.args, code, errOut, test.wantCode, test.wantErr)
		}
	}
}

func TestProgressOnlyOnATerminal(t *testing.T) {
	a := &app{stderr: &bytes.Buffer{}}
	if a.progress("export") != nil {
		t.Error("progress is shown on a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("a regular file is taken for a terminal")
	}
}

// TestImportHSDSRefusesOtherJSON: JSON that is not an HSDS bundle (nothing
// in it maps) is refused, non-zero, with the shapes gapmap reads, and
// nothing is written.
func TestImportHSDSRefusesOtherJSON(t *testing.T) {
	data := seeded(t)
	dir := t.TempDir()
	for name, doc := range map[string]string{
		"package.json":  `{"name": "left-pad", "version": "1.3.0", "dependencies": {}}`,
		"list.json":     `[{"id": "rosa", "name": "ROSA"}]`,
		"empty.json":    `{}`,
		"only-tax.json": `{"hsds_version": "3.0", "services": [], "taxonomies": [{"id": "t", "name": "T"}]}`,
	} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := run(t, "import", "hsds", file, "--data", data)
		if code == 0 {
			t.Errorf("%s: exit 0:\n%s", name, out)
		}
		if !strings.Contains(errOut, "organizations and services") || !strings.Contains(errOut, "HSDS 3.0 bundle") {
			t.Errorf("%s: stderr does not name the shapes gapmap reads:\n%s", name, errOut)
		}
		if v := storeVersion(t, data); v != 1 {
			t.Errorf("%s: the import wrote: version %d", name, v)
		}
	}
}
