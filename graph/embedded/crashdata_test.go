package embedded_test

import (
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// batchServices is the number of services in each batch of the crash loop.
const batchServices = 5

// batchContent returns the nodes and edges of batch k of the crash loop: an
// organisation, a source, and services each with a need of its own, run by
// the organisation, meeting their need (citing the source), referring to
// the next service, the first one also to a service of batch k-1.
func batchContent(k int) ([]graph.Node, []graph.Edge) {
	id := func(kind string, i int) string { return fmt.Sprintf("b%04d-%s%d", k, kind, i) }
	org, src := id("org", 0), id("src", 0)
	nodes := []graph.Node{
		&graph.Organisation{Meta: graph.Meta{ID: org, Name: "Organisation " + org}, Kind: graph.OrgNGO},
		&graph.Source{Meta: graph.Meta{ID: src, Name: "Source " + src}, Kind: graph.SourceStudy},
	}
	var edges []graph.Edge
	for i := range batchServices {
		svc, need := id("svc", i), id("need", i)
		nodes = append(nodes,
			&graph.Service{Meta: graph.Meta{ID: svc, Name: "Service " + svc, Year: 2025},
				Sector: graph.SectorHealth, Funding: graph.FundingProject, Capacity: k*10 + i},
			&graph.Need{Meta: graph.Meta{ID: need, Name: "Need " + need}, Category: graph.CategoryHealth},
		)
		edges = append(edges,
			graph.Edge{Type: graph.EdgeRunBy, From: svc, To: org},
			graph.Edge{Type: graph.EdgeMeets, From: svc, To: need, Sources: []string{src}},
			graph.Edge{Type: graph.EdgeSourcedFrom, From: svc, To: src},
		)
		if i > 0 {
			edges = append(edges, graph.Edge{Type: graph.EdgeRefersTo, From: id("svc", i-1), To: svc})
		}
	}
	if k > 0 {
		prev := fmt.Sprintf("b%04d-svc%d", k-1, batchServices-1)
		edges = append(edges, graph.Edge{Type: graph.EdgeRefersTo, From: id("svc", 0), To: prev})
	}
	return nodes, edges
}

// batch returns the change that adds batch k and moves the counter (a
// Service at version k+1 whose Capacity counts the batches) to k+1.
func batch(k int) *graph.Change {
	nodes, edges := batchContent(k)
	c := &graph.Change{}
	for _, n := range nodes {
		c.Create(n)
	}
	for _, e := range edges {
		c.PutEdge(e)
	}
	return c.Update(&graph.Service{
		Meta:   graph.Meta{ID: "counter", Version: int64(k + 1), Name: "Batches committed"},
		Sector: graph.SectorCoordination, Funding: graph.FundingPermanent, Capacity: k + 1,
	})
}

// bigChange returns one seed-sized change: 960 nodes and 1,600 edges.
func bigChange() *graph.Change {
	c := &graph.Change{}
	for k := range 80 {
		nodes, edges := batchContent(k)
		for _, n := range nodes {
			c.Create(n)
		}
		for _, e := range edges {
			c.PutEdge(e)
		}
	}
	return c
}
