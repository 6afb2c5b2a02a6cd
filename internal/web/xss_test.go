package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// island returns the text of the JSON data island with id in page b.
func island(t *testing.T, b, id string) string {
	t.Helper()
	start := strings.Index(b, `<script type="application/json" id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no data island %q", id)
	}
	rest := b[start:]
	rest = rest[strings.Index(rest, ">")+1:]
	end := strings.Index(rest, "</script>")
	if end < 0 {
		t.Fatalf("data island %q is not closed", id)
	}
	return rest[:end]
}

func TestXSSEscapedInPages(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	raw := []string{"<script>alert(1)", "<img src=x", "onerror=alert(1)>", `href="javascript:`}
	for _, test := range []struct {
		path string
		want []string
	}{
		{"/landscape", []string{
			`<a href="/services/evil">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>`,
			`<a href="/nodes/evilorg">&lt;img src=x onerror=alert(1)&gt;</a>`,
		}},
		{"/services/evil", []string{
			`<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; · gapmap</title>`,
			`<h1>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;`,
			`<a href="/nodes/evilorg">&lt;img src=x onerror=alert(1)&gt;</a>`,
		}},
		{"/nodes/evilorg", []string{
			`<h1>&lt;img src=x onerror=alert(1)&gt;`,
			`<a href="/services/evil">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a>`,
		}},
		{"/services/rosa", nil}, // a source with a javascript: URL
		{"/landscape?q=%3Cscript%3Ealert(1)%3C/script%3E", []string{`value="&lt;script&gt;alert(1)&lt;/script&gt;"`}},
	} {
		t.Run(test.path, func(t *testing.T) {
			b := body(t, get(t, s.Handler(), test.path))
			mustContain(t, test.path, b, test.want...)
			mustNotContain(t, test.path, b, raw...)
		})
	}
}

func TestXSSJSONIsland(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	b := body(t, get(t, s.Handler(), "/landscape"))
	text := island(t, b, "landscape-option")
	if strings.ContainsAny(text, "<>") {
		t.Errorf("the data island contains a raw '<' or '>'")
	}
	if !strings.Contains(text, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) {
		t.Errorf("the data island lacks the escaped service name")
	}
	// The island is JSON that gives back the names as they are.
	var opt struct {
		Series []struct {
			Data []struct {
				ID, Name, URL string
			}
		}
	}
	if err := json.Unmarshal([]byte(text), &opt); err != nil {
		t.Fatalf("the data island is not JSON: %v", err)
	}
	names := map[string]string{}
	for _, d := range opt.Series[0].Data {
		names[d.ID] = d.Name
		if !strings.HasPrefix(d.URL, "/services/") && !strings.HasPrefix(d.URL, "/nodes/") {
			t.Errorf("node %s: url %q", d.ID, d.URL)
		}
	}
	if names["evil"] != evilService || names["evilorg"] != evilOrg {
		t.Errorf("names from the island: %q, %q", names["evil"], names["evilorg"])
	}
}

func TestConfidentialAddressNeverPublic(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, path := range []string{
		"/", "/landscape", "/landscape?q=rosa", "/services/rosa", "/services/laura", "/nodes/krisesenter", "/nodes/rosa_web",
		"/api/v1/landscape", "/api/v1/services", "/api/v1/services?q=rosa", "/api/v1/services/rosa",
	} {
		b := body(t, get(t, s.Handler(), path))
		mustNotContain(t, path, b, secretAddr, "Hemmeligveien")
	}
}
