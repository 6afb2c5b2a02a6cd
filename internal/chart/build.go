package chart

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
)

// Dashboards are the dashboards, in the order the web's navigation lists
// them.
var Dashboards = []string{"landscape", "coverage", "pathways", "transitions", "fragmentation", "criticality", "whatif", "evidence"}

// PackDashboards are the dashboards a GRETA response pack holds unless told
// otherwise: all but the what-if scenario, which describes a change, not the
// landscape.
var PackDashboards = []string{"landscape", "coverage", "pathways", "transitions", "fragmentation", "criticality", "evidence"}

// DashboardRequest asks for one dashboard, as the web's dashboard pages do.
type DashboardRequest struct {
	Name string
	// Lang is "en" or "nb".
	Lang string
	// Query holds the filters and the suppression rule; its kinds, limit and
	// offset are the dashboard's own.
	Query gap.Query
	// SizeBy is the landscape's node size: dashboards.SizeByCapacity or ""
	// (by links).
	SizeBy string
	// Scenario is the what-if scenario (nil: the first example), and
	// ScenarioID the example's id ("" for one of the user's).
	Scenario   *gap.Scenario
	ScenarioID string
	// Evidence is the evidence map's filter (country and design).
	Evidence evidence.Filter
}

// Dashboard is a dashboard built for export: its view (chart, tables,
// notes, citations) and the ECharts option, with what it was built from.
type Dashboard struct {
	Name    string
	Lang    string
	Version int64
	// Changed is when the landscape last changed (Landscape.Changed).
	Changed time.Time
	Query   gap.Query
	SizeBy  string
	// Option is the chart's ECharts option, as dashboards.Option gives it.
	Option json.RawMessage
	View   dashboards.View
	// Stage is the stage the coverage dashboard shows.
	Stage string
	// Scenario and ScenarioID: the what-if scenario analysed.
	Scenario   *gap.Scenario
	ScenarioID string
	// Evidence is the evidence map's filter.
	Evidence evidence.Filter
	// Filters describe the query in words in Lang, one per filter.
	Filters []string
}

// CheckDashboard returns an EINVALID error unless name is a dashboard.
func CheckDashboard(name string) error {
	if slices.Contains(Dashboards, name) {
		return nil
	}
	return graph.Errorf(graph.EINVALID, "no dashboard %q (want one of %s)", name, strings.Join(Dashboards, ", "))
}

// BuildDashboard computes dashboard req on landscape l: the gap analyses it
// needs, the view and the chart's option, ready for export (NewDashboard).
// The web's dashboard pages build theirs with BuildView, so a file shows
// what the screen shows.
func BuildDashboard(ctx context.Context, l *graph.Landscape, req DashboardRequest) (*Dashboard, error) {
	d, err := BuildView(ctx, l, req)
	if err != nil {
		return nil, err
	}
	return NewDashboard(l, *d), nil
}

// BuildView computes dashboard req on landscape l: the gap analyses it
// needs, the view and the chart's option, as the web's dashboard pages show
// them. Unlike BuildDashboard it leaves the view as the dashboards package
// made it and does not describe the filters (Filters is nil).
func BuildView(ctx context.Context, l *graph.Landscape, req DashboardRequest) (*Dashboard, error) {
	if err := CheckDashboard(req.Name); err != nil {
		return nil, err
	}
	lang := dashboards.Lang(req.Lang)
	q := req.Query
	q.Kinds, q.Limit, q.Offset = nil, 0, 0
	d := &Dashboard{Name: req.Name, Lang: lang, Version: l.Version(), Changed: l.Changed(), Query: q}
	none := gap.Scenario{}
	var v dashboards.View
	switch req.Name {
	case "landscape":
		res, err := gap.Analyse(ctx, l, withKinds(q, 1, cellKinds...), none)
		if err != nil {
			return nil, err
		}
		if req.SizeBy == dashboards.SizeByCapacity {
			d.SizeBy = req.SizeBy
		}
		v = dashboards.LandscapeGaps(res, l, lang, d.SizeBy)
	case "coverage":
		d.Stage = coverageStage(l, q)
		cq := q
		cq.Stages = []string{d.Stage}
		cells, err := gap.GroupCells(ctx, l, cq, none)
		if err != nil {
			return nil, err
		}
		covers, err := gap.GroupCovers(ctx, l, cq)
		if err != nil {
			return nil, err
		}
		res, err := gap.Analyse(ctx, l, withKinds(cq, 1, gap.KindUncovered), none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Coverage(cells, covers, res, l, d.Stage, lang)
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
		tq := q
		tq.Limit = 1
		res, err := gap.Transitions(ctx, l, tq, none)
		if err != nil {
			return nil, err
		}
		v = dashboards.Transitions(res, l, lang)
	case "fragmentation":
		var err error
		if v, err = fragmentationView(ctx, l, q, lang); err != nil {
			return nil, err
		}
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
		res, err := gap.Analyse(ctx, l, withKinds(q, 50, dashboards.WhatIfKinds()...), sc)
		if err != nil {
			return nil, err
		}
		v = dashboards.WhatIf(res, l, lang)
		d.Scenario, d.ScenarioID = &sc, id
	case "evidence":
		d.Evidence = req.Evidence
		if d.Evidence.Country == "" {
			d.Evidence.Country = evidence.CountryGlobal
		}
		v = dashboards.Evidence(evidence.Build(l, d.Evidence), l, lang)
	}
	opt, err := dashboards.Option(v.Chart)
	if err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", req.Name, err)
	}
	d.Option, d.View = opt, v
	return d, nil
}

// NewDashboard returns d, built elsewhere (the web keeps the dashboards of
// its pages in a cache), ready for export: its language checked, its
// filters described in words, and its sources named as the landscape names
// them when a source has no title. d's view is not changed: the sources are
// copied.
func NewDashboard(l *graph.Landscape, d Dashboard) *Dashboard {
	d.Lang = dashboards.Lang(d.Lang)
	d.Query.Kinds, d.Query.Limit, d.Query.Offset = nil, 0, 0
	d.Filters = FilterText(l, d.Query, d.Lang)
	if d.Name == "evidence" {
		d.Filters = append(d.Filters, EvidenceFilterText(d.Evidence, d.Lang)...)
	}
	srcs := slices.Clone(d.View.Sources)
	for i, s := range srcs {
		if s.Title == "" {
			if n, ok := l.Node(s.ID); ok {
				srcs[i].Title = n.Base().Label(d.Lang)
			}
		}
	}
	d.View.Sources = srcs
	return &d
}

var cellKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile}

// withKinds returns q asking for kinds, with lists capped at limit.
func withKinds(q gap.Query, limit int, kinds ...gap.Kind) gap.Query {
	q.Kinds, q.Limit = kinds, limit
	return q
}

// fragmentationView is the fragmentation dashboard: the joint cover of each
// group, and for a group too wide for one, its most fragmented profile.
func fragmentationView(ctx context.Context, l *graph.Landscape, q gap.Query, lang string) (dashboards.View, error) {
	fq := withKinds(q, 1, gap.KindFragmentation)
	res, err := gap.Analyse(ctx, l, fq, gap.Scenario{})
	if err != nil {
		return dashboards.View{}, err
	}
	// Results are shared by the gap engine's cache: add names to a copy.
	cp := *res
	cp.Names = maps.Clone(res.Names)
	res = &cp
	worst := map[string]*gap.Fragmentation{}
	for _, f := range res.GroupFragmentation {
		if f.Skipped == "" {
			continue
		}
		gr, err := gap.GroupGaps(ctx, l, f.Group, fq, gap.Scenario{})
		if err != nil {
			return dashboards.View{}, err
		}
		if len(gr.Fragmentation) > 0 {
			worst[f.Group] = &gr.Fragmentation[0]
			for id, n := range gr.Names {
				res.Names[id] = n
			}
		}
	}
	return dashboards.Fragmentation(res, worst, l, lang), nil
}

// coverageStage is the stage the coverage dashboard shows: the first
// filtered stage, else the first stage of the pathway.
func coverageStage(l *graph.Landscape, q gap.Query) string {
	stages := OrderedStages(l)
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

// OrderedStages returns the stages by Order, then id.
func OrderedStages(l *graph.Landscape) []*graph.Stage {
	stages := graph.All[*graph.Stage](l)
	slices.SortStableFunc(stages, func(a, b *graph.Stage) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	return stages
}

// scenarioOf returns the what-if scenario of req and the id of the example
// it is: the one given, else the example named, else the first example.
func scenarioOf(req DashboardRequest) (gap.Scenario, string, error) {
	if req.Scenario != nil {
		return *req.Scenario, req.ScenarioID, nil
	}
	examples, err := dashboards.Examples()
	if err != nil {
		return gap.Scenario{}, "", err
	}
	if len(examples) == 0 {
		return gap.Scenario{}, "", graph.Errorf(graph.ENOTFOUND, "no example scenarios")
	}
	if req.ScenarioID == "" {
		return examples[0].Scenario, examples[0].ID, nil
	}
	for _, e := range examples {
		if e.ID == req.ScenarioID {
			return e.Scenario, e.ID, nil
		}
	}
	ids := make([]string, len(examples))
	for i, e := range examples {
		ids[i] = e.ID
	}
	return gap.Scenario{}, "", graph.FieldError("query", "scenario", "no example scenario %q (want one of %s, or a scenario file)", req.ScenarioID, strings.Join(ids, ", "))
}
