package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
)

// The names planted in the store, bypassing the API's checks.
const (
	nulName     = "Health\x00Centre \x1b[2J"
	formulaName = "=HYPERLINK(\"https://evil.example\",\"click\")\x00"
)

// hostileStoreServer returns an export server on a real embedded store
// that holds testLandscape with the clinic's name holding a NUL and an
// escape code and ROSA's a formula and a NUL, written to the store
// directly as an old version or another tool might have.
func hostileStoreServer(t *testing.T) *Server {
	t.Helper()
	ctx := context.Background()
	st, err := embedded.Open(ctx, filepath.Join(t.TempDir(), "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c := &graph.Change{Actor: "seed", Reason: "hostile names"}
	for _, n := range testLandscape(t).AllNodes() {
		if svc, ok := n.(*graph.Service); ok && (svc.ID == "clinic" || svc.ID == "rosa") {
			cp := *svc
			cp.Name = map[string]string{"clinic": nulName, "rosa": formulaName}[svc.ID]
			n = &cp
		}
		c.Create(n)
	}
	for _, e := range testLandscape(t).Edges() {
		c.PutEdge(e)
	}
	if _, err := st.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	live, err := graph.NewLive(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newServer(Config{}, live, st, slog.New(slog.DiscardHandler), fakeStatic(t, true),
		WithExports(Exports{Renderer: exportRenderer(t), Gapmap: "test", Now: func() time.Time { return exportDay }}))
	if err != nil {
		t.Fatal(err)
	}
	if svc, err := graph.Lookup[*graph.Service](live.Landscape(), "clinic"); err != nil || svc.Name != nulName {
		t.Fatalf("the store did not keep the NUL name: %v", err)
	}
	return s
}

// checkCSV fails t if a cell of the CSV b starts a formula or holds a NUL.
func checkCSV(t *testing.T, what string, b []byte) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, r := range records {
		for _, cell := range r {
			if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) || strings.ContainsAny(cell, "\x00\x1b") {
				t.Errorf("%s: cell %q", what, cell)
			}
		}
	}
}

// TestExportsSurviveStoredNUL: with a NUL in a stored service name, the
// Landscape and Criticality SVG and PDF exports, the CSV and the GRETA pack
// are made for everyone, without the NUL, and a formula name is text in
// every CSV.
func TestExportsSurviveStoredNUL(t *testing.T) {
	s := hostileStoreServer(t)
	h := s.Handler()
	for _, path := range []string{"/exports/landscape.svg", "/exports/criticality.svg", "/exports/landscape.pdf", "/exports/criticality.pdf", "/exports/criticality.csv"} {
		resp := get(t, h, path+"?lang=en")
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d %.300s", path, resp.StatusCode, b)
			continue
		}
		switch {
		case strings.HasSuffix(path, ".svg"):
			mustContain(t, path, string(b), map[bool]string{true: "HealthCentre [2J", false: "HYPERLINK("}[strings.Contains(path, "landscape")])
			if bytes.ContainsAny(b, "\x00\x1b") {
				t.Errorf("%s holds the NUL or the escape", path)
			}
		case strings.HasSuffix(path, ".csv"):
			mustContain(t, path, string(b), `'=HYPERLINK`)
			checkCSV(t, path, b)
		}
	}

	data := makePack(t, h)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	formulas := 0
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, ".csv") {
			checkCSV(t, "the pack's "+f.Name, b)
			formulas += bytes.Count(b, []byte(`'=HYPERLINK`))
		}
	}
	if formulas == 0 {
		t.Error("no CSV of the pack names the service with a formula name")
	}
}

// makePack starts a pack of every usual dashboard and returns it once made.
func makePack(t *testing.T, h http.Handler) []byte {
	t.Helper()
	resp := do(t, h, http.MethodPost, "/exports/pack?lang=en")
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST /exports/pack: %d %s", resp.StatusCode, body(t, resp))
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		page := body(t, get(t, h, loc))
		if strings.Contains(page, "could not be made") {
			t.Fatalf("the pack failed:\n%s", page)
		}
		if m := regexp.MustCompile(`href="(/exports/jobs/[0-9a-f]+/download)"`).FindStringSubmatch(page); m != nil {
			resp := get(t, h, m[1])
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("download: %d", resp.StatusCode)
			}
			return []byte(body(t, resp))
		}
		if time.Now().After(deadline) {
			t.Fatalf("the pack is not ready:\n%s", page)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
