package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// write is one write a concurrent editor tried.
type write struct {
	service string
	actor   string
	marker  string // the description it set, unique to the write
	status  int
	etag    string // of the response, for an accepted write
	// body is the service the response holds, for an accepted write.
	body struct {
		Version     int64  `json:"version"`
		Description string `json:"description"`
	}
}

// TestConcurrentEditors runs 50 editors at once against a real HTTP server,
// each editing the same and different services through the API, several
// times, with PUT and PATCH, some with a deliberately stale version. Then:
// every accepted write is in the history (the audit log) with its actor,
// the history of each service is one unbroken chain of versions that holds
// nothing else, a refused write is nowhere, every accepted write answered
// with the version it made (ETag and body), and each service ends as its
// last accepted write left it.
func TestConcurrentEditors(t *testing.T) {
	f := newEditFixture(t)
	ts := httptest.NewServer(f.h)
	defer ts.Close()

	const editors, rounds = 50, 4
	type editor struct {
		token    string
		actor    string
		services []string
	}
	var eds []editor
	for i := range editors {
		var u *auth.User
		var services []string
		switch i % 5 {
		case 0, 1:
			u = f.mustCreateUser(fmt.Sprintf("ngo%d@example.org", i), "NGO", "krisesenter", auth.RoleEditor)
			services = []string{"rosa"}
		case 2, 3:
			u = f.mustCreateUser(fmt.Sprintf("muni%d@example.org", i), "Municipality", "oslo", auth.RoleEditor)
			services = []string{"laura", "clinic"}
		default:
			u = f.mustCreateUser(fmt.Sprintf("coord%d@example.org", i), "Coordinator", "", auth.RoleCoordinator)
			services = []string{"rosa", "laura", "clinic", "evil"}
		}
		secret, tok, err := f.accounts.CreateToken(context.Background(), u, "load", 0)
		if err != nil {
			t.Fatal(err)
		}
		eds = append(eds, editor{token: secret, actor: tok.Actor(), services: services})
	}

	var (
		mu     sync.Mutex
		writes []write
		wg     sync.WaitGroup
		start  = make(chan struct{})
	)
	client := ts.Client()
	do := func(method, path, token, ifMatch, ct string, body []byte) (*http.Response, []byte) {
		req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
		if err != nil {
			t.Error(err)
			return nil, nil
		}
		req.Header.Set("Authorization", "Bearer "+token)
		if ifMatch != "" {
			req.Header.Set("If-Match", ifMatch)
		}
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return nil, nil
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp, b.Bytes()
	}
	for i, ed := range eds {
		wg.Go(func() {
			<-start
			stale := ""
			for round := range rounds {
				svc := ed.services[(i+round)%len(ed.services)]
				resp, body := do(http.MethodGet, "/api/v1/services/"+svc, ed.token, "", "", nil)
				if resp == nil || resp.StatusCode != http.StatusOK {
					t.Errorf("GET %s: %v", svc, resp)
					return
				}
				match := resp.Header.Get("ETag")
				if round == 2 && stale != "" {
					match = stale // a version seen earlier: refused unless nobody wrote since
				}
				stale = match
				w := write{service: svc, actor: ed.actor, marker: fmt.Sprintf("editor %d round %d", i, round)}
				if round%2 == 0 {
					patch, _ := json.Marshal(map[string]any{"description": w.marker})
					resp, body = do(http.MethodPatch, "/api/v1/services/"+svc, ed.token, match, "application/merge-patch+json", patch)
				} else {
					var in map[string]any
					if err := json.Unmarshal(body, &in); err != nil {
						t.Error(err)
						return
					}
					in["description"] = w.marker
					put, _ := json.Marshal(in)
					resp, body = do(http.MethodPut, "/api/v1/services/"+svc, ed.token, match, "application/json", put)
				}
				if resp == nil {
					return
				}
				w.status, w.etag = resp.StatusCode, resp.Header.Get("ETag")
				if w.status == http.StatusOK {
					if err := json.Unmarshal(body, &w.body); err != nil {
						t.Errorf("%s %s: body %v", svc, w.marker, err)
					}
				}
				if w.status != http.StatusOK && w.status != http.StatusPreconditionFailed {
					t.Errorf("%s %s: %d %s", svc, w.marker, w.status, body)
				}
				mu.Lock()
				writes = append(writes, w)
				mu.Unlock()
			}
		})
	}
	close(start)
	wg.Wait()

	accepted, refused := 0, 0
	byService := map[string][]write{}
	for _, w := range writes {
		byService[w.service] = append(byService[w.service], w)
		if w.status == http.StatusOK {
			accepted++
		} else {
			refused++
		}
	}
	t.Logf("%d writes: %d accepted, %d refused with 412", len(writes), accepted, refused)
	if accepted == 0 || refused == 0 {
		t.Errorf("want both accepted and refused writes, got %d and %d", accepted, refused)
	}

	etagsWrong := 0
	for svcID, ws := range byService {
		revs := f.history(svcID)
		cur := f.service(svcID)
		// The revisions of writes through the API, by their marker.
		inHistory := map[string]graph.Revision{}
		for _, r := range revs {
			if !strings.HasPrefix(r.Actor, "token:") {
				continue
			}
			d := r.After.(*graph.Service).Description
			if _, dup := inHistory[d]; dup {
				t.Errorf("%s: the write %q is twice in the history", svcID, d)
			}
			inHistory[d] = r
		}
		var last write
		lastVersion := int64(0)
		n := 0
		for _, w := range ws {
			r, ok := inHistory[w.marker]
			switch {
			case w.status == http.StatusOK && !ok:
				t.Errorf("%s: accepted write %q is not in the history", svcID, w.marker)
			case w.status == http.StatusOK && r.Actor != w.actor:
				t.Errorf("%s: write %q is recorded as %s, made by %s", svcID, w.marker, r.Actor, w.actor)
			case w.status != http.StatusOK && ok:
				t.Errorf("%s: refused write %q is in the history", svcID, w.marker)
			}
			if w.status == http.StatusOK {
				n++
				// The answer is the write's own version: its ETag and body
				// are those of the revision it made, not a later writer's.
				if v, _ := strconv.ParseInt(strings.Trim(w.etag, `"`), 10, 64); v != r.Version {
					etagsWrong++
					if etagsWrong <= 3 {
						t.Errorf("%s: write %q answered ETag %s; it made version %d", svcID, w.marker, w.etag, r.Version)
					}
				}
				if w.body.Version != r.Version || w.body.Description != w.marker {
					t.Errorf("%s: write %q answered version %d with description %q; it made version %d with its own", svcID, w.marker, w.body.Version, w.body.Description, r.Version)
				}
				if r.Version > lastVersion {
					last, lastVersion = w, r.Version
				}
			}
		}
		if len(inHistory) != n {
			t.Errorf("%s: %d API revisions in the history, %d accepted writes", svcID, len(inHistory), n)
		}
		// One unbroken chain of versions, newest first, ending at the
		// current version.
		if revs[0].Version != cur.Version {
			t.Errorf("%s: newest revision is version %d, the service is at %d", svcID, revs[0].Version, cur.Version)
		}
		for i := 1; i < len(revs); i++ {
			if revs[i-1].Version != revs[i].Version+1 || revs[i-1].LandscapeVersion <= revs[i].LandscapeVersion {
				t.Errorf("%s: revision %d (v%d, lv%d) follows v%d, lv%d", svcID, i-1, revs[i-1].Version, revs[i-1].LandscapeVersion, revs[i].Version, revs[i].LandscapeVersion)
			}
		}
		if n > 0 && cur.Description != last.marker {
			t.Errorf("%s ends with description %q, want the last accepted write's %q", svcID, cur.Description, last.marker)
		}
	}
	// The dashboards' snapshot is the store's.
	stored, err := f.store.Landscape(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.live.Landscape(); got.Version() != stored.Version() {
		t.Errorf("the live snapshot is at version %d, the store at %d", got.Version(), stored.Version())
	}
}
