package web

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/static"
)

// The names a hostile editor might give, and the address that must never
// be shown.
const (
	evilService = `</script><script>alert(1)</script>`
	evilOrg     = `<img src=x onerror=alert(1)>`
	secretAddr  = "Hemmeligveien 13"
)

// testLandscape returns a small hand-built landscape: ROSA (confidential
// address, partial and assumed acceptance), Laura's Hus (assumed, found as
// "lauras hus"), a clinic, their organisations, statuses, needs, a stage,
// a region, a group, sources, and a service and an organisation with
// hostile names.
func testLandscape(t testing.TB) *graph.Landscape {
	t.Helper()
	verified := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	nodes := []graph.Node{
		&graph.Source{Meta: graph.Meta{ID: "nkvts", Name: "NKVTS 2025", Year: 2025}, Kind: graph.SourceStudy,
			Authors: "Author, A.", Title: "Health care for victims of trafficking", URL: "https://example.org/nkvts"},
		&graph.Source{Meta: graph.Meta{ID: "rosa_web", Name: "ROSA website", Year: 2024}, Kind: graph.SourceWeb,
			Title: "About ROSA", URL: "javascript:alert(1)"},
		&graph.Organisation{Meta: graph.Meta{ID: "krisesenter", Name: "Krisesentersekretariatet"}, Kind: graph.OrgNGO},
		&graph.Organisation{Meta: graph.Meta{ID: "oslo", Name: "City of Oslo", NameNB: "Oslo kommune"}, Kind: graph.OrgMunicipal},
		&graph.Organisation{Meta: graph.Meta{ID: "evilorg", Name: evilOrg}, Kind: graph.OrgPrivate},
		&graph.Service{Meta: graph.Meta{ID: "rosa", Version: 3, Name: "ROSA", Year: 2025},
			Description: "Shelter and help for women.", Sector: graph.SectorShelter, Funding: graph.FundingProject,
			City: "Oslo", Address: secretAddr, ConfidentialAddress: true, Genders: []graph.Gender{graph.Female},
			Capacity: 12, Languages: []string{"no", "en"}, Phone: "+47 22 33 44 55", Email: "rosa@example.org",
			OpeningHours: "24/7", LastVerified: &verified},
		&graph.Service{Meta: graph.Meta{ID: "laura", Version: 1, Name: "Laura's Hus", Confidence: graph.Assumed},
			AltNames: []string{"Lauras hus"}, Sector: graph.SectorShelter, Funding: graph.FundingVolunteer, City: "Oslo",
			Address: "Storgata 1", CapacityLimited: true},
		&graph.Service{Meta: graph.Meta{ID: "clinic", Version: 1, Name: "Health Centre for Undocumented Migrants", NameNB: "Helsesenteret for papirløse migranter"},
			Sector: graph.SectorHealth, Funding: graph.FundingProject, City: "Oslo"},
		&graph.Service{Meta: graph.Meta{ID: "evil", Version: 1, Name: evilService}, Sector: graph.SectorSocial, Funding: graph.FundingProject},
		&graph.Status{Meta: graph.Meta{ID: "undocumented", Name: "Undocumented", NameNB: "Uten lovlig opphold"}},
		&graph.Status{Meta: graph.Meta{ID: "reflection", Name: "Reflection period", NameNB: "Refleksjonsperiode"}},
		&graph.Need{Meta: graph.Meta{ID: "shelter", Name: "Safe accommodation", NameNB: "Trygt bosted"}, Category: graph.CategoryShelter},
		&graph.Need{Meta: graph.Meta{ID: "gp", Name: "GP and primary care"}, Category: graph.CategoryHealth},
		&graph.Stage{Meta: graph.Meta{ID: "first_contact", Name: "First contact"}, Order: 1},
		&graph.Stage{Meta: graph.Meta{ID: "stabilisation", Name: "Reflection and stabilisation"}, Order: 3},
		&graph.Exploitation{Meta: graph.Meta{ID: "sexual", Name: "Sexual exploitation"}},
		&graph.Region{Meta: graph.Meta{ID: "norway", Name: "Norway", NameNB: "Norge"}, Level: graph.LevelCountry},
		&graph.Group{Meta: graph.Meta{ID: "boys", Name: "Unaccompanied boys"}, SizeEstimate: 3},
	}
	edges := []graph.Edge{
		{Type: graph.EdgeRunBy, From: "rosa", To: "krisesenter", Sources: []string{"rosa_web"}},
		{Type: graph.EdgeRunBy, From: "laura", To: "oslo"},
		{Type: graph.EdgeRunBy, From: "clinic", To: "oslo"},
		{Type: graph.EdgeRunBy, From: "evil", To: "evilorg"},
		{Type: graph.EdgeAccepts, From: "rosa", To: "reflection", Sources: []string{"nkvts"}, Year: 2025},
		{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented", Extent: graph.ExtentPartial,
			Confidence: graph.Assumed, Note: "only help that cannot wait"},
		{Type: graph.EdgeAccepts, From: "clinic", To: "undocumented", Sources: []string{"nkvts"}},
		{Type: graph.EdgeMeets, From: "rosa", To: "shelter", Sources: []string{"nkvts"}},
		{Type: graph.EdgeMeets, From: "laura", To: "shelter"},
		{Type: graph.EdgeMeets, From: "clinic", To: "gp", Extent: graph.ExtentPartial, Sources: []string{"nkvts"}},
		{Type: graph.EdgeMeets, From: "evil", To: "gp"},
		{Type: graph.EdgeAtStage, From: "rosa", To: "stabilisation"},
		{Type: graph.EdgeAtStage, From: "rosa", To: "first_contact"},
		{Type: graph.EdgeServes, From: "rosa", To: "sexual"},
		{Type: graph.EdgeCovers, From: "rosa", To: "norway"},
		{Type: graph.EdgeRefersTo, From: "rosa", To: "clinic", Formal: true},
		{Type: graph.EdgeRefersTo, From: "laura", To: "rosa"},
		{Type: graph.EdgeSourcedFrom, From: "rosa", To: "rosa_web"},
		{Type: graph.EdgeSourcedFrom, From: "laura", To: "nkvts"},
		{Type: graph.EdgeSourcedFrom, From: "clinic", To: "nkvts"},
	}
	l, err := graph.NewLandscape(42, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fixed is a Landscapes that always returns l.
type fixed struct{ l *graph.Landscape }

func (f fixed) Landscape() *graph.Landscape { return f.l }

// versioner is a Versioner that returns err.
type versioner struct{ err error }

func (v versioner) Version(context.Context) (int64, error) { return 42, v.err }

// fakeStatic is a static directory with a stand-in ECharts script.
func fakeStatic(t testing.TB, withECharts bool) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	for _, name := range []string{"app.js", "gapmap.css"} {
		b, err := fs.ReadFile(static.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = &fstest.MapFile{Data: b}
	}
	if withECharts {
		m[static.EChartsPath] = &fstest.MapFile{Data: []byte("/* stand-in */")}
	}
	return m
}

// testServer returns a server on l with a stand-in ECharts, a store that
// answers, and its log.
func testServer(t testing.TB, l *graph.Landscape) (*Server, *bytes.Buffer) {
	t.Helper()
	return testServerWith(t, fixed{l}, versioner{}, fakeStatic(t, true))
}

func testServerWith(t testing.TB, lv Landscapes, store Versioner, static fs.FS) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := newServer(Config{}, lv, store, log, static)
	if err != nil {
		t.Fatal(err)
	}
	return s, &logs
}

// get serves a GET of path and returns the response.
func get(t testing.TB, h http.Handler, path string, header ...string) *http.Response {
	t.Helper()
	return do(t, h, http.MethodGet, path, header...)
}

// do serves a request and returns the response; header is name, value, ...
func do(t testing.TB, h http.Handler, method, path string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

// body reads the body of resp.
func body(t testing.TB, resp *http.Response) string {
	t.Helper()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var errStoreDown = errors.New("dial tcp 10.0.0.7:7687: connection refused")
