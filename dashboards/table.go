package dashboards

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// NodeRef names a node in a table: its id, the URL of its page and its label.
type NodeRef struct {
	ID   string
	URL  string
	Name string
}

// EdgeRef is a node reached by an edge, with the edge's qualifiers.
type EdgeRef struct {
	NodeRef
	// Partial marks a partial extent (ACCEPTS, MEETS).
	Partial bool
	// Assumed marks an edge whose fact is an assumption.
	Assumed bool
}

// ServiceRow is one row of the services table.
type ServiceRow struct {
	NodeRef
	// Assumed marks a service whose own facts are assumptions.
	Assumed bool
	// Organisation is who runs the service; nil if unknown.
	Organisation *NodeRef
	Sector       graph.Sector
	City         string
	Statuses     []EdgeRef
	Needs        []EdgeRef
	Funding      graph.Funding
	// Sources are the sources of the service and of its edges, in order of
	// first citation.
	Sources []NodeRef
}

// ServiceTable returns one row per service, sorted by label in lang
// (ignoring case), then by id. Pass graph.All[*graph.Service](l) for the
// whole landscape, or the results of l.Search.
func ServiceTable(l *graph.Landscape, services []*graph.Service, lang string) []ServiceRow {
	lang = Lang(lang)
	rows := make([]ServiceRow, 0, len(services))
	for _, s := range services {
		row := ServiceRow{
			NodeRef:  ref(s, lang),
			Assumed:  s.Assumed(),
			Sector:   s.Sector,
			City:     s.City,
			Statuses: edgeRefs(l, s.ID, graph.EdgeAccepts, lang),
			Needs:    edgeRefs(l, s.ID, graph.EdgeMeets, lang),
			Funding:  s.Funding,
			Sources:  serviceSources(l, s, lang),
		}
		if o, ok := l.Organisation(s.ID); ok {
			r := ref(o, lang)
			row.Organisation = &r
		}
		rows = append(rows, row)
	}
	slices.SortStableFunc(rows, func(a, b ServiceRow) int {
		return cmp.Or(
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			strings.Compare(a.ID, b.ID),
		)
	})
	return rows
}

// ref returns the NodeRef of n.
func ref(n graph.Node, lang string) NodeRef {
	return NodeRef{ID: n.Base().ID, URL: NodeURL(n), Name: n.Base().Label(lang)}
}

// edgeRefs returns the targets of the edges of type t from id.
func edgeRefs(l *graph.Landscape, id string, t graph.EdgeType, lang string) []EdgeRef {
	var refs []EdgeRef
	for _, e := range l.Out(id, t) {
		n, ok := l.Node(e.To)
		if !ok {
			continue
		}
		refs = append(refs, EdgeRef{
			NodeRef: ref(n, lang),
			Partial: e.Partial(),
			Assumed: e.Confidence == graph.Assumed,
		})
	}
	return refs
}

// serviceSources returns the sources of s and of every edge that starts at
// s, each once.
func serviceSources(l *graph.Landscape, s *graph.Service, lang string) []NodeRef {
	var refs []NodeRef
	seen := map[string]bool{}
	add := func(src *graph.Source) {
		if !seen[src.ID] {
			seen[src.ID] = true
			refs = append(refs, ref(src, lang))
		}
	}
	for _, src := range l.Sources(s.ID) {
		add(src)
	}
	for _, e := range l.Out(s.ID, "") {
		if e.Type == graph.EdgeSourcedFrom {
			continue
		}
		for _, src := range l.EdgeSources(e) {
			add(src)
		}
	}
	return refs
}
