package graphfile

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

func TestCypherString(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"", `''`},
		{"ROSA", `'ROSA'`},
		{"Laura's Hus", `'Laura\'s Hus'`},
		{`say "hi"`, `'say "hi"'`},
		{`C:\path`, `'C:\\path'`},
		{"two\nlines\r\n", `'two\nlines\r\n'`},
		{"tab\there", `'tab\there'`},
		{"bell\x07 del\x7f", `'bell\u0007 del\u007F'`},
		{"line\u2028sep", `'line\u2028sep'`},
		{"Tromsø — “ok” 🙂", `'Tromsø — “ok” 🙂'`},
		{"bad \xff byte", `'bad \uFFFD byte'`},
		{"// not a comment", `'// not a comment'`},
	} {
		if got := cypherString(test.in); got != test.want {
			t.Errorf("cypherString(%q) = %s, want %s", test.in, got, test.want)
		}
	}
}

func TestCypherNames(t *testing.T) {
	for _, test := range []struct{ in, key, name string }{
		{"name", "name", "`name`"},
		{"RUN_BY", "RUN_BY", "`RUN_BY`"},
		{"lauras-hus", "`lauras-hus`", "`lauras-hus`"},
		{"2024-report", "`2024-report`", "`2024-report`"},
		{"a`b", "`a``b`", "`a``b`"},
	} {
		if got := cypherKey(test.in); got != test.key {
			t.Errorf("cypherKey(%q) = %s, want %s", test.in, got, test.key)
		}
		if got := cypherName(test.in); got != test.name {
			t.Errorf("cypherName(%q) = %s, want %s", test.in, got, test.name)
		}
	}
}

func TestCypherShape(t *testing.T) {
	l := fixture(t)
	var buf bytes.Buffer
	if err := WriteCypher(&buf, l, Options{batch: 1}); err != nil { // a batch per node and per edge
		t.Fatal(err)
	}
	out := buf.String()
	nodes, edges := l.Len()
	if head := fmt.Sprintf("// gapmap landscape version 7, last changed 2026-02-27 14:05 UTC: %d nodes, %d relationships.\n", nodes, edges); !strings.HasPrefix(out, head) {
		t.Errorf("the script does not start with %q", head)
	}
	for _, want := range []struct {
		text  string
		count int
	}{
		{"UNWIND [", nodes + edges},
		{"WITH count(*) AS done", nodes + edges - 1},
		{"CREATE (n:Node:Service)", 2},
		{"CREATE (n:Node:Group)", 1},
		{"MATCH (a:Service {id: row.from})\nMATCH (b:Organisation {id: row.to})\nCREATE (a)-[r:RUN_BY]->(b)", 1},
		{"MATCH (a:Recommendation {id: row.from})\nMATCH (b:Need {id: row.to})\nCREATE (a)-[r:CONCERNS]->(b)", 1},
		{"last_verified: datetime('2025-03-14T09:30:00Z')", 1},
		{"size_estimate_suppressed: true, size_estimate_shown: '<5'", 1},
		{"size_estimate: ", 0}, // the group's count is suppressed: no number, and no "<5" where a number goes
		{"{from: 'rosa', to: 'lauras-hus', props: {formal: true, sources: ['nkvts-2025'], year: 2025, confidence: 'assumed', note: 'fixture REFERS_TO'}}", 1},
		{";\n", 1},
	} {
		if got := strings.Count(out, want.text); got != want.count {
			t.Errorf("%q appears %d times, want %d", want.text, got, want.count)
		}
	}
	if strings.Contains(out, "type: ") {
		t.Errorf("a node or relationship has a type property; the label carries it")
	}
}

func TestCypherEmptyLandscape(t *testing.T) {
	l, err := graph.NewLandscape(0, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteCypher(&buf, l, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(buf.String(), "\nRETURN 0 AS created;\n") {
		t.Errorf("empty landscape script = %q, want one RETURN statement", buf.String())
	}
}

// TestCypherLint runs the project's Cypher linter (Neo4j's own parser and
// semantic analysis, checking labels, relationship types and property keys
// against the graph package) on the export of the fixture, in batches of
// two so that every join between parts is there. It needs Node.js and the
// npm packages (npm ci); it skips without them, except in CI.
func TestCypherLint(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	lib := filepath.Join(root, "node_modules", "@neo4j-cypher", "language-support")
	if _, statErr := os.Stat(lib); err != nil || statErr != nil {
		msg := "the Cypher linter needs node and node_modules (run npm ci in the repository root)"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	file := filepath.Join(t.TempDir(), "landscape.cypher")
	var buf bytes.Buffer
	if err := WriteCypher(&buf, fixture(t), Options{batch: 2}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "scripts/cypherlint/lint.mjs", "--strict", file)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 errors, 0 warnings") {
		t.Errorf("cypherlint: %v\n%s", err, out)
	}
}
