package conventions

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// module is the module path; the module's root is two folders up.
const module = "github.com/gapmap/gapmap"

// immutableMakers are the calls whose results cannot change after they are
// made, so a package-level var holding one is no state: each with why.
var immutableMakers = map[string]string{
	"regexp.MustCompile":       "a compiled regular expression is safe for concurrent use and never changes",
	"regexp.MustCompilePOSIX":  "as regexp.MustCompile",
	"errors.New":               "an error sentinel, compared with errors.Is",
	"template.Must":            "a parsed template, only executed after start-up",
	"language.MustParse":       "a language tag is a value",
	"language.MustParseRegion": "a region code is a value",
	"uuid.NewSHA1":             "a UUID is an array value",
	"time.Date":                "a time.Time is a value",
	"reflect.TypeFor":          "a reflect.Type describes a type and never changes",
	"context.Background":       "the background context never changes",
	"neo4j.newQuery":           "a Cypher statement loaded from the embedded files; its fields are never written after start-up",
}

// allowed are package-level vars that are neither made by an immutable
// maker nor a table never written, each with why it is no mutable state.
// Keyed by import path (module-relative) and name.
var allowed = map[string]string{
	"graph/neo4j.queries":            "the list of every statement, appended to only by newQuery while the package initialises; read by tests",
	"graph/neo4j.edgeTimeKeys":       "a table built once by reflection over graph.Edge at initialisation, never written",
	"seed.edgeFields":                "a table built once by reflection over graph.Edge at initialisation, never written",
	"seed.edgeFieldNames":            "as seed.edgeFields",
	"internal/auth/authtest.longAgo": "a time.Time (a value) for the shared store tests",
	"dashboards.messages":            "the message catalogue parsed once from the files embedded in internal/locale (like a parsed template); locale.Catalog has no method that changes it",
	"internal/web/render.pageWords":  "as dashboards.messages: the web domain of the embedded catalogue, read only",
	"internal/web.fieldWords":        "as dashboards.messages: the fields domain of the embedded catalogue, read only",
	"internal/chart.words":           "as dashboards.messages: the chart domain of the embedded catalogue, read only",
	"internal/findings.messages":     "as dashboards.messages: the embedded catalogue (its findings and findings_format domains), read only",
}

// TestNoPackageState fails on a package-level var outside package main that
// could hold state: one that is neither a blank assertion, an embedded file
// system, a value made by an immutableMakers call, nor a table (a composite
// literal, a conversion of a constant, a function literal run once, or
// another package's table) that nothing in the module ever writes. A write
// is an assignment to the var or through an index or field of it, ++/--,
// delete, clear, copy or a sort into it, or taking its address. Writes
// through an alias (y := table; y[0] = ...) are not followed: a table must
// not be handed out for writing.
func TestNoPackageState(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	type pkgVar struct {
		pkg, name string
		pos       token.Position
		value     ast.Expr // nil for a var without a value
		embed     bool
		imports   map[string]string // the file's import names
	}
	var vars []pkgVar
	writes := map[string]token.Position{} // "pkg.name" → first write
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (n == "node_modules" || n == "testdata" || strings.HasPrefix(n, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(p))
		pkg := filepath.ToSlash(rel)
		imports := importNames(f)
		for name, pos := range fileWrites(fset, f, pkg, imports) {
			if _, ok := writes[name]; !ok {
				writes[name] = pos
			}
		}
		if f.Name.Name == "main" || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				embed := hasEmbed(g.Doc) || hasEmbed(vs.Doc)
				for i, id := range vs.Names {
					v := pkgVar{pkg: pkg, name: id.Name, pos: fset.Position(id.Pos()), embed: embed, imports: imports}
					if i < len(vs.Values) {
						v.value = vs.Values[i]
					}
					vars = append(vars, v)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(vars) < 50 {
		t.Fatalf("found %d package-level vars; the walk missed the module", len(vars))
	}
	var bad []string
	used := map[string]bool{}
	for _, v := range vars {
		key := v.pkg + "." + v.name
		if allowed[key] != "" {
			used[key] = true
			continue
		}
		if v.name == "_" || v.embed {
			continue
		}
		what, isTable := kindOf(v.value, v.imports, v.pkg)
		switch {
		case what != "" && !isTable:
			bad = append(bad, fmt.Sprintf("%s: var %s is %s", v.pos, v.name, what))
		case isTable:
			if w, ok := writes[key]; ok {
				bad = append(bad, fmt.Sprintf("%s: var %s is a table but %s writes it", v.pos, v.name, w))
			}
		}
	}
	for key := range allowed {
		if !used[key] {
			bad = append(bad, fmt.Sprintf("allowed names %s, which is no package-level var outside main: drop it", key))
		}
	}
	slices.Sort(bad)
	for _, b := range bad {
		t.Error(b)
	}
	if len(bad) > 0 {
		t.Log("package-level state belongs to a value built in main and passed down; a constant is a const; " +
			"a true exception goes in allowed or immutableMakers with the reason")
	}
}

// kindOf says what a var's value is: isTable for a table (to be checked for
// writes), else what for something that may be state ("" when it is made
// by an immutable maker).
func kindOf(e ast.Expr, imports map[string]string, pkg string) (what string, isTable bool) {
	switch e := e.(type) {
	case nil:
		return "declared without a value (a zero value to be written later)", false
	case *ast.CompositeLit, *ast.SelectorExpr:
		return "", true
	case *ast.BasicLit:
		return "a constant in a var: make it a const", false
	case *ast.CallExpr:
		fun := e.Fun
		if ix, ok := fun.(*ast.IndexExpr); ok { // a generic function's instance
			fun = ix.X
		} else if ix, ok := fun.(*ast.IndexListExpr); ok {
			fun = ix.X
		}
		switch fun := fun.(type) {
		case *ast.FuncLit:
			return "", true // built once at initialisation
		case *ast.ArrayType, *ast.MapType:
			return "", true // a conversion, such as []byte("meta")
		case *ast.SelectorExpr:
			if x, ok := fun.X.(*ast.Ident); ok {
				if p, ok := imports[x.Name]; ok && immutableMakers[path.Base(p)+"."+fun.Sel.Name] != "" {
					return "", false
				}
			}
		case *ast.Ident:
			if immutableMakers[path.Base(pkg)+"."+fun.Name] != "" {
				return "", false
			}
		}
		return "made by a call that may return something mutable: " + exprString(e.Fun), false
	}
	return "not a table: " + fmt.Sprintf("%T", e), false
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	case *ast.IndexExpr:
		return exprString(e.X) + "[...]"
	}
	return fmt.Sprintf("%T", e)
}

func hasEmbed(cg *ast.CommentGroup) bool {
	if cg == nil {
		return false
	}
	for _, c := range cg.List {
		if strings.HasPrefix(c.Text, "//go:embed ") {
			return true
		}
	}
	return false
}

// importNames maps the names a file's imports are known by to their paths.
func importNames(f *ast.File) map[string]string {
	m := map[string]string{}
	for _, im := range f.Imports {
		p, _ := strconv.Unquote(im.Path.Value)
		name := path.Base(p)
		if strings.HasPrefix(name, "v") && strings.Trim(name[1:], "0123456789") == "" { // .../v2
			name = path.Base(path.Dir(p))
		}
		if im.Name != nil {
			name = im.Name.Name
		}
		m[name] = p
	}
	return m
}

// fileWrites returns the package-level vars (as "pkg.name") that f writes.
// An identifier counts as a package-level var of pkg when the parser found
// no declaration of it in the file (its Obj is nil: declared in another file
// of the package) or found the file-level var.
func fileWrites(fset *token.FileSet, f *ast.File, pkg string, imports map[string]string) map[string]token.Position {
	out := map[string]token.Position{}
	// The file's own package-level vars: the parser resolves identifiers
	// within a file, so a local var shadowing a package one has an Obj of
	// its own, not one of these.
	top := map[*ast.ValueSpec]bool{}
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, s := range g.Specs {
				top[s.(*ast.ValueSpec)] = true
			}
		}
	}
	mark := func(e ast.Expr) {
		if k := target(e, pkg, imports, top); k != "" {
			if _, ok := out[k]; !ok {
				out[k] = fset.Position(e.Pos())
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					mark(l)
				}
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				mark(n.Key)
				mark(n.Value)
			}
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				mark(n.X)
			}
		case *ast.CallExpr:
			name := exprString(n.Fun)
			switch {
			case name == "delete" || name == "clear" || name == "copy",
				strings.HasPrefix(name, "sort.") || strings.HasPrefix(name, "slices.Sort") || name == "slices.Reverse":
				if len(n.Args) > 0 {
					mark(n.Args[0])
				}
			}
		}
		return true
	})
	return out
}

// target returns "pkg.name" of the package-level var that writing e
// changes, or "".
func target(e ast.Expr, pkg string, imports map[string]string, top map[*ast.ValueSpec]bool) string {
	for {
		switch x := e.(type) {
		case nil:
			return ""
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.SliceExpr:
			e = x.X
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok && id.Obj == nil {
				if p, ok := imports[id.Name]; ok {
					if !strings.HasPrefix(p, module+"/") {
						return ""
					}
					return strings.TrimPrefix(p, module+"/") + "." + x.Sel.Name
				}
			}
			e = x.X
		case *ast.Ident:
			if x.Name == "_" {
				return ""
			}
			if x.Obj != nil {
				vs, ok := x.Obj.Decl.(*ast.ValueSpec)
				if !ok || x.Obj.Kind != ast.Var || !top[vs] {
					return ""
				}
			}
			return pkg + "." + x.Name
		default:
			return ""
		}
	}
}
