package dashboards

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"
)

// TestWordsUsedExist: every key the dashboards' code names as a literal
// (word, wordf, ew, ewf) is a message of its locale domain in every
// language, so that no page prints a bare key.
func TestWordsUsedExist(t *testing.T) {
	domains := map[string]string{"word": "dashboards", "wordf": "dashboards", "ew": "evidence", "ewf": "evidence"}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	n := 0
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || domains[fn.Name] == "" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			key, _ := strconv.Unquote(lit.Value)
			n++
			d := messages().Domain(domains[fn.Name])
			for _, lang := range messages().Languages() {
				if !d.Has(lang, key) {
					t.Errorf("%s: %s(lang, %q): no such message in %s/%s.json", fset.Position(call.Pos()), fn.Name, key, lang, domains[fn.Name])
				}
			}
			return true
		})
	}
	if n < 50 {
		t.Errorf("found only %d literal keys: the test no longer sees the calls", n)
	}
}

func TestLangFollowsCatalogue(t *testing.T) {
	for in, want := range map[string]string{"nb": "nb", "en": "en", "de": "en", "": "en"} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCountryNames(t *testing.T) {
	for _, tc := range []struct{ lang, code, want string }{
		{"nb", "GB", "Storbritannia"},
		{"nb", "SE", "Sverige"},
		{"en", "GB", "United Kingdom"},
		{"nb", "nordic", "flere nordiske land"},
		{"en", "global", "countries worldwide"},
	} {
		if got := CountryLabel(tc.lang, tc.code); got != tc.want {
			t.Errorf("CountryLabel(%s, %s) = %q, want %q", tc.lang, tc.code, got, tc.want)
		}
	}
	if got := CountryFilterLabel("nb", "norway"); got != "Norge" {
		t.Errorf("CountryFilterLabel(nb, norway) = %q", got)
	}
}
