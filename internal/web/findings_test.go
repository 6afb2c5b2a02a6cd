package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestAPIFindings: GET /api/v1/findings with the filters of /api/v1/gaps
// states every gap those filters find, each finding with what a reader
// needs to cite it, and with its assumed facts marked.
func TestAPIFindings(t *testing.T) {
	h := norwayServer(t)
	filters := "status=undocumented,rejected_asylum&age=adult&need=health_primary,health_emergency"
	resp := get(t, h, "/api/v1/findings?"+filters+"&lang=nb")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s", resp.Status, body(t, resp))
	}
	var list struct {
		Lang     string            `json:"lang"`
		Findings []json.RawMessage `json:"findings"`
		Total    int               `json:"findings_total"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
		t.Fatal(err)
	}
	gaps := decodeResult(t, get(t, h, "/api/v1/gaps?"+filters+"&kind=uncovered,entitled_unserved,fragile,lost_in_transition&limit=1"))
	if list.Lang != "nb" || list.Total == 0 || list.Total != len(list.Findings) {
		t.Fatalf("lang %q, %d findings of %d", list.Lang, len(list.Findings), list.Total)
	}
	cells, sawStudies := 0, false
	for _, raw := range list.Findings {
		var f struct {
			ID       string          `json:"id"`
			Kind     string          `json:"kind"`
			Title    string          `json:"title"`
			TitleNB  string          `json:"title_nb"`
			Assumed  *bool           `json:"assumed"`
			People   json.RawMessage `json:"people"`
			Cells    int             `json:"cells"`
			Excludes []struct {
				ID, Name, Why string
			} `json:"services_excluding"`
			Need    struct{ ID string } `json:"need"`
			Studies []struct {
				ID, Title string
				Year      int
			} `json:"studies"`
			StudiesNorway  *int   `json:"studies_norway"`
			KnowledgeGapNB string `json:"knowledge_gap_nb"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(f.ID, "f-") || f.Title == "" || f.TitleNB == "" || f.Assumed == nil {
			t.Errorf("finding lacks id, titles or assumed: %s", raw)
		}
		if p := string(f.People); p != "" && p != `"<5"` && strings.HasPrefix(p, `"`) {
			t.Errorf("people %s: want a number or \"<5\"", p)
		}
		for _, e := range f.Excludes {
			if e.Why == "" || strings.Contains(e.Why, "does not") {
				t.Errorf("lang=nb: service %s excluded with why %q, want it in Norwegian", e.ID, e.Why)
			}
		}
		// health_primary has ten studies in the seed, two with Norwegian
		// data (Vollebæk 2023, NKVTS 2025): named, and no knowledge gap.
		if f.Need.ID == "health_primary" {
			ids := []string{}
			for _, st := range f.Studies {
				ids = append(ids, st.ID)
			}
			if len(f.Studies) != 10 || !strings.Contains(strings.Join(ids, ","), "vollebaek2023") || f.StudiesNorway == nil || *f.StudiesNorway != 2 || f.KnowledgeGapNB != "" {
				t.Errorf("%s on primary health care: studies %v, Norwegian %v, knowledge gap %q; want the 10 studies, 2 Norwegian, no gap", f.ID, ids, f.StudiesNorway, f.KnowledgeGapNB)
			}
			sawStudies = true
		}
		if f.Need.ID == "health_emergency" && f.KnowledgeGapNB == "" && (f.StudiesNorway == nil || *f.StudiesNorway == 0) {
			t.Errorf("%s on emergency care: no Norwegian study, yet no knowledge-gap sentence", f.ID)
		}
		cells += f.Cells
	}
	if !sawStudies {
		t.Error("no finding on primary health care to check its studies")
	}
	if cells != gaps.GapsTotal {
		t.Errorf("findings state %d cells, /api/v1/gaps finds %d gaps", cells, gaps.GapsTotal)
	}

	for _, test := range []struct{ path, field string }{
		{"/api/v1/findings?lang=de", "lang"},
		{"/api/v1/findings?gender=robot", "gender"},
		{"/api/v1/findings?status=nowhere", "nowhere"},
	} {
		resp := get(t, h, test.path)
		b := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(b, test.field) {
			t.Errorf("%s: %s %s %s, want 400 problem+json naming %s", test.path, resp.Status, resp.Header.Get("Content-Type"), b, test.field)
		}
	}
}
