package web

import (
	"net/http"
	"strings"
	"testing"
)

// mustContain fails t for each want missing from s.
func mustContain(t *testing.T, what, s string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

// mustNotContain fails t for each bad found in s.
func mustNotContain(t *testing.T, what, s string, bads ...string) {
	t.Helper()
	for _, b := range bads {
		if strings.Contains(s, b) {
			t.Errorf("%s contains %q", what, b)
		}
	}
}

func TestLandscapePageListsServices(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/landscape")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	b := body(t, resp)
	mustContain(t, "landscape page", b,
		`<html lang="en">`,
		`<a href="/services/rosa">ROSA</a>`,
		`<a href="/services/laura">Laura&#39;s Hus</a>`,
		`<a href="/services/clinic">Health Centre for Undocumented Migrants</a>`,
		`<a href="/nodes/krisesenter">Krisesentersekretariatet</a>`,
		`<a href="/nodes/undocumented">Undocumented</a> <span class="partial">(partial)</span>`,
		`<caption>Services (4)</caption>`,
		`<th scope="col">Needs met</th>`,
		`<script type="application/json" id="landscape-option"`,
		`<script src="`+s.static.URL("vendor/echarts.min.js")+`" defer></script>`,
		`<script src="`+s.static.URL("app.js")+`" defer></script>`,
		`id="landscape-chart"`,
		`<a href="/nodes/nkvts">NKVTS 2025</a>`,
	)
	// ROSA's table row shows the assumption on its partial acceptance.
	row := b[strings.Index(b, `<a href="/services/rosa">`):]
	row = row[:strings.Index(row, "</tr>")]
	mustContain(t, "ROSA's row", row, `class="assumed"`, "project")
}

func TestLandscapePageHasNoInlineScript(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	b := body(t, get(t, s.Handler(), "/landscape"))
	for rest := b; ; {
		i := strings.Index(rest, "<script")
		if i < 0 {
			break
		}
		tag := rest[i : i+strings.Index(rest[i:], ">")+1]
		if !strings.Contains(tag, ` src="/static/`) && !strings.Contains(tag, `type="application/json"`) {
			t.Errorf("inline or foreign script: %s", tag)
		}
		rest = rest[i+len(tag):]
	}
	mustNotContain(t, "landscape page", b, "onclick=", "onload=", "http://", "cdn")
}

func TestLandscapePageSearch(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, q := range []string{"lauras+hus", "Laura%27s+Hus", "LAURA"} {
		t.Run(q, func(t *testing.T) {
			b := body(t, get(t, s.Handler(), "/landscape?q="+q))
			mustContain(t, "search results", b, `<a href="/services/laura">Laura&#39;s Hus</a>`, `<caption>Services (1)</caption>`, "1 of 4 services match")
			mustNotContain(t, "search results", b, `<a href="/services/rosa">`)
		})
	}
	b := body(t, get(t, s.Handler(), "/landscape?q=nothing+here"))
	mustContain(t, "empty search", b, "No service matches", `<caption>Services (0)</caption>`)

	resp := get(t, s.Handler(), "/landscape?q="+strings.Repeat("x", maxQuery+1))
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("too long a query: status %d, want 400", resp.StatusCode)
	}
}

func TestServicePage(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/services/rosa")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	b := body(t, resp)
	mustContain(t, "ROSA's profile", b,
		"<h1>ROSA",
		// who runs it, with the edge's own source
		`<a href="/nodes/krisesenter">Krisesentersekretariatet</a>`,
		// accepted statuses: the partial, assumed one is marked
		`<a href="/nodes/reflection">Reflection period</a>`,
		`<a href="/nodes/undocumented">Undocumented</a> <span class="partial">(partial)</span> <span class="assumed"`,
		"only help that cannot wait",
		// genders, age bands (none: no restriction), exploitation
		"<dd>female</dd>", "<dd>no restriction</dd>", `<a href="/nodes/sexual">Sexual exploitation</a>`,
		// needs, stages in pathway order, regions
		`<a href="/nodes/shelter">Safe accommodation</a>`,
		`<a href="/nodes/norway">Norway</a>`,
		// the address is confidential
		"<em>confidential address</em>",
		// practical information
		"<dd>12", "24/7", `<time datetime="2025-03-01">`, `<a href="mailto:rosa@example.org">`,
		// referrals both ways
		`<a href="/services/clinic">Health Centre for Undocumented Migrants</a> <span class="tag">(formal agreement)</span>`,
		`<a href="/services/laura">Laura&#39;s Hus</a>`,
		// sources: the node's, then the edges', as numbered citations
		`<a class="cite" href="#src-rosa_web" aria-label="source 1">[1]</a>`,
		`<a class="cite" href="#src-nkvts" aria-label="source 2">[2]</a>`,
		`<li id="src-rosa_web" value="1">`,
		`<li id="src-nkvts" value="2">`,
		"Author, A. (2025).", "Health care for victims of trafficking", `href="https://example.org/nkvts"`,
	)
	if i, j := strings.Index(b, "First contact"), strings.Index(b, "Reflection and stabilisation"); i < 0 || j < i {
		t.Errorf("stages are not in pathway order")
	}
	// A javascript: URL of a source is neutralised by html/template.
	mustNotContain(t, "ROSA's profile", b, secretAddr, `href="javascript:`)
}

func TestServicePageAssumedService(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	b := body(t, get(t, s.Handler(), "/services/laura"))
	mustContain(t, "Laura's Hus profile", b,
		`<h1>Laura&#39;s Hus <span class="assumed"`,
		"The facts on this page are assumptions",
		"Also known as: Lauras hus",
		"Storgata 1", // a public address is shown
		"volunteer",
	)
}

func TestServicePageNorwegian(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/services/clinic?lang=nb")
	b := body(t, resp)
	mustContain(t, "nb profile", b, `<html lang="nb">`, "<h1>Helsesenteret for papirløse migranter", "Uten lovlig opphold", "Drives av", "Oslo kommune")
	if c := resp.Header.Get("Set-Cookie"); !strings.Contains(c, "gapmap_lang=nb") {
		t.Errorf("Set-Cookie = %q, want the language remembered", c)
	}
	b = body(t, get(t, s.Handler(), "/landscape", "Cookie", "gapmap_lang=nb"))
	mustContain(t, "page with the nb cookie", b, `<html lang="nb">`, "Hjelp til ofre for menneskehandel")
	b = body(t, get(t, s.Handler(), "/", "Accept-Language", "nn-NO,nb;q=0.9,en;q=0.5"))
	mustContain(t, "page for a Norwegian browser", b, `<html lang="nb">`)
	b = body(t, get(t, s.Handler(), "/", "Accept-Language", "de-DE,en;q=0.5"))
	mustContain(t, "page for a German browser", b, `<html lang="en">`)
}

func TestNodePages(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	h := s.Handler()

	b := body(t, get(t, h, "/nodes/oslo"))
	mustContain(t, "organisation page", b, "<h1>City of Oslo", "municipal",
		`<a href="/services/laura">Laura&#39;s Hus</a>`, `<a href="/services/clinic">`, "run by")

	b = body(t, get(t, h, "/nodes/undocumented"))
	mustContain(t, "status page", b, "Residency status", `<a href="/services/rosa">ROSA</a> <span class="partial">(partial)</span>`)

	b = body(t, get(t, h, "/nodes/nkvts"))
	mustContain(t, "source page", b, "Health care for victims of trafficking", "Cited by", "ROSA — accepts — Reflection period")
	mustNotContain(t, "source page", b, "No sources recorded")

	b = body(t, get(t, h, "/nodes/boys"))
	mustContain(t, "group page", b, "<dd>&lt;5</dd>")
	mustNotContain(t, "group page", b, "<dd>3</dd>")

	resp := get(t, h, "/nodes/rosa")
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/services/rosa" {
		t.Errorf("/nodes/rosa: %d to %q, want 302 to /services/rosa", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestNotFoundPages(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, path := range []string{"/services/nope", "/services/krisesenter", "/nodes/nope", "/nope", "/static/nope.js", "/static/vendor/README.md"} {
		t.Run(path, func(t *testing.T) {
			resp := get(t, s.Handler(), path)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("status = %d, want 404", resp.StatusCode)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q, want HTML", ct)
			}
			mustContain(t, "404 page", body(t, resp), "<h1>Page not found</h1>", `<a href="/">Back to the front page</a>`)
		})
	}
}

func TestMethodNotAllowedPage(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := do(t, s.Handler(), http.MethodPost, "/services/rosa")
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("status = %d, want 405", resp.StatusCode)
	}
	if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
		t.Errorf("Allow = %q", got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q, want HTML", ct)
	}
}

func TestPagesWithoutLandscape(t *testing.T) {
	s, _ := testServerWith(t, fixed{nil}, versioner{}, fakeStatic(t, true))
	resp := get(t, s.Handler(), "/")
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", resp.StatusCode)
	}
	mustContain(t, "page without landscape", body(t, resp), "not loaded yet")
}

// TestMethodNotAllowedNamesTheRoutesMethods: a 405 answers an Allow header
// with the methods the path really has, on pages and in the API, with
// editing on and off.
func TestMethodNotAllowedNamesTheRoutesMethods(t *testing.T) {
	read, _ := testServer(t, testLandscape(t))
	edit := newEditFixture(t)
	for _, test := range []struct {
		h            http.Handler
		method, path string
		allow        string
	}{
		{read.Handler(), http.MethodPost, "/services/rosa", "GET, HEAD"},
		{read.Handler(), http.MethodGet, "/api/v1/scenarios/analyse", "POST"},
		{read.Handler(), http.MethodPut, "/dashboards/whatif", "GET, HEAD, POST"},
		{read.Handler(), http.MethodDelete, "/api/v1/services/rosa", "GET, HEAD"},
		{edit.h, http.MethodGet, "/logout", "POST"},
		{edit.h, http.MethodPut, "/login", "GET, HEAD, POST"},
		{edit.h, http.MethodGet, "/admin/users/x/role", "POST"},
		{edit.h, http.MethodPost, "/api/v1/services/rosa", "GET, HEAD, PUT, PATCH, DELETE"},
		{edit.h, http.MethodDelete, "/api/v1/services", "GET, HEAD, POST"},
	} {
		t.Run(test.method+" "+test.path, func(t *testing.T) {
			resp := do(t, test.h, test.method, test.path)
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Fatalf("status = %d, want 405", resp.StatusCode)
			}
			if got := resp.Header.Get("Allow"); got != test.allow {
				t.Errorf("Allow = %q, want %q", got, test.allow)
			}
		})
	}
}
