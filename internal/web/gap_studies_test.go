package web

import (
	"encoding/json"
	"net/http"
	"testing"
)

// TestGapsListStudies checks that the gap API lists the studies on the
// needs of its gaps, and says in one sentence when none has Norwegian data.
func TestGapsListStudies(t *testing.T) {
	s, _ := testServer(t, norwayLandscape(t))
	h := s.Handler()
	type entry struct {
		Need       string `json:"need"`
		Population string `json:"population"`
		Studies    []struct {
			ID string `json:"id"`
		} `json:"studies"`
		Norwegian int    `json:"norwegian"`
		Note      string `json:"note"`
	}
	get := func(q string) []entry {
		resp := get(t, h, "/api/v1/gaps?"+q)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %s", q, resp.StatusCode, body(t, resp))
		}
		var out struct {
			GapsTotal int     `json:"gaps_total"`
			Studies   []entry `json:"studies"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		if out.GapsTotal == 0 {
			t.Fatalf("GET %s: no gaps to list studies for", q)
		}
		return out.Studies
	}
	for _, test := range []struct {
		query, need, population string
		norwegian               bool
		note                    string
	}{
		{"need=health_sexual_reproductive&age=adult&kind=entitled_partial", "health_sexual_reproductive", "everyone", false, "None of the studies on this need has Norwegian data."},
		{"need=health_mental&age=adult&kind=uncovered", "health_mental", "everyone", true, ""},
		{"need=health_sexual_reproductive&age=child&kind=entitled_partial", "health_sexual_reproductive", "children", false,
			"No study in the evidence base concerns this need among children, and none has Norwegian data."},
	} {
		var found *entry
		for _, e := range get(test.query) {
			if e.Need == test.need && e.Population == test.population {
				found = &e
			}
		}
		if found == nil {
			t.Errorf("%s: no studies entry for %s (%s)", test.query, test.need, test.population)
			continue
		}
		if (found.Norwegian > 0) != test.norwegian || found.Note != test.note {
			t.Errorf("%s: %d Norwegian, note %q; want Norwegian %t, note %q", test.query, found.Norwegian, found.Note, test.norwegian, test.note)
		}
		if test.population == "everyone" && len(found.Studies) == 0 {
			t.Errorf("%s: no study on %s", test.query, test.need)
		}
	}
}
