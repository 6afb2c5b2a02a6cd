package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// TestStudyForm adds a Norwegian health-worker study with the form as a
// coordinator: it lands on the map of Norway, its assumed tags marked, with
// history; an editor is refused, a cross-site post is refused, and a form
// with mistakes is shown again, as typed, with nothing written.
func TestStudyForm(t *testing.T) {
	f := newEditFixture(t)
	form := url.Values{
		"name": {"Helsepersonell møter menneskehandel (2026)"}, "id": {"hp_norge"}, "kind": {"study"}, "year": {"2026"},
		"countries": {"no"}, "designs": {"survey"}, "participants": {"health_workers"},
		"themes": {"identification", "access"}, "assumed_themes": {"1"}, "needs": {"gp"},
	}
	for _, lang := range []string{"en", "nb"} {
		resp := f.getPage("/manage/studies/new?lang="+lang, f.session(asCoordinator))
		b := readAll(t, resp)
		if resp.StatusCode != http.StatusOK || !strings.Contains(b, `name="assumed_themes"`) {
			t.Fatalf("%s form: %d", lang, resp.StatusCode)
		}
		if lang == "nb" && (!strings.Contains(b, "Legg til en studie") || !strings.Contains(b, "Helsepersonell")) {
			t.Errorf("the Norwegian form is not in Norwegian")
		}
	}
	if resp := f.getPage("/manage/studies/new", f.session(asEditor)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor's form: %d, want 403", resp.StatusCode)
	}
	if resp := f.postForm("/manage/studies/new", f.session(asEditor), form); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor's post: %d, want 403", resp.StatusCode)
	}
	if resp := f.postForm("/manage/studies/new", f.session(asCoordinator), form, "Sec-Fetch-Site", "cross-site"); resp.StatusCode < 400 {
		t.Errorf("a cross-site post: %d, want it refused", resp.StatusCode)
	}
	if _, ok := f.live.Landscape().Node("hp_norge"); ok {
		t.Fatal("a refused post wrote the study")
	}

	bad := url.Values{}
	for k, v := range form {
		bad[k] = v
	}
	bad.Set("countries", "no, uk")
	bad.Set("year", "twenty")
	resp := f.postForm("/manage/studies/new", f.session(asCoordinator), bad)
	b := readAll(t, resp)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(b, `id="study-errors"`) || !strings.Contains(b, "<strong>countries</strong>") ||
		!strings.Contains(b, `value="no, uk"`) || !strings.Contains(b, "year") {
		t.Errorf("a form with mistakes: %d, want 400 with its errors and what was typed:\n%s", resp.StatusCode, b)
	}
	if _, ok := f.live.Landscape().Node("hp_norge"); ok {
		t.Fatal("a form with mistakes wrote the study")
	}

	resp = f.postForm("/manage/studies/new", f.session(asCoordinator), form)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "country=norway") {
		t.Fatalf("save: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := cellStudies(t, f, "identification", "health_workers"); !slices.Equal(got, []string{"hp_norge"}) {
		t.Errorf("identification × health workers of Norway holds %v", got)
	}
	src, err := graph.Lookup[*graph.Source](f.live.Landscape(), "hp_norge")
	if err != nil {
		t.Fatal(err)
	}
	if src.TagConfidence(graph.TagThemes, "access") != graph.Assumed || src.TagConfidence(graph.TagCountries, "no") != graph.Verified {
		t.Errorf("assumed tags = %v", src.AssumedTags)
	}
	h := f.history("hp_norge")
	if len(h) != 1 || h[0].Actor != f.users[asCoordinator].Actor() || h[0].Reason != "add study" {
		t.Errorf("history = %+v", h)
	}
}

// TestEvidencePageLinksStudyForm checks that coordinators find the form
// from the evidence map, and the public does not.
func TestEvidencePageLinksStudyForm(t *testing.T) {
	f := newEditFixture(t)
	for who, want := range map[string]bool{asCoordinator: true, asAdmin: true, asEditor: false, asAnalyst: false} {
		b := readAll(t, f.getPage("/dashboards/evidence", f.session(who)))
		if got := strings.Contains(b, `id="add-study"`); got != want {
			t.Errorf("%s: the link to the study form shown: %t", who, got)
		}
	}
	if b := readAll(t, f.request(http.MethodGet, "/dashboards/evidence", nil)); strings.Contains(b, `id="add-study"`) {
		t.Error("the public sees the link to the study form")
	}
}
