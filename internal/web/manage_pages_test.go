package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

func TestHistoryAndRestore(t *testing.T) {
	f := newEditFixture(t)
	editor, coord := f.session(asEditor), f.session(asCoordinator)
	form := f.formOfService("rosa")
	form.Set("funding", "permanent")
	form.Del("accepts.undocumented")
	if resp := f.postForm("/manage/services/rosa/edit", editor, form); resp.StatusCode != http.StatusSeeOther {
		t.Fatal(resp.StatusCode)
	}
	// The editor sees the history, without a restore button.
	page := readAll(t, f.getPage("/manage/services/rosa/history", editor))
	mustContain(t, "history", page, "Version 4", "Version 3", "created", "Funding", "permanent", "Undocumented (partial)")
	if strings.Contains(page, "/restore") {
		t.Error("an editor is offered to restore")
	}
	// The analyst reads it too, without the confidential address.
	page = readAll(t, f.getPage("/manage/services/rosa/history", f.session(asAnalyst)))
	mustContain(t, "analyst's history", page, "Version 4", "(confidential)")
	mustNotContain(t, "analyst's history", page, secretAddr, "/restore")
	// Another organisation's editor does not.
	if resp := f.getPage("/manage/services/rosa/history", f.session(asOther)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's GET history: %d", resp.StatusCode)
	}
	// The coordinator restores version 3 in one click.
	page = readAll(t, f.getPage("/manage/services/rosa/history", coord))
	mustContain(t, "coordinator's history", page, "Restore version 3")
	created := f.history("rosa")[1]
	resp := f.postForm("/manage/services/rosa/restore", coord, url.Values{
		"revision": {strconv.FormatInt(created.LandscapeVersion, 10)}, "current": {"4"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", resp.StatusCode, readAll(t, resp))
	}
	rosa := f.service("rosa")
	if rosa.Funding != graph.FundingProject || rosa.Version != 5 {
		t.Errorf("after restore: %+v", rosa)
	}
	if e, ok := f.live.Landscape().Edge(graph.EdgeKey{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented"}); !ok || !e.Partial() || e.Confidence != graph.Assumed {
		t.Errorf("the restored ACCEPTS edge = %+v", e)
	}
	revs := f.history("rosa")
	if revs[0].Reason != "restore version 3" || revs[0].Actor != f.users[asCoordinator].Actor() || len(revs) != 3 {
		t.Errorf("history after restore: %+v", revs[0])
	}
	// A restore from a stale page is refused.
	resp = f.postForm("/manage/services/rosa/restore", coord, url.Values{
		"revision": {strconv.FormatInt(created.LandscapeVersion, 10)}, "current": {"4"}})
	if resp.StatusCode != http.StatusConflict || f.service("rosa").Version != 5 {
		t.Errorf("stale restore: %d", resp.StatusCode)
	}
	// A deleted service can be restored from its history.
	if resp := f.api(http.MethodDelete, "/api/v1/services/rosa", f.token(asEditor), 5, nil); resp.StatusCode != http.StatusNoContent {
		t.Fatal(resp.StatusCode)
	}
	page = readAll(t, f.getPage("/manage/services/rosa/history", coord))
	mustContain(t, "deleted service's history", page, "deleted", "Restore version 5")
	resp = f.postForm("/manage/services/rosa/restore", coord, url.Values{
		"revision": {strconv.FormatInt(f.history("rosa")[1].LandscapeVersion, 10)}, "current": {"0"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore a deleted service: %d %s", resp.StatusCode, readAll(t, resp))
	}
	if rosa := f.service("rosa"); rosa == nil || rosa.Version != 6 || orgOf(f.live.Landscape(), "rosa") != "krisesenter" {
		t.Errorf("restored deleted service: %+v", rosa)
	}
}

func TestManageListsAndStale(t *testing.T) {
	f := newEditFixture(t)
	// Only ROSA is verified (2025-03-01); the clock says 2026-05-04.
	editor := readAll(t, f.getPage("/manage", f.session(asEditor)))
	mustContain(t, "editor's list", editor, `id="row-rosa"`, "/manage/services/rosa/edit", "Add a service")
	mustNotContain(t, "editor's list", editor, `id="row-clinic"`, "/manage/stale")
	analyst := readAll(t, f.getPage("/manage", f.session(asAnalyst)))
	mustContain(t, "analyst's list", analyst, `id="row-rosa"`, `id="row-clinic"`, "/manage/services/clinic/history", "/manage/stale")
	mustNotContain(t, "analyst's list", analyst, "/edit", "Add a service", "/verify")

	stale := readAll(t, f.getPage("/manage/stale", f.session(asCoordinator)))
	mustContain(t, "stale list", stale, `id="row-rosa"`, `id="row-laura"`, "1 March 2025", "never verified")
	if resp := f.getPage("/manage/stale", f.session(asEditor)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("an editor's GET /manage/stale: %d", resp.StatusCode)
	}
	// Verified today, it leaves the list.
	if resp := f.postForm("/manage/services/rosa/verify", f.session(asEditor), url.Values{"version": {"3"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatal(resp.StatusCode)
	}
	stale = readAll(t, f.getPage("/manage/stale", f.session(asCoordinator)))
	mustNotContain(t, "stale list after verifying", stale, `id="row-rosa"`)
	if r := f.history("rosa")[0]; r.Reason != "verified today" {
		t.Errorf("verify's history reason %q", r.Reason)
	}
	// A year on, it is stale again.
	f.clock.Advance(13 * 30 * 24 * time.Hour)
	delete(f.sessions, asCoordinator) // ended long ago
	stale = readAll(t, f.getPage("/manage/stale", f.session(asCoordinator)))
	mustContain(t, "stale list a year on", stale, `id="row-rosa"`)
}

func TestPublicProfileForStaff(t *testing.T) {
	f := newEditFixture(t)
	for _, test := range []struct {
		who          string
		edit, secret bool
	}{
		{asNobody, false, false},
		{asEditor, true, true},
		{asOther, false, false},
		{asAnalyst, false, false},
		{asCoordinator, true, true},
		{asAdmin, true, true},
	} {
		resp := f.getPage("/services/rosa", f.session(test.who))
		page := readAll(t, resp)
		if got := strings.Contains(page, `id="edit-service"`); got != test.edit {
			t.Errorf("%s: edit button %v, want %v", test.who, got, test.edit)
		}
		if got := strings.Contains(page, secretAddr); got != test.secret {
			t.Errorf("%s: confidential address shown %v, want %v", test.who, got, test.secret)
		}
		if test.who != asNobody && resp.Header.Get("Cache-Control") != "private, no-store" {
			t.Errorf("%s: Cache-Control %q", test.who, resp.Header.Get("Cache-Control"))
		}
	}
	// Another organisation's editor finds no way to edit.
	other := f.session(asOther)
	if resp := f.getPage("/manage/services/rosa/edit", other); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's GET edit: %d", resp.StatusCode)
	}
	mustNotContain(t, "other editor's list", readAll(t, f.getPage("/manage", other)), "rosa")
}

func TestAccountTokens(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	resp := f.postForm("/account/tokens", secret, url.Values{"name": {"case system"}})
	page := readAll(t, resp)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	i := strings.Index(page, `id="new-token">`)
	if i < 0 {
		t.Fatal("the new token is not shown")
	}
	token := page[i+len(`id="new-token">`):]
	token = token[:strings.Index(token, "<")]
	if !strings.HasPrefix(token, "gmp_") {
		t.Fatalf("token %q", token)
	}
	// Shown once: the account page does not show it again.
	mustNotContain(t, "account page", readAll(t, f.getPage("/account", secret)), token)
	mustContain(t, "account page", readAll(t, f.getPage("/account", secret)), "case system", "Revoke")
	// It works, then it is revoked and stops.
	patch := func() int {
		return f.api(http.MethodPatch, "/api/v1/services/rosa", token, f.service("rosa").Version, map[string]any{"cost": "free"}).StatusCode
	}
	if st := patch(); st != http.StatusOK {
		t.Fatalf("PATCH with the new token: %d", st)
	}
	ts, _ := f.accounts.Tokens(t.Context(), f.users[asEditor].ID)
	if resp := f.postForm("/account/tokens/"+ts[0].ID+"/revoke", secret, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatal(resp.StatusCode)
	}
	if st := patch(); st != http.StatusUnauthorized {
		t.Errorf("PATCH with a revoked token: %d", st)
	}
}

// TestAccountChangePassword: a user changes their own password on the
// account page; every other session ends, this browser stays signed in,
// and refused changes say which field is wrong and change nothing.
func TestAccountChangePassword(t *testing.T) {
	f := newEditFixture(t)
	here := f.session(asEditor)
	elsewhere, _, err := f.accounts.Login(t.Context(), f.users[asEditor].Email, testPassword, "198.51.100.4:1")
	if err != nil {
		t.Fatal(err)
	}
	const next = "a brand new passphrase"
	form := func(current, next, confirm string) url.Values {
		return url.Values{"current_password": {current}, "new_password": {next}, "confirm_password": {confirm}}
	}
	for _, test := range []struct {
		name   string
		form   url.Values
		status int
		field  string
		msg    string
	}{
		{"mismatch", form(testPassword, next, next+"!"), http.StatusBadRequest, "confirm_password", "The two new passwords differ."},
		{"wrong current", form("not my password at all", next, next), http.StatusBadRequest, "current_password", "This is not your current password."},
		{"too short", form(testPassword, "short", "short"), http.StatusBadRequest, "new_password", "Use 12 to"},
		{"the same", form(testPassword, testPassword, testPassword), http.StatusBadRequest, "new_password", "Choose a password other than the current one."},
	} {
		resp := f.postForm("/account/password", here, test.form)
		page := readAll(t, resp)
		if resp.StatusCode != test.status {
			t.Errorf("%s: status %d, want %d", test.name, resp.StatusCode, test.status)
		}
		mustContain(t, test.name, page, `id="`+test.field+`-error">`+test.msg)
		mustNotContain(t, test.name, page, testPassword, next)
	}
	if _, _, err := f.accounts.SessionUser(t.Context(), elsewhere); err != nil {
		t.Fatalf("a refused change ended a session: %v", err)
	}
	// A page of another site cannot post the form.
	if resp := f.postForm("/account/password", here, form(testPassword, next, next), "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site change: %d, want 403", resp.StatusCode)
	}
	if _, _, err := f.accounts.Login(t.Context(), f.users[asEditor].Email, testPassword, "192.0.2.50:1"); err != nil {
		t.Fatalf("the password changed before the real change: %v", err)
	}

	resp := f.postForm("/account/password", here, form(testPassword, next, next))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account?password=changed" {
		t.Fatalf("change: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	var fresh string
	for _, c := range resp.Cookies() {
		if c.Name == f.srv.cookieName() {
			fresh = c.Value
		}
	}
	if fresh == "" || fresh == here {
		t.Fatalf("no new session cookie after the change: %q", fresh)
	}
	for name, secret := range map[string]string{"this browser's old session": here, "the other session": elsewhere} {
		if _, _, err := f.accounts.SessionUser(t.Context(), secret); err == nil {
			t.Errorf("%s lives on after the change", name)
		}
	}
	mustContain(t, "account page", readAll(t, f.getPage("/account?password=changed", fresh)), "Your password is changed.")
	if _, _, err := f.accounts.Login(t.Context(), f.users[asEditor].Email, testPassword, "192.0.2.51:1"); err == nil {
		t.Error("the old password still signs in")
	}
	if _, _, err := f.accounts.Login(t.Context(), f.users[asEditor].Email, next, "192.0.2.52:1"); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}
	mustContain(t, "log", f.logs.String(), `"msg":"password changed"`, `"msg":"password change refused: wrong current password"`)
	mustNotContain(t, "log", f.logs.String(), testPassword, next)
}

// TestAccountTokenLifetime: a token is made for the lifetime chosen on the
// account page, the page says when it expires, and the API refuses it from
// then on.
func TestAccountTokenLifetime(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	page := readAll(t, f.getPage("/account", secret))
	mustContain(t, "account page", page, `<option value="30">30 days</option>`, `<option value="90" selected>90 days</option>`, `<option value="365">365 days</option>`)

	resp := f.postForm("/account/tokens", secret, url.Values{"name": {"forever"}, "lifetime": {"36500"}})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a lifetime not offered: %d, want 400", resp.StatusCode)
	}
	mustContain(t, "refused token", readAll(t, resp), `id="token-lifetime-error"`)
	if ts, _ := f.accounts.Tokens(t.Context(), f.users[asEditor].ID); len(ts) != 0 {
		t.Fatalf("a refused token was stored: %+v", ts)
	}

	resp = f.postForm("/account/tokens", secret, url.Values{"name": {"case system"}, "lifetime": {"30"}})
	page = readAll(t, resp)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	i := strings.Index(page, `id="new-token">`)
	token := page[i+len(`id="new-token">`):]
	token = token[:strings.Index(token, "<")]
	mustContain(t, "account page", page, "<td>2026-06-03</td>") // 30 days after 2026-05-04
	patch := func() int {
		return f.api(http.MethodPatch, "/api/v1/services/rosa", token, f.service("rosa").Version, map[string]any{"cost": "free"}).StatusCode
	}
	f.clock.Advance(30*24*time.Hour - time.Minute)
	if st := patch(); st != http.StatusOK {
		t.Fatalf("PATCH a minute before the token expires: %d", st)
	}
	f.clock.Advance(time.Minute)
	if st := patch(); st != http.StatusUnauthorized {
		t.Errorf("PATCH with an expired token: %d, want 401", st)
	}
	// A month on, the editor signs in again and sees it expired.
	again, _, err := f.accounts.Login(t.Context(), f.users[asEditor].Email, testPassword, "192.0.2.1:1")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "account page", readAll(t, f.getPage("/account", again)), "<td>expired</td>")
}
