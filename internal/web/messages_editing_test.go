package web

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// untranslated matches a message key that reached a page instead of its
// text.
var untranslated = regexp.MustCompile(`\b(nav|login|account|role|manage|stale|conflict|form|field|hint|history|diff|admin|orgkind|level)\.[a-z_A-Z]+\b`)

// TestEditingPagesTranslated renders every editing page in both languages,
// as a coordinator and as an administrator, and finds no message key left
// untranslated.
func TestEditingPagesTranslated(t *testing.T) {
	f := newEditFixture(t)
	form := f.formOfService("rosa")
	form.Set("capacity", "x")
	for _, lang := range []string{"en", "nb"} {
		for _, page := range []struct{ who, method, path string }{
			{asNobody, http.MethodGet, "/login"},
			{asCoordinator, http.MethodGet, "/manage"},
			{asCoordinator, http.MethodGet, "/manage/stale"},
			{asCoordinator, http.MethodGet, "/manage/services/new"},
			{asCoordinator, http.MethodGet, "/manage/services/rosa/edit"},
			{asCoordinator, http.MethodPost, "/manage/services/rosa/edit"},
			{asCoordinator, http.MethodGet, "/manage/services/rosa/history"},
			{asCoordinator, http.MethodGet, "/account"},
			{asCoordinator, http.MethodGet, "/services/rosa"},
			{asAdmin, http.MethodGet, "/admin/users"},
		} {
			var resp *http.Response
			if page.method == http.MethodPost {
				resp = f.postForm(page.path+"?lang="+lang, f.session(page.who), form)
			} else {
				resp = f.getPage(page.path+"?lang="+lang, f.session(page.who))
			}
			body := readAll(t, resp)
			if resp.StatusCode >= 500 {
				t.Errorf("%s %s (%s): %d", page.method, page.path, lang, resp.StatusCode)
			}
			if m := untranslated.FindAllString(stripTags(body), -1); len(m) > 0 {
				t.Errorf("%s %s (%s) shows message keys: %q", page.method, page.path, lang, m)
			}
			if lang == "nb" && !strings.Contains(body, `lang="nb"`) {
				t.Errorf("%s (nb) is not in Norwegian", page.path)
			}
		}
	}
}

// stripTags leaves the text of a page: a key in an attribute (a name or an
// id) is no shown text.
func stripTags(s string) string { return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(s, " ") }
