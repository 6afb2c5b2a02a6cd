package web

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// grouped writes the digits of n in groups of three joined by sep, as a
// reader of the language expects: 304884 is "304,884" in English and
// "304 884" (a no-break space) in Norwegian.
func grouped(n int, sep string) string {
	s := strconv.Itoa(n)
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, out...), sep)
}

// TestNorwegianNumbers: the tables of the dashboards and the node pages
// write counts with the thousands grouped as the page's language does.
func TestNorwegianNumbers(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServer(t, l)
	h := s.Handler()
	// The criticality table's largest count, from the JSON twin (plain
	// digits, as the exports write them).
	c := getChart(t, h, "/api/v1/charts/criticality")
	var cells int
	for i, col := range c.Table.Columns {
		if col.Key == "cells" {
			n, err := strconv.Atoi(c.Table.Rows[0][i].Text)
			if err != nil {
				t.Fatalf("the JSON twin's count %q is not plain digits", c.Table.Rows[0][i].Text)
			}
			cells = n
		}
	}
	if cells < 1000 {
		t.Fatalf("the most critical service's count %d has no thousands to group", cells)
	}
	for _, test := range []struct{ lang, want, not string }{
		{"en", grouped(cells, ","), grouped(cells, "\u00a0")},
		{"nb", grouped(cells, "\u00a0"), grouped(cells, ",")},
	} {
		b := body(t, get(t, h, "/dashboards/criticality?lang="+test.lang))
		mustContain(t, test.lang+" criticality table", b, ">"+test.want+"<")
		mustNotContain(t, test.lang+" criticality table", b, ">"+test.not+"<", ">"+strconv.Itoa(cells)+"<")
	}
	// A region's population on its page.
	oslo, err := graph.Lookup[*graph.Region](l, "oslo")
	if err != nil || oslo.Population < 1000 {
		t.Fatalf("the seed has no Oslo with a population: %v", err)
	}
	b := body(t, get(t, h, "/nodes/oslo?lang=nb"))
	mustContain(t, "Oslo's page in Norwegian", b, "<dt>Folketall</dt><dd>"+grouped(oslo.Population, "\u00a0")+"</dd>")
}

// TestNorwegianDatesAndForbidden: the lists of services give dates as the
// page's language writes them, a service never verified reads "aldri
// verifisert" (not "aldri utdatert"), and an editor who opens the list of
// services due for checking gets a polite page in their language with a
// way on to their own list.
func TestNorwegianDatesAndForbidden(t *testing.T) {
	f := newEditFixture(t)
	// Only ROSA is verified (2025-03-01).
	stale := readAll(t, f.getPage("/manage/stale?lang=nb", f.session(asCoordinator)))
	mustContain(t, "Norwegian stale list", stale, "1. mars 2025", "aldri verifisert")
	analyst := readAll(t, f.getPage("/manage?lang=nb", f.session(asAnalyst)))
	mustContain(t, "Norwegian list", analyst, "1. mars 2025", "aldri verifisert")
	mustNotContain(t, "Norwegian list", analyst, "aldri utdatert", "2025-03-01")
	mustContain(t, "English list", readAll(t, f.getPage("/manage?lang=en", f.session(asAnalyst))), "1 March 2025", "never verified")

	for _, test := range []struct {
		lang string
		want []string
	}{
		{"nb", []string{`<html lang="nb">`, "Denne siden er ikke åpen for deg", "Listen over tjenester som bør sjekkes", `href="/manage">Gå til tjenestene dine</a>`}},
		{"en", []string{`<html lang="en">`, "This page is not yours to open", "due for checking", `href="/manage">Go to your services</a>`}},
	} {
		resp := f.getPage("/manage/stale?lang="+test.lang, f.session(asEditor))
		b := readAll(t, resp)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor's GET /manage/stale: %d", resp.StatusCode)
		}
		mustContain(t, test.lang+" 403 page", b, test.want...)
	}
}
