package neo4j

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/google/go-cmp/cmp"
)

// TestQueryFilesEmbeddedAndDeclared checks that every file in queries/ is
// embedded and declared as a query once, and every query has its file.
func TestQueryFilesEmbeddedAndDeclared(t *testing.T) {
	onDisk := cypherFiles(t, os.DirFS("queries"))
	embedded := cypherFiles(t, mustSub(t, queryFiles, "queries"))
	var declared []string
	for _, q := range queries {
		declared = append(declared, q.name)
	}
	slices.Sort(declared)
	if diff := cmp.Diff(onDisk, embedded); diff != "" {
		t.Errorf("embedded files mismatch (-on disk +embedded):\n%s", diff)
	}
	if diff := cmp.Diff(onDisk, declared); diff != "" {
		t.Errorf("declared queries mismatch (-files +declared):\n%s", diff)
	}
}

// TestQueriesUsed checks that the Go code uses every declared query: a
// query declared in queries.go and used nowhere is dead Cypher.
func TestQueriesUsed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	uses := map[string]map[bool]int{} // identifier -> in a test file -> uses
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		test := strings.HasSuffix(name, "_test.go")
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && len(vs.Values) == 1 {
				if call, ok := vs.Values[0].(*ast.CallExpr); ok {
					if fn, ok := call.Fun.(*ast.Ident); ok && fn.Name == "newQuery" {
						declared[vs.Names[0].Name] = true
						return false // the declaration is not a use
					}
				}
			}
			if id, ok := n.(*ast.Ident); ok {
				if uses[id.Name] == nil {
					uses[id.Name] = map[bool]int{}
				}
				uses[id.Name][test]++
			}
			return true
		})
	}
	if len(declared) != len(queries) {
		t.Fatalf("found %d query declarations, want %d", len(declared), len(queries))
	}
	for name := range declared {
		testOnly := name == "qWipeBatch"
		switch {
		case testOnly && uses[name][true] == 0:
			t.Errorf("query %s is not used by the tests", name)
		case !testOnly && uses[name][false] == 0:
			t.Errorf("query %s is declared but not used", name)
		}
	}
}

// TestQueriesHaveNoFormatting checks that no query is a template: values
// reach Neo4j as parameters only.
func TestQueriesHaveNoFormatting(t *testing.T) {
	verb := regexp.MustCompile(`%[-+# 0-9.*\[\]]*[a-zA-Z%]|\{\{|\}\}|\$\{`)
	for _, q := range queries {
		if m := verb.FindString(q.text); m != "" {
			t.Errorf("%s contains %q, a formatting verb or template action", q.name, m)
		}
		if strings.Contains(stripComments(q.text), ";") {
			t.Errorf("%s contains a semicolon: one statement per file, without terminator", q.name)
		}
	}
}

// TestQueryParameters checks that the parameters each query's text uses are
// those its declaration names, which run checks the Go code passes.
func TestQueryParameters(t *testing.T) {
	param := regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	for _, q := range queries {
		var got []string
		for _, m := range param.FindAllStringSubmatch(stripStrings(stripComments(q.text)), -1) {
			got = append(got, m[1])
		}
		got = slices.Compact(slices.Sorted(slices.Values(got)))
		if diff := cmp.Diff(q.params, got); diff != "" {
			t.Errorf("%s: parameters mismatch (-declared +in text):\n%s", q.name, diff)
		}
	}
}

// TestQueryColumns checks that the columns each query returns are those its
// declaration names, in order, which the Go code reads.
func TestQueryColumns(t *testing.T) {
	for _, q := range queries {
		if diff := cmp.Diff(q.columns, returnColumns(t, q)); diff != "" {
			t.Errorf("%s: columns mismatch (-declared +in text):\n%s", q.name, diff)
		}
	}
}

// TestCreateNodesKnowsEveryType checks that create_nodes.cypher sets the
// label of every node type, and of nothing else: its FOREACHs are the
// whitelist that stands in for a dynamic label.
func TestCreateNodesKnowsEveryType(t *testing.T) {
	text := qCreateNodes.text
	for _, typ := range graph.NodeTypes {
		want := "FOREACH (ignored IN CASE WHEN row.type = '" + string(typ) + "' THEN [1] ELSE [] END | SET n:" + string(typ) + ")"
		if strings.Count(text, want) != 1 {
			t.Errorf("create_nodes.cypher lacks (or repeats) %s", want)
		}
	}
	if n := strings.Count(stripComments(text), "FOREACH"); n != len(graph.NodeTypes) {
		t.Errorf("create_nodes.cypher has %d FOREACH, want %d", n, len(graph.NodeTypes))
	}
}

// TestPutEdgesKnowsEveryType checks that put_edges.cypher merges every edge
// type, and nothing else.
func TestPutEdgesKnowsEveryType(t *testing.T) {
	text := qPutEdges.text
	for _, r := range graph.EdgeRules {
		want := "FOREACH (ignored IN CASE WHEN row.type = '" + string(r.Type) + "' THEN [1] ELSE [] END | MERGE (a)-[r:" + string(r.Type) + "]->(b) SET r = row.props)"
		if strings.Count(text, want) != 1 {
			t.Errorf("put_edges.cypher lacks (or repeats) %s", want)
		}
	}
	if n := strings.Count(stripComments(text), "FOREACH"); n != len(graph.EdgeRules) {
		t.Errorf("put_edges.cypher has %d FOREACH, want %d", n, len(graph.EdgeRules))
	}
}

// TestMigrationsConstrainEveryLabel checks that the migrations make id
// unique for Node and every node type, and that each statement is
// idempotent and each migration numbered in turn.
func TestMigrationsConstrainEveryLabel(t *testing.T) {
	var all strings.Builder
	for i, m := range migrations {
		if m.Version != i+1 {
			t.Errorf("migration %d has version %d", i+1, m.Version)
		}
		for _, q := range m.statements {
			if !strings.Contains(q.text, "IF NOT EXISTS") {
				t.Errorf("migration %d: %s is not IF NOT EXISTS", m.Version, q.name)
			}
			all.WriteString(q.text)
		}
	}
	for _, label := range append([]graph.NodeType{"Node"}, graph.NodeTypes...) {
		want := "FOR (n:" + string(label) + ") REQUIRE n.id IS UNIQUE"
		if !strings.Contains(all.String(), want) {
			t.Errorf("no migration has %s", want)
		}
	}
}

// returnColumns returns the column names of the final RETURN of q, or none.
func returnColumns(t *testing.T, q *query) []string {
	text := stripComments(q.text)
	i := strings.LastIndex(text, "RETURN ")
	if i < 0 {
		return nil
	}
	var cols []string
	for _, item := range splitTopLevel(text[i+len("RETURN "):]) {
		item = strings.TrimSpace(item)
		if j := strings.LastIndex(item, " AS "); j >= 0 {
			item = strings.TrimSpace(item[j+len(" AS "):])
		}
		if !regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(item) {
			t.Errorf("%s: RETURN item %q has no alias", q.name, item)
		}
		cols = append(cols, item)
	}
	return cols
}

// splitTopLevel splits s at the commas outside brackets.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case ',':
			if depth == 0 {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}

var (
	lineComment = regexp.MustCompile(`//[^\n]*`)
	stringLit   = regexp.MustCompile(`'[^']*'|"[^"]*"`)
)

func stripComments(s string) string { return lineComment.ReplaceAllString(s, "") }
func stripStrings(s string) string  { return stringLit.ReplaceAllString(s, "''") }

func cypherFiles(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	names, err := fs.Glob(fsys, "*.cypher")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

func mustSub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	sub, err := fs.Sub(fsys, filepath.ToSlash(dir))
	if err != nil {
		t.Fatal(err)
	}
	return sub
}
