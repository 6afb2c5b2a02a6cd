package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEndToEnd builds the real binary, starts `gapmap serve` on a free port
// with an empty data directory, and uses it as a policymaker would: the
// landscape page, the services API and a service page, then stops it with
// SIGTERM and expects a clean exit.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "gapmap")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	addr := freeAddr(t)
	data := t.TempDir()
	srv := startServer(t, bin, addr, data)

	base := "http://" + addr
	page := get(t, base+"/landscape", "text/html")
	for _, want := range []string{"ROSA", "Nadheim", "Lauras hus"} {
		if !strings.Contains(page, want) {
			t.Errorf("/landscape does not contain %q", want)
		}
	}
	// The page script is linked by its content-hashed URL, and served.
	if app := regexp.MustCompile(`/static/app\.[0-9a-f]{16}\.js`).FindString(page); app == "" {
		t.Errorf("/ links no hashed /static/app.*.js")
	} else if js := get(t, base+app, "text/javascript"); !strings.Contains(js, "JSON.parse") {
		t.Errorf("%s is not the page script", app)
	}

	var list struct {
		Services []struct {
			ID           string   `json:"id"`
			Name         string   `json:"name"`
			Sources      []string `json:"sources"`
			Organisation struct {
				ID string `json:"id"`
			} `json:"organisation"`
		} `json:"services"`
	}
	if err := json.Unmarshal([]byte(get(t, base+"/api/v1/services", "application/json")), &list); err != nil {
		t.Fatalf("decode /api/v1/services: %v", err)
	}
	if len(list.Services) < 20 {
		t.Errorf("/api/v1/services lists %d services, want at least 20", len(list.Services))
	}
	seen := map[string]bool{}
	for _, s := range list.Services {
		seen[s.ID] = true
		if len(s.Sources) == 0 {
			t.Errorf("service %s has no sources", s.ID)
		}
		if s.Organisation.ID == "" {
			t.Errorf("service %s has no organisation", s.ID)
		}
	}
	for _, id := range []string{"rosa", "nadheim", "lauras_hus", "hs_papirlose_osl", "hs_papirlose_bgo"} {
		if !seen[id] {
			t.Errorf("/api/v1/services lacks %s", id)
		}
	}

	profile := get(t, base+"/services/rosa", "text/html")
	for _, want := range []string{"ROSA", "Krisesentersekretariatet", "nkvts2025"} {
		if !strings.Contains(profile, want) {
			t.Errorf("/services/rosa does not contain %q", want)
		}
	}

	srv.stop(t)

	// A second start on the same data directory serves the same landscape
	// without seeding again.
	srv = startServer(t, bin, addr, data)
	if !strings.Contains(get(t, base+"/services/nadheim", "text/html"), "Nadheim") {
		t.Error("the landscape did not survive a restart")
	}
	if strings.Contains(srv.logs(), "seed loaded") {
		t.Error("the second start loaded the seed again")
	}
	srv.stop(t)
}

type server struct {
	cmd *exec.Cmd
	out *strings.Builder
	log chan string
}

func startServer(t *testing.T, bin, addr, data string) *server {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--data", data)
	cmd.Dir = t.TempDir() // no gapmap.yaml around
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, out: &strings.Builder{}, log: make(chan string, 1)}
	go func() {
		var b strings.Builder
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			b.WriteString(sc.Text() + "\n")
		}
		s.log <- b.String()
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill() })

	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("gapmap serve not ready after 30s; log:\n%s", <-s.log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop sends SIGTERM and expects a graceful exit with status 0.
func (s *server) stop(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		s.out.WriteString(<-s.log)
		if err != nil {
			t.Fatalf("gapmap serve exited with %v after SIGTERM; log:\n%s", err, s.out)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("gapmap serve did not stop within 20s of SIGTERM")
	}
}

func (s *server) logs() string { return s.out.String() }

func get(t *testing.T, url, wantType string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s\n%s", url, resp.Status, body)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, wantType) {
		t.Errorf("GET %s: Content-Type %q, want %s", url, ct, wantType)
	}
	return string(body)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprintf("127.0.0.1:%d", l.Addr().(*net.TCPAddr).Port)
}
