package web

import (
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// userRow is one user on the admin page.
type userRow struct {
	ID       string
	Email    string
	Name     string
	Org      string
	Role     auth.Role
	Disabled bool
	Created  string
	Self     bool
	// FormRole and FormOrg are selected in the row's form that changes the
	// role and the organisation: the user's own, or what was chosen in a
	// refused post, whose messages Errors holds by field (role, org).
	FormRole string
	FormOrg  string
	Errors   map[string]string
}

// adminPage is the data of /admin/users.
type adminPage struct {
	page
	Users []userRow
	Orgs  []choice
	Roles []choice
	Kinds []choice
	// NewPassword is a password just set, shown this once, for NewFor.
	NewPassword string
	NewFor      string
	Notice      string
	Errors      map[string]string
	// Form holds what was typed into a refused form.
	Form map[string]string
}

// adminPage builds the admin page for admin u.
func (s *Server) adminPage(r *http.Request, u *auth.User) (adminPage, error) {
	lang := langOf(r.Context())
	p := adminPage{page: s.newPage(r, translate(lang, "admin.title")), Form: map[string]string{}}
	l, err := s.landscape()
	if err != nil {
		return p, err
	}
	users, err := s.edit.Accounts.Users(r.Context())
	if err != nil {
		return p, err
	}
	for _, x := range users {
		row := userRow{ID: x.ID, Email: x.Email, Name: x.Name, Role: x.Role, Disabled: x.Disabled,
			Created: formatTime(x.Created, "2006-01-02"), Self: x.ID == u.ID, Org: x.OrgID,
			FormRole: string(x.Role), FormOrg: x.OrgID}
		if o, err := graph.Lookup[*graph.Organisation](l, x.OrgID); err == nil {
			row.Org = o.Label(lang)
		}
		p.Users = append(p.Users, row)
	}
	for _, o := range graph.All[*graph.Organisation](l) {
		p.Orgs = append(p.Orgs, choice{Value: o.ID, Label: o.Label(lang)})
	}
	sortChoices(p.Orgs)
	for _, role := range auth.Roles {
		p.Roles = append(p.Roles, choice{Value: string(role), Label: translate(lang, "role."+string(role))})
	}
	for _, k := range graph.OrgKinds {
		p.Kinds = append(p.Kinds, choice{Value: string(k), Label: translateEnum(lang, "orgkind", string(k))})
	}
	return p, nil
}

// handleAdminUsers lists the users, with the forms to add users and
// organisations.
func (s *Server) handleAdminUsers(w http.ResponseWriter, r *http.Request) error {
	u, err := s.require(r, auth.ActionManageUsers, "")
	if err != nil {
		return err
	}
	p, err := s.adminPage(r, u)
	if err != nil {
		return err
	}
	p.Notice = translate(p.Lang, noticeKeys[r.URL.Query().Get("done")])
	return s.render(w, r, http.StatusOK, "admin_users", p)
}

// noticeKeys are the notices of the admin page after a redirect.
var noticeKeys = map[string]string{
	"":         "",
	"disabled": "admin.disabled",
	"enabled":  "admin.enabled",
	"org":      "admin.org_created",
	"role":     "admin.role_changed",
	"moved":    "admin.moved",
}

// handleCreateUser creates a user with a random password, shown once.
func (s *Server) handleCreateUser(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	admin, err := s.require(r, auth.ActionManageUsers, "")
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	get := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	fe := &fieldErrors{}
	role, err := auth.ParseRole(get("role"))
	if err != nil {
		fe.addErr(err, "role")
	}
	org := get("org")
	if org != "" {
		if _, err := graph.Lookup[*graph.Organisation](l, org); err != nil {
			fe.add("org", "no organisation with id %q", org)
		}
	}
	password := auth.GeneratePassword()
	var created *auth.User
	if fe.empty() {
		created, err = s.edit.Accounts.CreateUser(r.Context(), auth.NewUser{
			Email: get("email"), Name: get("name"), OrgID: org, Role: role, Password: password,
		})
		switch auth.ErrorCode(err) {
		case "":
		case auth.EINVALID, auth.ECONFLICT:
			fe.addErr(err, "email")
		default:
			return err
		}
	}
	p, perr := s.adminPage(r, admin)
	if perr != nil {
		return perr
	}
	if !fe.empty() {
		p.Errors = fe.byField()
		for _, k := range []string{"email", "name", "org", "role"} {
			p.Form[k] = get(k)
		}
		return s.render(w, r, http.StatusBadRequest, "admin_users", p)
	}
	s.log.InfoContext(r.Context(), "user created", "user", created, "by", admin, "request_id", requestID(r.Context()))
	p.NewPassword, p.NewFor = password, created.Email
	return s.render(w, r, http.StatusCreated, "admin_users", p)
}

// handleSetDisabled disables or enables user {id}; disabling ends the
// user's sessions. An administrator cannot disable themself.
func (s *Server) handleSetDisabled(disabled bool) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		admin, err := s.require(r, auth.ActionManageUsers, "")
		if err != nil {
			return err
		}
		id := mux.Vars(r)["id"]
		if id == admin.ID && disabled {
			return auth.Errorf(auth.ECONFLICT, "you cannot disable your own account")
		}
		u, err := s.edit.Accounts.SetDisabled(r.Context(), id, disabled)
		if err != nil {
			return err
		}
		s.log.InfoContext(r.Context(), "user disabled or enabled", "user", u, "disabled", disabled, "by", admin,
			"request_id", requestID(r.Context()))
		done := "enabled"
		if disabled {
			done = "disabled"
		}
		http.Redirect(w, r, "/admin/users?done="+done, http.StatusSeeOther)
		return nil
	}
}

// handleResetPassword gives user {id} a new random password, shown once,
// and ends the user's sessions.
func (s *Server) handleResetPassword(w http.ResponseWriter, r *http.Request) error {
	admin, err := s.require(r, auth.ActionManageUsers, "")
	if err != nil {
		return err
	}
	password := auth.GeneratePassword()
	u, err := s.edit.Accounts.SetPassword(r.Context(), mux.Vars(r)["id"], password)
	if err != nil {
		return err
	}
	s.log.InfoContext(r.Context(), "password reset", "user", u, "by", admin, "request_id", requestID(r.Context()))
	p, err := s.adminPage(r, admin)
	if err != nil {
		return err
	}
	p.NewPassword, p.NewFor = password, u.Email
	return s.render(w, r, http.StatusOK, "admin_users", p)
}

// handleCreateOrg adds an organisation to the landscape.
func (s *Server) handleCreateOrg(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	admin, err := s.require(r, auth.ActionManageUsers, "")
	if err != nil {
		return err
	}
	get := func(k string) string { return strings.TrimSpace(r.PostForm.Get(k)) }
	o := &graph.Organisation{Meta: graph.Meta{ID: get("org_id"), Name: get("org_name")}, Kind: graph.OrgKind(get("kind")), URL: get("org_url")}
	if o.ID == "" {
		o.ID = slugID(o.Name)
	}
	clean := formErrors(langOf(r.Context()))
	checkClean(clean, "org_name", o.Name, false)
	checkClean(clean, "org_url", o.URL, false)
	if err = clean.err(); err == nil {
		c := (&graph.Change{Actor: admin.Actor(), Reason: "create organisation"}).Create(o)
		_, err = s.edit.Live.Apply(r.Context(), c)
	}
	switch graph.ErrorCode(err) {
	case "":
		http.Redirect(w, r, "/admin/users?done=org", http.StatusSeeOther)
		return nil
	case graph.EINVALID, graph.ECONFLICT:
		p, perr := s.adminPage(r, admin)
		if perr != nil {
			return perr
		}
		fe := clean
		if fe.empty() {
			fe = &fieldErrors{}
			fe.addErr(err, "org_name")
		}
		p.Errors = map[string]string{}
		for k, v := range fe.byField() {
			p.Errors["org_"+strings.TrimPrefix(k, "org_")] = v
		}
		for _, k := range []string{"org_id", "org_name", "kind", "org_url"} {
			p.Form[k] = get(k)
		}
		return s.render(w, r, http.StatusBadRequest, "admin_users", p)
	}
	return err
}
