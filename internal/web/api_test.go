package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// decode decodes resp's JSON body into v, checking its content type.
func decode(t *testing.T, resp *http.Response, contentType string, v any) {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != contentType {
		t.Errorf("Content-Type = %q, want %q", ct, contentType)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("decode: %v", err)
	}
}

func TestAPILandscape(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/api/v1/landscape")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	var got struct {
		Version int64            `json:"version"`
		Nodes   []map[string]any `json:"nodes"`
		Edges   []map[string]any `json:"edges"`
	}
	decode(t, resp, "application/json", &got)
	if got.Version != 42 || len(got.Nodes) != 18 || len(got.Edges) != 20 {
		t.Errorf("version %d, %d nodes, %d edges; want 42, 18, 20", got.Version, len(got.Nodes), len(got.Edges))
	}
	byID := map[string]map[string]any{}
	for _, n := range got.Nodes {
		byID[n["id"].(string)] = n
	}
	rosa := byID["rosa"]
	if rosa["type"] != "Service" || rosa["confidential_address"] != true {
		t.Errorf("rosa = %v; want a Service with confidential_address", rosa)
	}
	if _, ok := rosa["address"]; ok {
		t.Errorf("rosa's confidential address is in the API: %v", rosa["address"])
	}
	if byID["laura"]["address"] != "Storgata 1" {
		t.Errorf("laura's public address = %v", byID["laura"]["address"])
	}
	if boys := byID["boys"]; boys["size_estimate"] != nil || boys["size_estimate_suppressed"] != true || boys["size_estimate_shown"] != "<5" {
		t.Errorf("a group of 3: size_estimate %#v, suppressed %#v, shown %#v; want null (no \"<5\" where a number goes), true, \"<5\"",
			boys["size_estimate"], boys["size_estimate_suppressed"], boys["size_estimate_shown"])
	}
	e := got.Edges[0]
	if e["type"] == nil || e["from"] == nil || e["to"] == nil {
		t.Errorf("edge %v lacks type, from or to", e)
	}

	// The ETag is the landscape version.
	etag := resp.Header.Get("ETag")
	if etag != `"landscape-42"` {
		t.Errorf("ETag = %q", etag)
	}
	if resp := get(t, s.Handler(), "/api/v1/landscape", "If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: status %d, want 304", resp.StatusCode)
	}
}

func TestAPIService(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	resp := get(t, s.Handler(), "/api/v1/services/rosa")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	if etag := resp.Header.Get("ETag"); etag != `"3"` {
		t.Errorf("ETag = %q, want the service version \"3\"", etag)
	}
	var got apiService
	decode(t, resp, "application/json", &got)
	want := apiService{
		ID: "rosa", Version: 3, Name: "ROSA", AltNames: []string{},
		Description:  "Shelter and help for women.",
		Organisation: &apiRef{ID: "krisesenter", Name: "Krisesentersekretariatet", Confidence: "verified", Sources: []string{"rosa_web"}},
		Sector:       "shelter", City: "Oslo", ConfidentialAddress: true, Funding: "project", Capacity: 12,
		Languages: []string{"no", "en"}, Phone: "+47 22 33 44 55", Email: "rosa@example.org", OpeningHours: "24/7",
		LastVerified: "2025-03-01", Genders: []graph.Gender{"female"}, AgeBands: []graph.AgeBand{},
		Accepts: []apiRef{
			{ID: "reflection", Name: "Reflection period", Extent: "full", Confidence: "verified", Year: 2025, Sources: []string{"nkvts"}},
			{ID: "undocumented", Name: "Undocumented", Extent: "partial", Confidence: "assumed", Note: "only help that cannot wait"},
		},
		Meets:      []apiRef{{ID: "shelter", Name: "Safe accommodation", Extent: "full", Confidence: "verified", Sources: []string{"nkvts"}}},
		Stages:     []apiRef{{ID: "first_contact", Name: "First contact", Confidence: "verified"}, {ID: "stabilisation", Name: "Reflection and stabilisation", Confidence: "verified"}},
		Covers:     []apiRef{{ID: "norway", Name: "Norway", Confidence: "verified"}},
		Serves:     []apiRef{{ID: "sexual", Name: "Sexual exploitation", Confidence: "verified"}},
		RefersTo:   []apiRef{{ID: "clinic", Name: "Health Centre for Undocumented Migrants", Formal: true, Confidence: "verified"}},
		ReferredBy: []apiRef{{ID: "laura", Name: "Laura's Hus", Confidence: "verified"}},
		Year:       2025, Confidence: "verified",
		Sources: []string{"rosa_web"},
		Page:    "/services/rosa",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rosa mismatch (-want +got):\n%s", diff)
	}
}

func TestAPIServicesSearch(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, test := range []struct {
		q    string
		want []string
	}{
		{"", []string{"clinic", "evil", "laura", "rosa"}},
		{"lauras%20hus", []string{"laura"}},
		{"Laura%27s", []string{"laura"}},
		{"papirl%C3%B8se", []string{"clinic"}}, // the Norwegian name
		{"zzz", nil},
	} {
		t.Run(test.q, func(t *testing.T) {
			var got apiServices
			decode(t, get(t, s.Handler(), "/api/v1/services?q="+test.q), "application/json", &got)
			var ids []string
			for _, svc := range got.Services {
				ids = append(ids, svc.ID)
			}
			if diff := cmp.Diff(test.want, ids); diff != "" {
				t.Errorf("ids mismatch (-want +got):\n%s", diff)
			}
			if got.Count != len(test.want) || got.Version != 42 {
				t.Errorf("count %d, version %d", got.Count, got.Version)
			}
		})
	}
}

func TestAPIProblems(t *testing.T) {
	s, _ := testServer(t, testLandscape(t))
	for _, test := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/api/v1/services/nope", 404, "not_found"},
		{"GET", "/api/v1/services/krisesenter", 404, "not_found"},
		{"GET", "/api/v1/nope", 404, "not_found"},
		{"GET", "/api/v2/landscape", 404, "not_found"},
		{"GET", "/api/v1/services?q=" + strings.Repeat("x", maxQuery+1), 400, "invalid"},
		{"POST", "/api/v1/services", 405, "method_not_allowed"},
		{"DELETE", "/api/v1/services/rosa", 405, "method_not_allowed"},
	} {
		t.Run(test.method+" "+test.path[:min(len(test.path), 40)], func(t *testing.T) {
			resp := do(t, s.Handler(), test.method, test.path)
			if resp.StatusCode != test.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, test.status)
			}
			var p problem
			decode(t, resp, "application/problem+json", &p)
			if p.Status != test.status || p.Code != test.code || p.Type != "about:blank" ||
				p.Title != http.StatusText(test.status) || p.Detail == "" || p.RequestID == "" {
				t.Errorf("problem = %+v", p)
			}
			if p.Instance != strings.Split(test.path, "?")[0] {
				t.Errorf("instance = %q", p.Instance)
			}
		})
	}
}

func TestAPIUnavailable(t *testing.T) {
	s, _ := testServerWith(t, fixed{nil}, versioner{}, fakeStatic(t, true))
	resp := get(t, s.Handler(), "/api/v1/services")
	var p problem
	decode(t, resp, "application/problem+json", &p)
	if resp.StatusCode != http.StatusServiceUnavailable || p.Code != "unavailable" {
		t.Errorf("status %d, problem %+v; want 503 unavailable", resp.StatusCode, p)
	}
}
