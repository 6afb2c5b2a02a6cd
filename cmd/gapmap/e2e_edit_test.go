package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEndToEndEditing builds the binary, adds an editor of ROSA's
// organisation from the command line, starts gapmap serve (on plain http on
// localhost, the one place the Secure cookie flag may be off), signs in,
// makes an API token on the account page, and edits ROSA through the API:
// the public API shows the edit at once.
func TestEndToEndEditing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "gapmap")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := t.TempDir()
	gapmap := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = t.TempDir()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("gapmap %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	gapmap("seed", "--data", data)
	out := gapmap("user", "add", "--email", "kari@rosa.example", "--name", "Kari", "--org", "krisesentersekretariatet", "--data", data)
	password := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(out)[1]

	t.Setenv("GAPMAP_AUTH_COOKIE_SECURE", "false")
	addr := freeAddr(t)
	srv := startServer(t, bin, addr, data)
	base := "http://" + addr
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	resp, err := noRedirect.PostForm(base+"/login", url.Values{"email": {"kari@rosa.example"}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) != 1 {
		t.Fatalf("sign-in: %s, cookies %v", resp.Status, resp.Cookies())
	}
	cookie := resp.Cookies()[0]

	req, _ := http.NewRequest(http.MethodPost, base+"/account/tokens", strings.NewReader("name=e2e"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookie)
	resp, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	token := regexp.MustCompile(`gmp_[A-Za-z0-9_-]{43}`).FindString(string(page))
	if resp.StatusCode != http.StatusCreated || token == "" {
		t.Fatalf("create token: %s", resp.Status)
	}

	etag := getETag(t, base+"/api/v1/services/rosa")
	req, _ = http.NewRequest(http.MethodPatch, base+"/api/v1/services/rosa", strings.NewReader(`{"opening_hours": "Mon–Fri 08–16", "verified_today": true}`))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("If-Match", etag)
	req.Header.Set("Content-Type", "application/merge-patch+json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("PATCH: %s\n%s", resp.Status, body)
	}
	var svc struct {
		OpeningHours string `json:"opening_hours"`
		LastVerified string `json:"last_verified"`
	}
	if err := json.Unmarshal([]byte(get(t, base+"/api/v1/services/rosa", "application/json")), &svc); err != nil {
		t.Fatal(err)
	}
	if svc.OpeningHours != "Mon–Fri 08–16" || svc.LastVerified == "" {
		t.Errorf("the public API after the PATCH: %+v", svc)
	}
	srv.stop(t)
	if strings.Contains(srv.logs(), password) || strings.Contains(srv.logs(), token) {
		t.Error("the server logged a password or a token")
	}
}

// getETag returns the ETag of a GET of url.
func getETag(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.Header.Get("ETag")
}
