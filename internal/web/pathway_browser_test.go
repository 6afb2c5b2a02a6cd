package web

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/web/render"
)

// TestBrowserPathwayHealthInOslo answers on one screen "Where do
// undocumented women in prostitution in Oslo go for health care?": in
// Chromium at 390 px, in English and in Norwegian, the page lists for every
// health need the services its JSON twin (and so the engine) lists, names
// the Health Centre for Undocumented Migrants in Oslo for primary care,
// does not scroll sideways, and shows no engine words or raw ids; the
// Norwegian page has none of the English page's text.
func TestBrowserPathwayHealthInOslo(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	h := s.Handler()
	ts := httptest.NewServer(h)
	defer ts.Close()
	tab, _ := watch(t)
	dir := screenshotDir(t)
	const query = "status=undocumented&gender=female&age=adult&exploitation=sexual&region=oslo"
	health := map[string]bool{}
	for _, n := range graph.All[*graph.Need](l) {
		health[n.ID] = n.Category == graph.CategoryHealth
	}
	for _, lang := range []string{"en", "nb"} {
		pw := getPathway(t, h, query+"&lang="+lang)
		run(t, tab, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/pathway?"+query+"&lang="+lang),
			chromedp.WaitVisible(chromedp.CSS("#pathway-person")))
		type shown struct {
			Stage, Need, Text string
			Services          []string
		}
		got := eval[[]shown](t, tab, `[...document.querySelectorAll('section.pathway-stage article.pathway-need')].map(a => ({
			Stage: a.closest('section').dataset.stage, Need: a.dataset.need, Text: a.innerText,
			Services: [...a.querySelectorAll('ul.pathway-services > li')].map(li => li.dataset.service)}))`)
		byKey := map[[2]string]shown{}
		for _, g := range got {
			byKey[[2]string{g.Stage, g.Need}] = g
		}
		checked := 0
		for _, st := range pw.Stages {
			for _, n := range st.Needs {
				if !health[n.ID] {
					continue
				}
				g, ok := byKey[[2]string{st.ID, n.ID}]
				if !ok {
					t.Errorf("%s: the health need %s at %s is not on the page", lang, n.ID, st.ID)
					continue
				}
				checked++
				if diff := cmp.Diff(shownIDs(n.Services), append([]string{}, g.Services...)); diff != "" {
					t.Errorf("%s: %s at %s: services mismatch (-JSON +page):\n%s", lang, n.ID, st.ID, diff)
				}
				for _, sv := range n.Services {
					if !strings.Contains(g.Text, sv.Name) {
						t.Errorf("%s: %s at %s: the service %q is not named", lang, n.ID, st.ID, sv.Name)
					}
				}
			}
		}
		if checked == 0 {
			t.Fatalf("%s: no health need on the path", lang)
		}
		clinic, _ := graph.Lookup[*graph.Service](l, "hs_papirlose_osl")
		primary := slices.ContainsFunc(got, func(g shown) bool {
			return g.Need == "health_primary" && slices.Contains(g.Services, clinic.ID) && strings.Contains(g.Text, clinic.Label(lang))
		})
		if !primary {
			t.Errorf("%s: primary care does not name %q", lang, clinic.Label(lang))
		}
		if w := eval[[2]int](t, tab, `[document.scrollingElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
			t.Errorf("%s: at 390 px the page scrolls sideways: %d px wide in a %d px window", lang, w[0], w[1])
		}
		text := eval[string](t, tab, `document.querySelector('main').innerText`)
		for _, word := range []string{"cell", "profile", "profil", "_", "undocumented/", "entitled_", "celle"} {
			if strings.Contains(strings.ToLower(text), word) {
				i := strings.Index(strings.ToLower(text), word)
				t.Errorf("%s: the page shows %q: …%s…", lang, word, text[max(0, i-60):min(len(text), i+60)])
			}
		}
		if lang == "nb" {
			// Titles of studies and sources stay in their own language.
			text := eval[string](t, tab, `(() => { const m = document.querySelector('main').cloneNode(true);
				m.querySelectorAll('.pathway-studies, #pathway-sources').forEach(e => e.remove()); return m.textContent; })()`)
			for _, key := range render.Words().Keys("en") {
				if !strings.HasPrefix(key, "pathway.") && !strings.HasPrefix(key, "people.") {
					continue
				}
				en := render.Words().Text("en", key)
				if nb := render.Words().Text("nb", key); nb == en || !render.Words().Has("nb", key) {
					t.Errorf("message %s has no Norwegian text", key)
				}
				if lit, _, _ := strings.Cut(en, "%"); len(lit) > 8 && strings.Contains(text, lit) {
					t.Errorf("nb: the page has English text %q", lit)
				}
			}
		}
		form := eval[map[string]string](t, tab, `Object.fromEntries([...new FormData(document.getElementById('pathway-person-form'))])`)
		want := map[string]string{"lang": lang, "status": "undocumented", "gender": "female", "age": "adult", "exploitation": "sexual", "region": "oslo", "category": ""}
		if diff := cmp.Diff(want, form); diff != "" {
			t.Errorf("%s: the form is not filled from the address (-want +got):\n%s", lang, diff)
		}
		screenshot(t, tab, dir, "pathway-oslo-health-"+lang+"-390")
	}
}
