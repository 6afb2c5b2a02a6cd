package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
)

// The numbers tests read what a dashboard draws, from the chart ECharts
// holds in real Chromium and from the table under it, and compare it with
// what the gap engine computes for the same query. They check values, not
// shapes: a transposed heatmap, a wrong maximum, wrong fragile counts or
// halved bars fail them.

// numbersCase is one dashboard and query of testdata/dash_numbers.json.
type numbersCase struct {
	Dashboard string `json:"dashboard"`
	Query     string `json:"query"`
}

// drawn is what a dashboard page shows: the option of the chart as ECharts
// holds it, and the first table, its columns by key.
type drawn struct {
	Option json.RawMessage `json:"option"`
	Keys   []string        `json:"keys"`
	Rows   [][]drawnCell   `json:"rows"`
}

// drawnCell is one table cell: its text and the path its link opens.
type drawnCell struct {
	Text string `json:"text"`
	Href string `json:"href"`
}

// drawnJS reads the chart's option and the table from the page.
const drawnJS = `(() => {
	const o = ` + dashChartJS + `.getOption();
	const t = document.querySelector('table.dash');
	const keys = Array.from(t.tHead.rows[0].cells).map(th => th.dataset.key);
	const rows = Array.from(t.tBodies[0].rows).map(r => Array.from(r.cells).map(c => {
		const a = c.querySelector('a');
		return {text: c.textContent.trim(), href: a ? a.getAttribute('href') : ''};
	}));
	return JSON.stringify({option: o, keys, rows});
})()`

// cell returns the cell of row in column key.
func (d drawn) cell(t *testing.T, row []drawnCell, key string) drawnCell {
	t.Helper()
	i := slices.Index(d.Keys, key)
	if i < 0 || i >= len(row) {
		t.Fatalf("the table has no column %q (columns %v)", key, d.Keys)
	}
	return row[i]
}

// num returns the count a table cell or label shows, whatever separators
// group its thousands.
func num(t *testing.T, s string) int {
	t.Helper()
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) || r == '-' || r == '−' {
			if r == '−' {
				return '-'
			}
			return r
		}
		if unicode.IsSpace(r) || r == ',' || r == '.' || r == '\u202f' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	n, err := strconv.Atoi(digits)
	if err != nil {
		t.Fatalf("%q is not a count", s)
	}
	return n
}

// idOf returns the id of the node a table link opens.
func idOf(href string) string {
	p, _, _ := strings.Cut(href, "?")
	id, err := url.PathUnescape(strings.TrimPrefix(strings.TrimPrefix(p, "/nodes/"), "/services/"))
	if err != nil {
		return p
	}
	return id
}

// kindsQuery returns q asking for kinds, with lists capped at limit, as the
// dashboards ask the engine.
func kindsQuery(q gap.Query, limit int, kinds ...gap.Kind) gap.Query {
	q.Kinds, q.Limit = kinds, limit
	return q
}

// TestBrowserDashboardNumbers loads each dashboard and query of
// testdata/dash_numbers.json on the Norwegian seed in Chromium and compares
// the chart's data and its table with the gap engine's results.
func TestBrowserDashboardNumbers(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "dash_numbers.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []numbersCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatalf("testdata/dash_numbers.json: %v", err)
	}
	l := norwayLandscape(t)
	s, _ := testServerWith(t, fixed{l}, versioner{}, realStatic(t))
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	tab, _ := watch(t)
	run(t, tab, chromedp.EmulateViewport(1366, 900))
	checks := map[string]func(*testing.T, *graph.Landscape, gap.Query, url.Values, drawn){
		"coverage":      checkCoverageNumbers,
		"criticality":   checkCriticalityNumbers,
		"transitions":   checkTransitionsNumbers,
		"fragmentation": checkFragmentationNumbers,
		"pathways":      checkPathwaysNumbers,
		"landscape":     checkLandscapeNumbers,
		"whatif":        checkWhatIfNumbers,
		"evidence":      checkEvidenceNumbers,
	}
	seen := map[string]bool{}
	for _, c := range cases {
		t.Run(c.Dashboard+"?"+c.Query, func(t *testing.T) {
			check, ok := checks[c.Dashboard]
			if !ok {
				t.Fatalf("no check for dashboard %q", c.Dashboard)
			}
			seen[c.Dashboard] = true
			req := httptest.NewRequest("GET", "/?"+c.Query, nil)
			q, err := s.gapQuery(req)
			if err != nil {
				t.Fatal(err)
			}
			path := "/dashboards/" + c.Dashboard + "?lang=en"
			if c.Query != "" {
				path += "&" + c.Query
			}
			run(t, tab, chromedp.Navigate(ts.URL+path), chromedp.WaitVisible(chromedp.CSS("#dash-chart canvas")))
			var d drawn
			if err := json.Unmarshal([]byte(eval[string](t, tab, drawnJS)), &d); err != nil {
				t.Fatal(err)
			}
			if len(d.Rows) == 0 {
				t.Fatalf("the table is empty")
			}
			check(t, l, q, req.URL.Query(), d)
		})
	}
	for _, name := range dashboardNames {
		if !seen[name] {
			t.Errorf("testdata/dash_numbers.json checks no %s dashboard", name)
		}
	}
}

// labelIDs maps the English labels of the nodes of type typ to their ids.
func labelIDs(l *graph.Landscape, typ graph.NodeType) map[string]string {
	m := map[string]string{}
	for _, n := range l.Nodes(typ) {
		m[n.Base().Label("en")] = n.Base().ID
	}
	return m
}

// coverageWant is a group's need at a stage, summed over its statuses, as
// the engine counts it.
type coverageWant struct {
	gap.Counts
	min, max int
}

func (c coverageWant) services() string {
	if c.min == c.max {
		return strconv.Itoa(c.min)
	}
	return fmt.Sprintf("%d–%d", c.min, c.max)
}

// state is the worst state of the cell, as the heatmap's visual map
// numbers them: 1 entitled but unserved, 2 uncovered, 3 fragile, 4 covered.
func (c coverageWant) state() int {
	switch {
	case c.EntitledUnserved > 0:
		return 1
	case c.Uncovered > 0:
		return 2
	case c.Fragile > 0:
		return 3
	}
	return 4
}

func checkCoverageNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	stage := ""
	for _, st := range orderedStages(l) {
		if len(q.Stages) == 0 || slices.Contains(q.Stages, st.ID) {
			stage = st.ID
			break
		}
	}
	cq := q
	cq.Stages = []string{stage}
	cells, err := gap.GroupCells(context.Background(), l, cq, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]string]*coverageWant{}
	for _, c := range cells {
		k := [2]string{c.Group, c.Need}
		w, ok := want[k]
		if !ok {
			w = &coverageWant{min: c.MinServices, max: c.MaxServices}
			want[k] = w
		}
		w.Cells += c.Cells
		w.Uncovered += c.Uncovered
		w.EntitledUnserved += c.EntitledUnserved
		w.Fragile += c.Fragile
		w.min, w.max = min(w.min, c.MinServices), max(w.max, c.MaxServices)
	}
	if len(want) == 0 {
		t.Fatal("the engine finds no group's need at the stage: the case checks nothing")
	}
	var opt struct {
		XAxis []struct{ Data []string } `json:"xAxis"`
		YAxis []struct{ Data []string } `json:"yAxis"`
		// A data item is [need, group, state] with its label.
		Series []struct {
			Data []struct {
				Value [3]int `json:"value"`
				Label struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	groups, needs := labelIDs(l, graph.TypeGroup), labelIDs(l, graph.TypeNeed)
	if len(opt.Series) == 0 || len(opt.XAxis) == 0 || len(opt.YAxis) == 0 {
		t.Fatalf("the heatmap has no series or axes")
	}
	drawnCells := map[[2]string]bool{}
	for _, item := range opt.Series[0].Data {
		x, y, st := item.Value[0], item.Value[1], item.Value[2]
		if x < 0 || x >= len(opt.XAxis[0].Data) || y < 0 || y >= len(opt.YAxis[0].Data) {
			t.Errorf("a heatmap cell at column %d, row %d lies off the %d×%d grid", x, y, len(opt.XAxis[0].Data), len(opt.YAxis[0].Data))
			continue
		}
		need, group := needs[opt.XAxis[0].Data[x]], groups[opt.YAxis[0].Data[y]]
		k := [2]string{group, need}
		w, ok := want[k]
		if !ok {
			t.Errorf("the heatmap draws %q × %q, a group and need the engine has no cell for", opt.YAxis[0].Data[y], opt.XAxis[0].Data[x])
			continue
		}
		drawnCells[k] = true
		if st != w.state() {
			t.Errorf("%s × %s: the heatmap colours state %d, the engine's state is %d (%+v)", group, need, st, w.state(), w.Counts)
		}
		if got, _, _ := strings.Cut(item.Label.Formatter, " "); got != w.services() {
			t.Errorf("%s × %s: the heatmap reads %q services, the engine %q", group, need, item.Label.Formatter, w.services())
		}
	}
	for k := range want {
		if !drawnCells[k] {
			t.Errorf("the heatmap leaves out %s × %s", k[0], k[1])
		}
	}
	if len(d.Rows) != len(want) {
		t.Errorf("the table has %d rows, the engine %d groups' needs", len(d.Rows), len(want))
	}
	for _, row := range d.Rows {
		k := [2]string{idOf(d.cell(t, row, "group").Href), idOf(d.cell(t, row, "need").Href)}
		w, ok := want[k]
		if !ok {
			t.Errorf("the table lists %v, which the engine does not", k)
			continue
		}
		if got := d.cell(t, row, "services").Text; got != w.services() {
			t.Errorf("%v: the table reads %q services, the engine %q", k, got, w.services())
		}
		for _, c := range []struct {
			key  string
			want int
		}{{"profiles", w.Cells}, {"uncovered", w.Uncovered}, {"entitled_unserved", w.EntitledUnserved}, {"fragile", w.Fragile}} {
			if got := num(t, d.cell(t, row, c.key).Text); got != c.want {
				t.Errorf("%v: the table's %s is %d, the engine's %d", k, c.key, got, c.want)
			}
		}
	}
}

func checkCriticalityNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	cq := q
	cq.Kinds, cq.Limit = []gap.Kind{gap.KindCriticality}, 200
	res, err := gap.Analyse(context.Background(), l, cq, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	var ranked []gap.ServiceImpact
	for _, si := range res.Criticality {
		if si.Cells > 0 {
			ranked = append(ranked, si)
		}
	}
	if len(ranked) == 0 {
		t.Fatal("the engine finds no critical service: the case checks nothing")
	}
	var opt struct {
		Series []struct {
			Data []struct {
				Value int    `json:"value"`
				URL   string `json:"url"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) == 0 {
		t.Fatalf("the chart has no series")
	}
	// The first series is the bars; the others give the legend its colours.
	bars := opt.Series[0].Data
	if want := min(len(ranked), 20); len(bars) != want {
		t.Errorf("the chart ranks %d services, want the %d most critical", len(bars), want)
	}
	for i, b := range bars {
		if i >= len(ranked) {
			break
		}
		if id := idOf(b.URL); id != ranked[i].Service || b.Value != ranked[i].Cells {
			t.Errorf("bar %d is %s at %d, the engine ranks %s at %d there", i+1, id, b.Value, ranked[i].Service, ranked[i].Cells)
		}
	}
	if len(d.Rows) != len(ranked) {
		t.Errorf("the table lists %d services, the engine %d", len(d.Rows), len(ranked))
	}
	for i, row := range d.Rows {
		if i >= len(ranked) {
			break
		}
		si := ranked[i]
		if id := idOf(d.cell(t, row, "service").Href); id != si.Service {
			t.Errorf("row %d is %s, the engine ranks %s there", i+1, id, si.Service)
			continue
		}
		if got := num(t, d.cell(t, row, "cells").Text); got != si.Cells {
			t.Errorf("%s: the table's combinations are %d, the engine's %d", si.Service, got, si.Cells)
		}
		if got := num(t, d.cell(t, row, "profiles").Text); got != si.Profiles {
			t.Errorf("%s: the table's profiles are %d, the engine's %d", si.Service, got, si.Profiles)
		}
		if got := d.cell(t, row, "people").Text; got != si.PeopleAffected.String() && num(t, got) != numOr(si.PeopleAffected.String()) {
			t.Errorf("%s: the table's people are %q, the engine's %q", si.Service, got, si.PeopleAffected.String())
		}
	}
}

// numOr returns the number s shows, or -1.
func numOr(s string) int {
	n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
	if err != nil {
		return -1
	}
	return n
}

func checkTransitionsNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	tq := q
	tq.Limit = 1
	res, err := gap.Transitions(context.Background(), l, tq, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	label := func(r gap.TransitionReport) string {
		return nameOfNode(l, res.Names, r.From) + " → " + nameOfNode(l, res.Names, r.To)
	}
	want := map[string]gap.TransitionReport{}
	for _, r := range res.Transitions {
		if r.Cells > 0 || len(r.EntitlementsLost) > 0 {
			want[label(r)] = r
		}
	}
	if len(want) == 0 {
		t.Fatal("the engine finds no transition that loses anything: the case checks nothing")
	}
	var opt struct {
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Name string `json:"name"`
			Data []struct {
				Value int `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	needs := labelIDs(l, graph.TypeNeed)
	bars := opt.YAxis[0].Data
	last := math.MaxInt
	for i, b := range bars {
		r, ok := want[b]
		if !ok {
			t.Errorf("bar %d is %q, a transition the engine finds no loss in", i+1, b)
			continue
		}
		if r.Cells > last {
			t.Errorf("bar %d (%s, %d lost) ranks below one that loses fewer (%d)", i+1, b, r.Cells, last)
		}
		last = r.Cells
		lost := map[string]int{}
		for _, nl := range r.NeedsLost {
			lost[nl.Need] = nl.Profiles
		}
		for _, s := range opt.Series {
			need, ok := needs[s.Name]
			if !ok {
				t.Errorf("the chart stacks %q, not a need", s.Name)
				continue
			}
			if i < len(s.Data) && s.Data[i].Value != lost[need] {
				t.Errorf("%s: the chart shows %d profiles losing %s, the engine %d", b, s.Data[i].Value, need, lost[need])
			}
			delete(lost, need)
		}
		for need, n := range lost {
			t.Errorf("%s: the chart leaves out %s, lost by %d profiles", b, need, n)
		}
	}
	if len(d.Rows) != len(want) {
		t.Errorf("the table lists %d transitions, the engine %d", len(d.Rows), len(want))
	}
	for _, row := range d.Rows {
		name := d.cell(t, row, "transition").Text
		r, ok := want[name]
		if !ok {
			t.Errorf("the table lists %q, which the engine does not", name)
			continue
		}
		if got := num(t, d.cell(t, row, "cells").Text); got != r.Cells {
			t.Errorf("%s: the table's lost combinations are %d, the engine's %d", name, got, r.Cells)
		}
	}
}

// nameOfNode returns the English label of node id, else the result's name.
func nameOfNode(l *graph.Landscape, names map[string]string, id string) string {
	if n, ok := l.Node(id); ok {
		return n.Base().Label("en")
	}
	if n := names[id]; n != "" {
		return n
	}
	return id
}

func checkFragmentationNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	fq := q
	fq.Kinds, fq.Limit = []gap.Kind{gap.KindFragmentation}, 1
	ctx := context.Background()
	res, err := gap.Analyse(ctx, l, fq, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]gap.Fragmentation{}
	for _, f := range res.GroupFragmentation {
		if f.Skipped != "" {
			gr, err := gap.GroupGaps(ctx, l, f.Group, fq, gap.Scenario{})
			if err != nil {
				t.Fatal(err)
			}
			if len(gr.Fragmentation) == 0 {
				continue
			}
			g := f.Group
			f = gr.Fragmentation[0]
			f.Group = g
		}
		want[nameOfNode(l, res.Names, f.Group)] = f
	}
	var opt struct {
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Data []struct {
				Value int `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 3 {
		t.Fatalf("the chart has %d series, want organisations, sectors and referral breaks", len(opt.Series))
	}
	for i, g := range opt.YAxis[0].Data {
		f, ok := want[g]
		if !ok {
			t.Errorf("bar %d is %q, a group the engine has no cover for", i+1, g)
			continue
		}
		for s, w := range []int{f.Organisations.Size, f.Sectors.Size, f.UnlinkedCount} {
			if got := opt.Series[s].Data[i].Value; got != w {
				t.Errorf("%s: series %d shows %d, the engine %d", g, s+1, got, w)
			}
		}
	}
	if len(opt.YAxis[0].Data) != len(want) {
		t.Errorf("the chart shows %d groups, the engine covers %d", len(opt.YAxis[0].Data), len(want))
	}
	for _, row := range d.Rows {
		id := idOf(d.cell(t, row, "group").Href)
		f, ok := want[nameOfNode(l, res.Names, id)]
		if !ok {
			t.Errorf("the table lists %s, which the engine does not cover", id)
			continue
		}
		orgs, _, _ := strings.Cut(d.cell(t, row, "organisations").Text, ":")
		secs, _, _ := strings.Cut(d.cell(t, row, "sectors").Text, ":")
		brk, _, _ := strings.Cut(d.cell(t, row, "referral_breaks").Text, ":")
		if num(t, orgs) != f.Organisations.Size || num(t, secs) != f.Sectors.Size || num(t, brk) != f.UnlinkedCount {
			t.Errorf("%s: the table reads %s organisations, %s sectors, %s breaks; the engine %d, %d, %d",
				id, orgs, secs, brk, f.Organisations.Size, f.Sectors.Size, f.UnlinkedCount)
		}
	}
}

func checkPathwaysNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	ctx := context.Background()
	cells, err := gap.GroupCells(ctx, l, q, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ group, status string }
	type tally struct{ cells, uncovered map[string]int }
	tallies := map[key]*tally{}
	for _, c := range cells {
		k := key{c.Group, c.Status}
		if tallies[k] == nil {
			tallies[k] = &tally{cells: map[string]int{}, uncovered: map[string]int{}}
		}
		tallies[k].cells[c.Stage] += c.Cells
		tallies[k].uncovered[c.Stage] += c.Uncovered
	}
	if len(tallies) == 0 {
		t.Fatal("the engine finds no group: the case checks nothing")
	}
	if len(d.Rows) != len(tallies) {
		t.Errorf("the table lists %d groups with a status, the engine %d", len(d.Rows), len(tallies))
	}
	// The flow into the end of the pathway: every group's weight times the
	// share served at each stage.
	res, err := gap.Analyse(ctx, l, kindsQuery(q, 1, gap.KindUncovered), gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[string]int{}
	for k := range tallies {
		statuses[k.group]++
	}
	threshold := float64(res.Query.Privacy.Normalize().Threshold)
	weight := func(group string) float64 {
		for _, g := range res.Groups {
			if g.Group != group {
				continue
			}
			if v, ok := g.People.Value(); ok && v > 0 {
				return float64(v)
			}
			if g.People.Suppressed() {
				return threshold
			}
		}
		return 1
	}
	served := 0.0
	for _, row := range d.Rows {
		k := key{idOf(d.cell(t, row, "group").Href), idOf(d.cell(t, row, "status").Href)}
		tl, ok := tallies[k]
		if !ok {
			t.Errorf("the table lists %v, which the engine does not", k)
			continue
		}
		left := weight(k.group) / float64(statuses[k.group])
		for _, st := range orderedStages(l) {
			if tl.cells[st.ID] == 0 {
				continue
			}
			share := float64(tl.uncovered[st.ID]) / float64(tl.cells[st.ID])
			want := int(share*100 + 0.5)
			if got := num(t, strings.TrimSuffix(d.cell(t, row, "stage:"+st.ID).Text, "%")); got != want {
				t.Errorf("%v at %s: the table reads %d %% without a service, the engine %d %%", k, st.ID, got, want)
			}
			left *= 1 - share
		}
		served += left
	}
	var opt struct {
		Series []struct {
			Data []struct {
				Name string `json:"name"`
			} `json:"data"`
			Links []struct {
				Target int     `json:"target"`
				Value  float64 `json:"value"`
			} `json:"links"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	end := slices.IndexFunc(opt.Series[0].Data, func(n struct {
		Name string `json:"name"`
	}) bool {
		return strings.HasPrefix(n.Name, "Served to the end")
	})
	if end < 0 {
		t.Fatalf("the sankey has no end node: %v", opt.Series[0].Data)
	}
	into := 0.0
	for _, lk := range opt.Series[0].Links {
		if lk.Target == end {
			into += lk.Value
		}
	}
	// Links are rounded to one decimal each.
	if math.Abs(into-served) > 0.05*float64(len(tallies))+0.05 {
		t.Errorf("the sankey brings %.1f people to the end with a service, the engine %.1f", into, served)
	}
}

func checkLandscapeNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	res, err := gap.Analyse(context.Background(), l, kindsQuery(q, 1, gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile), gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]gap.Counts{}
	for _, tl := range res.Tallies {
		if tl.Dimension == gap.DimNeed || tl.Dimension == gap.DimStatus {
			want[tl.Value] = tl.Counts
		}
	}
	if len(d.Rows) != len(want) {
		t.Errorf("the table lists %d needs and statuses, the engine %d", len(d.Rows), len(want))
	}
	for _, row := range d.Rows {
		id := idOf(d.cell(t, row, "name").Href)
		w, ok := want[id]
		if !ok {
			t.Errorf("the table lists %s, which the engine does not count", id)
			continue
		}
		for _, c := range []struct {
			key  string
			want int
		}{{"cells", w.Cells}, {"uncovered", w.Uncovered}, {"entitled_unserved", w.EntitledUnserved}, {"fragile", w.Fragile}} {
			if got := num(t, d.cell(t, row, c.key).Text); got != c.want {
				t.Errorf("%s: the table's %s is %d, the engine's %d", id, c.key, got, c.want)
			}
		}
		if w.Cells > 0 {
			share := int(math.Round(100 * float64(w.Uncovered) / float64(w.Cells)))
			if got := num(t, strings.TrimSuffix(d.cell(t, row, "share_uncovered").Text, "%")); got != share {
				t.Errorf("%s: the table's share uncovered is %d %%, the engine's %d %%", id, got, share)
			}
		}
	}
	var opt struct {
		Series []struct {
			Data []struct {
				ID    string   `json:"id"`
				Value *float64 `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, n := range opt.Series[0].Data {
		w, ok := want[n.ID]
		if !ok || w.Cells == 0 {
			continue
		}
		checked++
		share := math.Round(100 * float64(w.Uncovered) / float64(w.Cells))
		if n.Value == nil || *n.Value != share {
			t.Errorf("the graph's node %s shows %v %% uncovered, the engine %.0f %%", n.ID, n.Value, share)
		}
	}
	if checked == 0 {
		t.Error("the graph shows no need or status with its share uncovered")
	}
}

// whatIfLabels are the English names the what-if dashboard gives the kinds
// of gap, on its bars and in its table.
var whatIfLabels = map[gap.Kind]string{
	gap.KindUncovered:        "Uncovered",
	gap.KindEntitledUnserved: "Entitled but unserved",
	gap.KindEntitledPartial:  "Entitled, served only in part",
	gap.KindFragile:          "Fragile",
	gap.KindLostInTransition: "Lost in transition",
}

func checkWhatIfNumbers(t *testing.T, l *graph.Landscape, q gap.Query, _ url.Values, d drawn) {
	examples, err := dashboards.Examples()
	if err != nil || len(examples) == 0 {
		t.Fatalf("no example scenario: %v", err)
	}
	// Every kind of gap a cell can have, in the engine's order; the note
	// single_provider is not a gap. A kind the model gains and the
	// dashboard does not draw fails here.
	var kinds []gap.Kind
	for _, k := range gap.Kinds {
		if k != gap.KindSingleProvider && k != gap.KindFragmentation && k != gap.KindCriticality {
			kinds = append(kinds, k)
		}
	}
	res, err := gap.Analyse(context.Background(), l, kindsQuery(q, 50, kinds...), examples[0].Scenario)
	if err != nil {
		t.Fatal(err)
	}
	get := func(c gap.Counts, k gap.Kind) int {
		n, ok := map[gap.Kind]int{gap.KindUncovered: c.Uncovered, gap.KindEntitledUnserved: c.EntitledUnserved,
			gap.KindEntitledPartial: c.EntitledPartial, gap.KindFragile: c.Fragile, gap.KindLostInTransition: c.LostInTransition}[k]
		if !ok {
			t.Fatalf("the test does not know how to count %s", k)
		}
		return n
	}
	var opt struct {
		XAxis  []struct{ Data []string } `json:"xAxis"`
		Series []struct {
			Data []struct {
				Value int `json:"value"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 4 {
		t.Fatalf("the chart has %d series, want as it is, with the change, closed and opened", len(opt.Series))
	}
	if len(opt.XAxis) == 0 || len(opt.XAxis[0].Data) != len(kinds) {
		t.Fatalf("the chart has bars for %v, want one per kind of gap (%v)", opt.XAxis, kinds)
	}
	if len(d.Rows) != len(kinds) {
		t.Errorf("the table has %d rows, want one per kind of gap", len(d.Rows))
	}
	df := res.Diff
	for i, k := range kinds {
		label, ok := whatIfLabels[k]
		if !ok {
			t.Fatalf("the test has no name for %s", k)
		}
		if got := opt.XAxis[0].Data[i]; got != label {
			t.Errorf("bar group %d is %q, want %q", i+1, got, label)
		}
		b, o, c := get(df.Baseline, k), get(df.Opened, k), get(df.Closed, k)
		want := []int{b, b + o - c, c, o}
		for s, w := range want {
			if i >= len(opt.Series[s].Data) {
				t.Errorf("%s: series %d has no bar", k, s+1)
				continue
			}
			if got := opt.Series[s].Data[i].Value; got != w {
				t.Errorf("%s: series %d shows %d, the engine %d", k, s+1, got, w)
			}
		}
		if i >= len(d.Rows) {
			continue
		}
		row := d.Rows[i]
		if got := d.cell(t, row, "kind").Text; got != label {
			t.Errorf("table row %d is %q, want %q", i+1, got, label)
		}
		for j, key := range []string{"baseline", "scenario", "closed", "opened"} {
			if got := num(t, d.cell(t, row, key).Text); got != want[j] {
				t.Errorf("%s: the table's %s is %d, the engine's %d", k, key, got, want[j])
			}
		}
	}
}

// checkEvidenceNumbers compares the evidence map with internal/evidence's
// grid under the query's filter: the chart's cell at each theme and
// participants holds that cell's number of studies, labelled with it (and
// "*" when an assumed tag places a study there); the table has a row per
// theme and a column per participants with the same counts, and each
// table cell opens the page that lists its studies.
func checkEvidenceNumbers(t *testing.T, l *graph.Landscape, _ gap.Query, v url.Values, d drawn) {
	f, err := evidence.ParseFilter(v.Get("country"), v.Get("design"))
	if err != nil {
		t.Fatal(err)
	}
	m := evidence.Build(l, f)
	studies := 0
	for _, c := range m.Cells {
		studies += len(c.Studies)
	}
	if studies == 0 {
		t.Fatal("the grid holds no study: the case checks nothing")
	}
	var opt struct {
		XAxis  []struct{ Data []string } `json:"xAxis"`
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Data []struct {
				Value [3]int `json:"value"`
				Label struct {
					Formatter string `json:"formatter"`
				} `json:"label"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) == 0 || len(opt.XAxis) == 0 || len(opt.YAxis) == 0 {
		t.Fatalf("the heatmap has no series or axes")
	}
	if len(opt.XAxis[0].Data) != len(m.Participants) || len(opt.YAxis[0].Data) != len(m.Themes) {
		t.Fatalf("the heatmap is %d×%d, the grid %d participants × %d themes",
			len(opt.XAxis[0].Data), len(opt.YAxis[0].Data), len(m.Participants), len(m.Themes))
	}
	label := func(c *evidence.Cell) string {
		s := strconv.Itoa(len(c.Studies))
		if c.Assumed > 0 {
			s += "*"
		}
		return s
	}
	drawnCells := map[[2]int]bool{}
	for _, item := range opt.Series[0].Data {
		x, y, n := item.Value[0], item.Value[1], item.Value[2]
		if x < 0 || x >= len(m.Participants) || y < 0 || y >= len(m.Themes) {
			t.Errorf("a heatmap cell at column %d, row %d lies off the grid", x, y)
			continue
		}
		drawnCells[[2]int{x, y}] = true
		c := m.Cell(m.Themes[y], m.Participants[x])
		if n != len(c.Studies) {
			t.Errorf("%s × %s: the heatmap holds %d studies, the grid %d", c.Theme, c.Participants, n, len(c.Studies))
		}
		if got, _, _ := strings.Cut(item.Label.Formatter, " "); got != label(c) {
			t.Errorf("%s × %s: the heatmap reads %q, the grid %q", c.Theme, c.Participants, item.Label.Formatter, label(c))
		}
	}
	if len(drawnCells) != len(m.Cells) {
		t.Errorf("the heatmap draws %d cells, the grid has %d", len(drawnCells), len(m.Cells))
	}
	if len(d.Rows) != len(m.Themes) {
		t.Errorf("the table has %d rows, the grid %d themes", len(d.Rows), len(m.Themes))
	}
	for y, row := range d.Rows {
		if y >= len(m.Themes) {
			break
		}
		th := m.Themes[y]
		if got, want := d.cell(t, row, "theme").Text, opt.YAxis[0].Data[y]; got != want {
			t.Errorf("table row %d is %q, the heatmap's row %q", y+1, got, want)
		}
		for _, p := range m.Participants {
			c := m.Cell(th, p)
			tc := d.cell(t, row, string(p))
			if tc.Text != label(c) {
				t.Errorf("%s × %s: the table reads %q, the grid %q", th, p, tc.Text, label(c))
			}
			u, err := url.Parse(tc.Href)
			if err != nil || u.Path != "/dashboards/evidence" || u.Query().Get("cell") != string(th)+"."+string(p) {
				t.Errorf("%s × %s: the table's cell opens %q, not the page of its studies", th, p, tc.Href)
			}
			for key, want := range map[string]string{"country": f.Country, "design": string(f.Design)} {
				if want == evidence.CountryGlobal {
					want = ""
				}
				if got := u.Query().Get(key); got != want {
					t.Errorf("%s × %s: the table's cell opens its studies with %s %q, the map's filter is %q", th, p, key, got, want)
				}
			}
		}
	}
}
