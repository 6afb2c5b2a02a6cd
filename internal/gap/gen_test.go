package gap

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// genConfig sizes a generated landscape.
type genConfig struct {
	statuses, expls, needs, stages      int
	countries, counties, municipalities int // counties per country, municipalities per county
	services, orgs, groups              int
	recommendations                     int
	// pEmpty is the chance that a service leaves a "no restriction" list
	// (genders, age bands, SERVES, AT_STAGE) empty.
	pEmpty float64
	// maxAccepts, maxMeets, maxCovers bound a service's ACCEPTS, MEETS and
	// COVERS edges.
	maxAccepts, maxMeets, maxCovers int
}

// small is the shape of the landscapes the property tests draw.
func small(rng *rand.Rand) genConfig {
	return genConfig{
		statuses: 1 + rng.IntN(4), expls: 1 + rng.IntN(3), needs: 1 + rng.IntN(4), stages: 1 + rng.IntN(3),
		countries: 1, counties: 1 + rng.IntN(2), municipalities: rng.IntN(3),
		services: rng.IntN(9), orgs: 1 + rng.IntN(4), groups: rng.IntN(4), recommendations: rng.IntN(3),
		pEmpty: 0.4, maxAccepts: 4, maxMeets: 3, maxCovers: 2,
	}
}

// europe is the shape of the benchmark's Europe-scale landscape.
var europe = genConfig{
	statuses: 12, expls: 6, needs: 20, stages: 5,
	countries: 4, counties: 3, municipalities: 2,
	services: 5000, orgs: 1500, groups: 50, recommendations: 40,
	pEmpty: 0.5, maxAccepts: 6, maxMeets: 3, maxCovers: 2,
}

// pick returns k distinct ids of ids, in random order.
func pick(rng *rand.Rand, ids []string, k int) []string {
	k = min(k, len(ids))
	p := rng.Perm(len(ids))[:k]
	out := make([]string, k)
	for i, j := range p {
		out[i] = ids[j]
	}
	return out
}

func subset[T any](rng *rand.Rand, all []T, p float64) []T {
	var out []T
	for _, v := range all {
		if rng.Float64() < p {
			out = append(out, v)
		}
	}
	return out
}

func extent(rng *rand.Rand) graph.Extent {
	switch rng.IntN(4) {
	case 0:
		return graph.ExtentPartial
	case 1:
		return graph.ExtentFull
	}
	return ""
}

// generate builds a random, valid landscape.
func generate(tb testing.TB, rng *rand.Rand, c genConfig) *graph.Landscape {
	tb.Helper()
	var nodes []graph.Node
	var edges []graph.Edge
	ids := func(prefix string, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("%s%d", prefix, i)
		}
		return out
	}
	meta := func(id string) graph.Meta { return graph.Meta{ID: id, Name: "Node " + id} }
	edge := func(t graph.EdgeType, from, to string) *graph.Edge {
		edges = append(edges, graph.Edge{Type: t, From: from, To: to})
		return &edges[len(edges)-1]
	}
	nodes = append(nodes, &graph.Source{Meta: meta("src"), Kind: graph.SourceReport, Title: "A report"})

	statuses, expls, needs, stages := ids("s", c.statuses), ids("e", c.expls), ids("n", c.needs), ids("t", c.stages)
	orgs, services, groups := ids("o", c.orgs), ids("v", c.services), ids("g", c.groups)
	for i, id := range statuses {
		// The last of several statuses is terminal, at times (leaving the
		// country): no needs, and moving into it is an exit.
		terminal := i > 0 && i == len(statuses)-1 && rng.IntN(3) == 0
		nodes = append(nodes, &graph.Status{Meta: meta(id), Terminal: terminal})
	}
	for _, id := range expls {
		nodes = append(nodes, &graph.Exploitation{Meta: meta(id)})
	}
	for _, id := range needs {
		n := &graph.Need{Meta: meta(id), Category: graph.NeedCategories[rng.IntN(len(graph.NeedCategories))]}
		if rng.IntN(3) == 0 {
			n.AgeBands = subset(rng, graph.AgeBands, 0.5)
		}
		if rng.IntN(3) == 0 {
			n.Stages = pick(rng, stages, rng.IntN(len(stages)+1))
		}
		nodes = append(nodes, n)
	}
	for i, id := range stages {
		nodes = append(nodes, &graph.Stage{Meta: meta(id), Order: len(stages) - i}) // order against id order
	}
	for _, id := range orgs {
		nodes = append(nodes, &graph.Organisation{Meta: meta(id), Kind: graph.OrgKinds[rng.IntN(len(graph.OrgKinds))]})
	}
	var regions []string
	for ci := range c.countries {
		country := fmt.Sprintf("c%d", ci)
		regions = append(regions, country)
		nodes = append(nodes, &graph.Region{Meta: meta(country), Level: graph.LevelCountry})
		for ki := range c.counties {
			county := fmt.Sprintf("%sk%d", country, ki)
			regions = append(regions, county)
			nodes = append(nodes, &graph.Region{Meta: meta(county), Level: graph.LevelCounty})
			edge(graph.EdgePartOf, county, country)
			for mi := range c.municipalities {
				m := fmt.Sprintf("%sm%d", county, mi)
				regions = append(regions, m)
				r := &graph.Region{Meta: meta(m), Level: graph.LevelMunicipality}
				if mi == 0 && c.municipalities == 1 && rng.IntN(2) == 0 {
					r.SameArea = county // a county that is one municipality (Oslo)
				}
				nodes = append(nodes, r)
				edge(graph.EdgePartOf, m, county)
			}
		}
	}
	for _, s := range statuses {
		for _, n := range subset(rng, needs, 0.4) {
			e := edge(graph.EdgeEntitles, s, n)
			e.AgeBands = subset(rng, graph.AgeBands, 0.3)
			e.Extent = extent(rng)
			if e.Extent == graph.ExtentPartial && rng.IntN(2) == 0 {
				e.FullAgeBands = subset(rng, graph.AgeBands, 0.5) // partial for some, full for others
			}
			e.LegalBasis = "Act § 1"
			e.Sources = []string{"src"}
		}
		for _, t := range subset(rng, statuses, 0.3) {
			if t != s {
				e := edge(graph.EdgeTransitionsTo, s, t)
				e.Trigger, e.TypicalDays = "a decision", 30
				e.Sources = []string{"src"}
			}
		}
	}
	maybe := func(p float64) bool { return rng.Float64() < p }
	for _, id := range services {
		s := &graph.Service{
			Meta:    meta(id),
			Sector:  graph.Sectors[rng.IntN(len(graph.Sectors))],
			Funding: graph.Fundings[rng.IntN(len(graph.Fundings))],
		}
		s.CapacityLimited = maybe(0.2)
		if !maybe(c.pEmpty) {
			s.Genders = subset(rng, graph.Genders, 0.6)
		}
		if !maybe(c.pEmpty) {
			s.AgeBands = subset(rng, graph.AgeBands, 0.6)
		}
		nodes = append(nodes, s)
		if len(orgs) > 0 && maybe(0.85) {
			edge(graph.EdgeRunBy, id, orgs[rng.IntN(len(orgs))])
		}
		for _, n := range pick(rng, needs, 1+rng.IntN(c.maxMeets)) {
			edge(graph.EdgeMeets, id, n).Extent = extent(rng)
		}
		for _, st := range pick(rng, statuses, rng.IntN(c.maxAccepts+1)) {
			edge(graph.EdgeAccepts, id, st).Extent = extent(rng)
		}
		if !maybe(c.pEmpty) {
			for _, e := range pick(rng, expls, 1+rng.IntN(len(expls))) {
				edge(graph.EdgeServes, id, e)
			}
		}
		if !maybe(c.pEmpty) {
			for _, t := range pick(rng, stages, 1+rng.IntN(len(stages))) {
				edge(graph.EdgeAtStage, id, t)
			}
		}
		covers := pick(rng, regions, 1+rng.IntN(c.maxCovers))
		if maybe(0.1) {
			covers = covers[:0]
		}
		for _, r := range covers {
			edge(graph.EdgeCovers, id, r)
		}
		for _, o := range pick(rng, services, rng.IntN(3)) {
			if o != id {
				edge(graph.EdgeRefersTo, id, o).Formal = maybe(0.5)
			}
		}
		if maybe(0.5) {
			edge(graph.EdgeSourcedFrom, id, "src")
		}
	}
	for _, id := range groups {
		g := &graph.Group{Meta: meta(id), Genders: subset(rng, graph.Genders, 0.5), AgeBands: subset(rng, graph.AgeBands, 0.5)}
		if maybe(0.8) {
			g.SizeEstimate = rng.IntN(40)
		}
		nodes = append(nodes, g)
		for _, s := range pick(rng, statuses, rng.IntN(3)) {
			edge(graph.EdgeHasStatus, id, s)
		}
		for _, e := range pick(rng, expls, rng.IntN(2)) {
			edge(graph.EdgeSubjectTo, id, e)
		}
		for _, r := range pick(rng, regions, rng.IntN(2)) {
			edge(graph.EdgeInRegion, id, r)
		}
		for _, n := range pick(rng, needs, rng.IntN(4)) {
			edge(graph.EdgeNeeds, id, n)
		}
		edge(graph.EdgeSourcedFrom, id, "src")
	}
	concernable := slices.Concat(needs, statuses, services, stages, expls)
	for i := range c.recommendations {
		id := fmt.Sprintf("r%d", i)
		nodes = append(nodes, &graph.Recommendation{Meta: meta(id), Body: graph.BodyGRETA, Summary: "Do better"})
		for _, to := range pick(rng, concernable, 1+rng.IntN(2)) {
			edge(graph.EdgeConcerns, id, to)
		}
	}
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		tb.Fatalf("generate: %v", err)
	}
	return l
}
