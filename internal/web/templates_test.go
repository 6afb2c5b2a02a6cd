package web

import (
	"io/fs"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEveryTemplateParsedAtStartUp: every file of the templates directory
// is the layout's or a page's, so none is parsed later (where a failure
// could only be logged).
func TestEveryTemplateParsedAtStartUp(t *testing.T) {
	names, err := fs.Glob(embeddedTemplates(), "*.html")
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

// TestBrokenTemplateStopsStartUp: a template that does not parse, whatever
// page it belongs to, makes the server refuse to start and names the file.
func TestBrokenTemplateStopsStartUp(t *testing.T) {
	names, err := fs.Glob(embeddedTemplates(), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, broken := range names {
		t.Run(broken, func(t *testing.T) {
			m := fstest.MapFS{}
			for _, name := range names {
				b, err := fs.ReadFile(embeddedTemplates(), name)
				if err != nil {
					t.Fatal(err)
				}
				m[name] = &fstest.MapFile{Data: b}
			}
			m[broken] = &fstest.MapFile{Data: append(m[broken].Data, []byte(`{{define "broken"}}{{.Unclosed`)...)}
			s, err := newServer(Config{}, fixed{testLandscape(t)}, versioner{}, slog.New(slog.DiscardHandler),
				fakeStatic(t, true), withTemplates(m))
			if err == nil {
				t.Fatalf("the server started (%v) with %s broken", s != nil, broken)
			}
			if !strings.Contains(err.Error(), broken) {
				t.Errorf("the error %q does not name %s", err, broken)
			}
		})
	}
}
