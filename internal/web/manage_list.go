package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// manageRow is one service in the lists of the manage pages.
type manageRow struct {
	ID           string
	Name         string
	Org          string
	Version      int64
	LastVerified string // "" if never
	Stale        bool
	CanEdit      bool
	CanHistory   bool
}

// managePage is the data of /manage and /manage/stale.
type managePage struct {
	page
	Rows       []manageRow
	CanCreate  bool
	CanStale   bool
	StaleAfter int    // months
	Verified   string // the service just marked verified
	OrgName    string
}

// handleManage lists the services the user looks after: an editor's own
// organisation's, everyone's for the other roles.
func (s *Server) handleManage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	p := managePage{
		page: s.newPage(r, translate(lang, "manage.title")), CanCreate: canCreateSome(u),
		CanStale: auth.Can(u, auth.ActionListStale, ""), StaleAfter: s.cfg.StaleAfterMonths,
		Verified: r.URL.Query().Get("verified"),
	}
	if o, err := graph.Lookup[*graph.Organisation](l, u.OrgID); err == nil {
		p.OrgName = o.Label(lang)
	}
	for _, svc := range graph.All[*graph.Service](l) {
		if u.Role == auth.RoleEditor && orgOf(l, svc.ID) != u.OrgID {
			continue
		}
		p.Rows = append(p.Rows, s.manageRow(l, u, svc, lang))
	}
	sortRows(p.Rows)
	return s.render(w, r, http.StatusOK, "manage", p)
}

// handleStale lists the profiles not verified for Config.StaleAfterMonths,
// the oldest (or never verified) first.
func (s *Server) handleStale(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	u, err := s.require(r, auth.ActionListStale, "")
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	p := managePage{page: s.newPage(r, translate(lang, "stale.title")), StaleAfter: s.cfg.StaleAfterMonths, CanStale: true}
	for _, svc := range graph.All[*graph.Service](l) {
		if row := s.manageRow(l, u, svc, lang); row.Stale {
			p.Rows = append(p.Rows, row)
		}
	}
	slices.SortStableFunc(p.Rows, func(a, b manageRow) int { return strings.Compare(a.LastVerified, b.LastVerified) })
	return s.render(w, r, http.StatusOK, "stale", p)
}

func (s *Server) manageRow(l *graph.Landscape, u *auth.User, svc *graph.Service, lang string) manageRow {
	org := orgOf(l, svc.ID)
	row := manageRow{
		ID: svc.ID, Name: svc.Label(lang), Version: svc.Version,
		Stale:      s.stale(svc.LastVerified),
		CanEdit:    auth.Can(u, auth.ActionEdit, org),
		CanHistory: auth.Can(u, auth.ActionReadHistory, org),
	}
	if o, ok := l.Organisation(svc.ID); ok {
		row.Org = o.Label(lang)
	}
	if svc.LastVerified != nil {
		row.LastVerified = svc.LastVerified.Format("2006-01-02")
	}
	return row
}

// stale reports whether a profile last verified at t (nil: never) is older
// than Config.StaleAfterMonths.
func (s *Server) stale(t *time.Time) bool {
	return t == nil || t.Before(s.today().AddDate(0, -s.cfg.StaleAfterMonths, 0))
}

func sortRows(rows []manageRow) {
	slices.SortFunc(rows, func(a, b manageRow) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
}
