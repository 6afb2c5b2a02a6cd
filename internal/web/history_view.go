package web

import (
	"context"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// revisionView is one revision of a service as the history page and the
// conflict notice show it.
type revisionView struct {
	Version          int64
	LandscapeVersion int64
	Time             string // for people, in UTC
	ISOTime          string // for <time datetime>
	Who              string
	Reason           string
	// Kind is "created", "changed" or "deleted".
	Kind string
	Rows []changeRow
	// Restorable: the page offers to restore this version.
	Restorable bool
}

// revisionViews describes revs (newest first) in lang, with the
// confidential address of a revision only where showAddress says so.
func (s *Server) revisionViews(ctx context.Context, l *graph.Landscape, revs []graph.Revision, lang string, showAddress func(graph.Revision) bool) []revisionView {
	actors := make([]string, len(revs))
	for i, r := range revs {
		actors[i] = r.Actor
	}
	names := s.actorNames(ctx, actors, lang)
	views := make([]revisionView, len(revs))
	for i, r := range revs {
		kind := "changed"
		switch {
		case r.Before == nil && r.After != nil:
			kind = "created"
		case r.After == nil && r.Before != nil:
			kind = "deleted"
		}
		views[i] = revisionView{
			Version: r.Version, LandscapeVersion: r.LandscapeVersion,
			Time: r.Time.UTC().Format("2006-01-02 15:04 UTC"), ISOTime: r.Time.UTC().Format("2006-01-02T15:04:05Z"),
			Who: names[r.Actor], Reason: r.Reason, Kind: kind,
			Rows: diffRevision(l, r, lang, showAddress(r)),
		}
	}
	return views
}

// actorNames returns how a page names each actor of the history: a user by
// name and email, a token by its name and its user's, anything else
// ("seed", "cli") as it is. Unknown users are named by their id.
func (s *Server) actorNames(ctx context.Context, actors []string, lang string) map[string]string {
	names := map[string]string{}
	tokens := map[string]bool{}
	for _, a := range actors {
		if _, ok := names[a]; ok {
			continue
		}
		kind, id, _ := strings.Cut(a, ":")
		switch kind {
		case "user":
			names[a] = a
			if u, err := s.edit.Accounts.User(ctx, id); err == nil {
				names[a] = u.Name + " <" + u.Email + ">"
			}
		case "token":
			names[a] = a
			tokens[id] = true
		case "":
			names[a] = translate(lang, "history.unknown")
		default:
			names[a] = a
		}
	}
	if len(tokens) == 0 {
		return names
	}
	// A token is found through its user; there are few users.
	users, err := s.edit.Accounts.Users(ctx)
	if err != nil {
		return names
	}
	for _, u := range users {
		ts, err := s.edit.Accounts.Tokens(ctx, u.ID)
		if err != nil {
			continue
		}
		for _, t := range ts {
			if tokens[t.ID] {
				names["token:"+t.ID] = translatef(lang, "history.token", t.Name, u.Name+" <"+u.Email+">")
			}
		}
	}
	return names
}
