package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/internal/findings"
)

// frontCase is a filter of the front page (testdata/front_filters.json).
type frontCase struct {
	Name  string `json:"name"`
	Query string `json:"query"`
}

// frontShown is a finding as the front page shows it in the browser.
type frontShown struct {
	ID, Title, Kind, People, Knowledge, Pathway string
	Services                                    []string
}

const frontShownJS = `Array.from(document.querySelectorAll('li.finding')).map(li => ({
	ID: li.dataset.finding,
	Title: li.querySelector('.finding-title').textContent.trim(),
	Kind: li.querySelector('.finding-kind').textContent.trim(),
	People: li.querySelector('.finding-people').textContent.trim(),
	Knowledge: (li.querySelector('.finding-knowledge') || {textContent: ''}).textContent.trim(),
	Pathway: li.querySelector('a.finding-pathway').getAttribute('href'),
	Services: Array.from(li.querySelectorAll('.finding-evidence a[href^="/services/"]')).map(a => a.getAttribute('href')),
}))`

// engineWords are the engine's words no page may show a user.
var engineWords = regexp.MustCompile(`(?i)\b(cells?|celler|profiles?|profiler)\b`)

// englishWords are words of English text a Norwegian page must not carry
// outside the titles of its sources (a title stays in its own language).
var englishWords = regexp.MustCompile(`\b(the|and|people|services?|with|are|of|no service|entitled)\b`)

// TestBrowserFrontPage loads the front page of the Norwegian seed in
// Chromium, with each filter of testdata/front_filters.json and in English
// and Norwegian, and checks that it lists the findings the findings layer
// computes for the same filters, in the same order, each with its title
// in the page's language, its kind in words, the people it reaches, the
// knowledge-gap sentence where no study has Norwegian data, its services
// and a link to the pathway of a person like those it concerns; that no
// text speaks of cells or profiles; that the Norwegian page is Norwegian;
// and that the filter form makes a shareable link.
func TestBrowserFrontPage(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	var cases []frontCase
	raw, err := os.ReadFile(filepath.Join("testdata", "front_filters.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	dir := screenshotDir(t)
	tab, _ := watch(t)
	run(t, tab, chromedp.EmulateViewport(1366, 900))
	for _, c := range cases {
		// The findings layer's answer for the same filters, asked as the
		// API is asked.
		v, _ := url.ParseQuery(c.Query)
		q, err := s.gapQuery(&http.Request{URL: &url.URL{RawQuery: v.Encode()}})
		if err != nil {
			t.Fatal(err)
		}
		q.Limit = 15
		want, err := findings.Find(context.Background(), l, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Findings) == 0 {
			t.Fatalf("%s: no findings to compare with", c.Name)
		}
		for _, lang := range []string{"en", "nb"} {
			t.Run(c.Name+"/"+lang, func(t *testing.T) {
				u := ts.URL + "/?" + c.Query + "&lang=" + lang
				run(t, tab, chromedp.Navigate(u), chromedp.WaitVisible(chromedp.CSS("main")))
				got := eval[[]frontShown](t, tab, frontShownJS)
				var gotIDs, wantIDs []string
				for _, g := range got {
					gotIDs = append(gotIDs, g.ID)
				}
				for _, f := range want.Findings {
					wantIDs = append(wantIDs, f.ID)
				}
				if !slices.Equal(gotIDs, wantIDs) {
					t.Fatalf("%s lists %v, the findings layer %v", u, gotIDs, wantIDs)
				}
				for i, f := range want.Findings {
					g := got[i]
					if g.Title != f.Text(lang) {
						t.Errorf("finding %d: title %q, want %q", i+1, g.Title, f.Text(lang))
					}
					if g.Kind != findings.KindLabel(f.Kind, lang) || strings.Contains(g.Kind, "_") {
						t.Errorf("finding %d: kind %q, want it in words (%s)", i+1, g.Kind, f.Kind)
					}
					switch n, ok := f.People.Value(); {
					case f.People.Suppressed():
						if !strings.Contains(g.People, map[string]string{"en": "Fewer than 5", "nb": "Færre enn 5"}[lang]) {
							t.Errorf("finding %d: people %q, want fewer than 5", i+1, g.People)
						}
					case ok:
						if n < 1000 && !strings.Contains(g.People, " "+strconv.Itoa(n)+" ") {
							t.Errorf("finding %d: people %q, want %d", i+1, g.People, n)
						}
					}
					if kg := f.KnowledgeGapText(lang); g.Knowledge != kg {
						t.Errorf("finding %d (%s): knowledge gap %q, want %q", i+1, f.Need.ID, g.Knowledge, kg)
					}
					pv, err := url.Parse(g.Pathway)
					if err != nil || pv.Path != "/pathway" || pv.Query().Get("need") != f.Need.ID {
						t.Errorf("finding %d: pathway link %q", i+1, g.Pathway)
					}
					if st := pv.Query().Get("status"); len(f.Profile.Statuses) > 0 && st != f.Profile.Statuses[0].ID {
						t.Errorf("finding %d: pathway status %q, want one of the finding's", i+1, st)
					}
					for _, n := range append(append(f.ServicesCovering, f.ServicesNearby...), f.ServicesExcluding...) {
						if !slices.Contains(g.Services, "/services/"+n.ID) {
							t.Errorf("finding %d: no link to service %s", i+1, n.ID)
						}
					}
				}
				text := eval[string](t, tab, `document.body.innerText`)
				if w := engineWords.FindString(text); w != "" {
					t.Errorf("%s says %q", u, w)
				}
				if lang == "nb" {
					nb := eval[string](t, tab, `(() => { const m = document.querySelector('main').cloneNode(true);
						m.querySelectorAll('.source-title').forEach(e => e.remove()); return m.innerText; })()`)
					if w := englishWords.FindString(nb); w != "" {
						i := strings.Index(nb, w)
						t.Errorf("the Norwegian page says %q: …%s…", w, nb[max(0, i-80):min(len(nb), i+80)])
					}
				}
			})
		}
	}
	screenshot(t, tab, dir, "front-nb")
	// The landscape graph has its own page now, and speaks the user's words.
	for _, lang := range []string{"en", "nb"} {
		run(t, tab, chromedp.Navigate(ts.URL+"/landscape?lang="+lang), chromedp.WaitVisible(chromedp.CSS("table.services")))
		if w := engineWords.FindString(eval[string](t, tab, `document.body.innerText`)); w != "" {
			t.Errorf("/landscape?lang=%s says %q", lang, w)
		}
		if n := eval[int](t, tab, `document.querySelectorAll('nav a[href="/landscape"]').length`); n != 1 {
			t.Errorf("/landscape?lang=%s: %d links to the landscape in the navigation", lang, n)
		}
	}
	run(t, tab, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/?lang=nb"), chromedp.WaitVisible(chromedp.CSS("li.finding")))
	if wide := eval[bool](t, tab, `document.documentElement.scrollWidth > window.innerWidth`); wide {
		t.Error("the front page is wider than a 390 px phone")
	}
	screenshot(t, tab, dir, "front-nb-phone")
	run(t, tab, chromedp.EmulateViewport(1366, 900))

	// The form narrows the list and makes a link to share.
	run(t, tab, chromedp.Navigate(ts.URL+"/?lang=en"), chromedp.WaitVisible(chromedp.CSS("form.filters")),
		chromedp.SetValue(chromedp.CSS(`select[name="kind"]`), "fragile"),
		chromedp.SetValue(chromedp.CSS(`select[name="need"]`), "case_coordination"))
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(cdppage.LoadEventFired, nil, chromedp.Click(chromedp.CSS(`form.filters button[type="submit"]`)))); err != nil {
		t.Fatal(err)
	}
	loc := eval[string](t, tab, `location.search`)
	if !strings.Contains(loc, "kind=fragile") || !strings.Contains(loc, "need=case_coordination") {
		t.Errorf("the filtered front page's URL is %q", loc)
	}
	for _, g := range eval[[]frontShown](t, tab, frontShownJS) {
		if g.Kind != "fragile" || !strings.HasPrefix(g.Title, "Case coordination") {
			t.Errorf("after filtering to fragile case coordination the page lists %q (%s)", g.Title, g.Kind)
		}
	}
	screenshot(t, tab, dir, "front-filtered-en")
}
