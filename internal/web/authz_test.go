package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// writeEndpoint is one state-changing request, made as a given person on a
// fresh fixture whose ROSA (run by krisesenter, the editor's organisation)
// has one edit in its history.
type writeEndpoint struct {
	name  string
	route string // method and path template, as registered
	do    func(f *editFixture, who string) *http.Response
}

// writeEndpoints lists every state-changing route: the forms (with the
// session of who) and the JSON API (with a token of who).
var writeEndpoints = []writeEndpoint{
	{"form edit", "POST /manage/services/{id}/edit", func(f *editFixture, who string) *http.Response {
		form := f.formOfService("rosa")
		form.Set("capacity", "30")
		return f.postForm("/manage/services/rosa/edit", f.session(who), form)
	}},
	{"form new", "POST /manage/services/new", func(f *editFixture, who string) *http.Response {
		form := url.Values{"name": {"New shelter"}, "sector": {"shelter"}, "funding": {"project"}, "organisation": {"krisesenter"}}
		return f.postForm("/manage/services/new", f.session(who), form)
	}},
	{"form verify", "POST /manage/services/{id}/verify", func(f *editFixture, who string) *http.Response {
		return f.postForm("/manage/services/rosa/verify", f.session(who), url.Values{"version": {"4"}})
	}},
	{"form restore", "POST /manage/services/{id}/restore", func(f *editFixture, who string) *http.Response {
		first := f.history("rosa")[1]
		return f.postForm("/manage/services/rosa/restore", f.session(who), url.Values{
			"revision": {strconv.FormatInt(first.LandscapeVersion, 10)}, "current": {"4"}})
	}},
	{"admin create user", "POST /admin/users", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/users", f.session(who), url.Values{"email": {"new@example.org"}, "name": {"New"}, "role": {"analyst"}})
	}},
	{"admin disable user", "POST /admin/users/{id}/disable", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/users/"+f.users["victim"].ID+"/disable", f.session(who), nil)
	}},
	{"admin enable user", "POST /admin/users/{id}/enable", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/users/"+f.users["disabled"].ID+"/enable", f.session(who), nil)
	}},
	{"admin reset password", "POST /admin/users/{id}/reset-password", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/users/"+f.users["victim"].ID+"/reset-password", f.session(who), nil)
	}},
	{"admin change role", "POST /admin/users/{id}/role", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/users/"+f.users["victim"].ID+"/role", f.session(who), url.Values{"role": {"coordinator"}, "org": {"krisesenter"}})
	}},
	{"admin create organisation", "POST /admin/organisations", func(f *editFixture, who string) *http.Response {
		return f.postForm("/admin/organisations", f.session(who), url.Values{"org_name": {"New NGO"}, "kind": {"ngo"}})
	}},
	{"create token", "POST /account/tokens", func(f *editFixture, who string) *http.Response {
		return f.postForm("/account/tokens", f.session(who), url.Values{"name": {"mine"}})
	}},
	{"change password", "POST /account/password", func(f *editFixture, who string) *http.Response {
		return f.postForm("/account/password", f.session(who), url.Values{
			"current_password": {testPassword}, "new_password": {"a brand new passphrase"}, "confirm_password": {"a brand new passphrase"}})
	}},
	{"revoke token", "POST /account/tokens/{id}/revoke", func(f *editFixture, who string) *http.Response {
		// Everyone tries to revoke the editor's token; only the editor may.
		return f.postForm("/account/tokens/"+f.editorToken.ID+"/revoke", f.session(who), nil)
	}},
	{"API create", "POST /api/v1/services", func(f *editFixture, who string) *http.Response {
		return f.api(http.MethodPost, "/api/v1/services", f.token(who), 0, map[string]any{
			"name": "API shelter", "sector": "shelter", "funding": "project", "organisation": "krisesenter"})
	}},
	{"API replace", "PUT /api/v1/services/{id}", func(f *editFixture, who string) *http.Response {
		in := inputOf(f.live.Landscape(), f.service("rosa"))
		in.Capacity = 31
		return f.api(http.MethodPut, "/api/v1/services/rosa", f.token(who), 4, in)
	}},
	{"API patch", "PATCH /api/v1/services/{id}", func(f *editFixture, who string) *http.Response {
		return f.api(http.MethodPatch, "/api/v1/services/rosa", f.token(who), 4, map[string]any{"capacity": 32})
	}},
	{"API delete", "DELETE /api/v1/services/{id}", func(f *editFixture, who string) *http.Response {
		return f.api(http.MethodDelete, "/api/v1/services/rosa", f.token(who), 4, nil)
	}},
	{"form study", "POST /manage/studies/new", func(f *editFixture, who string) *http.Response {
		form := url.Values{"name": {"A study"}, "kind": {"study"}, "countries": {"no"}, "participants": {"health_workers"}, "themes": {"access"}}
		return f.postForm("/manage/studies/new", f.session(who), form)
	}},
	{"API study create", "POST /api/v1/studies", func(f *editFixture, who string) *http.Response {
		return f.api(http.MethodPost, "/api/v1/studies", f.token(who), 0, norwegianHealthWorkerStudy())
	}},
	{"API study replace", "PUT /api/v1/studies/{id}", func(f *editFixture, who string) *http.Response {
		return f.api(http.MethodPut, "/api/v1/studies/nkvts", f.token(who), 1, map[string]any{
			"name": "NKVTS 2025", "kind": "review", "countries": []string{"no"}, "themes": []string{"access"}})
	}},
}

// allowed is the expected status of each endpoint, by person: the
// authorization matrix of the issue, with auth.Can as its one source.
var allowed = map[string]map[string]int{
	//                            admin coordinator editor(own) other(editor) analyst nobody
	"form edit":                 row(303, 303, 303, 403, 403, 401),
	"form new":                  row(303, 303, 303, 403, 403, 401),
	"form verify":               row(303, 303, 303, 403, 403, 401),
	"form restore":              row(303, 303, 403, 403, 403, 401),
	"admin create user":         row(201, 403, 403, 403, 403, 401),
	"admin disable user":        row(303, 403, 403, 403, 403, 401),
	"admin enable user":         row(303, 403, 403, 403, 403, 401),
	"admin reset password":      row(200, 403, 403, 403, 403, 401),
	"admin change role":         row(303, 403, 403, 403, 403, 401),
	"admin create organisation": row(303, 403, 403, 403, 403, 401),
	"create token":              row(201, 201, 201, 201, 201, 401),
	"change password":           row(303, 303, 303, 303, 303, 401),
	"revoke token":              row(404, 404, 303, 404, 404, 401),
	"API create":                row(201, 201, 201, 403, 403, 401),
	"API replace":               row(200, 200, 200, 403, 403, 401),
	"API patch":                 row(200, 200, 200, 403, 403, 401),
	"API delete":                row(204, 204, 204, 403, 403, 401),
	// Studies belong to no organisation: coordinators and administrators.
	"form study":        row(303, 303, 403, 403, 403, 401),
	"API study create":  row(201, 201, 403, 403, 403, 401),
	"API study replace": row(200, 200, 403, 403, 403, 401),
}

var people = []string{asAdmin, asCoordinator, asEditor, asOther, asAnalyst, asNobody}

func row(statuses ...int) map[string]int {
	m := map[string]int{}
	for i, who := range people {
		m[who] = statuses[i]
	}
	return m
}

// matrixFixture is the fixture of one cell: ROSA edited once (version 4), a
// user to disable, reset and give another role, a disabled user, and a token
// of the editor.
func matrixFixture(t *testing.T) *editFixture {
	f := newEditFixture(t)
	f.users["victim"] = f.mustCreateUser("victim@example.org", "Victim", "oslo", auth.RoleEditor)
	f.users["disabled"] = f.mustCreateUser("disabled@example.org", "Disabled", "oslo", auth.RoleEditor)
	if _, err := f.accounts.SetDisabled(context.Background(), f.users["disabled"].ID, true); err != nil {
		t.Fatal(err)
	}
	_, tok, err := f.accounts.CreateToken(context.Background(), f.users[asEditor], "editor's", 0)
	if err != nil {
		t.Fatal(err)
	}
	f.editorToken = tok
	form := f.formOfService("rosa")
	form.Set("opening_hours", "always")
	if resp := f.postForm("/manage/services/rosa/edit", f.session(asCoordinator), form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set-up edit: %d", resp.StatusCode)
	}
	return f
}

// state is everything a write could change: the landscape (version, and
// every node and edge), the users and their tokens.
type state struct {
	Version int64
	Nodes   []string
	Edges   []graph.Edge
	Users   []*auth.User
	Tokens  map[string][]*auth.Token
}

func (f *editFixture) state(t *testing.T) state {
	t.Helper()
	ctx := context.Background()
	l, err := f.store.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := state{Version: l.Version(), Edges: l.Edges(), Tokens: map[string][]*auth.Token{}}
	for _, n := range l.AllNodes() {
		b, _ := graph.MarshalNode(n)
		s.Nodes = append(s.Nodes, string(b))
	}
	if s.Users, err = f.accounts.Users(ctx); err != nil {
		t.Fatal(err)
	}
	for _, u := range s.Users {
		ts, err := f.accounts.Tokens(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tok := range ts {
			tok.LastUsed = tok.Created // use is not a change
		}
		s.Tokens[u.ID] = ts
	}
	return s
}

// TestAuthorizationMatrix makes every write as every role, of the owning
// organisation and of another, signed in and not, each on a fresh store:
// the status is the matrix's, and a refused write changes nothing at all.
func TestAuthorizationMatrix(t *testing.T) {
	for _, ep := range writeEndpoints {
		want, ok := allowed[ep.name]
		if !ok {
			t.Fatalf("no expected statuses for %q", ep.name)
		}
		for _, who := range people {
			t.Run(fmt.Sprintf("%s/%s", ep.name, who), func(t *testing.T) {
				f := matrixFixture(t)
				// The session and token the request uses are made before
				// the state is taken: they are not the write under test.
				f.session(who)
				f.token(who)
				before := f.state(t)
				resp := ep.do(f, who)
				if resp.StatusCode != want[who] {
					t.Fatalf("status %d, want %d\n%s", resp.StatusCode, want[who], readAll(t, resp))
				}
				after := f.state(t)
				if resp.StatusCode >= 400 {
					if diff := cmp.Diff(before, after); diff != "" {
						t.Errorf("a refused write changed the state (-before +after):\n%s", diff)
					}
				} else if cmp.Equal(before, after) {
					t.Errorf("an accepted write changed nothing")
				}
			})
		}
	}
}

// notInMatrix are the state-changing routes the role matrix leaves out, and
// why.
var notInMatrix = map[string]string{
	"POST /login":                    "anyone may sign in: TestLoginLimit and TestSessions",
	"POST /logout":                   "ends the caller's own session: TestSessions",
	"POST /api/v1/scenarios/analyse": "reads only: a what-if analysis writes nothing",
	"POST /dashboards/whatif":        "reads only: a what-if scenario uploaded to the dashboard writes nothing",
	"POST /api/v1/charts/whatif":     "reads only: a what-if scenario's charts write nothing",
	"POST /exports/pack":             "writes nothing to the landscape: it makes a pack of the public dashboards in memory (TestExportPackJob); same-origin only",
}

// TestMatrixCoversEveryWrite walks the router: every route that takes a
// state-changing method is in the matrix, or listed with its reason.
func TestMatrixCoversEveryWrite(t *testing.T) {
	f := newEditFixture(t)
	r := mux.NewRouter()
	f.srv.registerRoutes(r)
	inMatrix := map[string]bool{}
	for _, ep := range writeEndpoints {
		inMatrix[ep.route] = true
	}
	found := 0
	err := r.Walk(func(route *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := route.GetPathTemplate()
		if err != nil {
			return nil
		}
		methods, _ := route.GetMethods()
		for _, m := range methods {
			if m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions {
				continue
			}
			key := m + " " + path
			found++
			if !inMatrix[key] && notInMatrix[key] == "" {
				t.Errorf("%s changes state but is not in the authorization matrix", key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < len(writeEndpoints) {
		t.Errorf("found %d write routes, fewer than the matrix's %d", found, len(writeEndpoints))
	}
}

// cmpState compares two states.
func cmpState(before, after state) string { return cmp.Diff(before, after) }
