package web

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// apiMembers returns the members of the read API's JSON of service svc
// alone in a landscape.
func apiMembers(t *testing.T, svc *graph.Service) map[string]any {
	t.Helper()
	l, err := graph.NewLandscape(1, []graph.Node{svc}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(newAPIService(l, svc))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAPIServiceShape: the read API's JSON of a service shows its own
// fields by the shape's names (testdata/shape/api_service.json): the
// service's JSON -> Service -> the API's JSON, for the own fields and the
// bookkeeping ones.
func TestAPIServiceShape(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "shape", "api_service.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string
		Service json.RawMessage
		Want    map[string]any
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	names := []string{"id", "version", "year", "confidence", "note", "last_verified"}
	for _, f := range graph.ServiceFields() {
		names = append(names, f.Name)
	}
	for _, c := range cases {
		var svc graph.Service
		if err := json.Unmarshal(c.Service, &svc); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		got := apiMembers(t, &svc)
		maps.DeleteFunc(got, func(k string, _ any) bool { return !slices.Contains(names, k) })
		if diff := cmp.Diff(c.Want, got); diff != "" {
			t.Errorf("%s: the API's own members mismatch (-want +got):\n%s", c.Name, diff)
		}
	}
}

// TestAPIServiceShowsEveryField: each field of the shape, once set, shows
// in the read API's JSON under its name, so a field added to the shape and
// not to the API fails here.
func TestAPIServiceShowsEveryField(t *testing.T) {
	// A valid value for each choice field other than base's.
	otherChoice := map[string]string{
		"sector": string(graph.SectorShelter), "funding": string(graph.FundingPermanent),
		"genders": string(graph.Female), "age_bands": string(graph.AgeChild),
	}
	base := graph.Service{Meta: graph.Meta{ID: "x", Version: 1, Name: "X"}, Sector: graph.SectorHealth, Funding: graph.FundingProject}
	empty := apiMembers(t, &base)
	for _, f := range graph.ServiceFields() {
		s := base
		switch {
		case f.Text != nil:
			*f.Text(&s) += "changed"
		case f.List != nil:
			*f.List(&s) = []string{"no"}
		case f.Number != nil:
			*f.Number(&s) = 7
		case f.Flag != nil:
			*f.Flag(&s) = true
		default:
			v, ok := otherChoice[f.Name]
			if !ok {
				t.Fatalf("choice field %s: no other valid value to set in this test", f.Name)
			}
			f.SetValues(&s, []string{v})
		}
		got := apiMembers(t, &s)
		for k, v := range got {
			if changed := !cmp.Equal(v, empty[k]); changed != (k == f.Name) {
				t.Errorf("setting %s changed member %s of the API's service to %v", f.Name, k, v)
			}
		}
		if _, ok := got[f.Name]; !ok {
			t.Errorf("setting %s: the API's service has no member %s", f.Name, f.Name)
		}
	}
}
