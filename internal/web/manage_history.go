package web

import (
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// historyPage is the data of the history of a service.
type historyPage struct {
	page
	ServiceID   string
	ServiceName string
	// Current is the service's version now; 0 if it is deleted.
	Current   int64
	Revisions []revisionView
	CanEdit   bool
	Restored  int64
	// Notice is a message about a refused restore.
	Notice string
}

// serviceHistory returns the history of service id, its organisation (now,
// or when last known for a deleted service) and its name.
func (s *Server) serviceHistory(r *http.Request, l *graph.Landscape, id string) ([]graph.Revision, string, string, error) {
	revs, err := s.edit.History.History(r.Context(), id)
	if err != nil {
		return nil, "", "", err
	}
	org, name := orgOf(l, id), id
	if svc, err := graph.Lookup[*graph.Service](l, id); err == nil {
		return revs, org, svc.Label(langOf(r.Context())), nil
	}
	if n, ok := l.Node(id); ok {
		return nil, "", "", graph.Errorf(graph.ENOTFOUND, "%s is a %s, not a service", id, n.Type())
	}
	// Deleted: the last revision that shows it says what it was.
	for _, rev := range revs {
		n := rev.After
		if n == nil {
			n = rev.Before
		}
		if n == nil {
			continue
		}
		if n.Type() != graph.TypeService {
			return nil, "", "", graph.Errorf(graph.ENOTFOUND, "no service with id %q", id)
		}
		name = n.Base().Label(langOf(r.Context()))
		for _, e := range append(rev.EdgesAfter, rev.EdgesBefore...) {
			if e.Type == graph.EdgeRunBy {
				return revs, e.To, name, nil
			}
		}
		return revs, "", name, nil
	}
	return revs, org, name, nil
}

// handleHistory shows every revision of service {id}: who, when, why, and
// what changed, with a restore button for those who may restore.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) error {
	return s.renderHistory(w, r, http.StatusOK, "")
}

func (s *Server) renderHistory(w http.ResponseWriter, r *http.Request, status int, notice string) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	revs, org, name, err := s.serviceHistory(r, l, id)
	if err != nil {
		return err
	}
	u, err := s.require(r, auth.ActionReadHistory, org)
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	p := historyPage{
		page: s.newPage(r, translatef(lang, "history.title", name)), ServiceID: id, ServiceName: name,
		CanEdit: auth.Can(u, auth.ActionEdit, org), Notice: notice,
	}
	if svc, err := graph.Lookup[*graph.Service](l, id); err == nil {
		p.Current = svc.Version
	}
	p.Restored, _ = strconv.ParseInt(r.URL.Query().Get("restored"), 10, 64)
	p.Revisions = s.revisionViews(r.Context(), l, revs, lang, auth.Can(u, auth.ActionReadConfidential, org))
	// The newest revision is the service as it is; any older one that
	// shows it can be restored.
	canRestore := auth.Can(u, auth.ActionRestore, org)
	for i, rev := range revs {
		p.Revisions[i].Restorable = canRestore && i > 0 && rev.After != nil
	}
	return s.render(w, r, status, "history", p)
}
