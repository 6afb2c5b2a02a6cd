package web

import (
	"net/http"
	"slices"
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
	// Current is the service's version now; 0 if it is deleted or the page
	// shows an earlier record.
	Current   int64
	Revisions []revisionView
	CanEdit   bool
	Restored  int64
	// Notice is a message about a refused restore.
	Notice string
	// Record is the record shown; Earlier and Later link the other records
	// of the id that the user may read.
	Record         int64
	Earlier, Later []int64
	// Superseded: the record shown is not the newest of the id.
	Superseded bool
}

// serviceRecord is one record of a service id (see graph.Store.History): a
// service from its creation to its deletion, and its history. A deleted
// service's history stays with its record; a new service with the same id
// is a new record whose history shows nothing of the old one.
type serviceRecord struct {
	// Revs are the revisions of the record, newest first.
	Revs []graph.Revision
	// Number is the record's, from 1; Records is how many the id has.
	Number, Records int64
	// Org runs the service: now if the record is the stored service, else
	// as its newest revision that names one says; "" for none.
	Org  string
	Name string
	// Stored: the record is the service as it stands now.
	Stored bool
	// all are the revisions of every record of the id.
	all []graph.Revision
}

// serviceHistory returns record rec (0 for the newest) of service id.
func (s *Server) serviceHistory(r *http.Request, l *graph.Landscape, id string, rec int64) (*serviceRecord, error) {
	all, err := s.edit.History.History(r.Context(), id)
	if err != nil {
		return nil, err
	}
	return recordOf(r, l, id, all, rec)
}

// recordOf returns record rec (0 for the newest) of service id, whose
// numbered history is all.
func recordOf(r *http.Request, l *graph.Landscape, id string, all []graph.Revision, rec int64) (*serviceRecord, error) {
	sr := &serviceRecord{Records: graph.Records(all), all: all, Name: id}
	sr.Number = rec
	if rec <= 0 || rec > sr.Records {
		if rec != 0 {
			return nil, graph.Errorf(graph.ENOTFOUND, "service %s has no record %d", id, rec)
		}
		sr.Number = sr.Records
	}
	sr.Revs = graph.RecordRevisions(all, sr.Number)
	if svc, err := graph.Lookup[*graph.Service](l, id); err == nil && sr.Number == sr.Records {
		sr.Org, sr.Name, sr.Stored = orgOf(l, id), svc.Label(langOf(r.Context())), true
		return sr, nil
	}
	if n, ok := l.Node(id); ok && sr.Number == sr.Records {
		return nil, graph.Errorf(graph.ENOTFOUND, "%s is a %s, not a service", id, n.Type())
	}
	// Deleted, or an earlier record: the newest revision that shows it
	// says what it was and who ran it.
	for _, rev := range sr.Revs {
		n := rev.After
		if n == nil {
			n = rev.Before
		}
		if n == nil {
			continue
		}
		if n.Type() != graph.TypeService {
			return nil, graph.Errorf(graph.ENOTFOUND, "no service with id %q", id)
		}
		sr.Name = n.Base().Label(langOf(r.Context()))
		if orgs := revisionOrgs(rev); len(orgs) > 0 {
			sr.Org = orgs[0]
		}
		return sr, nil
	}
	return sr, nil
}

// revisionOrgs returns the organisations that run the service in r, after
// the change and then before it, each once.
func revisionOrgs(r graph.Revision) []string {
	var orgs []string
	for _, e := range slices.Concat(r.EdgesAfter, r.EdgesBefore) {
		if e.Type == graph.EdgeRunBy && !slices.Contains(orgs, e.To) {
			orgs = append(orgs, e.To)
		}
	}
	return orgs
}

// addressShown returns whether u may see the confidential address in a
// revision of a service that org runs: only if u may see the addresses of
// org and of every organisation that ran the service in the revision, so
// that a service moved between organisations shows neither its address
// of before nor of after to anyone who could not see it then.
func addressShown(u *auth.User, org string) func(graph.Revision) bool {
	return func(r graph.Revision) bool {
		if !auth.Can(u, auth.ActionReadConfidential, org) {
			return false
		}
		for _, o := range revisionOrgs(r) {
			if !auth.Can(u, auth.ActionReadConfidential, o) {
				return false
			}
		}
		return true
	}
}

// handleHistory shows every revision of one record of service {id} (the
// newest, or ?record=N): who, when, why, and what changed, with a restore
// button for those who may restore.
func (s *Server) handleHistory(w http.ResponseWriter, r *http.Request) error {
	return s.renderHistory(w, r, http.StatusOK, "")
}

// recordParam returns the record the request names with ?record=N; 0 for
// the newest.
func recordParam(r *http.Request) (int64, error) {
	v := r.URL.Query().Get("record")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 1 {
		return 0, graph.FieldError("history", "record", "must be a whole number from 1, not %q", v)
	}
	return n, nil
}

func (s *Server) renderHistory(w http.ResponseWriter, r *http.Request, status int, notice string) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	rec, err := recordParam(r)
	if err != nil {
		return err
	}
	sr, err := s.serviceHistory(r, l, id, rec)
	if err != nil {
		return err
	}
	u, err := s.require(r, auth.ActionReadHistory, sr.Org)
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	p := historyPage{
		page: s.newPage(r, translatef(lang, "history.title", sr.Name)), ServiceID: id, ServiceName: sr.Name,
		CanEdit: sr.Stored && auth.Can(u, auth.ActionEdit, sr.Org), Notice: notice, Record: sr.Number,
		Superseded: sr.Number < sr.Records,
	}
	if svc, err := graph.Lookup[*graph.Service](l, id); err == nil && sr.Stored {
		p.Current = svc.Version
	}
	p.Restored, _ = strconv.ParseInt(r.URL.Query().Get("restored"), 10, 64)
	p.Revisions = s.revisionViews(r.Context(), l, sr.Revs, lang, addressShown(u, sr.Org))
	// The newest revision of the newest record is the service as it is;
	// any older one of that record that shows it can be restored. An
	// earlier record is never restored over a later one.
	canRestore := sr.Number == sr.Records && auth.Can(u, auth.ActionRestore, sr.Org)
	for i, rev := range sr.Revs {
		p.Revisions[i].Restorable = canRestore && i > 0 && rev.After != nil
	}
	// Links to the other records, for those who may read them.
	for n := int64(1); n <= sr.Records; n++ {
		if n == sr.Number {
			continue
		}
		other, err := recordOf(r, l, id, sr.all, n)
		if err != nil || !auth.Can(u, auth.ActionReadHistory, other.Org) {
			continue
		}
		if n < sr.Number {
			p.Earlier = append(p.Earlier, n)
		} else {
			p.Later = append(p.Later, n)
		}
	}
	return s.render(w, r, status, "history", p)
}
