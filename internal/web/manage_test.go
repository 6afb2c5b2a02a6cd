package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

func TestFormRoundTrip(t *testing.T) {
	f := newEditFixture(t)
	l := f.live.Landscape()
	for _, id := range []string{"rosa", "laura", "clinic"} {
		svc, _ := graph.Lookup[*graph.Service](l, id)
		want := editOf(l, svc)
		req := &http.Request{PostForm: editFormValues(want)}
		fe := &fieldErrors{}
		got := parseServiceForm(req, l, id, fe).Edit
		if !fe.empty() {
			t.Fatalf("%s: %v", id, fe)
		}
		// The form does not carry what it does not edit.
		w := *want.Node
		w.Year, w.Confidence, w.Note, w.LastVerified = 0, "", "", nil
		want.Node = &w
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: form round trip mismatch (-want +got):\n%s", id, diff)
		}
	}
}

func TestEditorSavesForm(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	if resp := f.getPage("/manage/services/rosa/edit", secret); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET edit: %d\n%s", resp.StatusCode, readAll(t, resp))
	}
	form := f.formOfService("rosa")
	form.Set("funding", "permanent")
	form.Set("capacity", "14")
	form.Set("accepts.undocumented", "full")
	form.Del("refers.clinic")
	form.Set("verified", "on")
	before := f.live.Landscape().Version()
	resp := f.postForm("/manage/services/rosa/edit", secret, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST edit: %d\n%s", resp.StatusCode, readAll(t, resp))
	}
	if loc := resp.Header.Get("Location"); loc != "/manage/services/rosa/edit?saved=4" {
		t.Errorf("Location = %q", loc)
	}
	// The dashboards' landscape has the edit at once.
	l := f.live.Landscape()
	if l.Version() != before+1 {
		t.Errorf("landscape version %d -> %d, want one more", before, l.Version())
	}
	rosa := f.service("rosa")
	if rosa.Version != 4 || rosa.Funding != graph.FundingPermanent || rosa.Capacity != 14 || rosa.LastVerified == nil ||
		!rosa.LastVerified.Equal(f.srv.today()) || rosa.Address != secretAddr || rosa.Year != 2025 {
		t.Errorf("rosa after the edit: %+v", rosa)
	}
	acc, _ := l.Edge(graph.EdgeKey{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented"})
	if acc == nil || acc.Partial() || acc.Note != "only help that cannot wait" {
		t.Errorf("ACCEPTS undocumented = %+v; want full, keeping its note", acc)
	}
	if _, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeRefersTo, From: "rosa", To: "clinic"}); ok {
		t.Error("the referral to the clinic survived")
	}
	if _, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeSourcedFrom, From: "rosa", To: "rosa_web"}); !ok {
		t.Error("the edit removed ROSA's source")
	}
	// The history names the editor and what changed.
	revs := f.history("rosa")
	if len(revs) != 2 || revs[0].Actor != f.users[asEditor].Actor() || revs[0].Version != 4 {
		t.Fatalf("history = %+v", revs)
	}
	page := readAll(t, f.getPage("/manage/services/rosa/history", secret))
	mustContain(t, "history page", page, "Version 4", "editor &lt;editor@example.org&gt;", "project", "permanent", "edit; verified today")
	// The dashboard shows it.
	mustContain(t, "landscape page", readAll(t, f.getPage("/landscape", "")), "permanent")
}

func TestEditRefusedWritesNothing(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	form := f.formOfService("rosa")
	form.Set("name", "")
	form.Set("capacity", "many")
	form.Set("email", "not an email")
	form.Set("languages", "no, english")
	form.Set("accepts.undocumented", "mostly")
	before := f.live.Landscape().Version()
	resp := f.postForm("/manage/services/rosa/edit", secret, form)
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	for _, field := range []string{"capacity", "email", "accepts"} {
		if !strings.Contains(body, `id="err-`+field+`"`) {
			t.Errorf("no error shown at %s", field)
		}
	}
	mustContain(t, "refused form", body, `value="many"`, `value="not an email"`, `aria-invalid="true"`)
	if v := f.live.Landscape().Version(); v != before {
		t.Errorf("a refused edit changed the landscape version %d -> %d", before, v)
	}
	// The store refuses what the form let through (the name), writing
	// nothing either.
	form = f.formOfService("rosa")
	form.Set("name", "")
	resp = f.postForm("/manage/services/rosa/edit", secret, form)
	if body := readAll(t, resp); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, `id="err-name"`) {
		t.Errorf("empty name: status %d, error at name: %v", resp.StatusCode, strings.Contains(body, `id="err-name"`))
	}
	if v, _ := f.store.Version(context.Background()); v != before {
		t.Errorf("the store changed")
	}
}

func TestEditConflictShowsTheirChanges(t *testing.T) {
	f := newEditFixture(t)
	alice, bob := f.session(asEditor), f.session(asCoordinator)
	// Both open the form at version 3.
	aliceForm, bobForm := f.formOfService("rosa"), f.formOfService("rosa")
	aliceForm.Set("opening_hours", "Mon–Fri 9–15")
	aliceForm.Set("meets.gp", "partial")
	if resp := f.postForm("/manage/services/rosa/edit", alice, aliceForm); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", resp.StatusCode)
	}
	bobForm.Set("description", "Bob's new description")
	bobForm.Set("capacity", "20")
	resp := f.postForm("/manage/services/rosa/edit", bob, bobForm)
	body := readAll(t, resp)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("second save: status %d, want 409", resp.StatusCode)
	}
	// What the other person changed, and who.
	conflict := body[strings.Index(body, `id="conflict"`):]
	conflict = conflict[:strings.Index(conflict, "</section>")]
	mustContain(t, "conflict notice", conflict, "editor &lt;editor@example.org&gt;", "Opening hours", "24/7", "Mon–Fri 9–15", "GP and primary care (partial)")
	// The form keeps what Bob typed, now at the current version.
	mustContain(t, "conflict form", body, "Bob&#39;s new description", `name="capacity" type="number" min="0" step="1" value="20"`, `name="version" value="4"`)
	rosa := f.service("rosa")
	if rosa.OpeningHours != "Mon–Fri 9–15" || rosa.Description == "Bob's new description" || rosa.Version != 4 {
		t.Errorf("after the refused save rosa = %+v", rosa)
	}
	// Saving again, having seen their changes, replaces them on purpose.
	bobForm.Set("version", "4")
	if resp := f.postForm("/manage/services/rosa/edit", bob, bobForm); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save after the conflict: %d", resp.StatusCode)
	}
	if rosa := f.service("rosa"); rosa.Description != "Bob's new description" || rosa.Version != 5 {
		t.Errorf("after the second save rosa = %+v", rosa)
	}
}

func TestNewServiceForm(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	if resp := f.getPage("/manage/services/new", secret); resp.StatusCode != http.StatusOK {
		t.Fatalf("GET new: %d", resp.StatusCode)
	}
	form := url.Values{
		"name": {"Rosa Nord"}, "sector": {"shelter"}, "funding": {"project"}, "organisation": {"oslo"},
		"accepts.reflection": {"full"}, "meets.shelter": {"partial"}, "covers": {"norway"}, "verified": {"on"},
	}
	// An editor cannot add a service to another organisation.
	if resp := f.postForm("/manage/services/new", secret, form); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("new service for another organisation: %d, want 403", resp.StatusCode)
	}
	form.Del("organisation")
	resp := f.postForm("/manage/services/new", secret, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST new: %d\n%s", resp.StatusCode, readAll(t, resp))
	}
	svc := f.service("rosa_nord")
	l := f.live.Landscape()
	if svc == nil || svc.Version != 1 || orgOf(l, "rosa_nord") != "krisesenter" || svc.LastVerified == nil {
		t.Fatalf("new service = %+v, org %q", svc, orgOf(l, "rosa_nord"))
	}
	if e, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeMeets, From: "rosa_nord", To: "shelter"}); !ok || !e.Partial() || e.Year != 2026 {
		t.Errorf("MEETS shelter = %+v", e)
	}
	// The same name again gets a free id.
	if resp := f.postForm("/manage/services/new", secret, form); resp.StatusCode != http.StatusSeeOther || f.service("rosa_nord_2") == nil {
		t.Errorf("a second Rosa Nord: %d", resp.StatusCode)
	}
}
