package web

import (
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// tokenRow is one API token on the account page.
type tokenRow struct {
	ID       string
	Name     string
	Created  string
	LastUsed string
	Revoked  string
}

// accountPage is the data of /account.
type accountPage struct {
	page
	Account *auth.User
	OrgName string
	Tokens  []tokenRow
	// NewToken is the token just created, shown this once.
	NewToken     string
	NewTokenName string
	Errors       map[string]string
	Notice       string
}

// handleAccount shows the signed-in user's account and API tokens.
func (s *Server) handleAccount(w http.ResponseWriter, r *http.Request) error {
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	p, err := s.accountPage(r, u)
	if err != nil {
		return err
	}
	if r.URL.Query().Has("revoked") {
		p.Notice = translate(p.Lang, "account.revoked")
	}
	return s.render(w, r, http.StatusOK, "account", p)
}

func (s *Server) accountPage(r *http.Request, u *auth.User) (accountPage, error) {
	lang := langOf(r.Context())
	p := accountPage{page: s.newPage(r, translate(lang, "account.title")), Account: u}
	if l := s.lv.Landscape(); l != nil {
		if o, err := graph.Lookup[*graph.Organisation](l, u.OrgID); err == nil {
			p.OrgName = o.Label(lang)
		}
	}
	ts, err := s.edit.Accounts.Tokens(r.Context(), u.ID)
	if err != nil {
		return p, err
	}
	for _, t := range ts {
		p.Tokens = append(p.Tokens, tokenRow{
			ID: t.ID, Name: t.Name, Created: formatTime(t.Created, "2006-01-02"),
			LastUsed: formatTime(t.LastUsed, "2006-01-02 15:04"), Revoked: formatTime(t.Revoked, "2006-01-02 15:04"),
		})
	}
	return p, nil
}

// handleCreateToken makes an API token and shows it once.
func (s *Server) handleCreateToken(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	secret, t, err := s.edit.Accounts.CreateToken(r.Context(), u, r.PostForm.Get("name"))
	if err != nil && graph.ErrorCode(err) != graph.EINVALID {
		return err
	}
	p, perr := s.accountPage(r, u)
	if perr != nil {
		return perr
	}
	if err != nil {
		fe := &fieldErrors{}
		fe.addErr(err, "name")
		p.Errors = fe.byField()
		return s.render(w, r, http.StatusBadRequest, "account", p)
	}
	s.log.InfoContext(r.Context(), "API token created", "user", u, "token", t.ID, "request_id", requestID(r.Context()))
	p.NewToken, p.NewTokenName = secret, t.Name
	return s.render(w, r, http.StatusCreated, "account", p)
}

// handleRevokeToken revokes one of the user's tokens.
func (s *Server) handleRevokeToken(w http.ResponseWriter, r *http.Request) error {
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	if err := s.edit.Accounts.RevokeToken(r.Context(), u, id); err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "API token revoked", "user", u, "token", id, "request_id", requestID(r.Context()))
	http.Redirect(w, r, "/account?revoked=1", http.StatusSeeOther)
	return nil
}

// formatTime formats t in UTC with layout; a zero time gives "".
func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}
