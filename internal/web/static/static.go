// Package static serves gapmap's static files (the page script, the style
// sheet and the ECharts script of package echartsjs): read, hashed and
// gzip-compressed once at start-up, linked by content-hashed URLs that
// browsers keep for good, and answered with ETags under their own names.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/echartsjs"
)

// staticFS holds the static files. vendor/README.md is committed and keeps
// vendor/ non-empty.
//
//go:embed *.js *.css vendor
var staticFS embed.FS

// EChartsPath is where ECharts is served, inside /static/. The script
// itself is embedded by package echartsjs (which the chart exports share),
// and added to the embedded static files when it is there.
const EChartsPath = "vendor/" + echartsjs.FileName

// embeddedSource is the embedded static directory; Index adds the ECharts
// script of package echartsjs to it.
type embeddedSource struct{ fs.FS }

// Embedded returns the embedded static directory.
func Embedded() fs.FS { return embeddedSource{staticFS} }

// immutable is the caching of a file served under its hashed name: the
// name changes whenever the content does, so a browser keeps it a year
// without asking again.
const Immutable = "public, max-age=31536000, immutable"

// staticFile is one static file: its content, the same gzip-compressed
// (nil when compression does not make it smaller), its content hash and
// the hashed name it is served under for good.
type staticFile struct {
	data   []byte
	gz     []byte
	etag   string
	hashed string
}

// Files are the static files, read, hashed and compressed once at
// start-up.
type Files struct {
	files map[string]staticFile
	// byHash finds a file's name from its hashed name.
	byHash map[string]string
	// charts reports whether the ECharts script is there.
	charts bool
}

// hashedName is name with the first 16 hex digits of its content hash
// before the extension: app.js becomes app.0123456789abcdef.js.
func hashedName(name, sum string) string {
	dir, file := path.Split(name)
	ext := path.Ext(file)
	return dir + strings.TrimSuffix(file, ext) + "." + sum[:16] + ext
}

// newStaticFile hashes data and compresses it when that helps.
func newStaticFile(name string, data []byte) (staticFile, error) {
	sum := sha256.Sum256(data)
	hexSum := hex.EncodeToString(sum[:])
	f := staticFile{data: data, etag: `"` + hexSum[:24] + `"`, hashed: hashedName(name, hexSum)}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		return f, fmt.Errorf("compress %s: %w", name, err)
	}
	if _, err := zw.Write(data); err != nil {
		return f, fmt.Errorf("compress %s: %w", name, err)
	}
	if err := zw.Close(); err != nil {
		return f, fmt.Errorf("compress %s: %w", name, err)
	}
	if buf.Len() < len(data)*9/10 {
		f.gz = buf.Bytes()
	}
	return f, nil
}

// Index reads every file of src (a static directory) except Markdown notes,
// and hashes and compresses each.
func Index(src fs.FS) (*Files, error) {
	st := &Files{files: map[string]staticFile{}, byHash: map[string]string{}}
	add := func(name string, data []byte) error {
		f, err := newStaticFile(name, data)
		if err != nil {
			return err
		}
		st.files[name] = f
		st.byHash[f.hashed] = name
		return nil
	}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		return add(p, data)
	})
	if err != nil {
		return nil, fmt.Errorf("index static files: %w", err)
	}
	if _, ok := src.(embeddedSource); ok {
		if data, ok := echartsjs.Script(); ok {
			if err := add(EChartsPath, data); err != nil {
				return nil, fmt.Errorf("index static files: %w", err)
			}
		}
	}
	_, st.charts = st.files[EChartsPath]
	return st, nil
}

// Charts reports whether the ECharts script is there.
func (st *Files) Charts() bool { return st.charts }

// URL returns the path pages link static file name by: its hashed name,
// which browsers may keep for good. A file that is not there keeps its
// own name (and is answered 404).
func (st *Files) URL(name string) string {
	if f, ok := st.files[name]; ok {
		return "/static/" + f.hashed
	}
	return "/static/" + name
}

// Serve serves one static file, the one r's path names under /static/. Under its hashed name it is cached
// for good (Cache-Control immutable); under its own name, as older pages
// and other sites link it, it carries an ETag and must be revalidated, so
// an upgrade is picked up at once. A browser that accepts gzip gets the
// file compressed.
func (st *Files) Serve(w http.ResponseWriter, r *http.Request) error {
	name := path.Clean(strings.TrimPrefix(r.URL.Path, "/static/"))
	cache := "no-cache"
	if orig, ok := st.byHash[name]; ok {
		name, cache = orig, Immutable
	}
	f, ok := st.files[name]
	if !ok {
		return graph.Errorf(graph.ENOTFOUND, "no static file %s", name)
	}
	h := w.Header()
	h.Set("Cache-Control", cache)
	data, etag := f.data, f.etag
	// A static file is the same in every language and for every user.
	h.Del("Vary")
	if f.gz != nil {
		h.Set("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			data, etag = f.gz, strings.TrimSuffix(f.etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("ETag", etag)
	if ctype := staticType(name); ctype != "" {
		h.Set("Content-Type", ctype)
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	return nil
}

// staticType is the content type of a static file by its extension; ""
// lets net/http decide.
func staticType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	}
	return ""
}

// acceptsGzip reports whether r's Accept-Encoding allows gzip (not "gzip;q=0").
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
