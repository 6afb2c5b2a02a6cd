package embedded_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
)

// benchChange returns a Europe-sized landscape: services services with 20
// edges each, and the organisations, needs, stages, regions, statuses,
// exploitation types and sources they point to.
func benchChange(services int) *graph.Change {
	r := rand.New(rand.NewPCG(1, 2))
	c := &graph.Change{}
	ids := map[graph.NodeType][]string{}
	add := func(n graph.Node) {
		c.Create(n)
		ids[n.Type()] = append(ids[n.Type()], n.Base().ID)
	}
	meta := func(prefix string, i int) graph.Meta {
		id := fmt.Sprintf("%s-%d", prefix, i)
		return graph.Meta{ID: id, Name: "Name of " + id, Year: 2025, Confidence: graph.Verified}
	}
	for i := range 50 {
		add(&graph.Source{Meta: meta("src", i), Kind: graph.SourceReport, Title: "A report", URL: "https://example.org"})
	}
	for i := range services / 10 {
		add(&graph.Organisation{Meta: meta("org", i), Kind: graph.OrgKinds[i%len(graph.OrgKinds)]})
	}
	for i := range 12 {
		add(&graph.Need{Meta: meta("need", i), Category: graph.NeedCategories[i%len(graph.NeedCategories)]})
	}
	for i := range 5 {
		add(&graph.Stage{Meta: meta("stage", i), Order: i + 1})
	}
	for i := range 8 {
		add(&graph.Status{Meta: meta("status", i), LegalBasis: "A law"})
	}
	for i := range 6 {
		add(&graph.Exploitation{Meta: meta("exploit", i)})
	}
	add(&graph.Region{Meta: meta("region", 0), Level: graph.LevelCountry})
	for i := 1; i < 372; i++ {
		level, parent := graph.LevelMunicipality, fmt.Sprintf("region-%d", 1+i%15)
		if i <= 15 {
			level, parent = graph.LevelCounty, "region-0"
		}
		add(&graph.Region{Meta: meta("region", i), Level: level, Population: 10_000 * i})
		c.PutEdge(graph.Edge{Type: graph.EdgePartOf, From: fmt.Sprintf("region-%d", i), To: parent})
	}
	pick := func(t graph.NodeType) string { return ids[t][r.IntN(len(ids[t]))] }
	for i := range services {
		m := meta("svc", i)
		m.Note = "A note about the service"
		add(&graph.Service{Meta: m, Description: "What the service does, in a sentence or two.",
			Sector: graph.Sectors[i%len(graph.Sectors)], City: "Oslo", Address: "Street 1",
			Genders: []graph.Gender{graph.Female}, Capacity: i, Languages: []string{"no", "en"},
			Funding: graph.Fundings[i%len(graph.Fundings)], Phone: "+47 00 00 00 00", URL: "https://example.org"})
	}
	for i := range services {
		from := fmt.Sprintf("svc-%d", i)
		put := func(t graph.EdgeType, to string) {
			c.PutEdge(graph.Edge{Type: t, From: from, To: to, Sources: []string{pick(graph.TypeSource)}, Year: 2025})
		}
		put(graph.EdgeRunBy, ids[graph.TypeOrganisation][i/10])
		for j := range 5 {
			put(graph.EdgeMeets, ids[graph.TypeNeed][(i+j)%12])
		}
		for j := range 2 {
			put(graph.EdgeAtStage, ids[graph.TypeStage][(i+j)%5])
		}
		for j := range 3 {
			put(graph.EdgeCovers, ids[graph.TypeRegion][(i+j*97)%372])
		}
		for j := range 4 {
			put(graph.EdgeAccepts, ids[graph.TypeStatus][(i+j)%8])
		}
		for j := range 3 {
			put(graph.EdgeServes, ids[graph.TypeExploitation][(i+j)%6])
		}
		put(graph.EdgeRefersTo, fmt.Sprintf("svc-%d", (i+1)%services))
		put(graph.EdgeSourcedFrom, pick(graph.TypeSource))
	}
	return c
}

// BenchmarkLandscape loads a snapshot of 2,000 services with 20 edges each.
func BenchmarkLandscape(b *testing.B) {
	ctx := context.Background()
	s := mustOpen(b, filepath.Join(b.TempDir(), "gapmap.db"))
	if _, err := s.Apply(ctx, benchChange(2000)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var l *graph.Landscape
	for b.Loop() {
		var err error
		if l, err = s.Landscape(ctx); err != nil {
			b.Fatal(err)
		}
	}
	nodes, edges := l.Len()
	b.ReportMetric(float64(nodes), "nodes")
	b.ReportMetric(float64(edges), "edges")
}

// BenchmarkApply updates one service per Apply in the same landscape.
func BenchmarkApply(b *testing.B) {
	ctx := context.Background()
	s := mustOpen(b, filepath.Join(b.TempDir(), "gapmap.db"))
	if _, err := s.Apply(ctx, benchChange(2000)); err != nil {
		b.Fatal(err)
	}
	l, err := s.Landscape(ctx)
	if err != nil {
		b.Fatal(err)
	}
	svc, err := graph.Lookup[*graph.Service](l, "svc-42")
	if err != nil {
		b.Fatal(err)
	}
	next := *svc
	b.ReportAllocs()
	for b.Loop() {
		next.Capacity++
		if _, err := s.Apply(ctx, new(graph.Change).Update(&next)); err != nil {
			b.Fatal(err)
		}
		next.Version++
	}
}

// BenchmarkApplyLandscape creates the landscape of BenchmarkLandscape in one
// Apply, as a first seed does: every node gets its first revision.
func BenchmarkApplyLandscape(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	c := benchChange(2000)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		s, err := embedded.Open(ctx, filepath.Join(dir, fmt.Sprintf("gapmap-%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Apply(ctx, c); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
