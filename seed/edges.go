package seed

import (
	"fmt"
	"reflect"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/graph"
)

// edgeItem is one item of an edge list, such as `accepts: [reflection]`.
type edgeItem struct {
	label string // "accepts[0]", or "run_by" for a field that holds one edge
	spec  edgeSpec
	edge  graph.Edge // From, and what it inherits, are filled in by link
	long  bool       // given as a mapping with to
	// at is the long form's mapping; for the short form, only its line.
	at     *mapping
	toLine int
	bad    map[string]bool
}

// decodeEdges decodes an edge field of an item: a list of edges, or one
// edge for run_by and part_of.
func (l *loader) decodeEdges(it *item, key string, spec edgeSpec, n *yaml.Node) []*edgeItem {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if spec.one {
		if e := l.decodeEdge(it, key, spec, n); e != nil {
			return []*edgeItem{e}
		}
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errs.add(it.at.path, n.Line, "%s: %s: want a list, got %s", it.ref, key, describe(n))
		return nil
	}
	var edges []*edgeItem
	for i, e := range n.Content {
		if e := l.decodeEdge(it, fmt.Sprintf("%s[%d]", key, i), spec, e); e != nil {
			edges = append(edges, e)
		}
	}
	return edges
}

// decodeEdge decodes one edge: an id (the short form), or a mapping with to
// and the edge's own properties (the long form).
func (l *loader) decodeEdge(it *item, label string, spec edgeSpec, n *yaml.Node) *edgeItem {
	n = resolve(n)
	path := it.at.path
	e := &edgeItem{label: label, spec: spec, bad: map[string]bool{}}
	e.edge.Type = spec.typ
	switch {
	case n.Kind == yaml.ScalarNode && !isNull(n):
		e.edge.To = n.Value
		e.at = &mapping{path: path, line: n.Line}
		e.toLine = n.Line
		return e
	case n.Kind != yaml.MappingNode:
		l.errs.add(path, n.Line, "%s: %s: want an id or a mapping with to, got %s", it.ref, label, describe(n))
		return nil
	}
	e.long = true
	ref := it.ref + ": " + label
	e.at = l.mapping(path, ref, n)
	dst := reflect.ValueOf(&e.edge).Elem()
	for _, key := range e.at.order {
		index, ok := edgeFields[key]
		if !ok {
			l.errs.add(path, e.at.keys[key].Line, "%s: unknown field %q (want one of %s)", ref, key, edgeFieldNames)
			continue
		}
		if err := setField(dst.FieldByIndex(index), e.at.values[key]); err != nil {
			l.errs.add(path, resolve(e.at.values[key]).Line, "%s: %s: %v", ref, key, err)
			e.bad[key] = true
		}
	}
	if e.edge.To == "" {
		if !e.bad["to"] {
			l.errs.add(path, n.Line, "%s: to: is required", ref)
		}
		return nil
	}
	e.toLine = e.at.lineOf("to")
	return e
}

// linkEdge completes an edge of item it (its from, and the provenance it
// inherits), checks it and its references, and returns it. seen holds the
// edges so far, to refuse one given twice.
func (l *loader) linkEdge(it *item, e *edgeItem, seen map[graph.EdgeKey]position) (graph.Edge, bool) {
	edge := e.edge
	edge.From = it.node.Base().ID
	ref := it.ref + ": " + e.label
	path := e.at.path
	inherited := map[string]bool{}
	if e.spec.own {
		if !e.long {
			l.errs.add(path, e.at.line, "%s: give the long form, with to, sources and year", ref)
			return edge, false
		}
		if !l.requireProvenance(e.at, ref, len(edge.Sources) > 0, edge.Year != 0, e.bad) {
			return edge, false
		}
	} else {
		if !e.at.has("sources") {
			edge.Sources = it.sourceIDs()
			inherited["sources"] = true
		}
		if !e.at.has("year") {
			edge.Year = it.node.Base().Year
			inherited["year"] = true
		}
	}
	if !e.at.has("confidence") {
		edge.Confidence = it.node.Base().Confidence
		inherited["confidence"] = true
	}
	if err := edge.Validate(); err != nil {
		// An inherited field is wrong in the item, which reports it.
		if name, _ := splitIndex(fieldOf(err)); !inherited[name] {
			l.fieldError(e.at, ref, err, e.bad)
		}
		return edge, false
	}
	rule, _ := edge.Type.Rule()
	ok := l.checkRef(path, e.toLine, ref, edge.To, rule.To)
	if !inherited["sources"] {
		for i, id := range edge.Sources {
			label := fmt.Sprintf("%s: sources[%d]", ref, i)
			ok = l.checkRef(path, e.at.lineOf(fmt.Sprintf("sources[%d]", i)), label, id, []graph.NodeType{graph.TypeSource}) && ok
		}
	}
	if !ok {
		return edge, false
	}
	if first, dup := seen[edge.Key()]; dup {
		l.errs.add(path, e.at.line, "%s: edge %s given twice (first at %s:%d)", ref, edge.Key(), first.path, first.line)
		return edge, false
	}
	seen[edge.Key()] = position{path, e.at.line}
	l.where["edge "+edge.Key().String()] = position{path, e.at.line}
	return edge, true
}
