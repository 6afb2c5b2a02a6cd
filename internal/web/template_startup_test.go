package web

import (
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gapmap/gapmap/internal/web/render"
)

// TestBrokenTemplateStopsStartUp: a template that does not parse, whatever
// page it belongs to, makes the server refuse to start and names the file.
func TestBrokenTemplateStopsStartUp(t *testing.T) {
	names, err := fs.Glob(render.Embedded(), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, broken := range names {
		t.Run(broken, func(t *testing.T) {
			m := fstest.MapFS{}
			for _, name := range names {
				b, err := fs.ReadFile(render.Embedded(), name)
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
