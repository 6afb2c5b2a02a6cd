package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// norwegianHealthWorkerStudy is a study NKVTS wished for: Norwegian data
// from health workers, on identification.
func norwegianHealthWorkerStudy() map[string]any {
	return map[string]any{
		"id": "hw_norway", "name": "Health workers meet trafficking (2026)", "kind": "study", "year": 2026,
		"authors": "Test", "title": "Norwegian health workers' experience of meeting victims of trafficking",
		"countries": []string{"no"}, "designs": []string{"interviews"}, "participants": []string{"health_workers"},
		"themes": []string{"identification", "training"}, "assumed_tags": []string{"themes:training"},
		"needs": []map[string]string{{"id": "gp"}},
	}
}

// cellStudies returns the studies of a cell of the evidence map of Norway,
// as the public JSON API gives it.
func cellStudies(t *testing.T, f *editFixture, theme, participants string) []string {
	t.Helper()
	e := getEvidence(t, f.h, "?country=norway")
	for _, c := range e.Cells {
		if c.Theme == theme && c.Participants == participants {
			return c.Studies
		}
	}
	t.Fatalf("no cell %s × %s", theme, participants)
	return nil
}

// TestStudyAPIFillsCell adds a Norwegian health-worker study through the
// editing API as a coordinator: its cell of the map of Norway fills, the
// study has a history naming who added it, and a second edit needs the
// version it was made on.
func TestStudyAPIFillsCell(t *testing.T) {
	f := newEditFixture(t)
	if got := cellStudies(t, f, "identification", "health_workers"); len(got) != 0 {
		t.Fatalf("before: identification × health workers holds %v", got)
	}
	resp := f.api(http.MethodPost, "/api/v1/studies", f.token(asCoordinator), 0, norwegianHealthWorkerStudy())
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST: %d %s", resp.StatusCode, readAll(t, resp))
	}
	if resp.Header.Get("Location") != "/api/v1/studies/hw_norway" || resp.Header.Get("ETag") != `"1"` {
		t.Errorf("POST: Location %q, ETag %q", resp.Header.Get("Location"), resp.Header.Get("ETag"))
	}
	for _, th := range []string{"identification", "training"} {
		if got := cellStudies(t, f, th, "health_workers"); !slices.Equal(got, []string{"hw_norway"}) {
			t.Errorf("after: %s × health workers holds %v, want the new study", th, got)
		}
	}
	e := getEvidence(t, f.h, "?country=norway")
	for _, st := range e.Studies {
		if st.ID == "hw_norway" && (len(st.Countries) != 1 || st.Countries[0].Confidence != "verified") {
			t.Errorf("the new study's countries: %+v", st.Countries)
		}
	}
	l := f.live.Landscape()
	if e, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeStudies, From: "hw_norway", To: "gp"}); !ok || e.Year != 2026 {
		t.Errorf("STUDIES hw_norway->gp = %+v, %t", e, ok)
	}
	src, _ := graph.Lookup[*graph.Source](l, "hw_norway")
	if src.TagConfidence(graph.TagThemes, "training") != graph.Assumed || src.TagConfidence(graph.TagThemes, "identification") != graph.Verified {
		t.Errorf("the tags' confidence: %v", src.AssumedTags)
	}

	// The history names the coordinator.
	resp = f.api(http.MethodGet, "/api/v1/studies/hw_norway/history", f.token(asAnalyst), 0, nil)
	var hist []struct {
		Version int64  `json:"version"`
		Actor   string `json:"actor"`
		Reason  string `json:"reason"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&hist); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("history: %d %v", resp.StatusCode, err)
	}
	_, tok, err := f.accounts.TokenUser(context.Background(), f.token(asCoordinator))
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 || hist[0].Version != 1 || hist[0].Actor != "token:"+tok.ID || hist[0].Reason != "add study (API)" {
		t.Errorf("history = %+v, want one revision by the coordinator's token", hist)
	}

	// An edit on version 1 moves the study out of the training cell; a
	// second edit on version 1 is refused.
	body := norwegianHealthWorkerStudy()
	delete(body, "assumed_tags")
	body["themes"] = []string{"identification"}
	if resp := f.api(http.MethodPut, "/api/v1/studies/hw_norway", f.token(asAdmin), 1, body); resp.StatusCode != http.StatusOK || resp.Header.Get("ETag") != `"2"` {
		t.Fatalf("PUT: %d %s", resp.StatusCode, readAll(t, resp))
	}
	if got := cellStudies(t, f, "training", "health_workers"); len(got) != 0 {
		t.Errorf("after the edit training × health workers holds %v", got)
	}
	if resp := f.api(http.MethodPut, "/api/v1/studies/hw_norway", f.token(asAdmin), 1, body); resp.StatusCode != http.StatusConflict {
		t.Errorf("a stale PUT: %d, want 409", resp.StatusCode)
	}
	if n := len(f.history("hw_norway")); n != 2 {
		t.Errorf("%d revisions, want 2", n)
	}
}

// TestStudyAPIRefuses checks who may write studies, and that bad input is
// refused field by field with nothing written.
func TestStudyAPIRefuses(t *testing.T) {
	f := newEditFixture(t)
	for _, who := range []string{asEditor, asAnalyst} {
		if resp := f.api(http.MethodPost, "/api/v1/studies", f.token(who), 0, norwegianHealthWorkerStudy()); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: POST %d, want 403", who, resp.StatusCode)
		}
	}
	if resp := f.api(http.MethodPost, "/api/v1/studies", "", 0, norwegianHealthWorkerStudy()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no token: POST %d, want 401", resp.StatusCode)
	}
	bad := norwegianHealthWorkerStudy()
	bad["kind"] = "law"
	bad["countries"] = []string{"uk"}
	bad["needs"] = []map[string]string{{"id": "rosa"}, {"id": "nothing"}}
	resp := f.api(http.MethodPost, "/api/v1/studies", f.token(asCoordinator), 0, bad)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad POST: %d %s", resp.StatusCode, readAll(t, resp))
	}
	p := decodeProblem(t, resp)
	var fields []string
	for _, e := range p.Errors {
		fields = append(fields, e.Field)
	}
	for _, want := range []string{"kind", "needs[0]", "needs[1]"} {
		if !slices.Contains(fields, want) {
			t.Errorf("the problem names %v, not %s", fields, want)
		}
	}
	if _, ok := f.live.Landscape().Node("hw_norway"); ok {
		t.Error("a refused study was written")
	}
	if resp := f.api(http.MethodPut, "/api/v1/studies/rosa", f.token(asAdmin), 3, norwegianHealthWorkerStudy()); resp.StatusCode == http.StatusOK {
		t.Error("a PUT made a service into a study")
	}
}
