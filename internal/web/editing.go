package web

import (
	"context"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// Applier applies a change and swaps the new landscape snapshot in before it
// returns, so the dashboards see an edit at once and never half of one;
// Reload fetches a newer snapshot written by another instance. *graph.Live
// satisfies it.
type Applier interface {
	Apply(ctx context.Context, c *graph.Change) (int64, error)
	Reload(ctx context.Context) error
}

// Historian returns the history of a node, newest first; every graph.Store
// satisfies it.
type Historian interface {
	History(ctx context.Context, id string) ([]graph.Revision, error)
}

// Editing is what sign-in, the editing pages, the admin pages and the write
// API need. Live must apply to the store the server's Landscapes read.
type Editing struct {
	Live     Applier
	History  Historian
	Accounts *auth.Manager
	// Now returns the time, for "verified today" and new facts' years;
	// tests set it. [time.Now]
	Now func() time.Time
}

// Option configures a Server beyond its Config.
type Option func(*Server)

// WithEditing turns on sign-in, the editing and admin pages and the write
// API. Without it the server is the read-only public site.
func WithEditing(e Editing) Option {
	return func(s *Server) {
		if e.Now == nil {
			e.Now = time.Now
		}
		s.edit = &e
	}
}

// now returns the editing clock's time in UTC.
func (s *Server) now() time.Time { return s.edit.Now().UTC() }

// today returns midnight UTC of the current day: the value of "verified
// today".
func (s *Server) today() time.Time {
	y, m, d := s.now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
