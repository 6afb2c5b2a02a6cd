package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// chartJSON is the part of a dashboard's JSON twin the tests read.
type chartJSON struct {
	Dashboard string              `json:"dashboard"`
	Version   int64               `json:"version"`
	Query     map[string][]string `json:"query"`
	Option    map[string]any      `json:"option"`
	Table     struct {
		Caption string `json:"caption"`
		Columns []struct {
			Key   string `json:"key"`
			Label string `json:"label"`
		} `json:"columns"`
		Rows [][]struct {
			Text string `json:"text"`
			URL  string `json:"url"`
		} `json:"rows"`
	} `json:"table"`
	Sources         []map[string]any `json:"sources"`
	Recommendations []map[string]any `json:"recommendations"`
}

func getChart(t *testing.T, h http.Handler, path string, header ...string) chartJSON {
	t.Helper()
	resp := get(t, h, path, header...)
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, b)
	}
	var c chartJSON
	if err := json.Unmarshal([]byte(b), &c); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return c
}

// dashPath is the path of dashboard name with query q; the what-if
// dashboard of the test landscape takes the example that fits it.
func dashPath(prefix, name, q string) string {
	if name == "whatif" {
		q = strings.TrimPrefix(q+"&scenario=rosa-closes", "&")
	}
	if q == "" {
		return prefix + name
	}
	return prefix + name + "?" + q
}

func TestDashboardPagesAndJSON(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	h := s.Handler()
	for _, name := range dashboardNames {
		t.Run(name, func(t *testing.T) {
			resp := get(t, h, dashPath("/dashboards/", name, "status=reflection"))
			page := body(t, resp)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d:\n%s", resp.StatusCode, page)
			}
			mustContain(t, name, page, `id="dash-option"`, `<table class="dash">`, `id="sources"`,
				`href="/dashboards/coverage?status=reflection"`) // navigation keeps the filters
			if name != "evidence" { // the evidence map has its own filters: country and design
				mustContain(t, name, page, `<option value="reflection" selected>`)
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("CSP = %q", csp)
			}
			c := getChart(t, h, dashPath("/api/v1/charts/", name, "status=reflection"))
			if c.Dashboard != name || c.Version != 42 || len(c.Option) == 0 || c.Table.Caption == "" || len(c.Table.Columns) == 0 {
				t.Errorf("JSON twin: %+v", c)
			}
			if got := c.Query["status"]; len(got) != 1 || got[0] != "reflection" {
				t.Errorf("query = %v", c.Query)
			}
			for i, row := range c.Table.Rows {
				if len(row) != len(c.Table.Columns) {
					t.Errorf("row %d has %d cells, want %d", i, len(row), len(c.Table.Columns))
				}
			}
			// The page's data island is the JSON twin's option.
			var island map[string]any
			if err := json.Unmarshal([]byte(islandText(t, page, "dash-option")), &island); err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(island)
			b, _ := json.Marshal(c.Option)
			if string(a) != string(b) {
				t.Errorf("the page's option differs from the JSON twin's")
			}
		})
	}
}

// islandText returns the text of the data island with id in page b.
func islandText(t *testing.T, b, id string) string {
	t.Helper()
	start := strings.Index(b, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no data island %q", id)
	}
	rest := b[start:]
	rest = rest[strings.Index(rest, ">")+1:]
	return rest[:strings.Index(rest, "</script>")]
}

func TestDashboardUnknown(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	resp := get(t, s.Handler(), "/api/v1/charts/nope")
	if resp.StatusCode != http.StatusNotFound || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") {
		t.Errorf("unknown dashboard: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if resp := get(t, s.Handler(), "/dashboards/nope"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown dashboard page: %d", resp.StatusCode)
	}
	if resp := get(t, s.Handler(), "/api/v1/charts/coverage?status=nowhere"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown status: %d", resp.StatusCode)
	}
}

func TestDashboardFilterChangesChart(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	h := s.Handler()
	for name, filter := range map[string]string{"coverage": "group=women&gender=female", "pathways": "group=women", "landscape": "status=reflection"} {
		all := getChart(t, h, "/api/v1/charts/"+name)
		some := getChart(t, h, "/api/v1/charts/"+name+"?"+filter)
		a, _ := json.Marshal(all.Option)
		b, _ := json.Marshal(some.Option)
		if string(a) == string(b) {
			t.Errorf("%s: the filter did not change the option", name)
		}
	}
}

func TestDashboardLanguage(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	h := s.Handler()
	en := body(t, get(t, h, "/dashboards/coverage"))
	nb := body(t, get(t, h, "/dashboards/coverage", "Accept-Language", "nb-NO,nb;q=0.9"))
	mustContain(t, "en", en, "Coverage", "Unaccompanied boys", "Victim group")
	mustContain(t, "nb", nb, "Dekning", "Enslige gutter", "Offergruppe", "Trygt bosted")
	c := getChart(t, h, "/api/v1/charts/coverage?lang=nb")
	raw, _ := json.Marshal(c.Option)
	if !strings.Contains(string(raw), "Trygt bosted") || !strings.Contains(string(raw), "Ikke dekket") {
		t.Errorf("the Norwegian option lacks Norwegian names:\n%s", raw)
	}
}

func TestDashboardSuppressesSmallCounts(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	h := s.Handler()
	for _, name := range dashboardNames {
		c := getChart(t, h, dashPath("/api/v1/charts/", name, "group=boys"))
		for _, row := range c.Table.Rows {
			for i, cell := range row {
				if c.Table.Columns[i].Key == "people" && cell.Text == "3" {
					t.Errorf("%s: a table shows the boys' size 3: %v", name, row)
				}
			}
		}
	}
	// The pathways weigh the boys at the threshold, not their size.
	c := getChart(t, h, "/api/v1/charts/pathways?group=boys")
	raw, _ := json.Marshal(c.Option)
	if strings.Contains(string(raw), `"value":3,`) || strings.Contains(string(raw), `"value":3}`) {
		t.Errorf("a sankey link carries the suppressed size 3:\n%s", raw)
	}
	if !strings.Contains(string(raw), `"value":5`) {
		t.Errorf("the boys do not weigh the threshold 5:\n%s", raw)
	}
}

func TestDashboardWhatIfUpload(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, false))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	post := func(scenario string) (*http.Response, string) {
		form := url.Values{"scenario": {scenario}}
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/dashboards/whatif?status=reflection", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", ts.URL)
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp, body(t, resp)
	}
	resp, page := post("name: Laura closes\nchanges:\n  - kind: close_service\n    service: laura\n")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload: status %d:\n%s", resp.StatusCode, page)
	}
	mustContain(t, "upload", page, "Laura closes", `id="dash-option"`, "Close a service")
	resp, page = post("changes:\n  - kind: close_service\n    service: nowhere\n")
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("bad scenario: status %d", resp.StatusCode)
	}
	mustContain(t, "bad scenario", page, `role="alert"`, "nowhere")

	// A cross-origin POST is refused.
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/dashboards/whatif", strings.NewReader("scenario=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	resp2, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin upload: status %d, want 403", resp2.StatusCode)
	}
}

func TestDashboardXSS(t *testing.T) {
	s, _ := testServer(t, dashLandscape(t, true))
	h := s.Handler()
	raw := []string{"<script>alert(1)", "<img src=x", "onerror=alert(1)>"}
	for _, name := range append([]string{""}, dashboardNames...) {
		path := dashPath("/dashboards/", name, "")
		if name == "" {
			path = "/dashboards"
		}
		b := body(t, get(t, h, path))
		mustNotContain(t, path, b, raw...)
		if name != "" {
			if text := islandText(t, b, "dash-option"); strings.ContainsAny(text, "<>") {
				t.Errorf("%s: the data island has a raw '<' or '>'", path)
			}
		}
	}
}
