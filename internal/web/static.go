package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/echartsjs"
)

// staticFS holds the static files. The pattern names the directory:
// vendor/README.md is committed and keeps vendor/ non-empty.
//
//go:embed static
var staticFS embed.FS

// echartsPath is where ECharts is served, inside /static/. The script
// itself is embedded by package echartsjs (which the chart exports share),
// and added to the embedded static files when it is there.
const echartsPath = "vendor/" + echartsjs.FileName

// staticSource is a file system rooted at the static directory.
type staticSource = fs.FS

// embeddedSource is the embedded static directory; indexStatic adds the
// ECharts script of package echartsjs to it.
type embeddedSource struct{ fs.FS }

// embeddedStatic returns the embedded static directory.
func embeddedStatic() staticSource {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		// fs.Sub fails only on an invalid path; "static" is valid.
		return embeddedSource{staticFS}
	}
	return embeddedSource{sub}
}

// staticFile is one static file with its content hash.
type staticFile struct {
	data []byte
	etag string
}

// staticFiles are the static files, read and hashed once at start-up.
type staticFiles struct {
	files map[string]staticFile
	// charts reports whether the ECharts script is there.
	charts bool
}

// indexStatic reads every file of src except Markdown notes.
func indexStatic(src staticSource) (*staticFiles, error) {
	st := &staticFiles{files: map[string]staticFile{}}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		st.files[p] = staticFile{data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index static files: %w", err)
	}
	if _, ok := src.(embeddedSource); ok {
		if data, ok := echartsjs.Script(); ok {
			sum := sha256.Sum256(data)
			st.files[echartsPath] = staticFile{data: data, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		}
	}
	_, st.charts = st.files[echartsPath]
	return st, nil
}

// registerStaticRoutes serves /static/.
func (s *Server) registerStaticRoutes(r *mux.Router) {
	r.PathPrefix("/static/").Handler(s.handle(s.handleStatic)).Methods(readMethods...)
}

// handleStatic serves one static file. Responses carry an ETag and must be
// revalidated, so an upgrade is picked up at once.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) error {
	name := path.Clean(strings.TrimPrefix(r.URL.Path, "/static/"))
	f, ok := s.static.files[name]
	if !ok {
		return graph.Errorf(graph.ENOTFOUND, "no static file %s", name)
	}
	w.Header().Set("ETag", f.etag)
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
	return nil
}
