package render

import (
	"io/fs"
	"slices"
	"testing"
)

// TestEveryTemplateParsedAtStartUp: every file of the templates directory
// is the layout's or a page's, so none is parsed later (where a failure
// could only be logged).
func TestEveryTemplateParsedAtStartUp(t *testing.T) {
	names, err := fs.Glob(Embedded(), "*.html")
	if err != nil || len(names) == 0 {
		t.Fatalf("no templates (%v)", err)
	}
	for _, name := range names {
		used := slices.Contains(layoutFiles, name)
		for _, files := range pageFiles {
			used = used || slices.Contains(files, name)
		}
		if !used {
			t.Errorf("%s is parsed by no page at start-up", name)
		}
	}
}
