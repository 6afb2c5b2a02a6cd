package web

import (
	"fmt"
	"net/http"
	"strconv"
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
	Expires  string
	Expired  bool
}

// lifetimeChoice is one lifetime a new token may have.
type lifetimeChoice struct {
	Days     int
	Selected bool
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
	Lifetimes    []lifetimeChoice
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
	switch q := r.URL.Query(); {
	case q.Has("revoked"):
		p.Notice = translate(p.Lang, "account.revoked")
	case q.Get("password") == "changed":
		p.Notice = translate(p.Lang, "account.password_changed")
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
	now := s.edit.Accounts.Now()
	for _, t := range ts {
		p.Tokens = append(p.Tokens, tokenRow{
			ID: t.ID, Name: t.Name, Created: formatTime(t.Created, "2006-01-02"),
			LastUsed: formatTime(t.LastUsed, "2006-01-02 15:04"), Revoked: formatTime(t.Revoked, "2006-01-02 15:04"),
			Expires: formatTime(t.Expires, "2006-01-02"), Expired: t.Expired(now),
		})
	}
	for _, d := range auth.TokenLifetimes {
		p.Lifetimes = append(p.Lifetimes, lifetimeChoice{Days: int(d.Hours() / 24), Selected: d == auth.DefaultTokenLifetime})
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
	var lifetime time.Duration
	if raw := r.PostForm.Get("lifetime"); raw != "" {
		days, err := strconv.Atoi(raw)
		if err != nil {
			days = -1 // refused below, naming the field
		}
		lifetime = time.Duration(days) * 24 * time.Hour
	}
	secret, t, err := s.edit.Accounts.CreateToken(r.Context(), u, r.PostForm.Get("name"), lifetime)
	if err != nil && auth.ErrorCode(err) != auth.EINVALID {
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
		if msg, ok := p.Errors["expires"]; ok {
			delete(p.Errors, "expires")
			p.Errors["lifetime"] = msg
		}
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

// handleChangePassword changes the signed-in user's own password, given
// the current one. The change ends every session of the user; this browser
// gets a new one, so the user stays signed in here and only here.
func (s *Server) handleChangePassword(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	lang := langOf(r.Context())
	current, next := r.PostForm.Get("current_password"), r.PostForm.Get("new_password")
	fe := &fieldErrors{}
	status := http.StatusBadRequest
	if next != r.PostForm.Get("confirm_password") {
		fe.add("confirm_password", "%s", translate(lang, "account.password_mismatch"))
	} else {
		err := s.edit.Accounts.ChangePassword(r.Context(), u, current, next, s.clientAddr(r))
		wait, limited := auth.IsLimited(err)
		ge, _ := auth.AsError(err)
		switch {
		case err == nil:
			secret, _, err := s.edit.Accounts.Login(r.Context(), u.Email, next, s.clientAddr(r))
			if err != nil {
				return fmt.Errorf("sign in again after a password change: %w", err)
			}
			s.setSessionCookie(w, secret, s.edit.Accounts.Config().SessionTTL)
			s.log.InfoContext(r.Context(), "password changed", "user", u, "request_id", requestID(r.Context()))
			http.Redirect(w, r, "/account?password=changed", http.StatusSeeOther)
			return nil
		case limited:
			status = http.StatusTooManyRequests
			w.Header().Set("Retry-After", retryAfter(wait))
			fe.add("current_password", "%s", limitedMessage(lang, wait))
			s.log.WarnContext(r.Context(), "password change refused: too many failures", "user", u,
				"remote", s.clientAddr(r), "request_id", requestID(r.Context()))
		case auth.ErrorCode(err) == auth.EBUSY:
			status = http.StatusServiceUnavailable
			busyWait, _ := auth.IsBusy(err)
			w.Header().Set("Retry-After", retryAfter(busyWait))
			fe.add("current_password", "%s", translate(lang, "login.busy"))
		case ge != nil && ge.Code == auth.EINVALID && ge.Field == "current_password":
			fe.add("current_password", "%s", translate(lang, "account.password_wrong"))
			s.log.WarnContext(r.Context(), "password change refused: wrong current password", "user", u,
				"remote", s.clientAddr(r), "request_id", requestID(r.Context()))
		case ge != nil && ge.Code == auth.EINVALID && current == next:
			fe.add("new_password", "%s", translate(lang, "account.password_same"))
		case ge != nil && ge.Code == auth.EINVALID:
			fe.add("new_password", "%s", translatef(lang, "account.password_policy", auth.MinPassword, auth.MaxPassword))
		default:
			return err
		}
	}
	p, err := s.accountPage(r, u)
	if err != nil {
		return err
	}
	p.Errors = fe.byField()
	return s.render(w, r, status, "account", p)
}

// formatTime formats t in UTC with layout; a zero time gives "".
func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

// passwordField is one password input of the account page's form.
type passwordField struct {
	Name, Autocomplete, Label, Error string
}

// Field returns the password input name, labelled with message key label,
// with its error if the last post had one.
func (p accountPage) Field(name, autocomplete, label string) passwordField {
	return passwordField{Name: name, Autocomplete: autocomplete, Label: p.T(label), Error: p.Errors[name]}
}
