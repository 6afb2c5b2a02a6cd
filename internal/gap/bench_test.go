package gap

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

func benchAnalyse(b *testing.B, l *graph.Landscape, q Query, sc Scenario) {
	ix, err := NewIndex(l)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var res *Result
	for b.Loop() {
		if res, err = ix.Analyse(context.Background(), q, sc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Summary.Cells), "cells")
	b.ReportMetric(float64(res.FragmentationTotal), "profiles")
}

func BenchmarkIndexNorway(b *testing.B) {
	l := norway(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewIndex(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyseNorway is the full analysis of the Norwegian seed: every
// kind, every profile.
func BenchmarkAnalyseNorway(b *testing.B) {
	benchAnalyse(b, norway(b), Query{}, Scenario{})
}

func BenchmarkAnalyseNorwayScenario(b *testing.B) {
	sc := Scenario{Changes: []Change{{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented", "rejected_asylum"}}}}
	benchAnalyse(b, norway(b), Query{}, sc)
}

func europeLandscape(b *testing.B) *graph.Landscape {
	return generate(b, rand.New(rand.NewPCG(2025, 1)), europe)
}

func BenchmarkIndexEurope(b *testing.B) {
	l := europeLandscape(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewIndex(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyseEurope is the full analysis of a generated Europe-scale
// landscape: 5,000 services, 40 regions, 12 statuses, 20 needs, 5 stages.
func BenchmarkAnalyseEurope(b *testing.B) {
	benchAnalyse(b, europeLandscape(b), Query{}, Scenario{})
}

func BenchmarkAnalyseEuropeScenario(b *testing.B) {
	l := europeLandscape(b)
	sc := Scenario{Changes: []Change{{Kind: CloseService, Service: "v17"}, {Kind: Widen, Service: "v42", Statuses: []string{"s0", "s1", "s2"}}}}
	benchAnalyse(b, l, Query{}, sc)
}
