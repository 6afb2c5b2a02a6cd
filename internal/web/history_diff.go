package web

import (
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// changeRow is one difference between two versions of a service: a field of
// the node, or the targets of one type of edge.
type changeRow struct {
	Field  string
	Before string
	After  string
}

// hiddenDiffFields are node fields a diff does not show: the version is the
// revision's own, the type never changes.
var hiddenDiffFields = []string{"type", "version", "id"}

// diffRevision returns the rows of what revision r changed, labelled in
// lang. The address is masked unless showAddress, when the service's
// address is confidential before or after.
func diffRevision(l *graph.Landscape, r graph.Revision, lang string, showAddress bool) []changeRow {
	rows := diffNodes(r.Before, r.After, lang, showAddress)
	return append(rows, diffEdges(l, r.EdgesBefore, r.EdgesAfter, lang)...)
}

// diffNodes compares two versions of a node field by field (either may be
// nil).
func diffNodes(before, after graph.Node, lang string, showAddress bool) []changeRow {
	b, a := nodeFields(before), nodeFields(after)
	secret := !showAddress && (b["confidential_address"] == true || a["confidential_address"] == true)
	keys := slices.Sorted(maps.Keys(b))
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var rows []changeRow
	for _, k := range keys {
		if slices.Contains(hiddenDiffFields, k) {
			continue
		}
		bv, av := diffValue(b[k]), diffValue(a[k])
		if bv == av {
			continue
		}
		if k == "address" && secret {
			bv, av = maskAddress(bv, lang), maskAddress(av, lang)
		}
		rows = append(rows, changeRow{Field: fieldLabel(lang, k), Before: bv, After: av})
	}
	return rows
}

// maskAddress hides a confidential address, but not whether there is one.
func maskAddress(v, lang string) string {
	if v == "" {
		return ""
	}
	return translate(lang, "manage.hidden")
}

// nodeFields returns n's fields as its JSON holds them; nil gives none.
func nodeFields(n graph.Node) map[string]any {
	m := map[string]any{}
	if n == nil {
		return m
	}
	if data, err := graph.MarshalNode(n); err == nil {
		_ = json.Unmarshal(data, &m)
	}
	return m
}

// diffEdges compares the edges of two versions of a node, one row per edge
// type whose targets or their qualifiers changed.
func diffEdges(l *graph.Landscape, before, after []graph.Edge, lang string) []changeRow {
	b, a := edgeTargets(l, before, lang), edgeTargets(l, after, lang)
	types := slices.Sorted(maps.Keys(b))
	for t := range a {
		if _, ok := b[t]; !ok {
			types = append(types, t)
		}
	}
	slices.Sort(types)
	var rows []changeRow
	for _, t := range types {
		bv, av := strings.Join(b[t], ", "), strings.Join(a[t], ", ")
		if bv != av {
			rows = append(rows, changeRow{Field: translate(lang, "diff."+string(t)), Before: bv, After: av})
		}
	}
	return rows
}

// edgeTargets returns, by edge type, the sorted labels of the targets of es
// with their qualifiers: "Undocumented (partial)".
func edgeTargets(l *graph.Landscape, es []graph.Edge, lang string) map[graph.EdgeType][]string {
	m := map[graph.EdgeType][]string{}
	for _, e := range es {
		name := e.To
		if n, ok := l.Node(e.To); ok {
			name = n.Base().Label(lang)
		}
		if e.Partial() {
			name += " (" + translate(lang, "partial") + ")"
		}
		if e.Formal {
			name += " (" + translate(lang, "formal") + ")"
		}
		m[e.Type] = append(m[e.Type], name)
	}
	for _, names := range m {
		slices.Sort(names)
	}
	return m
}

// fieldLabel returns the label of a node field in lang.
func fieldLabel(lang, field string) string {
	if t := translate(lang, "field."+field); t != "field."+field {
		return t
	}
	return strings.ReplaceAll(field, "_", " ")
}

// diffValue formats a field's value for a diff: times (last_verified) as
// their date when they fall on midnight UTC.
func diffValue(v any) string {
	s := propValue(v)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if t.UTC().Truncate(24 * time.Hour).Equal(t) {
			return t.UTC().Format("2006-01-02")
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	}
	return s
}
