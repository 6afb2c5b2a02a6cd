package web

import (
	"context"
	"errors"
	"fmt"

	"github.com/gapmap/gapmap/graph"
)

// saveEdit checks edit e and applies it through the live landscape, so that
// the dashboards see it as soon as it returns, and returns the landscape
// version it produced. create says whether e adds a service; otherwise
// e.Node.Version is the version the edit was made on.
//
// Errors: *fieldErrors (EINVALID) naming every field at fault; a stale
// version (ECONFLICT, isStale) if the service changed since that version;
// ENOTFOUND if the service to update is gone; other store errors. On any
// error nothing is written.
func (s *Server) saveEdit(ctx context.Context, e *serviceEdit, create bool, actor, reason string) (int64, error) {
	l, err := s.landscape()
	if err != nil {
		return 0, err
	}
	var cur *graph.Service
	if !create {
		if cur, l, err = s.currentService(ctx, l, e.Node.ID, e.Node.Version); err != nil {
			return 0, err
		}
	} else if _, taken := l.Node(e.Node.ID); taken {
		fe := &fieldErrors{}
		fe.add("id", "%q is taken: choose another id", e.Node.ID)
		return 0, fe
	}
	fe := &fieldErrors{}
	e.check(l, fe)
	if !fe.empty() {
		return 0, fe
	}
	v, err := s.edit.Live.Apply(ctx, e.change(l, cur, s.now(), actor, reason))
	if isStale(err) {
		// Another instance wrote meanwhile; let the next try see it.
		if rerr := s.edit.Live.Reload(ctx); rerr != nil {
			s.log.WarnContext(ctx, "reload after a stale write", "err", rerr)
		}
	}
	return v, err
}

// currentService returns service id as the landscape holds it, reloading
// the landscape once if it holds an older version than base (another
// instance may have written). It returns a stale error if the service is
// not at version base, so that an edit's edges are always diffed against
// the version the edit was made on.
func (s *Server) currentService(ctx context.Context, l *graph.Landscape, id string, base int64) (*graph.Service, *graph.Landscape, error) {
	cur, err := graph.Lookup[*graph.Service](l, id)
	if err == nil && cur.Version < base {
		if err := s.edit.Live.Reload(ctx); err != nil {
			return nil, nil, err
		}
		if l, err = s.landscape(); err != nil {
			return nil, nil, err
		}
		cur, err = graph.Lookup[*graph.Service](l, id)
	}
	switch {
	case err != nil:
		return nil, nil, err
	case cur.Version != base:
		return nil, nil, staleError(id, base, cur.Version)
	}
	return cur, l, nil
}

// staleError is the conflict of an edit made on version got of service id,
// which is now at version stored.
func staleError(id string, got, stored int64) error {
	return &graph.Error{Code: graph.ECONFLICT, Node: "Service " + id, Field: "version",
		Message: fmt.Sprintf("you edited version %d, but the service is now at version %d: someone else changed it meanwhile", got, stored)}
}

// isStale reports whether err is the refusal of a stale version.
func isStale(err error) bool {
	var ge *graph.Error
	return errors.As(err, &ge) && ge.Code == graph.ECONFLICT && ge.Field == "version"
}
