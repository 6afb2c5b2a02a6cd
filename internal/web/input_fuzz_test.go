package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// FuzzGapQuery parses arbitrary query strings as gap filters (the corpus
// is in testdata/fuzz/FuzzGapQuery): gapQuery must not panic, must refuse
// with EINVALID only, and gives each filter at most maxFilterValues values,
// trimmed, without empties, commas or repeats.
func FuzzGapQuery(f *testing.F) {
	for _, q := range []string{
		"status=undocumented,reflection&age=adult", "gender=female&gender=male,other&limit=10&offset=5",
		"region=oslo,,%20oslo%20,&need=gp", "kind=uncovered&kind=nope", "status=" + strings.Repeat("a,", 300),
		"limit=-1", "%zz=1&status=%00",
	} {
		f.Add(q)
	}
	s, _ := testServer(f, dashLandscape(f, false))
	f.Fuzz(func(t *testing.T, raw string) {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/gaps", nil)
		r.URL.RawQuery = raw
		q, err := s.gapQuery(r)
		if err != nil {
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Fatalf("gapQuery(%q): %v, want EINVALID", raw, err)
			}
			return
		}
		for name, vs := range map[string][]string{"group": q.Groups, "status": q.Statuses, "exploitation": q.Exploitation,
			"region": q.Regions, "stage": q.Stages, "need": q.Needs} {
			if len(vs) > maxFilterValues {
				t.Errorf("%s: %d values", name, len(vs))
			}
			seen := map[string]bool{}
			for _, v := range vs {
				if v == "" || v != strings.TrimSpace(v) || strings.Contains(v, ",") || seen[v] {
					t.Errorf("%s: value %q (of %q)", name, v, vs)
				}
				seen[v] = true
			}
		}
		if q.Limit < 0 || q.Limit > MaxLimit || q.Offset < 0 {
			t.Errorf("limit %d, offset %d", q.Limit, q.Offset)
		}
	})
}

// FuzzMergePatchInput sends arbitrary bodies as JSON merge patches of a
// service to the write API of a real embedded store (the corpus is in
// testdata/fuzz/FuzzMergePatchInput): the answer is never a 500, a refusal
// is problem+json naming what is wrong, and what is stored holds no
// control character in its name.
func FuzzMergePatchInput(f *testing.F) {
	for _, body := range []string{
		`{"name": "ROSA shelter"}`, `{"capacity": null, "languages": ["no", "no", "en"]}`, `{"name": "RO\u0000SA"}`,
		`{"capacity": "three"}`, `{"accepts": [{"id": "undocumented", "extent": "partial"}]}`, `[1, 2]`, `{"name": "\xff"}`,
		`{"genders": {"a": 1}}`, `{"description": "a\nb"}`, `{`,
	} {
		f.Add([]byte(body))
	}
	fx := newEditFixture(f)
	tok := fx.token(asEditor)
	f.Fuzz(func(t *testing.T, body []byte) {
		fx.t = t // the fixture's helpers fail this input, not the fuzz target
		version := fx.service("rosa").Version
		resp := fx.request(http.MethodPatch, "/api/v1/services/rosa", bytes.NewReader(body), "Authorization", "Bearer "+tok,
			"If-Match", `"`+strconv.FormatInt(version, 10)+`"`, "Content-Type", "application/merge-patch+json")
		b := readAll(t, resp)
		switch {
		case resp.StatusCode >= 500:
			t.Fatalf("PATCH %q: %d %s", body, resp.StatusCode, b)
		case resp.StatusCode >= 400 && (resp.Header.Get("Content-Type") != "application/problem+json" || !strings.Contains(b, `"detail"`)):
			t.Fatalf("PATCH %q: %d without a problem: %s", body, resp.StatusCode, b)
		}
		if name := fx.service("rosa").Name; strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("PATCH %q stored the name %q", body, name)
		}
	})
}
