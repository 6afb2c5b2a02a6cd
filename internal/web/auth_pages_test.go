package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestCrossOriginFormRefused is the CSRF test: a form posted from another
// site with a signed-in user's cookie is refused, and changes nothing,
// whether the browser says so with Sec-Fetch-Site or only with Origin.
func TestCrossOriginFormRefused(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	form := f.formOfService("rosa")
	form.Set("funding", "volunteer")
	before := f.live.Landscape().Version()
	for _, test := range []struct {
		name   string
		header []string
		want   int
	}{
		{"cross-site", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"same-site, other origin", []string{"Sec-Fetch-Site", "same-site"}, http.StatusForbidden},
		{"old browser, other origin", []string{"Sec-Fetch-Site", "", "Origin", "https://evil.example"}, http.StatusForbidden},
	} {
		resp := f.postForm("/manage/services/rosa/edit", secret, form, test.header...)
		if resp.StatusCode != test.want {
			t.Errorf("%s: status %d, want %d", test.name, resp.StatusCode, test.want)
		}
	}
	// Sign-in and sign-out are forms too.
	if resp := f.request(http.MethodPost, "/login", strings.NewReader("email=editor%40example.org&password=x"),
		"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site sign-in: %d", resp.StatusCode)
	}
	if resp := f.request(http.MethodPost, "/logout", nil, "Cookie", f.cookie(secret), "Sec-Fetch-Site", "cross-site"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site sign-out: %d", resp.StatusCode)
	}
	if v := f.live.Landscape().Version(); v != before || f.service("rosa").Funding != "project" {
		t.Errorf("a refused cross-origin post changed the landscape")
	}
	if _, _, err := f.accounts.SessionUser(context.Background(), secret); err != nil {
		t.Errorf("a cross-site sign-out ended the session: %v", err)
	}
	// The same post from gapmap's own page is accepted.
	if resp := f.postForm("/manage/services/rosa/edit", secret, form); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin post: %d", resp.StatusCode)
	}
}

// TestLoginPage signs in through the form: the cookie's flags, the redirect
// to where the user was going, one message for every failure, and the limit
// with 429 and Retry-After.
func TestLoginPage(t *testing.T) {
	f := newEditFixture(t)
	login := func(email, pw, next string) *http.Response {
		return f.request(http.MethodPost, "/login", strings.NewReader(url.Values{"email": {email}, "password": {pw}, "next": {next}}.Encode()),
			"Content-Type", "application/x-www-form-urlencoded")
	}
	// A page that needs a sign-in sends there and back.
	resp := f.getPage("/manage/services/rosa/edit", "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fmanage%2Fservices%2Frosa%2Fedit" {
		t.Fatalf("GET edit signed out: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp = login("editor@example.org", testPassword, "/manage/services/rosa/edit")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/manage/services/rosa/edit" {
		t.Fatalf("sign-in: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	c := resp.Cookies()
	if len(c) != 1 || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode || c[0].Path != "/" || c[0].Value == "" {
		t.Fatalf("session cookie = %+v", c)
	}
	if resp := f.getPage("/manage", c[0].Value); resp.StatusCode != http.StatusOK {
		t.Errorf("with the cookie, /manage: %d", resp.StatusCode)
	}
	// An open redirect is refused.
	if resp := login("editor@example.org", testPassword, "//evil.example/x"); resp.Header.Get("Location") != "/manage" {
		t.Errorf("next=//evil.example: Location %q", resp.Header.Get("Location"))
	}
	// Failures.
	for _, try := range []struct{ email, pw string }{{"editor@example.org", "wrong password"}, {"nobody@example.org", testPassword}} {
		resp := login(try.email, try.pw, "")
		body := readAll(t, resp)
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Wrong email or password.") || len(resp.Cookies()) != 0 {
			t.Errorf("%s: %d", try.email, resp.StatusCode)
		}
		if strings.Contains(f.logs.String(), try.pw) {
			t.Errorf("a password was logged")
		}
	}
	for range 4 {
		login("editor@example.org", "wrong password", "")
	}
	resp = login("editor@example.org", testPassword, "")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || len(resp.Cookies()) != 0 {
		t.Errorf("the right password after 5 failures: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// TestSessionsEnd checks that logout and disabling a user end sessions at
// once, and that the Secure cookie is the default.
func TestSessionsEnd(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	resp := f.request(http.MethodPost, "/logout", nil, "Cookie", f.cookie(secret), "Sec-Fetch-Site", "same-origin")
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 || resp.Cookies()[0].MaxAge >= 0 {
		t.Errorf("logout: %d, cookies %+v", resp.StatusCode, resp.Cookies())
	}
	if resp := f.getPage("/manage", secret); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the session works after logout: %d", resp.StatusCode)
	}

	other := f.session(asOther)
	admin := f.session(asAdmin)
	if resp := f.postForm("/admin/users/"+f.users[asOther].ID+"/disable", admin, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: %d", resp.StatusCode)
	}
	if resp := f.getPage("/manage", other); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a disabled user's session works: %d", resp.StatusCode)
	}
	// An administrator cannot lock themself out.
	if resp := f.postForm("/admin/users/"+f.users[asAdmin].ID+"/disable", admin, nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("self-disable: %d", resp.StatusCode)
	}

	secure := newEditFixture(t, func(c *Config, _ *auth.Config) { c.InsecureCookies = false })
	resp = secure.request(http.MethodPost, "/login", strings.NewReader("email=editor%40example.org&password="+url.QueryEscape(testPassword)),
		"Content-Type", "application/x-www-form-urlencoded")
	if c := resp.Cookies(); len(c) != 1 || !c[0].Secure || c[0].Name != "__Host-gapmap_session" {
		t.Errorf("default cookie = %+v; want Secure with the __Host- prefix", c)
	}
}
