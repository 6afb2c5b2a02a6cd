package web

import (
	"encoding/json"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/seed"
)

// TestNoDifferencing: with groups of 3, 4 and 100 people, and nested ones
// (a county's 103 around the municipality's 100, all ages' 50 around their
// 47 children), no sum or difference of the counts of people that the API
// and the dashboards publish (per group, gap, transition, finding and
// service, and the groups' own size estimates) gives a value from 1 to 4:
// neither the small groups nor the people between a group and one nested
// in it can be got back by subtraction.
func TestNoDifferencing(t *testing.T) {
	s, err := seed.Load(os.DirFS("testdata/differencing"), ".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	srv, _ := testServer(t, l)
	h := srv.Handler()
	published := map[int]bool{}
	for _, path := range []string{
		"/api/v1/gaps?limit=10000",
		"/api/v1/transitions",
		"/api/v1/groups/hundred/gaps",
		"/api/v1/groups/three/gaps",
		"/api/v1/groups/county/gaps",
		"/api/v1/groups/all_ages/gaps",
		"/api/v1/groups/children/gaps",
		"/api/v1/services/shelter/criticality",
		"/api/v1/findings",
		"/api/v1/charts/criticality",
		"/api/v1/charts/transitions",
		"/api/v1/charts/fragmentation",
		"/api/v1/charts/coverage",
	} {
		resp := get(t, h, path)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s: %s", path, resp.Status, body(t, resp))
		}
		var v any
		if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		collectPeople(v, false, published)
	}
	var nums []int
	for n := range published {
		nums = append(nums, n)
	}
	if !published[100] || !published[47] {
		t.Fatalf("the groups of 100 and 47 are not both published (%v): the test reads the wrong fields", nums)
	}
	// every sum and difference of up to three published numbers
	for _, a := range nums {
		for _, b := range append([]int{0}, nums...) {
			for _, c := range append([]int{0}, nums...) {
				for _, v := range []int{a + b - c, a - b - c, a - b + c} {
					if v >= 1 && v <= 4 {
						t.Fatalf("published counts %v: %d %+d %+d gives %d", nums, a, b, c, v)
					}
				}
			}
		}
	}
}

// collectPeople adds to out every number under a key that names people,
// and every table cell in a column about people.
func collectPeople(v any, people bool, out map[int]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			k = strings.ToLower(k)
			collectPeople(e, people || strings.Contains(k, "people") || k == "size_estimate", out)
		}
		// dashboard tables: columns named for people, rows of cells
		if cols, ok := x["columns"].([]any); ok {
			rows, _ := x["rows"].([]any)
			for i, c := range cols {
				if !strings.Contains(strings.ToLower(toString(c)), "people") {
					continue
				}
				for _, r := range rows {
					if cells, ok := r.([]any); ok && i < len(cells) {
						collectPeople(cells[i], true, out)
					}
				}
			}
		}
	case []any:
		for _, e := range x {
			collectPeople(e, people, out)
		}
	case float64:
		if people {
			out[int(x)] = true
		}
	case string:
		if n, err := strconv.Atoi(strings.ReplaceAll(x, ",", "")); err == nil && people {
			out[n] = true
		}
	}
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case map[string]any:
		for _, k := range []string{"text", "label", "title", "name"} {
			if s, ok := x[k].(string); ok {
				return s
			}
		}
	}
	return ""
}
