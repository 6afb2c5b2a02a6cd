package web

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/web/render"
)

// usedKey matches a message key written out where the pages use it: in Go,
// translate(lang, "key") and translatef(lang, "key", ...) (render.Translate
// in package render); in a template,
// T "key" and Tf "key" ... (keys built from a prefix and a value are not
// found, and are checked by the pages' tests).
var usedKey = regexp.MustCompile(`(?:\b[tT]ranslatef?\([a-zA-Z.()]+, |\bTf? )"([a-z][a-zA-Z0-9_.]*[a-zA-Z0-9_])"`)

// TestUsedKeysHaveText: every message key the pages' code and templates
// name exists in internal/locale's web domain in every language, so no
// page shows a key instead of its text. (That each key has the same
// arguments in both languages is internal/locale's TestEmbeddedCatalogueIsComplete.)
func TestUsedKeysHaveText(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	renderFiles, _ := filepath.Glob("render/*.go")
	tmpl, _ := filepath.Glob("render/templates/*.html")
	found := 0
	for _, file := range slices.Concat(files, renderFiles, tmpl) {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range usedKey.FindAllStringSubmatch(string(data), -1) {
			found++
			for _, lang := range []string{"en", "nb"} {
				if !render.Words().Has(lang, m[1]) {
					t.Errorf("%s: key %q has no text in internal/locale's messages/%s/web.json", file, m[1], lang)
				}
			}
		}
	}
	if found < 300 {
		t.Errorf("found %d keys: the test no longer reads the pages", found)
	}
}
