package hsds

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

// FuzzReadHSDS feeds the HSDS reader and the import planner arbitrary
// bytes (seeded with the files of testdata/hsds and the spec's own
// examples; the corpus is in testdata/fuzz/FuzzReadHSDS): neither may panic,
// and a file that does not plan is an *Error naming its problems.
func FuzzReadHSDS(f *testing.F) {
	for _, name := range []string{"valid.json", "unmapped.json", "not_json.json",
		"spec-examples/service_full.json", "spec-examples/organization_full.json", "spec-examples/service_list.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", "hsds", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	nodes, edges := storetest.Fixture()
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, problems := readHSDS(data)
		if b == nil && len(problems) == 0 {
			t.Fatal("readHSDS returned neither a bundle nor a problem")
		}
		_, err := PlanImport(l, data)
		var he *Error
		if err != nil && !errors.As(err, &he) {
			t.Fatalf("PlanImport: %T %v, want an *Error", err, err)
		}
		if he != nil && len(he.Problems) == 0 {
			t.Fatal("an Error without problems")
		}
	})
}

// TestHSDSRefusesControlCharacters: a NUL or an escape code in an imported
// text is a problem at its path; newlines pass in a description.
func TestHSDSRefusesControlCharacters(t *testing.T) {
	nodes, edges := storetest.Fixture()
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	doc := `{"organizations": [{"id": "o1", "name": "Org\u001b[2J", "description": "line one\nline two"}],
	         "services": [{"id": "s1", "organization_id": "o1", "name": "Shelter\u0000", "description": "a\n\tb"}]}`
	_, err = PlanImport(l, []byte(doc))
	var he *Error
	if !errors.As(err, &he) {
		t.Fatalf("PlanImport = %v, want an Error", err)
	}
	got := map[string]string{}
	for _, p := range he.Problems {
		got[p.Path] = p.Message
	}
	want := map[string]string{
		"organizations[0].name": "holds a control character (U+001B) at character 4; remove it",
		"services[0].name":      "holds a control character (U+0000) at character 8; remove it",
	}
	for path, msg := range want {
		if got[path] != msg {
			t.Errorf("%s: %q, want %q (all: %v)", path, got[path], msg, he.Problems)
		}
	}
	for path := range got {
		if strings.HasSuffix(path, "description") {
			t.Errorf("a multi-line description refused: %s: %s", path, got[path])
		}
	}
}
