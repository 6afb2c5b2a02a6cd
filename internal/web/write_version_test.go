package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// TestWriteAnswersItsOwnVersion has 16 writers PATCH one service as fast as
// they can, each retrying a refused write with the ETag the 412 gives, until
// 100 writes are accepted: under this contention other writes land between
// a write and its answer. Every accepted write must answer with the version
// it made, as its ETag and in its body, with its own change: a client that
// trusts the ETag then never overwrites a change it has not seen.
func TestWriteAnswersItsOwnVersion(t *testing.T) {
	f := newEditFixture(t)
	tok := f.token(asCoordinator)
	type answer struct {
		marker, etag string
		body         struct {
			Version     int64  `json:"version"`
			Description string `json:"description"`
		}
	}
	var (
		mu       sync.Mutex
		answers  []answer
		wg       sync.WaitGroup
		accepted = 0
	)
	patch := func(match, marker string) *httptest.ResponseRecorder {
		b, _ := json.Marshal(map[string]any{"description": marker})
		req := httptest.NewRequest(http.MethodPatch, "/api/v1/services/rosa", bytes.NewReader(b))
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("If-Match", match)
		req.Header.Set("Content-Type", "application/merge-patch+json")
		rec := httptest.NewRecorder()
		f.h.ServeHTTP(rec, req)
		return rec
	}
	for w := range 16 {
		wg.Go(func() {
			match := `"3"`
			for i := 0; ; i++ {
				mu.Lock()
				done := accepted >= 100
				mu.Unlock()
				if done || i > 2000 {
					return
				}
				marker := fmt.Sprintf("writer %d try %d", w, i)
				rec := patch(match, marker)
				match = rec.Header().Get("ETag")
				switch rec.Code {
				case http.StatusPreconditionFailed:
					continue
				case http.StatusOK:
				default:
					t.Errorf("PATCH: %d %s", rec.Code, rec.Body)
					return
				}
				a := answer{marker: marker, etag: match}
				if err := json.Unmarshal(rec.Body.Bytes(), &a.body); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				answers = append(answers, a)
				accepted++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	made := map[string]int64{} // the version each write made, by its marker
	for _, r := range f.history("rosa") {
		if s, ok := r.After.(*graph.Service); ok && strings.HasPrefix(s.Description, "writer ") {
			made[s.Description] = r.Version
		}
	}
	wrong := 0
	for _, a := range answers {
		v, ok := made[a.marker]
		got, _ := strconv.ParseInt(strings.Trim(a.etag, `"`), 10, 64)
		if !ok || got != v || a.body.Version != v || a.body.Description != a.marker {
			wrong++
			if wrong <= 3 {
				t.Errorf("write %q made version %d (in the history: %v) but answered ETag %s, body version %d, description %q",
					a.marker, v, ok, a.etag, a.body.Version, a.body.Description)
			}
		}
	}
	if len(answers) < 100 || wrong > 0 {
		t.Errorf("%d accepted writes, %d answered with another version than their own", len(answers), wrong)
	}
}
