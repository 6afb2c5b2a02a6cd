// Package seed loads gapmap's seed data: YAML files that describe the support
// landscape, each fact with its sources, in the format README.md gives. Load
// reads and checks a seed, reporting every problem with its file and line;
// Apply writes a seed into a graph.Store without undoing what users have
// added since. Norway is the built-in Norwegian seed.
//
// An edge in the short form (an id) inherits the sources, year and confidence
// of its item. An edge in the long form (a mapping with to) inherits those of
// them it does not give itself, except entitlements and transitions, which
// must give their own sources and year.
package seed

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// Seed is a loaded and checked seed: its nodes and edges.
type Seed struct {
	// Nodes are in file and item order. Their versions are 0: the store
	// gives versions.
	Nodes []graph.Node
	// Edges are the edges the items declare, with their provenance, and a
	// SOURCED_FROM edge for each source of each item.
	Edges []graph.Edge
	// texts are the free texts of the items, and where they are.
	texts []freeText
}

// Landscape builds a landscape at version 0 from s. The landscape shares
// s's nodes, which neither must modify.
func (s *Seed) Landscape() (*graph.Landscape, error) {
	return graph.NewLandscape(0, slices.Clone(s.Nodes), slices.Clone(s.Edges))
}
