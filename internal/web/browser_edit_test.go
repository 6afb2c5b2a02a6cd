package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestBrowserEditService signs in as an NGO editor, edits the NGO's service
// in the form, and sees the change on the dashboard and in the history;
// then signs in as another organisation's editor and finds no way to edit
// it.
func TestBrowserEditService(t *testing.T) {
	static := realStatic(t)
	f := newEditFixtureStatic(t, static, func(c *Config, _ *auth.Config) { c.InsecureCookies = false })
	ts := httptest.NewServer(f.h)
	defer ts.Close()
	tab, _ := watch(t)

	login := func(email string) {
		t.Helper()
		run(t, tab,
			chromedp.Navigate(ts.URL+"/login"),
			chromedp.WaitVisible(chromedp.ID("email")),
			chromedp.SendKeys(chromedp.ID("email"), email),
			chromedp.SendKeys(chromedp.ID("password"), testPassword),
			chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS("table.manage, p.muted")),
		)
		if path := eval[string](t, tab, `location.pathname`); path != "/manage" {
			t.Fatalf("after signing in as %s the page is %s", email, path)
		}
	}

	login("editor@example.org")
	run(t, tab,
		chromedp.WaitVisible(chromedp.ID("row-rosa")),
		chromedp.Click(chromedp.CSS(`#row-rosa a[href="/manage/services/rosa/edit"]`)),
		chromedp.WaitVisible(chromedp.ID("f-funding")),
	)
	// The owner sees the confidential address in the form.
	if v := eval[string](t, tab, `document.getElementById('f-address').value`); v != secretAddr {
		t.Errorf("the address field holds %q", v)
	}
	run(t, tab,
		chromedp.SetValue(chromedp.ID("f-funding"), "permanent"),
		chromedp.SetValue(chromedp.ID("accepts-undocumented"), "full"),
		chromedp.SetValue(chromedp.ID("f-capacity"), ""),
		chromedp.SendKeys(chromedp.ID("f-capacity"), "16"),
		chromedp.Click(chromedp.CSS(`input[name=verified]`)),
		chromedp.Click(chromedp.CSS(`.service-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("saved")),
	)
	if got := eval[string](t, tab, `document.getElementById('saved').textContent`); !strings.Contains(got, "version 4") {
		t.Errorf("saved notice: %q", got)
	}
	if rosa := f.service("rosa"); rosa.Funding != "permanent" || rosa.Capacity != 16 || rosa.LastVerified == nil {
		t.Errorf("after the browser's save rosa = %+v", rosa)
	}

	// The dashboard shows the change at once.
	run(t, tab, chromedp.Navigate(ts.URL+"/landscape"), chromedp.WaitVisible(chromedp.CSS("table.services")))
	row := eval[string](t, tab, `document.querySelector('table.services a[href="/services/rosa"]').closest('tr').textContent`)
	if !strings.Contains(row, "permanent") {
		t.Errorf("the dashboard's ROSA row does not show the new funding: %q", row)
	}
	// The history shows who changed what.
	run(t, tab, chromedp.Navigate(ts.URL+"/manage/services/rosa/history"), chromedp.WaitVisible(chromedp.CSS("ol.history")))
	hist := eval[string](t, tab, `document.querySelector('ol.history li').innerText`)
	for _, want := range []string{"Version 4", "editor <editor@example.org>", "Funding", "project", "permanent", "Undocumented"} {
		if !strings.Contains(hist, want) {
			t.Errorf("the newest revision does not show %q:\n%s", want, hist)
		}
	}
	if n := eval[int](t, tab, `document.querySelectorAll('form[action$="/restore"]').length`); n != 0 {
		t.Errorf("an editor is offered %d restore buttons", n)
	}

	// Sign out, and in as the editor of another organisation.
	run(t, tab,
		chromedp.Click(chromedp.CSS(`form[action="/logout"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/login"]`)),
	)
	login("other@example.org")
	if n := eval[int](t, tab, `document.querySelectorAll('#row-rosa, a[href*="/manage/services/rosa/"]').length`); n != 0 {
		t.Errorf("another organisation's editor sees %d ways to ROSA's editing pages on /manage", n)
	}
	run(t, tab, chromedp.Navigate(ts.URL+"/services/rosa"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if n := eval[int](t, tab, `document.querySelectorAll('a[href*="/manage/services/rosa"], form[action*="/manage/services/rosa"]').length`); n != 0 {
		t.Errorf("ROSA's page offers another organisation's editor %d ways to edit", n)
	}
	if body := eval[string](t, tab, `document.body.innerText`); strings.Contains(body, secretAddr) {
		t.Error("another organisation's editor sees ROSA's confidential address")
	}
	// And the server refuses the way the page does not offer.
	if resp := f.getPage("/manage/services/rosa/edit", f.session(asOther)); resp.StatusCode != http.StatusForbidden {
		t.Errorf("another editor's direct GET of the form: %d", resp.StatusCode)
	}
}

// TestBrowserChangePassword: an editor changes their password on the
// account page, in the browser: a mismatch is shown at its field, the
// change keeps this browser signed in, and the new password signs in.
func TestBrowserChangePassword(t *testing.T) {
	static := realStatic(t)
	f := newEditFixtureStatic(t, static, func(c *Config, _ *auth.Config) { c.InsecureCookies = false })
	ts := httptest.NewServer(f.h)
	defer ts.Close()
	tab, w := watch(t)
	w.expect("status of 400 (Bad Request) (" + ts.URL + "/account/password")
	const next = "a brand new passphrase"

	run(t, tab,
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("email")),
		chromedp.SendKeys(chromedp.ID("email"), "editor@example.org"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("table.manage, p.muted")),
		chromedp.Navigate(ts.URL+"/account"),
		chromedp.WaitVisible(chromedp.ID("current_password")),
		chromedp.SendKeys(chromedp.ID("current_password"), testPassword),
		chromedp.SendKeys(chromedp.ID("new_password"), next),
		chromedp.SendKeys(chromedp.ID("confirm_password"), next+"!"),
		chromedp.Click(chromedp.CSS(`form[action="/account/password"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("confirm_password-error")),
	)
	if msg := eval[string](t, tab, `document.getElementById('confirm_password-error').textContent`); !strings.Contains(msg, "differ") {
		t.Errorf("the mismatch says %q", msg)
	}
	run(t, tab,
		chromedp.SendKeys(chromedp.ID("current_password"), testPassword),
		chromedp.SendKeys(chromedp.ID("new_password"), next),
		chromedp.SendKeys(chromedp.ID("confirm_password"), next),
		chromedp.Click(chromedp.CSS(`form[action="/account/password"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("p.notice")),
	)
	if path := eval[string](t, tab, `location.pathname + location.search`); path != "/account?password=changed" {
		t.Errorf("after the change the page is %s", path)
	}
	if msg := eval[string](t, tab, `document.querySelector('p.notice').textContent`); !strings.Contains(msg, "Your password is changed") {
		t.Errorf("the notice says %q", msg)
	}
	if _, _, err := f.accounts.Login(t.Context(), "editor@example.org", next, "192.0.2.77:1"); err != nil {
		t.Errorf("the new password does not sign in: %v", err)
	}
	if _, _, err := f.accounts.Login(t.Context(), "editor@example.org", testPassword, "192.0.2.78:1"); err == nil {
		t.Error("the old password still signs in")
	}
}
