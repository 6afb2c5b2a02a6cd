package web

import (
	"cmp"
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

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// dashboardNames are the dashboards, in the order the navigation lists them.
var dashboardNames = []string{"landscape", "coverage", "pathways", "transitions", "fragmentation", "criticality", "whatif"}

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
	Option  json.RawMessage
	View    dashboards.View
	// Stage is the stage the coverage dashboard shows.
	Stage string
	// Scenario is the what-if scenario analysed.
	Scenario *gap.Scenario
	// ScenarioID is the example scenario's id ("" for an upload).
	ScenarioID string

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

// withKinds returns q asking for kinds, with lists capped at limit.
func withKinds(q gap.Query, limit int, kinds ...gap.Kind) gap.Query {
	q.Kinds, q.Limit = kinds, limit
	return q
}

var cellKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile}

// buildDashboard computes dashboard req on landscape l: the gap analyses it
// needs, the chart and tables, the chart's option.
func buildDashboard(ctx context.Context, l *graph.Landscape, req dashRequest) (*builtDashboard, error) {
	b := &builtDashboard{Name: req.name, Version: l.Version()}
	q, lang, none := req.q, req.lang, gap.Scenario{}
	var v dashboards.View
	switch req.name {
	case "landscape":
		res, err := gap.Analyse(ctx, l, withKinds(q, 1, cellKinds...), none)
		if err != nil {
			return nil, err
		}
		v = dashboards.LandscapeGaps(res, l, lang, req.size)
	case "coverage":
		b.Stage = coverageStage(l, q)
		q.Stages = []string{b.Stage}
		cells, err := gap.GroupCells(ctx, l, q, none)
		if err != nil {
			return nil, err
		}
		res, err := gap.Analyse(ctx, l, withKinds(q, 1, gap.KindUncovered), none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Coverage(cells, res, l, b.Stage, lang)
	case "pathways":
		cells, err := gap.GroupCells(ctx, l, q, none)
		if err != nil {
			return nil, err
		}
		res, err := gap.Analyse(ctx, l, withKinds(q, 1, gap.KindUncovered), none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Pathways(cells, res, l, lang)
	case "transitions":
		q.Limit = 1
		res, err := gap.Transitions(ctx, l, q, none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Transitions(res, l, lang)
	case "fragmentation":
		fq := withKinds(q, 1, gap.KindFragmentation)
		res, err := gap.Analyse(ctx, l, fq, none)
		if err != nil {
			return nil, err
		}
		worst := map[string]*gap.Fragmentation{}
		for _, f := range res.GroupFragmentation {
			if f.Skipped == "" {
				continue
			}
			gr, err := gap.GroupGaps(ctx, l, f.Group, fq, none)
			if err != nil {
				return nil, err
			}
			if len(gr.Fragmentation) > 0 {
				worst[f.Group] = &gr.Fragmentation[0]
				for id, n := range gr.Names {
					res.Names[id] = n
				}
			}
		}
		v = dashboards.Fragmentation(res, worst, l, lang)
	case "criticality":
		res, err := gap.Analyse(ctx, l, withKinds(q, 200, gap.KindCriticality), none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Criticality(res, l, lang)
	case "whatif":
		sc, id, err := scenarioOf(req)
		if err != nil {
			return nil, err
		}
		res, err := gap.Analyse(ctx, l, withKinds(q, 50, append(cellKinds, gap.KindLostInTransition)...), sc)
		if err != nil {
			return nil, err
		}
		v = dashboards.WhatIf(res, l, lang)
		b.Scenario, b.ScenarioID = &sc, id
	default:
		return nil, graph.Errorf(graph.ENOTFOUND, "no dashboard %q (want one of %s)", req.name, strings.Join(dashboardNames, ", "))
	}
	opt, err := dashboards.Option(v.Chart)
	if err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", req.name, err)
	}
	b.Option, b.View = opt, v
	return b, nil
}

// coverageStage is the stage the coverage dashboard shows: the first
// filtered stage, else the first stage of the pathway.
func coverageStage(l *graph.Landscape, q gap.Query) string {
	stages := orderedStages(l)
	for _, st := range stages {
		if len(q.Stages) == 0 || slices.Contains(q.Stages, st.ID) {
			return st.ID
		}
	}
	if len(q.Stages) > 0 {
		return q.Stages[0] // unknown: the engine reports it
	}
	return ""
}

// orderedStages returns the stages by Order, then id.
func orderedStages(l *graph.Landscape) []*graph.Stage {
	stages := graph.All[*graph.Stage](l)
	slices.SortStableFunc(stages, func(a, b *graph.Stage) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	return stages
}

// scenarioOf returns the scenario of a what-if request and the id of the
// example it is ("" for an upload): the uploaded one, else the example
// named, else the first example.
func scenarioOf(req dashRequest) (gap.Scenario, string, error) {
	if req.upload != nil {
		sc, err := gap.ParseScenario(req.upload)
		return sc, "", err
	}
	examples, err := dashboards.Examples()
	if err != nil {
		return gap.Scenario{}, "", err
	}
	if len(examples) == 0 {
		return gap.Scenario{}, "", graph.Errorf(graph.ENOTFOUND, "no example scenarios")
	}
	if req.scenario == "" {
		return examples[0].Scenario, examples[0].ID, nil
	}
	for _, e := range examples {
		if e.ID == req.scenario {
			return e.Scenario, e.ID, nil
		}
	}
	return gap.Scenario{}, "", graph.FieldError("query", "scenario", "no example scenario %q", req.scenario)
}

// uploadKey names an uploaded scenario in the cache.
func uploadKey(text []byte) string {
	sum := sha256.Sum256(text)
	return "upload:" + hex.EncodeToString(sum[:16])
}
