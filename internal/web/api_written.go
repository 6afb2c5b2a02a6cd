package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// writtenServiceAPI answers a successful write of service id, which made
// landscape version v, with the service as that write left it, and its
// ETag: the version the write made, not a later writer's. The store
// records the revision of a write in the write's own transaction, so the
// revision of v holds the service and its outgoing edges exactly as the
// write made them, however many writes followed it; only the names of the
// nodes they point to, and the services that refer to it, are read from the
// landscape now.
func (s *Server) writtenServiceAPI(w http.ResponseWriter, r *http.Request, status int, u *auth.User, id string, v int64) error {
	revs, err := s.edit.History.History(r.Context(), id)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(revs, func(rev graph.Revision) bool { return rev.LandscapeVersion == v })
	if i < 0 {
		return fmt.Errorf("service %s: no revision of the write that made landscape version %d", id, v)
	}
	svc, ok := revs[i].After.(*graph.Service)
	if !ok {
		return fmt.Errorf("service %s: the write that made landscape version %d left no service", id, v)
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	written, err := writtenLandscape(l, svc, revs[i].EdgesAfter)
	if err != nil {
		return fmt.Errorf("service %s as written at landscape version %d: %w", id, v, err)
	}
	a := newAPIService(written, svc)
	if auth.Can(u, auth.ActionReadConfidential, orgOf(written, id)) {
		a.Address = svc.Address
		w.Header().Set("Cache-Control", "private, no-store")
	}
	w.Header().Set("ETag", etag(svc.Version))
	return writeJSON(w, status, "application/json", a)
}

// writtenLandscape returns a landscape of svc with its outgoing edges out,
// as a write left them, beside the nodes of l they point to and the edges
// of l that refer to svc, for newAPIService. An edge to a node deleted since
// is left out, as newAPIService leaves out an edge to a missing node.
func writtenLandscape(l *graph.Landscape, svc *graph.Service, out []graph.Edge) (*graph.Landscape, error) {
	nodes := []graph.Node{svc}
	have := map[string]bool{svc.ID: true}
	add := func(id string) bool {
		if have[id] {
			return true
		}
		n, ok := l.Node(id)
		if ok {
			nodes, have[id] = append(nodes, n), true
		}
		return ok
	}
	var edges []graph.Edge
	for _, e := range out {
		if add(e.To) && sourcesIn(e, add) {
			edges = append(edges, e)
		}
	}
	for _, e := range l.In(svc.ID, graph.EdgeRefersTo) {
		if e.From != svc.ID && add(e.From) && sourcesIn(*e, add) {
			edges = append(edges, *e)
		}
	}
	return graph.NewLandscape(l.Version(), nodes, edges)
}

// sourcesIn adds the sources e cites with add, and reports whether the
// landscape has them all.
func sourcesIn(e graph.Edge, add func(string) bool) bool {
	for _, src := range e.Sources {
		if !add(src) {
			return false
		}
	}
	return true
}
