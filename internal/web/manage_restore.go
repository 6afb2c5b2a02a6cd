package web

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// handleRestore restores service {id} to an earlier revision, named by the
// landscape version that made it (revision), if the service is still at the
// version the user saw (current; 0 for a deleted service). The node and
// every edge that starts at it become as they were; the restore is one more
// revision in the history, never a rewrite of it.
func (s *Server) handleRestore(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	// Only the newest record is restored: an earlier one is another
	// service that had the id.
	sr, err := s.serviceHistory(r, l, id, 0)
	if err != nil {
		return err
	}
	revs, org := sr.Revs, sr.Org
	u, err := s.require(r, auth.ActionRestore, org)
	if err != nil {
		return err
	}
	lv, err1 := strconv.ParseInt(r.PostForm.Get("revision"), 10, 64)
	seen, err2 := strconv.ParseInt(r.PostForm.Get("current"), 10, 64)
	if err1 != nil || err2 != nil {
		return graph.Errorf(graph.EINVALID, "the restore form lacks the revision or the current version")
	}
	i := slices.IndexFunc(revs, func(rev graph.Revision) bool { return rev.LandscapeVersion == lv && rev.After != nil })
	if i < 0 {
		return graph.Errorf(graph.ENOTFOUND, "service %s has no revision %d to restore", id, lv)
	}
	target := revs[i]
	c, err := restoreChange(l, revs, target, seen)
	if err != nil {
		if isStale(err) {
			return s.renderHistory(w, r, http.StatusConflict, translate(langOf(r.Context()), "history.stale"))
		}
		return err
	}
	c.Actor, c.Reason = u.Actor(), fmt.Sprintf("restore version %d", target.Version)
	if _, err := s.edit.Live.Apply(r.Context(), c); err != nil {
		if isStale(err) {
			return s.renderHistory(w, r, http.StatusConflict, translate(langOf(r.Context()), "history.stale"))
		}
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/services/%s/history?restored=%d", id, target.Version), http.StatusSeeOther)
	return nil
}

// restoreChange returns the change that makes the service as revision
// target left it, if it is at version seen now.
func restoreChange(l *graph.Landscape, revs []graph.Revision, target graph.Revision, seen int64) (*graph.Change, error) {
	old, ok := target.After.(*graph.Service)
	if !ok {
		return nil, graph.Errorf(graph.EINVALID, "revision %d is not of a service", target.LandscapeVersion)
	}
	n := *old
	c := &graph.Change{}
	have := map[graph.EdgeKey]*graph.Edge{}
	cur, err := graph.Lookup[*graph.Service](l, old.ID)
	switch {
	case err == nil && cur.Version != seen:
		return nil, staleError(old.ID, seen, cur.Version)
	case err == nil:
		n.Version = cur.Version
		c.Update(&n)
		for _, e := range l.Out(cur.ID, "") {
			have[e.Key()] = e
		}
	case seen != 0:
		return nil, staleError(old.ID, seen, 0)
	default:
		// Deleted: bring its record back, its version continuing the
		// record's history.
		var top int64
		for _, rev := range revs {
			top = max(top, rev.Version)
		}
		n.Version = top + 1
		c.Revive(&n)
	}
	want := map[graph.EdgeKey]graph.Edge{}
	for _, e := range target.EdgesAfter {
		want[e.Key()] = e
	}
	for _, k := range slices.SortedFunc(maps.Keys(have), compareKeys) {
		if _, keep := want[k]; !keep {
			c.DeleteEdge(k)
		}
	}
	for _, k := range slices.SortedFunc(maps.Keys(want), compareKeys) {
		if e, ok := have[k]; !ok || !reflect.DeepEqual(*e, want[k]) {
			c.PutEdge(want[k])
		}
	}
	return c, nil
}
