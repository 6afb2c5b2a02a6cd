package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

// The people of the editing tests. ROSA is run by krisesenter, Laura's Hus
// and the clinic by oslo.
const (
	asAdmin       = "admin"
	asCoordinator = "coordinator"
	asEditor      = "editor" // of krisesenter, which runs ROSA
	asOther       = "other"  // editor of oslo
	asAnalyst     = "analyst"
	asNobody      = "nobody" // not signed in, no token
)

// testPassword is every test user's password.
const testPassword = "correct horse battery staple"

// editFixture is a server with editing on, on a real embedded store that
// holds testLandscape, with one user of each role.
type editFixture struct {
	t        testing.TB
	store    *embedded.Store
	live     *graph.Live
	accounts *auth.Manager
	srv      *Server
	h        http.Handler
	logs     *syncBuffer
	users    map[string]*auth.User
	clock    *testClock
	// sessions and tokens cache each person's credentials.
	sessions, tokens map[string]string
	// editorToken is a token of the editor, made by matrixFixture.
	editorToken *auth.Token
}

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncBuffer is a log buffer safe for concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newEditFixture builds the fixture; cfg adjusts the web configuration.
func newEditFixture(t testing.TB, cfg ...func(*Config, *auth.Config)) *editFixture {
	t.Helper()
	return newEditFixtureStatic(t, fakeStatic(t, true), cfg...)
}

// newEditFixtureStatic is newEditFixture with the static files given.
func newEditFixtureStatic(t testing.TB, static fs.FS, cfg ...func(*Config, *auth.Config)) *editFixture {
	t.Helper()
	ctx := context.Background()
	st, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	l := testLandscape(t)
	c := &graph.Change{Actor: "seed", Reason: "test landscape"}
	for _, n := range l.AllNodes() {
		c.Create(n)
	}
	for _, e := range l.Edges() {
		c.PutEdge(e)
	}
	if _, err := st.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	live, err := graph.NewLive(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	clock := &testClock{t: time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)}
	wc := Config{InsecureCookies: true}
	ac := auth.Config{Params: auth.TestParams, Now: clock.Now}
	for _, fn := range cfg {
		fn(&wc, &ac)
	}
	m, err := auth.NewManager(st.Accounts(), ac)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, err := newServer(wc, live, st, log, static,
		WithEditing(Editing{Live: live, History: st, Accounts: m, Now: clock.Now}))
	if err != nil {
		t.Fatal(err)
	}
	f := &editFixture{t: t, store: st, live: live, accounts: m, srv: srv, h: srv.Handler(), logs: logs, users: map[string]*auth.User{}, clock: clock,
		sessions: map[string]string{}, tokens: map[string]string{}}
	for _, u := range []struct{ key, org string }{
		{asAdmin, ""}, {asCoordinator, ""}, {asEditor, "krisesenter"}, {asOther, "oslo"}, {asAnalyst, ""},
	} {
		role := auth.Role(u.key)
		if u.key == asOther {
			role = auth.RoleEditor
		}
		f.users[u.key] = f.mustCreateUser(u.key+"@example.org", u.key, u.org, role)
	}
	return f
}

func (f *editFixture) mustCreateUser(email, name, org string, role auth.Role) *auth.User {
	f.t.Helper()
	u, err := f.accounts.CreateUser(context.Background(), auth.NewUser{Email: email, Name: name, OrgID: org, Role: role, Password: testPassword})
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// session signs who in, once, and returns the session id ("" for nobody).
func (f *editFixture) session(who string) string {
	f.t.Helper()
	if who == asNobody {
		return ""
	}
	if s, ok := f.sessions[who]; ok {
		return s
	}
	secret, _, err := f.accounts.Login(context.Background(), f.users[who].Email, testPassword, "192.0.2.1:1234")
	if err != nil {
		f.t.Fatal(err)
	}
	f.sessions[who] = secret
	return secret
}

// token makes an API token for who, once ("" for nobody).
func (f *editFixture) token(who string) string {
	f.t.Helper()
	if who == asNobody {
		return ""
	}
	if s, ok := f.tokens[who]; ok {
		return s
	}
	secret, _, err := f.accounts.CreateToken(context.Background(), f.users[who], "test", 0)
	if err != nil {
		f.t.Fatal(err)
	}
	f.tokens[who] = secret
	return secret
}

// request serves one request; header is name, value, ….
func (f *editFixture) request(method, path string, body io.Reader, header ...string) *http.Response {
	f.t.Helper()
	req := httptest.NewRequest(method, path, body)
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" { // "" removes a header set before
			req.Header.Del(header[i])
		} else {
			req.Header.Set(header[i], header[i+1])
		}
	}
	rec := httptest.NewRecorder()
	f.h.ServeHTTP(rec, req)
	return rec.Result()
}

// postForm posts form values as a browser on gapmap's own page does, with
// the session cookie of secret ("" for none).
func (f *editFixture) postForm(path, secret string, form url.Values, header ...string) *http.Response {
	f.t.Helper()
	h := append([]string{"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin",
		"Cookie", f.cookie(secret)}, header...)
	return f.request(http.MethodPost, path, strings.NewReader(form.Encode()), h...)
}

// getPage gets a page with the session cookie of secret.
func (f *editFixture) getPage(path, secret string) *http.Response {
	f.t.Helper()
	return f.request(http.MethodGet, path, nil, "Cookie", f.cookie(secret))
}

func (f *editFixture) cookie(secret string) string {
	if secret == "" {
		return ""
	}
	return f.srv.cookieName() + "=" + secret
}

// api calls the JSON API with token and, if version > 0, If-Match.
func (f *editFixture) api(method, path, token string, version int64, body any) *http.Response {
	f.t.Helper()
	var r io.Reader
	ct := ""
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			f.t.Fatal(err)
		}
		r, ct = bytes.NewReader(b), "application/json"
		if method == http.MethodPatch {
			ct = "application/merge-patch+json"
		}
	}
	auth, match := "", ""
	if token != "" {
		auth = "Bearer " + token
	}
	if version > 0 {
		match = `"` + strconv.FormatInt(version, 10) + `"`
	}
	return f.request(method, path, r, "Authorization", auth, "If-Match", match, "Content-Type", ct)
}

// service returns service id as the live landscape holds it, or nil.
func (f *editFixture) service(id string) *graph.Service {
	svc, err := graph.Lookup[*graph.Service](f.live.Landscape(), id)
	if err != nil {
		return nil
	}
	return svc
}

// history returns the history of node id.
func (f *editFixture) history(id string) []graph.Revision {
	f.t.Helper()
	revs, err := f.store.History(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return revs
}

// formOfService returns the form values that leave service id as it is,
// as the edit page would post them.
func (f *editFixture) formOfService(id string) url.Values {
	f.t.Helper()
	l := f.live.Landscape()
	svc, err := graph.Lookup[*graph.Service](l, id)
	if err != nil {
		f.t.Fatal(err)
	}
	return editFormValues(editOf(l, svc))
}

// editFormValues returns the form values of edit e.
func editFormValues(e *serviceEdit) url.Values {
	n := e.Node
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("version", strconv.FormatInt(n.Version, 10))
	set("name", n.Name)
	set("name_nb", n.NameNB)
	set("alt_names", strings.Join(n.AltNames, "\n"))
	set("description", n.Description)
	set("description_nb", n.DescriptionNB)
	set("sector", string(n.Sector))
	set("funding", string(n.Funding))
	set("city", n.City)
	set("address", n.Address)
	if n.ConfidentialAddress {
		v.Set("confidential_address", "on")
	}
	if n.Capacity > 0 {
		v.Set("capacity", strconv.Itoa(n.Capacity))
	}
	set("capacity_note", n.CapacityNote)
	if n.CapacityLimited {
		v.Set("capacity_limited", "on")
	}
	set("languages", strings.Join(n.Languages, ", "))
	set("cost", n.Cost)
	set("phone", n.Phone)
	set("email", n.Email)
	set("url", n.URL)
	set("opening_hours", n.OpeningHours)
	for _, g := range n.Genders {
		v.Add("genders", string(g))
	}
	for _, a := range n.AgeBands {
		v.Add("age_bands", string(a))
	}
	set("organisation", e.Org)
	for id, x := range e.Accepts {
		v.Set("accepts."+id, extentState(x))
	}
	for id, x := range e.Meets {
		v.Set("meets."+id, extentState(x))
	}
	for _, id := range e.Serves {
		v.Add("serves", id)
	}
	for _, id := range e.Stages {
		v.Add("stages", id)
	}
	for _, id := range e.Covers {
		v.Add("covers", id)
	}
	for id, formal := range e.RefersTo {
		kind := "informal"
		if formal {
			kind = "formal"
		}
		v.Set("refers."+id, kind)
	}
	return v
}

// readBody reads resp's body.
func readAll(t testing.TB, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
