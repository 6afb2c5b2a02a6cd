package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
)

// dashboardNames are the dashboards, in the order the navigation lists them.
var dashboardNames = chart.Dashboards

// dashRequest is what a dashboard is built from: the filters of the query
// string (normalised: each parameter's values sorted), the language and the
// dashboard's own choices.
type dashRequest struct {
	name    string
	lang    string
	q       gap.Query
	filters url.Values
	// size is the landscape's node size: "capacity" or "" (degree).
	size string
	// stage is the coverage dashboard's stage ("": the first filtered stage,
	// else the first stage of the pathway).
	stage string
	// scenario is the what-if scenario: an example's id, or "upload:" and a
	// hash of an uploaded one, whose text is upload.
	scenario string
	upload   []byte
	// evidence is the evidence map's filter (country and design), also
	// kept in filters.
	evidence evidence.Filter
}

// dashRequestOf reads the request for dashboard name from r's query string.
func (s *Server) dashRequestOf(r *http.Request, name string) (dashRequest, error) {
	q, err := s.gapQuery(r)
	if err != nil {
		return dashRequest{}, err
	}
	q.Kinds, q.Limit, q.Offset = nil, 0, 0
	v := r.URL.Query()
	req := dashRequest{name: name, lang: langOf(r.Context()), q: q, filters: url.Values{}}
	for _, key := range gapFilters {
		if vs := values(v, key); len(vs) > 0 {
			slices.Sort(vs)
			req.filters[key] = vs
		}
	}
	if name == "landscape" && v.Get("size") == dashboards.SizeByCapacity {
		req.size = dashboards.SizeByCapacity
	}
	if name == "whatif" {
		req.scenario = strings.TrimSpace(v.Get("scenario"))
	}
	if name == "evidence" {
		if req.evidence, err = evidenceFilterOf(v); err != nil {
			return dashRequest{}, err
		}
		for key, val := range map[string]string{"country": req.evidence.Country, "design": string(req.evidence.Design)} {
			if val != "" && val != evidence.CountryGlobal {
				req.filters.Set(key, val)
			}
		}
	}
	return req, nil
}

// key is the request's cache key within snapshot l.
func (req dashRequest) key(l *graph.Landscape) string {
	return fmt.Sprintf("%p|%d|%s|%s|%s|%s|%s|%s", l, l.Version(), req.name, req.lang, req.filters.Encode(), req.size, req.stage, req.scenario)
}

// builtDashboard is a dashboard ready to render as a page or as JSON.
type builtDashboard struct {
	Name    string
	Version int64
	// Changed is when the landscape last changed: with Version, the data
	// version every exported file names.
	Changed time.Time
	Option  json.RawMessage
	View    dashboards.View
	// Stage is the stage the coverage dashboard shows.
	Stage string
	// Scenario is the what-if scenario analysed.
	Scenario *gap.Scenario
	// ScenarioID is the example scenario's id ("" for an upload).
	ScenarioID string
	// Evidence is the evidence map's filter.
	Evidence evidence.Filter

	// The encoded JSON twin and the rendered pages (by query string, for
	// readers who are not signed in), made on first use: a repeated
	// request costs a map lookup and a write.
	apiOnce sync.Once
	apiBody []byte
	apiErr  error
	pagesMu sync.Mutex
	pages   map[string][]byte
}

// maxCachedPages bounds the rendered pages one dashboard keeps.
const maxCachedPages = 16

// page returns the rendered page of query string key, rendering it with
// render the first time.
func (b *builtDashboard) page(key string, render func() ([]byte, error)) ([]byte, error) {
	b.pagesMu.Lock()
	body, ok := b.pages[key]
	b.pagesMu.Unlock()
	if ok {
		return body, nil
	}
	body, err := render()
	if err != nil {
		return nil, err
	}
	b.pagesMu.Lock()
	if b.pages == nil || len(b.pages) >= maxCachedPages {
		b.pages = map[string][]byte{}
	}
	b.pages[key] = body
	b.pagesMu.Unlock()
	return body, nil
}

// buildDashboard computes dashboard req on landscape l: the gap analyses it
// needs, the chart and tables, the chart's option. The dashboards are
// export's (chart.BuildView), so the files the exports write show what
// the pages show; the web adds the uploaded scenario, parsed here so that
// a scenario that does not parse fails the build and is not cached.
func buildDashboard(ctx context.Context, l *graph.Landscape, req dashRequest) (*builtDashboard, error) {
	if !slices.Contains(dashboardNames, req.name) {
		return nil, graph.Errorf(graph.ENOTFOUND, "no dashboard %q (want one of %s)", req.name, strings.Join(dashboardNames, ", "))
	}
	er := chart.DashboardRequest{Name: req.name, Lang: req.lang, Query: req.q, SizeBy: req.size, Evidence: req.evidence}
	if req.name == "whatif" {
		if req.upload != nil {
			sc, err := gap.ParseScenario(req.upload)
			if err != nil {
				return nil, err
			}
			er.Scenario = &sc
		} else {
			er.ScenarioID = req.scenario
		}
	}
	d, err := chart.BuildView(ctx, l, er)
	if err != nil {
		return nil, err
	}
	return &builtDashboard{
		Name: d.Name, Version: d.Version, Changed: d.Changed, Option: d.Option, View: d.View,
		Stage: d.Stage, Scenario: d.Scenario, ScenarioID: d.ScenarioID, Evidence: d.Evidence,
	}, nil
}

// orderedStages returns the stages by Order, then id.
func orderedStages(l *graph.Landscape) []*graph.Stage {
	return chart.OrderedStages(l)
}

// uploadKey names an uploaded scenario in the cache.
func uploadKey(text []byte) string {
	sum := sha256.Sum256(text)
	return "upload:" + hex.EncodeToString(sum[:16])
}
