package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/seed"
)

var norway = sync.OnceValues(func() (*graph.Landscape, error) {
	s, err := seed.Load(seed.Norway(), ".")
	if err != nil {
		return nil, err
	}
	return s.Landscape()
})

func norwayServer(t *testing.T) http.Handler {
	t.Helper()
	l, err := norway()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := testServer(t, l)
	return s.Handler()
}

func decodeResult(t *testing.T, resp *http.Response) *gap.Result {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %s: %s", resp.Status, body(t, resp))
	}
	var res gap.Result
	if err := json.NewDecoder(resp.Body).Decode(&res); err != nil {
		t.Fatal(err)
	}
	return &res
}

// TestAPIGapsUndocumentedAdults asks what the NKVTS summary describes: an
// undocumented adult in Oslo is entitled to emergency care by law but has no
// right to a GP; only the Health Centre for Undocumented Migrants gives
// primary care.
func TestAPIGapsUndocumentedAdults(t *testing.T) {
	h := norwayServer(t)
	res := decodeResult(t, get(t, h, "/api/v1/gaps?status=undocumented&age=adult&gender=female&region=oslo&need=health_primary,health_emergency&exploitation=sexual&limit=10000"))

	if res.Profiles != 1 {
		t.Fatalf("profiles = %d, want 1", res.Profiles)
	}
	var primaryCovering []string
	for _, g := range res.Gaps {
		if g.Need == "health_primary" && g.Entitlement != nil {
			t.Errorf("health_primary at %s: entitlement %+v; undocumented adults have no right to a GP", g.Stage, g.Entitlement)
		}
		if g.Need == "health_primary" && g.Stage == "first_contact" {
			for _, c := range g.Covering {
				primaryCovering = append(primaryCovering, c.ID)
			}
		}
		if g.Need == "health_emergency" && slices.Contains(g.Kinds, gap.KindEntitledUnserved) {
			t.Errorf("health_emergency at %s is entitled but unserved; the emergency room accepts everyone", g.Stage)
		}
	}
	if !slices.Equal(primaryCovering, []string{"hs_papirlose_osl"}) {
		t.Errorf("primary care at first contact covered by %v, want only hs_papirlose_osl", primaryCovering)
	}
}

func TestAPIGapsBadFilters(t *testing.T) {
	h := norwayServer(t)
	for _, test := range []struct {
		path, field string
	}{
		{"/api/v1/gaps?gender=robot", "gender"},
		{"/api/v1/gaps?age=old", "age"},
		{"/api/v1/gaps?kind=everything", "kind"},
		{"/api/v1/gaps?limit=many", "limit"},
		{"/api/v1/gaps?limit=-1", "limit"},        // every gap at once: page with offset instead
		{"/api/v1/gaps?limit=10001", "10000"},     // above MaxLimit
		{"/api/v1/transitions?limit=-1", "limit"}, // the same cap on every gap endpoint
		{"/api/v1/gaps?status=nowhere", "nowhere"},
	} {
		resp := get(t, h, test.path)
		b := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: %s %s, want 400 problem+json", test.path, resp.Status, resp.Header.Get("Content-Type"))
		}
		if !strings.Contains(b, test.field) {
			t.Errorf("%s: problem %s does not name %q", test.path, b, test.field)
		}
	}
}

// TestAPITransitions: when the reflection period ends without a new permit,
// the person loses the right to a GP.
func TestAPITransitions(t *testing.T) {
	res := decodeResult(t, get(t, norwayServer(t), "/api/v1/transitions?status=reflection,undocumented"))
	for _, tr := range res.Transitions {
		if tr.From == "reflection" && tr.To == "undocumented" {
			if !slices.ContainsFunc(tr.EntitlementsLost, func(e gap.EntitlementLoss) bool { return e.Need == "health_primary" }) {
				t.Errorf("reflection -> undocumented loses rights %+v, want health_primary among them", tr.EntitlementsLost)
			}
			return
		}
	}
	t.Errorf("no reflection -> undocumented transition in %d transitions", len(res.Transitions))
}

func TestAPIGroupGapsAndCriticality(t *testing.T) {
	h := norwayServer(t)
	res := decodeResult(t, get(t, h, "/api/v1/groups/nigerian_women_street_oslo/gaps"))
	if len(res.GroupFragmentation) != 1 || res.GroupFragmentation[0].Group != "nigerian_women_street_oslo" {
		t.Errorf("group fragmentation = %+v, want the group's", res.GroupFragmentation)
	}

	res = decodeResult(t, get(t, h, "/api/v1/services/hs_papirlose_osl/criticality"))
	if len(res.Criticality) != 1 || res.Criticality[0].Cells == 0 {
		t.Errorf("criticality of hs_papirlose_osl = %+v, want cells only it covers", res.Criticality)
	}

	for _, path := range []string{"/api/v1/groups/nobody/gaps", "/api/v1/services/nothing/criticality"} {
		if resp := get(t, h, path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s, want 404", path, resp.Status)
		}
	}
}

// TestAPIScenario: granting undocumented adults a GP, and letting the GP
// accept them, closes gaps and opens none.
func TestAPIScenario(t *testing.T) {
	h := norwayServer(t)
	scenario := `
name: A GP for undocumented adults
changes:
  - kind: grant_entitlement
    status: undocumented
    need: health_primary
    legal_basis: hypothetical amendment of the priority regulation
  - kind: widen
    service: fastlege
    statuses: [undocumented]
`
	req := httptest.NewRequest(http.MethodPost, "/api/v1/scenarios/analyse?status=undocumented&need=health_primary", strings.NewReader(scenario))
	req.Header.Set("Content-Type", "application/yaml")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := decodeResult(t, rec.Result())
	if res.Diff == nil || res.Diff.ClosedTotal == 0 {
		t.Fatalf("diff = %+v, want gaps closed", res.Diff)
	}
	if res.Diff.Opened.Uncovered != 0 {
		t.Errorf("the scenario opened %d uncovered cells, want 0", res.Diff.Opened.Uncovered)
	}

	bad := httptest.NewRequest(http.MethodPost, "/api/v1/scenarios/analyse", strings.NewReader("changes:\n  - kind: demolish\n"))
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, bad)
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "changes[0]") {
		t.Errorf("bad scenario: %d %s, want 400 naming changes[0]", rec.Code, rec.Body)
	}
}
