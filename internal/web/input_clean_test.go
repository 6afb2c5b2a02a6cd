package web

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestAPIRefusesUncleanInput sends each patch of testdata/unclean-input.txt:
// each answers 400 problem+json with errors[] naming the field, in words
// without Go's type names, and changes nothing.
func TestAPIRefusesUncleanInput(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "unclean-input.txt"))
	if err != nil {
		t.Fatal(err)
	}
	hexByte := regexp.MustCompile(`\\x[0-9a-f]{2}`)
	goWords := regexp.MustCompile(`\b(int|int64|float64|string|bool|struct|serviceInput|graph\.[A-Za-z]+|\[\][a-z.A-Z]+|Go)\b`)
	f := newEditFixture(t)
	tok := f.token(asEditor)
	for line := range strings.SplitSeq(strings.TrimSpace(string(raw)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		field, patch, _ := strings.Cut(line, "\t")
		patch = hexByte.ReplaceAllStringFunc(patch, func(h string) string {
			b, _ := strconv.ParseUint(h[2:], 16, 8)
			return string([]byte{byte(b)})
		})
		t.Run(field+" "+patch, func(t *testing.T) {
			before := f.state(t)
			resp := f.request(http.MethodPatch, "/api/v1/services/rosa", strings.NewReader(patch), "Authorization", "Bearer "+tok,
				"If-Match", `"3"`, "Content-Type", "application/merge-patch+json")
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400: %s", resp.StatusCode, readAll(t, resp))
			}
			p := decodeProblem(t, resp)
			if len(p.Errors) == 0 || p.Errors[0].Field != field {
				t.Errorf("errors %+v, want the first naming %s", p.Errors, field)
			}
			if words := goWords.FindAllString(p.Detail+fmt.Sprint(p.Errors), -1); len(words) > 0 {
				t.Errorf("the problem %q %+v speaks Go: %q", p.Detail, p.Errors, words)
			}
			if diff := cmpState(before, f.state(t)); diff != "" {
				t.Errorf("a refused write changed the state:\n%s", diff)
			}
		})
	}
}

// TestAPIAcceptsMultilineDescription: tab and newline are refused in a
// name but kept in a description, which is several lines.
func TestAPIAcceptsMultilineDescription(t *testing.T) {
	f := newEditFixture(t)
	tok := f.token(asEditor)
	resp := f.api(http.MethodPatch, "/api/v1/services/rosa", tok, 3, map[string]any{"description": "Line one\n\tLine two"})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, readAll(t, resp))
	}
	if got := f.service("rosa").Description; got != "Line one\n\tLine two" {
		t.Errorf("description %q", got)
	}
}

// TestAPIDeduplicatesAndCapsLanguages: 50,000 copies of two languages are
// stored as the two; more distinct languages than the cap are refused.
func TestAPIDeduplicatesAndCapsLanguages(t *testing.T) {
	f := newEditFixture(t)
	tok := f.token(asEditor)
	var langs []string
	for i := range 50_000 {
		langs = append(langs, []string{"no", "en"}[i%2])
	}
	resp := f.api(http.MethodPatch, "/api/v1/services/rosa", tok, 3, map[string]any{"languages": langs, "alt_names": []string{"A", "A", "B"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", resp.StatusCode, readAll(t, resp))
	}
	svc := f.service("rosa")
	if !slices.Equal(svc.Languages, []string{"no", "en"}) || !slices.Equal(svc.AltNames, []string{"A", "B"}) {
		t.Errorf("stored languages %q, other names %q; want [no en] and [A B]", svc.Languages, svc.AltNames)
	}
	var many []string
	for a := 'a'; len(many) <= maxLanguages; a++ {
		for b := 'a'; b <= 'z' && len(many) <= maxLanguages; b++ {
			many = append(many, string([]rune{a, b}))
		}
	}
	resp = f.api(http.MethodPatch, "/api/v1/services/rosa", tok, svc.Version, map[string]any{"languages": many})
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("%d languages: status %d, want 400", len(many), resp.StatusCode)
	}
	if p := decodeProblem(t, resp); len(p.Errors) == 0 || p.Errors[0].Field != "languages" {
		t.Errorf("errors %+v, want languages", p.Errors)
	}
}

// TestFormRefusesControlCharacters: the edit form shows the error at the
// field, in the page's language, and keeps the service as it was.
func TestFormRefusesControlCharacters(t *testing.T) {
	f := newEditFixture(t)
	secret := f.session(asEditor)
	for _, lang := range []string{"en", "nb"} {
		form := f.formOfService("rosa")
		form.Set("name", "ROSA\x00")
		form.Set("city", "Oslo\x1b[31m")
		resp := f.postForm("/manage/services/rosa/edit?lang="+lang, secret, form)
		b := readAll(t, resp)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("%s: status %d, want 400", lang, resp.StatusCode)
		}
		want := map[string]string{"en": "holds a control character (U&#43;0000) at character 5", "nb": "inneholder et kontrolltegn (U&#43;0000) ved tegn 5"}[lang]
		mustContain(t, lang+" form", b, `id="err-name"`, `id="err-city"`, want)
		if f.service("rosa").Name != "ROSA" {
			t.Fatalf("the name was changed to %q", f.service("rosa").Name)
		}
	}
}

// TestAdminRefusesControlCharactersInOrganisation: a new organisation's
// name with an escape code is refused at its field, and nothing is made.
func TestAdminRefusesControlCharactersInOrganisation(t *testing.T) {
	f := newEditFixture(t)
	resp := f.postForm("/admin/organisations?lang=en", f.session(asAdmin), url.Values{"org_id": {"new_ngo"}, "org_name": {"New\x1b[2J NGO"}, "kind": {"ngo"}})
	b := readAll(t, resp)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	mustContain(t, "the admin page", b, "holds a control character (U&#43;001B) at character 4")
	if _, ok := f.live.Landscape().Node("new_ngo"); ok {
		t.Error("the organisation was made")
	}
}
