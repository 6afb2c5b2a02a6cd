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
)

// staticFS holds the static files. The pattern names the directory, so it
// compiles whether or not the (gitignored) ECharts script has been copied
// into static/vendor: vendor/README.md is committed and keeps it non-empty.
//
//go:embed static
var staticFS embed.FS

// echartsPath is where the build puts ECharts, inside static/.
const echartsPath = "vendor/echarts.min.js"

// staticSource is a file system rooted at the static directory.
type staticSource = fs.FS

// embeddedStatic returns the embedded static directory.
func embeddedStatic() staticSource {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		// fs.Sub fails only on an invalid path; "static" is valid.
		return staticFS
	}
	return sub
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
