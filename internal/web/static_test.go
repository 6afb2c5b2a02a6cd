package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gapmap/gapmap/internal/web/static"
)

func TestStatic(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, static.Embedded())
	for _, test := range []struct{ path, ctype string }{
		{"/static/app.js", "text/javascript; charset=utf-8"},
		{"/static/gapmap.css", "text/css; charset=utf-8"},
	} {
		resp := get(t, s.Handler(), test.path)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != test.ctype {
			t.Errorf("%s: %d %q", test.path, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		etag := resp.Header.Get("ETag")
		if etag == "" {
			t.Fatalf("%s: no ETag", test.path)
		}
		if resp := get(t, s.Handler(), test.path, "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
			t.Errorf("%s with If-None-Match: %d, want 304", test.path, resp.StatusCode)
		}
	}
}

func TestAppScriptHasNoEval(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, static.Embedded())
	b := body(t, get(t, s.Handler(), "/static/app.js"))
	mustContain(t, "app.js", b, "JSON.parse", "echarts.init", "setOption", "window.location.assign")
	mustNotContain(t, "app.js", b, "eval(", "new Function", "innerHTML", "http://", "https://")
}

func TestChartsUnavailable(t *testing.T) {
	s, logs := testServerWith(t, fixed{testLandscape(t)}, versioner{}, fakeStatic(t, false))
	if !strings.Contains(logs.String(), "ECharts is missing") {
		t.Errorf("no start-up warning in the log:\n%s", logs)
	}
	resp := get(t, s.Handler(), "/landscape")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	b := body(t, resp)
	mustContain(t, "page without ECharts", b,
		`<p id="landscape-chart-unavailable" class="notice" role="status">Charts are unavailable`,
		`<a href="/services/rosa">ROSA</a>`)
	mustNotContain(t, "page without ECharts", b, "<script", `id="landscape-chart"`, " hidden>Charts")
	if resp := get(t, s.Handler(), "/static/vendor/echarts.min.js"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("echarts.min.js: %d, want 404", resp.StatusCode)
	}
}

// TestStaticHashedAndCompressed: pages link the static files by content-
// hashed URLs cached for good; each URL, hashed or not, answers gzip to a
// browser that accepts it and the plain file to one that does not.
func TestStaticHashedAndCompressed(t *testing.T) {
	s, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, static.Embedded())
	h := s.Handler()
	page := body(t, get(t, h, "/landscape"))
	for _, name := range []string{"app.js", "gapmap.css"} {
		want, err := fs.ReadFile(static.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		hashed := s.static.URL(name)
		if hashed == "/static/"+name || !strings.Contains(page, `"`+hashed+`"`) {
			t.Errorf("the landscape page does not link %s by its hashed URL %s", name, hashed)
		}
		for _, test := range []struct {
			path, accept, cache string
			gzipped             bool
		}{
			{hashed, "gzip, deflate, br", static.Immutable, true},
			{hashed, "", static.Immutable, false},
			{hashed, "gzip;q=0, identity", static.Immutable, false},
			{"/static/" + name, "gzip", "no-cache", true},
			{"/static/" + name, "", "no-cache", false},
		} {
			resp := get(t, h, test.path, "Accept-Encoding", test.accept)
			got := []byte(body(t, resp))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", test.path, resp.StatusCode)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != test.cache {
				t.Errorf("%s: Cache-Control %q, want %q", test.path, cc, test.cache)
			}
			if v := resp.Header.Get("Vary"); v != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", test.path, v)
			}
			enc := resp.Header.Get("Content-Encoding")
			if test.gzipped {
				if enc != "gzip" {
					t.Fatalf("%s with Accept-Encoding %q: Content-Encoding %q", test.path, test.accept, enc)
				}
				zr, err := gzip.NewReader(bytes.NewReader(got))
				if err != nil {
					t.Fatal(err)
				}
				if got, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			} else if enc != "" {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q", test.path, test.accept, enc)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s with Accept-Encoding %q: %d bytes, not the file's %d", test.path, test.accept, len(got), len(want))
			}
			// The compressed and plain answers have their own ETags.
			etag := resp.Header.Get("ETag")
			if r := get(t, h, test.path, "Accept-Encoding", test.accept, "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
				t.Errorf("%s revalidated: %d, want 304", test.path, r.StatusCode)
			}
		}
	}
	if resp := get(t, h, "/static/app.0000000000000000.js"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a hash of no file: %d, want 404", resp.StatusCode)
	}
}

// TestStaticHashFollowsContent: a changed file gets a new URL, so a
// browser that kept the old one for good still loads the new one.
func TestStaticHashFollowsContent(t *testing.T) {
	a := fakeStatic(t, true).(fstest.MapFS)
	b := fakeStatic(t, true).(fstest.MapFS)
	b["app.js"] = &fstest.MapFile{Data: append(bytes.Clone(a["app.js"].Data), "\n// changed\n"...)}
	sa, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, a)
	sb, _ := testServerWith(t, fixed{testLandscape(t)}, versioner{}, b)
	if sa.static.URL("app.js") == sb.static.URL("app.js") {
		t.Errorf("app.js changed and kept its URL %s", sa.static.URL("app.js"))
	}
	if sa.static.URL("gapmap.css") != sb.static.URL("gapmap.css") {
		t.Errorf("gapmap.css did not change and its URL did")
	}
	if resp := get(t, sb.Handler(), sa.static.URL("app.js")); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the old app.js's hashed URL on the new server: %d, want 404", resp.StatusCode)
	}
}
