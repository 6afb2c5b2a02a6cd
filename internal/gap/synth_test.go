package gap

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// The full Europe-scale landscape (20,000 services, 1,000 regions) takes a
// while to generate and analyse, so its benchmarks run only when asked:
//
//	go test ./internal/gap -run '^$' -bench EuropeFull -benchtime 3x -europe.full
var europeFull = flag.Bool("europe.full", false, "run the full Europe-scale benchmarks (20,000 services, 1,000 regions)")

// oracleFull runs the reference implementation over a whole cube, not a
// sample of its cells (about 45 s for the Norwegian seed):
//
//	go test ./internal/gap -run '^$' -bench CubeNorwayVsFullOracle -benchtime 1x -oracle.full
var oracleFull = flag.Bool("oracle.full", false, "time the oracle on the whole Norwegian cube, fragmentation included")

// synthConfig sizes a realistic synthetic landscape (synthesise).
type synthConfig struct {
	seed                                 uint64
	services, orgs, groups, recs         int
	countries, regions                   int // regions counts the countries too
	countiesPer                          int // counties per country; the other regions are municipalities
	statuses, expls, needs, stages       int
	pNational, pCounty, pMulti           float64 // the rest are local (one or two municipalities)
	pPartial                             float64 // chance that an ACCEPTS or MEETS edge is partial
	pRefer                               float64 // chance that a service refers to each of up to 3 others
	entitlementShare, transitionsPerStat float64
}

// europeScale is the landscape of the performance targets: 20,000
// services, 1,000 regions in 46 countries, 10 statuses, 8 exploitation types,
// 15 needs, 5 stages (and graph's 3 genders and 3 age bands).
var europeScale = synthConfig{
	seed:     2025,
	services: 20000, orgs: 6000, groups: 400, recs: 150,
	countries: 46, regions: 1000, countiesPer: 5,
	statuses: 10, expls: 8, needs: 15, stages: 5,
	pNational: 0.25, pCounty: 0.30, pMulti: 0.03,
	pPartial: 0.15, pRefer: 0.4,
	entitlementShare: 0.45, transitionsPerStat: 1.5,
}

// synthesise builds a reproducible landscape shaped like a real one: per
// country, statutory national services (permanent, public, broad status
// lists), county services, and many local NGO projects and volunteer
// services (narrow, project or volunteer funded); a few transnational
// services; partial extents, referrals mostly within a country, entitlements
// by status and age, status transitions, and groups with size estimates.
func synthesise(tb testing.TB, c synthConfig) *graph.Landscape {
	tb.Helper()
	rng := rand.New(rand.NewPCG(c.seed, 46))
	var nodes []graph.Node
	var edges []graph.Edge
	meta := func(id string) graph.Meta { return graph.Meta{ID: id, Name: "Node " + id} }
	edge := func(t graph.EdgeType, from, to string) *graph.Edge {
		edges = append(edges, graph.Edge{Type: t, From: from, To: to})
		return &edges[len(edges)-1]
	}
	maybe := func(p float64) bool { return rng.Float64() < p }
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", prefix, i)
		}
		return out
	}
	nodes = append(nodes, &graph.Source{Meta: meta("src"), Kind: graph.SourceReport, Title: "A report"})

	statuses, expls, needs, stages := ids("s", c.statuses), ids("e", c.expls), ids("n", c.needs), ids("t", c.stages)
	for _, id := range statuses {
		nodes = append(nodes, &graph.Status{Meta: meta(id)})
	}
	for _, id := range expls {
		nodes = append(nodes, &graph.Exploitation{Meta: meta(id)})
	}
	for i, id := range needs {
		nodes = append(nodes, &graph.Need{Meta: meta(id), Category: graph.NeedCategories[i%len(graph.NeedCategories)]})
	}
	for i, id := range stages {
		nodes = append(nodes, &graph.Stage{Meta: meta(id), Order: i + 1})
	}

	// Regions: countries, each with counties and municipalities, 1,000 in all.
	type country struct {
		id              string
		counties, munis []string
		orgs, services  []string
		statutory       []string // the country's state organisations
	}
	countries := make([]*country, c.countries)
	sub := c.regions - c.countries
	for i := range countries {
		co := &country{id: fmt.Sprintf("c%02d", i)}
		countries[i] = co
		nodes = append(nodes, &graph.Region{Meta: meta(co.id), Level: graph.LevelCountry})
		n := sub / c.countries
		if i < sub%c.countries {
			n++
		}
		for k := range c.countiesPer {
			id := fmt.Sprintf("%sk%d", co.id, k)
			co.counties = append(co.counties, id)
			nodes = append(nodes, &graph.Region{Meta: meta(id), Level: graph.LevelCounty})
			edge(graph.EdgePartOf, id, co.id)
		}
		for m := range n - c.countiesPer {
			k := co.counties[m%c.countiesPer]
			id := fmt.Sprintf("%sm%d", k, m)
			co.munis = append(co.munis, id)
			nodes = append(nodes, &graph.Region{Meta: meta(id), Level: graph.LevelMunicipality})
			edge(graph.EdgePartOf, id, k)
		}
	}
	// Organisations: a few state bodies per country, the rest NGOs and municipalities.
	for i := range c.orgs {
		id := fmt.Sprintf("o%d", i)
		co := countries[i%len(countries)]
		kind := graph.OrgNGO
		switch {
		case len(co.statutory) < 4:
			kind = graph.OrgState
			co.statutory = append(co.statutory, id)
		case i%7 == 0:
			kind = graph.OrgMunicipal
		case i%31 == 0:
			kind = graph.OrgInternational
		}
		co.orgs = append(co.orgs, id)
		nodes = append(nodes, &graph.Organisation{Meta: meta(id), Kind: kind})
	}

	// Entitlements and transitions between statuses.
	for _, s := range statuses {
		for _, n := range subset(rng, needs, c.entitlementShare) {
			e := edge(graph.EdgeEntitles, s, n)
			if maybe(0.3) {
				e.AgeBands = pickOf(rng, graph.AgeBands, 1+rng.IntN(2))
			}
			if maybe(0.2) {
				e.Extent = graph.ExtentPartial
			}
			e.LegalBasis = "Act § 1"
			e.Sources = []string{"src"}
		}
	}
	for i, s := range statuses {
		for range int(c.transitionsPerStat) + rng.IntN(2) {
			t := statuses[(i+1+rng.IntN(len(statuses)-1))%len(statuses)]
			if t == s || len(edges) > 0 && hasEdge(edges, graph.EdgeTransitionsTo, s, t) {
				continue
			}
			e := edge(graph.EdgeTransitionsTo, s, t)
			e.Trigger, e.TypicalDays = "a decision", 30+rng.IntN(60)
			e.Sources = []string{"src"}
		}
	}

	// Services.
	partial := func() graph.Extent {
		if maybe(c.pPartial) {
			return graph.ExtentPartial
		}
		return ""
	}
	// Statutory services accept the "regular" statuses (the first ones) more often.
	statusPick := func(k int, statutory bool) []string {
		if statutory {
			return pick(rng, statuses[:max(k, len(statuses)*7/10)], k)
		}
		return pick(rng, statuses, k)
	}
	for i := range c.services {
		id := fmt.Sprintf("v%d", i)
		co := countries[rng.IntN(len(countries))]
		co.services = append(co.services, id)
		s := &graph.Service{Meta: meta(id), Sector: graph.Sectors[rng.IntN(len(graph.Sectors))]}
		var covers []string
		var statutory bool
		switch u := rng.Float64(); {
		case u < c.pNational:
			statutory = true
			covers = []string{co.id}
		case u < c.pNational+c.pCounty:
			statutory = maybe(0.5)
			covers = pick(rng, co.counties, 1)
		case u < c.pNational+c.pCounty+c.pMulti:
			for _, o := range pickOf(rng, countries, 2+rng.IntN(4)) {
				covers = append(covers, o.id)
			}
		default:
			if len(co.munis) > 0 {
				covers = pick(rng, co.munis, 1+rng.IntN(2))
			} else {
				covers = pick(rng, co.counties, 1)
			}
		}
		if statutory {
			s.Funding = graph.FundingPermanent
			if maybe(0.5) {
				s.Sector = []graph.Sector{graph.SectorHealth, graph.SectorSocial, graph.SectorImmigration, graph.SectorChildWelfare}[rng.IntN(4)]
			}
		} else {
			s.Funding = []graph.Funding{graph.FundingPermanent, graph.FundingProject, graph.FundingProject, graph.FundingVolunteer}[rng.IntN(4)]
		}
		// Eligibility: statutory services are broad; projects are targeted.
		if !statutory && maybe(0.35) {
			s.Genders = pickOf(rng, graph.Genders, 1+rng.IntN(2))
		}
		if statutory && maybe(0.1) || !statutory && maybe(0.3) {
			s.AgeBands = pickOf(rng, graph.AgeBands, 1+rng.IntN(2))
		}
		nodes = append(nodes, s)
		switch {
		case statutory && len(co.statutory) > 0:
			edge(graph.EdgeRunBy, id, co.statutory[rng.IntN(len(co.statutory))])
		case maybe(0.9):
			edge(graph.EdgeRunBy, id, co.orgs[rng.IntN(len(co.orgs))])
		}
		nNeeds, nStat := 1+rng.IntN(3), 1+rng.IntN(4)
		if statutory {
			nNeeds, nStat = 1+rng.IntN(4), 3+rng.IntN(5)
		}
		for _, n := range pick(rng, needs, nNeeds) {
			edge(graph.EdgeMeets, id, n).Extent = partial()
		}
		if !maybe(0.02) { // a few forget their status list
			for _, st := range statusPick(nStat, statutory) {
				edge(graph.EdgeAccepts, id, st).Extent = partial()
			}
		}
		if !statutory && maybe(0.6) {
			for _, e := range pick(rng, expls, 1+rng.IntN(3)) {
				edge(graph.EdgeServes, id, e)
			}
		}
		if maybe(0.6) {
			first := rng.IntN(len(stages))
			for _, t := range stages[first:min(len(stages), first+1+rng.IntN(3))] {
				edge(graph.EdgeAtStage, id, t)
			}
		}
		for _, r := range covers {
			edge(graph.EdgeCovers, id, r)
		}
		if maybe(0.5) {
			edge(graph.EdgeSourcedFrom, id, "src")
		}
	}
	// Referrals, mostly to services of the same country.
	for _, co := range countries {
		for _, id := range co.services {
			for range 3 {
				if !maybe(c.pRefer) {
					continue
				}
				to := co.services[rng.IntN(len(co.services))]
				if maybe(0.05) {
					o := countries[rng.IntN(len(countries))]
					to = o.services[rng.IntN(len(o.services))]
				}
				if to != id && !hasRefer(edges, id, to) {
					edge(graph.EdgeRefersTo, id, to).Formal = maybe(0.5)
				}
			}
		}
	}
	// Groups with size estimates.
	for i := range c.groups {
		id := fmt.Sprintf("g%d", i)
		co := countries[rng.IntN(len(countries))]
		g := &graph.Group{Meta: meta(id), Genders: subset(rng, graph.Genders, 0.4), AgeBands: subset(rng, graph.AgeBands, 0.4)}
		if maybe(0.85) {
			g.SizeEstimate = 5 + rng.IntN(500)
		}
		nodes = append(nodes, g)
		for _, s := range pick(rng, statuses, 1+rng.IntN(2)) {
			edge(graph.EdgeHasStatus, id, s)
		}
		for _, e := range pick(rng, expls, rng.IntN(2)) {
			edge(graph.EdgeSubjectTo, id, e)
		}
		switch {
		case maybe(0.5):
			edge(graph.EdgeInRegion, id, co.id)
		case maybe(0.5):
			edge(graph.EdgeInRegion, id, co.counties[rng.IntN(len(co.counties))])
		case len(co.munis) > 0:
			edge(graph.EdgeInRegion, id, co.munis[rng.IntN(len(co.munis))])
		}
		for _, n := range pick(rng, needs, rng.IntN(5)) {
			edge(graph.EdgeNeeds, id, n)
		}
		edge(graph.EdgeSourcedFrom, id, "src")
	}
	for i := range c.recs {
		id := fmt.Sprintf("r%d", i)
		nodes = append(nodes, &graph.Recommendation{Meta: meta(id), Body: graph.BodyGRETA, Summary: "Do better"})
		to := needs[rng.IntN(len(needs))]
		if maybe(0.5) {
			co := countries[rng.IntN(len(countries))]
			to = co.services[rng.IntN(len(co.services))]
		}
		edge(graph.EdgeConcerns, id, to)
	}
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		tb.Fatalf("synthesise: %v", err)
	}
	return l
}

func hasEdge(edges []graph.Edge, t graph.EdgeType, from, to string) bool {
	for i := len(edges) - 1; i >= 0 && i >= len(edges)-64; i-- {
		if e := edges[i]; e.Type == t && e.From == from && e.To == to {
			return true
		}
	}
	return false
}

// hasRefer looks back over the referrals just added (a service's own come last).
func hasRefer(edges []graph.Edge, from, to string) bool {
	return hasEdge(edges, graph.EdgeRefersTo, from, to)
}

func TestSynthesiseEuropeShape(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 20,000 services")
	}
	l := synthesise(t, europeScale)
	count := func(nt graph.NodeType) int { return len(ids(l, nt)) }
	got := [...]int{count(graph.TypeService), count(graph.TypeRegion), count(graph.TypeStatus), count(graph.TypeExploitation), count(graph.TypeNeed), count(graph.TypeStage)}
	want := [...]int{20000, 1000, 10, 8, 15, 5}
	if got != want {
		t.Fatalf("services, regions, statuses, expls, needs, stages = %v, want %v", got, want)
	}
	countries := 0
	for _, r := range graph.All[*graph.Region](l) {
		if r.Level == graph.LevelCountry {
			countries++
		}
	}
	if countries != 46 {
		t.Fatalf("%d countries, want 46", countries)
	}
}

// pickOf returns k distinct values of vs, in random order.
func pickOf[T any](rng *rand.Rand, vs []T, k int) []T {
	k = min(k, len(vs))
	out := make([]T, k)
	for i, j := range rng.Perm(len(vs))[:k] {
		out[i] = vs[j]
	}
	return out
}

// benchCubeVsOracle times the full gap cube (every kind, every profile) with
// the engine, then times the oracle (the per-cell reference implementation)
// on a deterministic sample of the same cube's cells — every stride-th cell
// in the oracle's order — and extrapolates its per-cell time to the whole
// cube. The oracle's figure is per cell only (coverage, kinds, exclusions,
// groups and sole-provider bookkeeping of analyse's inner loop); it leaves
// out its per-profile transition pass and the fragmentation set cover, so
// the extrapolated oracle time and the speed-up are lower bounds.
func benchCubeVsOracle(b *testing.B, l *graph.Landscape, samples int) {
	ix, err := NewIndex(l)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		if res, err = ix.Analyse(context.Background(), Query{}, Scenario{}); err != nil {
			b.Fatal(err)
		}
	}
	engine := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(res.Summary.Cells), "cells")
	b.ReportMetric(engine/float64(res.Summary.Cells), "engine-ns/cell")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heapsys-MiB")

	o := newOracle(l)
	want := func(Kind) bool { return true }
	var cells []oCellRef
	regions := o.profileRegions()
	stride := max(1, res.Summary.Cells/samples)
	i := 0
	expls, statuses, needs, stages := ids(l, graph.TypeExploitation), ids(l, graph.TypeStatus), ids(l, graph.TypeNeed), o.orderedStages()
	for _, g := range graph.Genders {
		for _, a := range graph.AgeBands {
			for _, e := range expls {
				for _, r := range regions {
					for _, s := range statuses {
						for _, n := range needs {
							for _, t := range stages {
								p := oProfile{g: g, a: a, s: s, e: e, r: r}
								if !o.applies(p, n, t) {
									continue
								}
								if i%stride == stride/2 {
									cells = append(cells, oCellRef{p, n, t})
								}
								i++
							}
						}
					}
				}
			}
		}
	}
	if i != res.Summary.Cells {
		b.Fatalf("oracle enumerates %d cells, engine %d", i, res.Summary.Cells)
	}
	start := time.Now()
	for _, c := range cells {
		o.cell(c.p, c.n, c.t, want)
		o.covering(c.p, c.n, c.t) // analyse's sole-provider check
	}
	perCell := float64(time.Since(start).Nanoseconds()) / float64(len(cells))
	b.ReportMetric(float64(len(cells)), "oracle-sampled-cells")
	b.ReportMetric(perCell, "oracle-ns/cell(sampled)")
	b.ReportMetric(perCell*float64(res.Summary.Cells)/1e9, "oracle-s/cube(extrapolated)")
	b.ReportMetric(perCell*float64(res.Summary.Cells)/engine, "speedup(extrapolated)")
}

type oCellRef struct {
	p    oProfile
	n, t string
}

// BenchmarkCubeNorwayVsOracle: the Norwegian seed's full cube, engine against
// the oracle (sampled, extrapolated).
func BenchmarkCubeNorwayVsOracle(b *testing.B) {
	benchCubeVsOracle(b, norway(b), 2000)
}

// BenchmarkCubeEuropeFullVsOracle: the full cube of the Europe-scale
// synthetic landscape (europeScale), engine against the oracle (sampled,
// extrapolated). Runs only with -europe.full.
func BenchmarkCubeEuropeFullVsOracle(b *testing.B) {
	if !*europeFull {
		b.Skip("run with -europe.full")
	}
	benchCubeVsOracle(b, synthesise(b, europeScale), 200)
}

// BenchmarkCubeNorwayVsFullOracle times the engine and the whole oracle
// (every cell, the transitions and the fragmentation's brute-force covers)
// on the Norwegian seed's full cube, and reports the ratio measured, not
// extrapolated. Runs only with -oracle.full.
func BenchmarkCubeNorwayVsFullOracle(b *testing.B) {
	if !*oracleFull {
		b.Skip("run with -oracle.full")
	}
	l := norway(b)
	ix, err := NewIndex(l)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ix.Analyse(context.Background(), Query{}, Scenario{}); err != nil {
			b.Fatal(err)
		}
	}
	engine := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	b.StopTimer()
	o := newOracle(l)
	start := time.Now()
	ores := o.analyse(Query{})
	o.fragmentation(Query{})
	oracle := float64(time.Since(start).Nanoseconds())
	b.ReportMetric(float64(ores.summary.Cells), "cells")
	b.ReportMetric(oracle/1e9, "oracle-s/cube")
	b.ReportMetric(oracle/engine, "speedup")
}
