package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/echartsjs"
	"github.com/gapmap/gapmap/internal/pack"
)

// needChartExport skips t unless this build can draw charts: Chromium at
// hand and ECharts embedded. In CI (CI set), it fails instead.
func needChartExport(t *testing.T) {
	t.Helper()
	what := ""
	if _, ok := echartsjs.Script(); !ok {
		what = "ECharts in internal/echartsjs/dist (make assets)"
	} else if err := chart.NewRenderer(chart.RendererOptions{}).Check(); err != nil {
		what = "Chromium (apt-get install -y chromium)"
	}
	if what == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("CI is set and %s is missing: the chart export tests must run in CI", what)
	}
	t.Skipf("%s is missing; skipping", what)
}

func TestExportChart(t *testing.T) {
	needChartExport(t)
	data := seeded(t)
	dir := t.TempDir()
	filters := []string{"--data", data, "--status", "undocumented", "--date", "2026-03-01"}
	for _, test := range []struct {
		name  string
		args  []string
		check func(t *testing.T, b []byte)
	}{
		{"coverage.svg", []string{"--dashboard", "coverage"}, func(t *testing.T, b []byte) {
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("the SVG is not XML: %v", err)
			}
			for _, want := range []string{"Coverage of each group", "Filters: Residency status: ", "version 1, last changed 20", " UTC, exported 2026-03-01", "Sources: "} {
				if !bytes.Contains(b, []byte(want)) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
		}},
		{"pathways.png", []string{"--dashboard", "pathways", "--scale", "2", "--lang", "nb"}, func(t *testing.T, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil || img.Bounds().Dx() != 2*chart.ChartWidth {
				t.Errorf("the PNG at 2×: %v", err)
			}
		}},
		{"transitions.pdf", []string{"--dashboard", "transitions"}, func(t *testing.T, b []byte) {
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("the PDF starts with %q", b[:min(len(b), 8)])
			}
		}},
	} {
		t.Run(test.name, func(t *testing.T) {
			file := filepath.Join(dir, test.name)
			args := append(append([]string{"export", "chart", "--out", file}, test.args...), filters...)
			if code, _, errOut := run(t, args...); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			test.check(t, b)
		})
	}
}

func TestExportChartUsage(t *testing.T) {
	for _, test := range []struct {
		args []string
		want string
	}{
		{[]string{"--dashboard", "coverage", "--format", "gif"}, `--format: unknown format "gif"`},
		{[]string{"--dashboard", "coverage", "--scale", "9"}, "--scale: 9 is not from 1 to 4"},
		{[]string{"--dashboard", "nope"}, `--dashboard: no dashboard "nope"`},
		{[]string{"--dashboard", "coverage", "--lang", "de"}, `--lang: unknown language "de"`},
		{[]string{"--dashboard", "coverage", "--date", "1 March"}, `--date: "1 March" is not a date`},
		{[]string{"--dashboard", "coverage", "--gender", "robot"}, `--gender: unknown gender "robot"`},
		{[]string{}, "--dashboard: name the dashboard: landscape, coverage"},
	} {
		code, _, errOut := run(t, append([]string{"export", "chart", "--data", t.TempDir(), "--out", filepath.Join(t.TempDir(), "x.svg")}, test.args...)...)
		if code != 2 || !strings.Contains(errOut, test.want) {
			t.Errorf("%q: exit %d, %q; want 2 and %q", test.args, code, errOut, test.want)
		}
	}
}

func TestExportDashboardTable(t *testing.T) {
	data := seeded(t)
	code, out, errOut := run(t, "export", "table", "--data", data, "--dashboard", "coverage", "--format", "csv", "--lang", "nb", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "Offergruppe,Behov,") || strings.Count(out, "\n") < 10 {
		t.Errorf("the coverage table in Norwegian:\n%.500s", out)
	}
	// For Excel on Norwegian settings: a byte-order mark, semicolons, and
	// the pathways weight with a decimal comma.
	code, out, errOut = run(t, "export", "table", "--data", data, "--dashboard", "pathways", "--lang", "nb", "--csv", "excel", "--out", "-")
	if code != 0 {
		t.Fatalf("--csv excel: exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "\uFEFFOffergruppe;Oppholdsstatus;") || !strings.Contains(out, "\r\n") || !regexp.MustCompile(`;[0-9]+,[0-9];`).MatchString(out) {
		t.Errorf("the pathways table for Excel:\n%.600q", out)
	}
	code, _, errOut = run(t, "export", "table", "--data", data, "--dashboard", "coverage", "--limit", "5")
	if code != 2 || !strings.Contains(errOut, "--kind and --limit are for the gaps table") {
		t.Errorf("--dashboard with --limit: exit %d, %q", code, errOut)
	}
	// Without Chromium the tables still export, and a chart says why not.
	t.Setenv("GAPMAP_EXPORT_CHROMIUM", "/bin/false")
	file := filepath.Join(t.TempDir(), "c.xlsx")
	if code, _, errOut := run(t, "export", "table", "--data", data, "--dashboard", "pathways", "--format", "xlsx", "--out", file); code != 0 {
		t.Errorf("table without Chromium: exit %d: %s", code, errOut)
	}
	if _, _, errOut := run(t, "export", "chart", "--data", data, "--dashboard", "pathways", "--out", filepath.Join(t.TempDir(), "c.svg")); !strings.Contains(errOut, "chart export could not start Chromium (/bin/false)") {
		t.Errorf("chart without Chromium: %q", errOut)
	}
}

func TestExportPack(t *testing.T) {
	needChartExport(t)
	data := seeded(t)
	dir := t.TempDir()
	args := []string{"export", "pack", "--data", data, "--status", "undocumented", "--dashboards", "coverage,transitions", "--date", "2026-03-01", "--lang", "nb"}
	read := func(file string) map[string][]byte {
		t.Helper()
		zr, err := zip.OpenReader(file)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		files := map[string][]byte{}
		for _, f := range zr.File {
			rc, _ := f.Open()
			files[f.Name], _ = io.ReadAll(rc)
			rc.Close()
		}
		return files
	}
	first := filepath.Join(dir, "pack.zip")
	code, _, errOut := run(t, append(args, "--out", first)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Standard error is not a terminal: a line per step.
	for _, want := range []string{"export pack: 0/9 build coverage\n", "export pack: 3/9 build transitions\n", "export pack: 9/9 done\n", "wrote " + first} {
		if !strings.Contains(errOut, want) {
			t.Errorf("standard error lacks %q:\n%s", want, errOut)
		}
	}
	files := read(first)
	var m pack.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	wantCmd := "gapmap export pack --out pack.zip --data " + data + " --lang nb --date 2026-03-01 --dashboards coverage,transitions --status undocumented"
	if m.Command != wantCmd || m.DataVersion != 1 || m.Language != "nb" {
		t.Errorf("manifest: command %q, version %d, language %q; want %q", m.Command, m.DataVersion, m.Language, wantCmd)
	}
	for _, f := range m.Files {
		if sum := sha256.Sum256(files[f.Path]); hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: the manifest's SHA-256 is not the file's", f.Path)
		}
	}
	// The manifest's command, run as it stands by a shell in another
	// directory (on another day), makes the same pack again, byte for byte.
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "gapmap"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	elsewhere := t.TempDir()
	sh := exec.Command("sh", "-c", m.Command)
	sh.Dir = elsewhere
	sh.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	if out, err := sh.CombinedOutput(); err != nil {
		t.Fatalf("the manifest's command: %v\n%s", err, out)
	}
	want, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(elsewhere, "pack.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, got) {
		second := read(filepath.Join(elsewhere, "pack.zip"))
		for name, b := range files {
			if !bytes.Equal(b, second[name]) {
				t.Errorf("%s differs when made again with the manifest's command", name)
			}
		}
		t.Errorf("the pack made again with the manifest's command is not the same file")
	}
	if code, _, errOut := run(t, "export", "pack", "--data", data, "--dashboards", "nope", "--out", filepath.Join(dir, "x.zip")); code != 2 || !strings.Contains(errOut, `no dashboard "nope"`) {
		t.Errorf("--dashboards nope: exit %d, %q", code, errOut)
	}
}
