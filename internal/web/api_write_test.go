package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// decodeProblem decodes an application/problem+json body.
func decodeProblem(t *testing.T, resp *http.Response) problem {
	t.Helper()
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	var p problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAPIWriteRoundTrip(t *testing.T) {
	f := newEditFixture(t)
	tok := f.token(asEditor)
	// The owner's GET has the confidential address; the public's does not.
	resp := f.api(http.MethodGet, "/api/v1/services/rosa", tok, 0, nil)
	var got map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if got["address"] != secretAddr || resp.Header.Get("ETag") != `"3"` || !strings.Contains(resp.Header.Get("Cache-Control"), "no-store") {
		t.Errorf("owner's GET: address %v, ETag %s, Cache-Control %q", got["address"], resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
	}
	if pub := readAll(t, f.api(http.MethodGet, "/api/v1/services/rosa", "", 0, nil)); strings.Contains(pub, secretAddr) {
		t.Error("the public GET shows the confidential address")
	}
	if resp := f.api(http.MethodGet, "/api/v1/services/rosa", f.token(asOther), 0, nil); strings.Contains(readAll(t, resp), secretAddr) {
		t.Error("another organisation's editor sees the confidential address")
	}
	// What the owner GETs, changed, can be PUT back.
	got["capacity"] = 15
	got["capacity_limited"] = true
	got["verified_today"] = true
	resp = f.api(http.MethodPut, "/api/v1/services/rosa", tok, 3, got)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PUT: %d %s", resp.StatusCode, readAll(t, resp))
	}
	if resp.Header.Get("ETag") != `"4"` {
		t.Errorf("PUT ETag = %s", resp.Header.Get("ETag"))
	}
	rosa := f.service("rosa")
	if rosa.Capacity != 15 || !rosa.CapacityLimited || rosa.Address != secretAddr || rosa.LastVerified == nil {
		t.Errorf("after PUT: %+v", rosa)
	}
	l := f.live.Landscape()
	if e, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented"}); !ok || !e.Partial() || e.Note == "" {
		t.Errorf("PUT of the GET body changed the ACCEPTS edge: %+v", e)
	}
	if len(l.Out("rosa", "")) != 10 {
		t.Errorf("rosa has %d edges after a round trip, want 10", len(l.Out("rosa", "")))
	}
	revs := f.history("rosa")
	if revs[0].Actor != "token:"+tokenID(t, f, asEditor) || revs[0].Reason != "edit (API); verified today" {
		t.Errorf("history: %s %q", revs[0].Actor, revs[0].Reason)
	}

	// PATCH changes only what it names; null removes.
	resp = f.api(http.MethodPatch, "/api/v1/services/rosa", tok, 4, map[string]any{
		"opening_hours": "weekdays", "phone": nil, "meets": []any{"shelter", map[string]any{"id": "gp", "extent": "partial"}},
	})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH: %d %s", resp.StatusCode, readAll(t, resp))
	}
	rosa = f.service("rosa")
	if rosa.OpeningHours != "weekdays" || rosa.Phone != "" || rosa.Capacity != 15 || rosa.Version != 5 {
		t.Errorf("after PATCH: %+v", rosa)
	}
	if e, ok := f.live.Landscape().Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: "rosa", To: "gp"}); !ok || !e.Partial() {
		t.Errorf("PATCH meets gp partial: %+v", e)
	}

	// POST creates; DELETE deletes.
	resp = f.api(http.MethodPost, "/api/v1/services", tok, 0, map[string]any{
		"name": "ROSA hotline", "sector": "coordination", "funding": "project", "accepts": []string{"undocumented"},
	})
	if resp.StatusCode != http.StatusCreated || resp.Header.Get("Location") != "/api/v1/services/rosa_hotline" || resp.Header.Get("ETag") != `"1"` {
		t.Fatalf("POST: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), readAll(t, resp))
	}
	if orgOf(f.live.Landscape(), "rosa_hotline") != "krisesenter" {
		t.Error("an editor's new service is not run by the editor's organisation")
	}
	if resp := f.api(http.MethodDelete, "/api/v1/services/rosa_hotline", tok, 1, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE: %d", resp.StatusCode)
	}
	if f.service("rosa_hotline") != nil {
		t.Error("the service survived its DELETE")
	}
	if revs := f.history("rosa_hotline"); len(revs) != 2 || revs[0].After != nil {
		t.Errorf("the deletion is not in the history: %+v", revs)
	}
}

// tokenID returns the id of who's fixture token.
func tokenID(t *testing.T, f *editFixture, who string) string {
	t.Helper()
	_, tok, err := f.accounts.TokenUser(t.Context(), f.token(who))
	if err != nil {
		t.Fatal(err)
	}
	return tok.ID
}

func TestAPIWriteRefusals(t *testing.T) {
	f := newEditFixture(t)
	tok := f.token(asEditor)
	valid := inputOf(f.live.Landscape(), f.service("rosa"))
	for _, test := range []struct {
		name   string
		resp   func() *http.Response
		status int
		code   string
		field  string
	}{
		{"no token", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/rosa", "", 3, valid) }, 401, "unauthorized", ""},
		{"bad token", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/rosa", "gmp_nope", 3, valid) }, 401, "unauthorized", ""},
		{"no If-Match", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/rosa", tok, 0, valid) }, 428, "precondition_required", ""},
		{"stale If-Match", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/rosa", tok, 2, valid) }, 412, "precondition_failed", "version"},
		{"stale delete", func() *http.Response { return f.api(http.MethodDelete, "/api/v1/services/rosa", tok, 1, nil) }, 412, "precondition_failed", "version"},
		{"missing service", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/nope", tok, 1, valid) }, 404, "not_found", ""},
		{"other organisation", func() *http.Response { return f.api(http.MethodPut, "/api/v1/services/clinic", tok, 1, valid) }, 403, "forbidden", ""},
		{"move to another organisation", func() *http.Response {
			in := valid
			in.Organisation = &inputRef{ID: "oslo"}
			return f.api(http.MethodPut, "/api/v1/services/rosa", tok, 3, in)
		}, 403, "forbidden", ""},
		{"unknown member", func() *http.Response {
			return f.api(http.MethodPatch, "/api/v1/services/rosa", tok, 3, map[string]any{"capactiy": 3})
		}, 400, "invalid", ""},
		{"invalid fields", func() *http.Response {
			return f.api(http.MethodPatch, "/api/v1/services/rosa", tok, 3, map[string]any{
				"funding": "grant", "email": "nope", "accepts": []string{"martians"}, "capacity": -1})
		}, 400, "invalid", "funding"},
		{"text body", func() *http.Response {
			return f.request(http.MethodPut, "/api/v1/services/rosa", strings.NewReader("name=x"), "Authorization", "Bearer "+tok,
				"If-Match", `"3"`, "Content-Type", "text/plain")
		}, 415, "unsupported_media_type", ""},
		{"taken id", func() *http.Response {
			return f.api(http.MethodPost, "/api/v1/services", tok, 0, map[string]any{"id": "clinic", "name": "X", "sector": "health", "funding": "project"})
		}, 409, "conflict", "id"},
	} {
		t.Run(test.name, func(t *testing.T) {
			before := f.state(t)
			resp := test.resp()
			if resp.StatusCode != test.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, test.status, readAll(t, resp))
			}
			p := decodeProblem(t, resp)
			if p.Code != test.code || p.Status != test.status || p.Detail == "" {
				t.Errorf("problem %+v", p)
			}
			if test.field != "" && p.Field != test.field {
				t.Errorf("problem field %q, want %q (%+v)", p.Field, test.field, p)
			}
			if test.status == 401 && resp.Header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
			if test.status == 412 && resp.Header.Get("ETag") != `"3"` && test.name != "stale delete" {
				t.Errorf("412 ETag = %q, want the current version", resp.Header.Get("ETag"))
			}
			if test.name == "invalid fields" {
				fields := map[string]bool{}
				for _, e := range p.Errors {
					fields[e.Field] = true
				}
				for _, want := range []string{"funding", "email", "accepts", "capacity"} {
					if !fields[want] {
						t.Errorf("no error for %s in %+v", want, p.Errors)
					}
				}
			}
			if diff := cmpState(before, f.state(t)); diff != "" {
				t.Errorf("a refused write changed the state:\n%s", diff)
			}
		})
	}
}
