package web

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/exporttest"
)

// TestNoDifferencing: with groups of 3, 4 and 100 people, and nested ones
// (a county's 103 around the municipality's 100, all ages' 50 around their
// 47 children, a county's 163 around Oslo's 100 and Bærum's 60), no sum or
// difference of the counts of people that the API, the dashboards and the
// node pages publish (per group, gap, transition, finding and service, and
// the groups' own size estimates in the landscape API and on their pages)
// gives a value from 1 to 4: neither the small groups nor the people
// between a group and the groups nested in it can be got back by
// subtraction.
func TestNoDifferencing(t *testing.T) {
	l := exporttest.DifferencingLandscape(t)
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
		"/api/v1/groups/baerum_group/gaps",
		"/api/v1/groups/east_all/gaps",
		"/api/v1/landscape",
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
	// each group's page, in both languages: its estimated number of people
	for _, g := range graph.All[*graph.Group](l) {
		for _, lang := range []string{"en", "nb"} {
			path := "/nodes/" + g.ID + "?lang=" + lang
			resp := get(t, h, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %s", path, resp.Status)
			}
			page := body(t, resp)
			label := map[string]string{"en": "Estimated number of people", "nb": "Anslått antall personer"}[lang]
			m := regexp.MustCompile(`<dt>` + label + `</dt><dd>([^<]*)</dd>`).FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("%s: no %q on the page", path, label)
			}
			if n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(m[1], "\u00a0", ""), " ", "")); err == nil {
				published[n] = true
			}
		}
	}
	for _, want := range []string{"hundred", "children", "baerum_group"} {
		if !shownOnPage(t, h, want) {
			t.Errorf("the page of group %s does not show its size: the test reads the wrong field", want)
		}
	}
	for _, withheld := range []string{"county", "all_ages", "east_all"} {
		if shownOnPage(t, h, withheld) {
			t.Errorf("the page of group %s shows its size, which with the groups inside it gives 3", withheld)
		}
	}
	var nums []int
	for n := range published {
		nums = append(nums, n)
	}
	if !published[100] || !published[47] {
		t.Fatalf("the groups of 100 and 47 are not both published (%v): the test reads the wrong fields", nums)
	}
	exporttest.NoDifferencing(t, nums, 5)
}

// shownOnPage reports whether the English page of group id shows its
// estimated number of people as a number.
func shownOnPage(t *testing.T, h http.Handler, id string) bool {
	t.Helper()
	page := body(t, get(t, h, "/nodes/"+id+"?lang=en"))
	return regexp.MustCompile(`<dt>Estimated number of people</dt><dd>[0-9,]+</dd>`).MatchString(page)
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
