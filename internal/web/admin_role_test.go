package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestAdminSetRole changes roles and organisations on /admin/users: a new
// role applies to the user's next request, by session and by token; a move
// ends the user's sessions and stops their tokens; the last administrator
// keeps the role; refused changes name their field beside the row's form and
// change nothing.
func TestAdminSetRole(t *testing.T) {
	f := newEditFixture(t)
	admin := f.session(asAdmin)
	setRole := func(who, role, org string, header ...string) *http.Response {
		return f.postForm("/admin/users/"+f.users[who].ID+"/role", admin, url.Values{"role": {role}, "org": {org}}, header...)
	}
	user := func(who string) *auth.User {
		u, err := f.accounts.User(t.Context(), f.users[who].ID)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	editRosa := func(session string) int {
		form := f.formOfService("rosa")
		form.Set("opening_hours", "Mon–Fri 9–15 "+session[:4])
		return f.postForm("/manage/services/rosa/edit", session, form).StatusCode
	}
	patchRosa := func(token string) int {
		return f.api(http.MethodPatch, "/api/v1/services/rosa", token, f.service("rosa").Version, map[string]any{"cost": "free " + token[:6]}).StatusCode
	}

	// Every row has the form, the user's role and organisation selected.
	page := readAll(t, f.getPage("/admin/users", admin))
	other := f.users[asOther].ID
	mustContain(t, "admin page", page, `action="/admin/users/`+other+`/role"`, `id="role-`+other+`"`, `id="org-`+other+`"`)
	if row := rowOf(page, other); !strings.Contains(row, `<option value="editor" selected>`) || !strings.Contains(row, `<option value="oslo" selected>`) {
		t.Errorf("the row of the editor of oslo does not select editor and oslo:\n%s", row)
	}

	// The editor of oslo becomes a coordinator: the same session and token
	// may now change ROSA, which krisesenter runs.
	otherSession, otherToken := f.session(asOther), f.token(asOther)
	if st := editRosa(otherSession); st != http.StatusForbidden {
		t.Fatalf("the editor of oslo edits ROSA: %d", st)
	}
	resp := setRole(asOther, "coordinator", "oslo")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users?done=role" {
		t.Fatalf("make a coordinator: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), readAll(t, resp))
	}
	if u := user(asOther); u.Role != auth.RoleCoordinator || u.OrgID != "oslo" {
		t.Errorf("after the change: %+v", u)
	}
	if st := editRosa(otherSession); st != http.StatusSeeOther {
		t.Errorf("the coordinator's session edits ROSA: %d, want 303", st)
	}
	if st := patchRosa(otherToken); st != http.StatusOK {
		t.Errorf("the coordinator's token patches ROSA: %d, want 200", st)
	}
	mustContain(t, "notice", readAll(t, f.getPage("/admin/users?done=role", admin)), "The user&#39;s role is changed")

	// The editor of krisesenter moves to oslo: signed out, token stopped.
	editorSession, editorToken := f.session(asEditor), f.token(asEditor)
	if st := patchRosa(editorToken); st != http.StatusOK {
		t.Fatalf("the editor's token before the move: %d", st)
	}
	resp = setRole(asEditor, "editor", "oslo")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/users?done=moved" {
		t.Fatalf("move: %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), readAll(t, resp))
	}
	if u := user(asEditor); u.Role != auth.RoleEditor || u.OrgID != "oslo" {
		t.Errorf("after the move: %+v", u)
	}
	if resp := f.getPage("/manage", editorSession); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the moved editor's session: %d %s, want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if st := patchRosa(editorToken); st != http.StatusUnauthorized {
		t.Errorf("the moved editor's token: %d, want 401", st)
	}
	if resp := f.api(http.MethodGet, "/api/v1/services/rosa", editorToken, 0, nil); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("the moved editor's token reads: %d, want 401", resp.StatusCode)
	}
	mustContain(t, "notice", readAll(t, f.getPage("/admin/users?done=moved", admin)), "signed out everywhere")

	// The log says who changed what, and holds no secret.
	logs := f.logs.String()
	mustContain(t, "log", logs, `"msg":"user role changed"`, `"from_role":"editor"`, `"from_org":"krisesenter"`, `"moved":true`,
		`"by":{"id":"`+f.users[asAdmin].ID+`"`)
	mustNotContain(t, "log", logs, "argon2", editorSession, editorToken, otherSession, otherToken)

	// Refused changes.
	for _, test := range []struct {
		name, who, role, org, lang string
		status                     int
		field, msg                 string
	}{
		{"editor without organisation", asAnalyst, "editor", "", "en", http.StatusBadRequest, "org", "An editor must belong to an organisation."},
		{"unknown organisation", asAnalyst, "analyst", "nowhere", "en", http.StatusBadRequest, "org", "Choose one of the organisations."},
		{"a service, not an organisation", asAnalyst, "analyst", "rosa", "en", http.StatusBadRequest, "org", "Choose one of the organisations."},
		{"unknown role", asAnalyst, "owner", "", "en", http.StatusBadRequest, "role", "Choose one of the roles."},
		{"the last administrator", asAdmin, "coordinator", "", "en", http.StatusConflict, "role", "This is the last active administrator"},
		{"the last administrator, in Norwegian", asAdmin, "analyst", "", "nb", http.StatusConflict, "role", "Dette er den siste aktive administratoren"},
	} {
		before := f.state(t)
		id := f.users[test.who].ID
		resp := f.postForm("/admin/users/"+id+"/role?lang="+test.lang, admin, url.Values{"role": {test.role}, "org": {test.org}})
		body := readAll(t, resp)
		if resp.StatusCode != test.status {
			t.Errorf("%s: status %d, want %d", test.name, resp.StatusCode, test.status)
		}
		row := rowOf(body, id)
		errID := "err-" + test.field + "-" + id
		mustContain(t, test.name, row, `<details class="set-role" open>`, `aria-describedby="`+errID+`"`, `id="`+errID+`">`+test.msg)
		// The form keeps what was chosen.
		if test.org != "" && test.field != "org" {
			mustContain(t, test.name, row, `<option value="`+test.org+`" selected>`)
		}
		if test.field != "role" {
			mustContain(t, test.name, row, `<option value="`+test.role+`" selected>`)
		}
		if test.role == "owner" { // no choice of the form: the user's own role stays selected
			mustContain(t, test.name, row, `<option value="analyst" selected>`)
			mustNotContain(t, test.name, row, `<option value="admin" selected>`)
		}
		if diff := cmpState(before, f.state(t)); diff != "" {
			t.Errorf("%s changed the state (-before +after):\n%s", test.name, diff)
		}
	}
	if !strings.Contains(f.logs.String(), `"msg":"user role change refused"`) {
		t.Error("refused changes are not logged")
	}
	if resp := f.postForm("/admin/users/nobody/role", admin, url.Values{"role": {"analyst"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown user: %d, want 404", resp.StatusCode)
	}
	// A form posted from another site changes nothing.
	if resp := setRole(asAnalyst, "coordinator", "", "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden || user(asAnalyst).Role != auth.RoleAnalyst {
		t.Errorf("cross-site post: %d, role %s", resp.StatusCode, user(asAnalyst).Role)
	}

	// With a second administrator, the first may give up the role, and is
	// sent to their account page: the admin page is no longer theirs.
	if resp := setRole(asCoordinator, "admin", ""); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("make a second administrator: %d", resp.StatusCode)
	}
	resp = setRole(asAdmin, "coordinator", "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account" {
		t.Errorf("self-demotion: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := f.getPage("/admin/users", admin); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the admin page after self-demotion: %d, want 403", resp.StatusCode)
	}
}

// rowOf returns the table row of user id on the admin page.
func rowOf(page, id string) string {
	i := strings.Index(page, `<tr id="user-`+id+`">`)
	if i < 0 {
		return ""
	}
	row := page[i:]
	return row[:strings.Index(row, "</tr>")]
}
