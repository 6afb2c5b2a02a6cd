package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/evidence"
)

// evidenceJSON is the part of /api/v1/evidence the tests read.
type evidenceJSON struct {
	Version int64 `json:"version"`
	Cells   []struct {
		Theme        string   `json:"theme"`
		Participants string   `json:"participants"`
		Studies      []string `json:"studies"`
	} `json:"cells"`
	Studies []struct {
		ID      string `json:"id"`
		Year    int    `json:"year"`
		Designs []struct {
			ID, Confidence string
		} `json:"designs"`
		Countries []struct {
			ID, Confidence string
		} `json:"countries"`
	} `json:"studies"`
	Notes []struct {
		Participants   string   `json:"participants"`
		Recommendation string   `json:"recommendation"`
		Sources        []string `json:"sources"`
		Empty          bool     `json:"empty"`
	} `json:"notes"`
}

func getEvidence(t *testing.T, h http.Handler, query string) evidenceJSON {
	t.Helper()
	resp := get(t, h, "/api/v1/evidence"+query)
	b := body(t, resp)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", query, resp.StatusCode, b)
	}
	var e evidenceJSON
	if err := json.Unmarshal([]byte(b), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestEvidenceAPI checks the JSON twin against the evidence map of the
// same landscape, cell by cell, and the Norwegian health-workers column.
func TestEvidenceAPI(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServer(t, l)
	h := s.Handler()
	for _, q := range []string{"", "?country=norway", "?country=uk&design=survey", "?country=europe", "?country=se"} {
		got := getEvidence(t, h, q)
		v, _ := http.NewRequest(http.MethodGet, "/x"+q, nil)
		f, err := evidenceFilterOf(v.URL.Query())
		if err != nil {
			t.Fatal(err)
		}
		want := evidence.Build(l, f)
		if len(got.Cells) != 60 || len(got.Cells) != len(want.Cells) {
			t.Fatalf("%s: %d cells, want every theme × participants (60)", q, len(got.Cells))
		}
		for i, c := range got.Cells {
			w := want.Cells[i]
			if c.Theme != string(w.Theme) || c.Participants != string(w.Participants) || !slices.Equal(c.Studies, w.Studies) {
				t.Errorf("%s: cell %d = %s × %s %v, want %s × %s %v", q, i, c.Theme, c.Participants, c.Studies, w.Theme, w.Participants, w.Studies)
			}
		}
		if len(got.Studies) != len(want.Studies) {
			t.Errorf("%s: %d studies, want %d", q, len(got.Studies), len(want.Studies))
		}
	}

	no := getEvidence(t, h, "?country=norway")
	for _, c := range no.Cells {
		if c.Participants == "health_workers" && len(c.Studies) > 0 {
			t.Errorf("Norway: health workers × %s holds %v", c.Theme, c.Studies)
		}
	}
	if len(no.Notes) != 1 || no.Notes[0].Participants != "health_workers" || !no.Notes[0].Empty || !slices.Equal(no.Notes[0].Sources, []string{"nkvts2025"}) {
		t.Errorf("Norway notes = %+v, want the NKVTS finding on health workers", no.Notes)
	}
	all := getEvidence(t, h, "")
	if len(all.Notes) != 0 {
		t.Errorf("the global map has notes %+v; the NKVTS finding is about Norway", all.Notes)
	}
	uk := getEvidence(t, h, "?country=gb&design=survey")
	for _, st := range uk.Studies {
		if !slices.ContainsFunc(st.Designs, func(d struct{ ID, Confidence string }) bool { return d.ID == "survey" }) {
			t.Errorf("a survey filter lets through %s (%v)", st.ID, st.Designs)
		}
	}
	if len(uk.Studies) == 0 {
		t.Error("no survey from the UK; the seed has ross2015 and oram2016")
	}
}

func TestEvidenceAPIErrors(t *testing.T) {
	s, _ := testServer(t, norwayLandscape(t))
	h := s.Handler()
	for _, test := range []struct{ query, field string }{
		{"?country=narnia", "country"},
		{"?design=rct", "design"},
		{"?country=no&country=se", "country"},
	} {
		resp := get(t, h, "/api/v1/evidence"+test.query)
		b := body(t, resp)
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(b, test.field) {
			t.Errorf("GET %s: %d %s %s; want a 400 problem naming %s", test.query, resp.StatusCode, resp.Header.Get("Content-Type"), b, test.field)
		}
	}
}

// TestEvidencePage checks the dashboard page in both languages: the
// finding beside the map of Norway, and a cell's studies listed with
// their year, design and country, assumed tags marked.
func TestEvidencePage(t *testing.T) {
	s, _ := testServer(t, norwayLandscape(t))
	h := s.Handler()
	for _, test := range []struct {
		lang, query string
		want        []string
		not         []string
	}{
		{"en", "?country=norway", []string{`id="evidence-finding"`, "No Norwegian study is based on data from health workers", "NKVTS recommends research on health workers", "Click a cell"}, []string{"cell-studies"}},
		{"nb", "?country=norway", []string{`id="evidence-finding"`, "Ingen norsk studie bygger på data fra helsepersonell", "NKVTS anbefaler forskning", "Data fra"}, []string{"No Norwegian study"}},
		{"en", "", nil, []string{`id="evidence-finding"`}},
		{"en", "?country=norway&cell=access.survivors", []string{`data-study="brunovskis2010"`, `data-study="brunovskis2016"`, "2010", "Evaluation", "Norway", "(assumed)"}, nil},
		{"en", "?country=norway&cell=identification.health_workers", []string{`id="cell-gap"`, "a gap in knowledge"}, []string{"cell-studies"}},
		{"nb", "?cell=identification.health_workers", []string{`data-study="ross2015"`, "Storbritannia (antatt)", "Spørreundersøkelse"}, nil},
	} {
		resp := get(t, h, "/dashboards/evidence"+test.query, "Accept-Language", test.lang)
		b := body(t, resp)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s %s: status %d", test.lang, test.query, resp.StatusCode)
		}
		for _, w := range test.want {
			if !strings.Contains(b, w) {
				t.Errorf("%s %s: the page lacks %q", test.lang, test.query, w)
			}
		}
		for _, n := range test.not {
			if strings.Contains(b, n) {
				t.Errorf("%s %s: the page has %q", test.lang, test.query, n)
			}
		}
	}
}
