package seed

import (
	"reflect"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// kind describes one top-level key of a seed file: the node type its items
// become, the fields they may have and the edges they declare.
type kind struct {
	key string
	typ graph.NodeType
	// fields maps the item fields (the JSON names of the node type) to the
	// struct fields they fill.
	fields map[string][]int
	// sourced is whether items take a sources list (all but sources).
	sourced bool
	// required is whether every item needs sources and a year.
	required bool
	// edges maps the edge fields of an item to the edges they declare.
	edges map[string]edgeSpec
}

// edgeSpec describes an edge field of an item, such as a service's accepts.
type edgeSpec struct {
	typ graph.EdgeType
	// one is whether the field holds one edge (run_by, part_of), not a list.
	one bool
	// own is whether each edge must give its own sources and year in the
	// long form (entitlements and transitions).
	own bool
}

// kinds lists the top-level keys in the order seed/README.md gives them.
var kinds = []*kind{
	{key: "sources", typ: graph.TypeSource, fields: fieldsOf[graph.Source](),
		edges: map[string]edgeSpec{
			"needs": {typ: graph.EdgeStudies},
		}},
	{key: "organisations", typ: graph.TypeOrganisation, fields: fieldsOf[graph.Organisation](), sourced: true},
	{key: "services", typ: graph.TypeService, fields: fieldsOf[graph.Service](), sourced: true, required: true,
		edges: map[string]edgeSpec{
			"run_by":    {typ: graph.EdgeRunBy, one: true},
			"meets":     {typ: graph.EdgeMeets},
			"stages":    {typ: graph.EdgeAtStage},
			"covers":    {typ: graph.EdgeCovers},
			"accepts":   {typ: graph.EdgeAccepts},
			"serves":    {typ: graph.EdgeServes},
			"refers_to": {typ: graph.EdgeRefersTo},
		}},
	{key: "needs", typ: graph.TypeNeed, fields: fieldsOf[graph.Need](), sourced: true},
	{key: "statuses", typ: graph.TypeStatus, fields: fieldsOf[graph.Status](), sourced: true,
		edges: map[string]edgeSpec{
			"entitles":    {typ: graph.EdgeEntitles, own: true},
			"transitions": {typ: graph.EdgeTransitionsTo, own: true},
		}},
	{key: "exploitation", typ: graph.TypeExploitation, fields: fieldsOf[graph.Exploitation](), sourced: true},
	{key: "stages", typ: graph.TypeStage, fields: fieldsOf[graph.Stage](), sourced: true},
	{key: "regions", typ: graph.TypeRegion, fields: fieldsOf[graph.Region](), sourced: true,
		edges: map[string]edgeSpec{
			"part_of": {typ: graph.EdgePartOf, one: true},
		}},
	{key: "groups", typ: graph.TypeGroup, fields: fieldsOf[graph.Group](), sourced: true, required: true,
		edges: map[string]edgeSpec{
			"statuses":     {typ: graph.EdgeHasStatus},
			"regions":      {typ: graph.EdgeInRegion},
			"exploitation": {typ: graph.EdgeSubjectTo},
			"needs":        {typ: graph.EdgeNeeds},
		}},
	{key: "recommendations", typ: graph.TypeRecommendation, fields: fieldsOf[graph.Recommendation](), sourced: true,
		edges: map[string]edgeSpec{
			"concerns": {typ: graph.EdgeConcerns},
		}},
}

// edgeFields maps the fields of a long-form edge to the graph.Edge fields
// they fill: every property but type and from, which the item gives.
var edgeFields = fieldsOf[graph.Edge]("type", "from")

// edgeFieldNames lists edgeFields for error messages, in struct order.
var edgeFieldNames = fieldNames[graph.Edge]("type", "from")

// kindOf returns the kind with top-level key, or nil.
func kindOf(key string) *kind {
	for _, k := range kinds {
		if k.key == key {
			return k
		}
	}
	return nil
}

// kindKeys lists the top-level keys for error messages.
func kindKeys() string {
	keys := make([]string, len(kinds))
	for i, k := range kinds {
		keys[i] = k.key
	}
	return strings.Join(keys, ", ")
}

// fieldsOf maps the JSON names of T's fields, promoted ones included, to
// their indexes, leaving out version (the store's business) and skip.
func fieldsOf[T any](skip ...string) map[string][]int {
	fields := map[string][]int{}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[T]()) {
		if name := jsonName(f); name != "" && name != "version" && !slices.Contains(skip, name) {
			fields[name] = f.Index
		}
	}
	return fields
}

// fieldNames lists the names fieldsOf maps, in struct order, joined by ", ".
func fieldNames[T any](skip ...string) string {
	var names []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[T]()) {
		if name := jsonName(f); name != "" && name != "version" && !slices.Contains(skip, name) {
			names = append(names, name)
		}
	}
	return strings.Join(names, ", ")
}

// jsonName returns the JSON name of a struct field, or "" for an embedded
// struct or a field JSON leaves out.
func jsonName(f reflect.StructField) string {
	if f.Anonymous || !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}
