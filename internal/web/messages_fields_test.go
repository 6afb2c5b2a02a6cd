package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"strconv"
	"testing"
)

// TestFieldFormatsTranslated finds every message format the service
// form's checks pass to fieldErrors.add and fails on one that has no
// Norwegian translation in internal/locale's fields domain.
func TestFieldFormatsTranslated(t *testing.T) {
	fset := token.NewFileSet()
	found := 0
	for _, file := range []string{"edit_check.go", "manage_form.go", "manage_edit.go"} {
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) < 2 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "add" {
				return true
			}
			lit, ok := call.Args[1].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			format, err := strconv.Unquote(lit.Value)
			if err != nil || format == "%s" {
				return true
			}
			found++
			if !fieldWords.Has("nb", format) {
				t.Errorf("%s: %q has no Norwegian translation in internal/locale's messages/nb/fields.json", fset.Position(lit.Pos()), format)
			}
			return true
		})
	}
	if found < 15 {
		t.Errorf("found %d formats: the test no longer reads the checks", found)
	}
}

// TestEditFormErrorsInNorwegian: the service form shown in Norwegian
// explains what is wrong in Norwegian; the API keeps English.
func TestEditFormErrorsInNorwegian(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	form := f.formOfService("rosa")
	form.Set("capacity", "mange")
	form.Set("email", "ikke en adresse")
	resp := f.postForm("/manage/services/rosa/edit?lang=nb", secret, form)
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	mustContain(t, "Norwegian form", body, "må være et helt antall plasser eller klienter", "er ikke en e-postadresse")
	resp = f.postForm("/manage/services/rosa/edit?lang=en", secret, form)
	mustContain(t, "English form", readAll(t, resp), "must be a whole number of places or clients", "is not an email address")
}
