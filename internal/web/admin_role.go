package web

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// handleSetRole gives user {id} the role and the organisation of the form
// in the user's row of /admin/users. The new role takes effect on the
// user's next request; a move to another organisation also signs the user
// out everywhere and revokes their API tokens (auth.Manager.SetRole). The
// last enabled administrator keeps the role. A refused change shows the
// page again with the messages beside the row's fields.
func (s *Server) handleSetRole(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	admin, err := s.require(r, auth.ActionManageUsers, "")
	if err != nil {
		return err
	}
	before, err := s.edit.Accounts.User(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	get := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	fe := &fieldErrors{}
	status := http.StatusBadRequest
	role, err := auth.ParseRole(get("role"))
	if err != nil {
		fe.add("role", "%s", translate(lang, "admin.role_unknown"))
	}
	org, orgKnown := get("org"), true
	if org != "" {
		if _, err := graph.Lookup[*graph.Organisation](l, org); err != nil {
			orgKnown = false
			fe.add("org", "%s", translate(lang, "admin.org_unknown"))
		}
	}
	var u *auth.User
	if fe.empty() {
		u, err = s.edit.Accounts.SetRole(r.Context(), before.ID, role, org)
		ge, _ := auth.AsError(err)
		switch {
		case err == nil:
		case auth.IsLastAdmin(err):
			status = http.StatusConflict
			fe.add("role", "%s", translate(lang, "admin.last_admin"))
		case ge != nil && ge.Code == auth.EINVALID && ge.Field == "org":
			fe.add("org", "%s", translate(lang, "admin.org_required"))
		case ge != nil && ge.Code == auth.EINVALID:
			fe.add("role", "%s", translate(lang, "admin.role_unknown"))
		default:
			return err
		}
	}
	if !fe.empty() {
		s.log.InfoContext(r.Context(), "user role change refused", "user", before, "role", get("role"), "org", org,
			"reason", fe.Error(), "by", admin, "request_id", requestID(r.Context()))
		p, err := s.adminPage(r, admin)
		if err != nil {
			return err
		}
		for i := range p.Users {
			row := &p.Users[i]
			if row.ID != before.ID {
				continue
			}
			// The form keeps what was chosen, unless it is no choice of
			// the form: an unknown role must not leave the first role,
			// admin, selected.
			if role != "" {
				row.FormRole = string(role)
			}
			if orgKnown {
				row.FormOrg = org
			}
			row.Errors = fe.byField()
		}
		return s.render(w, r, status, "admin_users", p)
	}
	moved := u.OrgID != before.OrgID
	s.log.InfoContext(r.Context(), "user role changed", "user", u, "from_role", before.Role,
		"org", u.OrgID, "from_org", before.OrgID, "moved", moved, "by", admin, "request_id", requestID(r.Context()))
	next := "/admin/users?done=role"
	switch {
	case u.ID == admin.ID && u.Role != auth.RoleAdmin:
		next = "/account" // no longer an administrator: the admin page would be refused
	case moved:
		next = "/admin/users?done=moved"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}
