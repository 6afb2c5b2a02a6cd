package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// registerNodeRoutes registers the generic page of any node, so that every
// node of the landscape graph links somewhere.
func (s *Server) registerNodeRoutes(r *mux.Router) {
	r.Handle("/nodes/{id}", s.handle(s.handleNodePage)).Methods(readMethods...)
}

// prop is one property of a node page.
type prop struct {
	Key   string
	Value string
}

// edgeRow is one relation of a node page.
type edgeRow struct {
	Type graph.EdgeType
	Fact fact
}

// nodeView is the generic page of a node: its public properties, its
// relations with their sources, and for a source, what cites it.
type nodeView struct {
	ID   string
	Type graph.NodeType
	Name string
	Note string
	// Description is the node's description in the page's language.
	Description string
	Assumed     bool
	Cites       []citation
	Props       []prop
	Out         []edgeRow
	In          []edgeRow
	CitedBy     []fact
	Sources     []sourceEntry
}

// nodePage is the data of a node page.
type nodePage struct {
	page
	Node nodeView
}

// handleNodePage serves the page of node {id}; a service's page is its
// profile, so it redirects there.
func (s *Server) handleNodePage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	n, ok := l.Node(id)
	if !ok {
		return graph.Errorf(graph.ENOTFOUND, "no node with id %q", id)
	}
	if n.Type() == graph.TypeService {
		http.Redirect(w, r, dashboards.NodeURL(n), http.StatusFound)
		return nil
	}
	lang := langOf(r.Context())
	v, err := s.newNodeView(l, n, lang)
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "node", nodePage{page: s.newPage(r, v.Name), Node: v})
}

// newNodeView builds the page of n in lang.
func (s *Server) newNodeView(l *graph.Landscape, n graph.Node, lang string) (nodeView, error) {
	m := n.Base()
	c := newCitations(lang)
	v := nodeView{ID: m.ID, Type: n.Type(), Name: m.Label(lang), Note: m.Note, Assumed: m.Assumed()}
	v.Cites = c.cite(l.Sources(m.ID))

	fields, err := publicFields(n, s.cfg.SuppressBelow)
	if err != nil {
		return nodeView{}, fmt.Errorf("node page %s: %w", m.ID, err)
	}
	// a group's size that, beside the sizes of the groups inside it, would
	// give a small count back by subtraction is withheld, as in every gap
	// result
	rule := privacy.Rule{Threshold: s.cfg.SuppressBelow, Step: s.cfg.SuppressStep}
	if withheld, err := gap.WithheldGroups(l, rule); err != nil {
		return nodeView{}, fmt.Errorf("node page %s: %w", m.ID, err)
	} else if withheld[m.ID] {
		fields["size_estimate"] = translate(lang, "prop.size_withheld")
	}
	v.Description = descriptionOf(l, fields, lang)
	v.Note = publicText(l, lang, v.Note)
	v.Props = propsOf(l, fields, n.Type(), lang)

	for _, e := range l.Out(m.ID, "") {
		if e.Type == graph.EdgeSourcedFrom {
			continue
		}
		if to, ok := l.Node(e.To); ok {
			v.Out = append(v.Out, edgeRow{Type: e.Type, Fact: edgeFact(l, e, to, lang, c)})
		}
	}
	for _, e := range l.In(m.ID, "") {
		if from, ok := l.Node(e.From); ok {
			v.In = append(v.In, edgeRow{Type: e.Type, Fact: edgeFact(l, e, from, lang, c)})
		}
	}
	if n.Type() == graph.TypeSource {
		v.CitedBy = citedBy(l, m.ID, lang)
	}
	v.Sources = c.list
	return v, nil
}

// citedBy returns the edges that cite source id in their own sources, as
// facts naming the edge's start.
func citedBy(l *graph.Landscape, id string, lang string) []fact {
	var fs []fact
	for _, e := range l.Edges() {
		if !slices.Contains(e.Sources, id) {
			continue
		}
		from, ok1 := l.Node(e.From)
		to, ok2 := l.Node(e.To)
		if !ok1 || !ok2 {
			continue
		}
		fs = append(fs, fact{
			Name:    from.Base().Label(lang) + " — " + translate(lang, "edge."+string(e.Type)) + " — " + to.Base().Label(lang),
			URL:     dashboards.NodeURL(from),
			Partial: e.Partial(),
			Assumed: e.Confidence == graph.Assumed,
		})
	}
	return fs
}

// propValue formats a decoded JSON value for a node page.
func propValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = propValue(x)
		}
		return strings.Join(parts, ", ")
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
