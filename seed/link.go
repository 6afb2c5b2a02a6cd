package seed

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// position is a place in a seed file.
type position struct {
	path string
	line int
}

// link checks what spans items and files (unique ids, references, required
// provenance) and turns the items into nodes and edges.
func (l *loader) link() *Seed {
	s := &Seed{}
	l.ids = map[string]*item{}
	for _, it := range l.items {
		id := it.node.Base().ID
		if id == "" {
			continue // reported by Validate
		}
		if first, ok := l.ids[id]; ok {
			l.errs.add(it.at.path, it.at.lineOf("id"), "%s: id %q already used by %s at %s:%d",
				it.ref, id, first.ref, first.at.path, first.at.lineOf("id"))
			it.dup = true
			continue
		}
		l.ids[id] = it
	}
	edges := map[graph.EdgeKey]position{}
	for _, it := range l.items {
		id := it.node.Base().ID
		if it.dup || !graph.ValidID(id) {
			continue
		}
		s.Nodes = append(s.Nodes, it.node)
		l.where[graph.Ref(it.node)] = position{it.at.path, it.at.line}
		s.Edges = append(s.Edges, l.linkSources(it)...)
		if it.kind.required {
			l.requireProvenance(it.at, it.ref, len(it.sources) > 0, it.node.Base().Year != 0, it.bad)
		}
		for _, e := range it.edges {
			if edge, ok := l.linkEdge(it, e, edges); ok {
				s.Edges = append(s.Edges, edge)
			}
		}
		l.checkNodeRefs(it)
	}
	return s
}

// checkNodeRefs checks the ids a node's own fields name: the stages a need
// arises at, the region a region is the same area as.
func (l *loader) checkNodeRefs(it *item) {
	switch n := it.node.(type) {
	case *graph.Need:
		for i, id := range n.Stages {
			l.checkRef(it.at.path, it.at.lineOf("stages"), fmt.Sprintf("%s: stages[%d]", it.ref, i), id, []graph.NodeType{graph.TypeStage})
		}
	case *graph.Region:
		if n.SameArea != "" {
			l.checkRef(it.at.path, it.at.lineOf("same_area"), it.ref+": same_area", n.SameArea, []graph.NodeType{graph.TypeRegion})
		}
	}
}

// linkSources checks an item's sources and returns its SOURCED_FROM edges.
func (l *loader) linkSources(it *item) []graph.Edge {
	var edges []graph.Edge
	seen := map[string]bool{}
	for i, r := range it.sources {
		label := fmt.Sprintf("%s: sources[%d]", it.ref, i)
		if seen[r.id] {
			l.errs.add(it.at.path, r.line, "%s: source %q given twice", label, r.id)
			continue
		}
		seen[r.id] = true
		if l.checkRef(it.at.path, r.line, label, r.id, []graph.NodeType{graph.TypeSource}) {
			edges = append(edges, graph.Edge{Type: graph.EdgeSourcedFrom, From: it.node.Base().ID, To: r.id})
		}
	}
	return edges
}

// requireProvenance reports a missing source or year on what must have both:
// services, groups, entitlements and transitions. It reports whether both
// are there.
func (l *loader) requireProvenance(at *mapping, ref string, sources, year bool, bad map[string]bool) bool {
	if !sources && !bad["sources"] {
		l.errs.add(at.path, at.lineOf("sources"), "%s: sources: is required (at least one source id)", ref)
	}
	if !year && !bad["year"] {
		l.errs.add(at.path, at.lineOf("year"), "%s: year: is required", ref)
	}
	return sources && year
}

// fieldOf returns the field a graph error names, or "".
func fieldOf(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.Field
	}
	return ""
}

// sourceIDs returns the ids of the item's sources, for the edges that
// inherit them.
func (it *item) sourceIDs() []string {
	var ids []string
	for _, r := range it.sources {
		ids = append(ids, r.id)
	}
	return ids
}

// checkRef reports, at path and line, an id that names no node of the types
// want.
func (l *loader) checkRef(path string, line int, ref, id string, want []graph.NodeType) bool {
	target, ok := l.ids[id]
	switch {
	case !ok:
		l.errs.add(path, line, "%s: no %s with id %q", ref, typeList(want), id)
		return false
	case !slices.Contains(want, target.kind.typ):
		l.errs.add(path, line, "%s: %q is %s %s, not %s %s", ref, id,
			article(target.kind.typ), target.kind.typ, article(want[0]), typeList(want))
		return false
	}
	return true
}

// typeList joins node types for a message: "Need, Status or Service".
func typeList(ts []graph.NodeType) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// article returns "an" before a node type that starts with a vowel, else "a".
func article(t graph.NodeType) string {
	if strings.ContainsAny(string(t[:1]), "AEIOU") {
		return "an"
	}
	return "a"
}
