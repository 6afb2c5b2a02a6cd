// Package keyscan finds the message keys Go code names as string literals,
// so that a package's test can fail when its code asks internal/locale for a
// message no language has: every literal key passed to the functions named
// is reported with its file and line.
package keyscan

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Func names a function whose argument number Arg (0-based) is a message
// key of Domain. Name is the function's own name: a call of word(lang,
// "k"), p.T("k") or msgs.Sprintf(lang, "k") matches Name "word", "T" or
// "Sprintf".
type Func struct {
	Name   string
	Arg    int
	Domain string
}

// Use is one literal key passed to one of the functions.
type Use struct {
	Pos    token.Position
	Func   string
	Domain string
	Key    string
}

func (u Use) String() string {
	return fmt.Sprintf("%s: %s(%q) (domain %s)", u.Pos, u.Func, u.Key, u.Domain)
}

// Dir returns every literal key that the Go files of dir (not its tests,
// not its subfolders) pass to funcs, in file order. A key given as a
// constant expression other than a literal, or built at run time, is not
// seen.
func Dir(dir string, funcs []Func) ([]Use, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, fmt.Errorf("keyscan: %w", err)
	}
	byName := map[string][]Func{}
	for _, f := range funcs {
		byName[f.Name] = append(byName[f.Name], f)
	}
	slices.Sort(names)
	fset := token.NewFileSet()
	var uses []Use
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("keyscan: %w", err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			var fn string
			switch f := call.Fun.(type) {
			case *ast.Ident:
				fn = f.Name
			case *ast.SelectorExpr:
				fn = f.Sel.Name
			}
			for _, f := range byName[fn] {
				if f.Arg >= len(call.Args) {
					continue
				}
				lit, ok := call.Args[f.Arg].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				key, err := strconv.Unquote(lit.Value)
				if err != nil {
					continue
				}
				uses = append(uses, Use{Pos: fset.Position(lit.Pos()), Func: fn, Domain: f.Domain, Key: key})
			}
			return true
		})
	}
	return uses, nil
}
