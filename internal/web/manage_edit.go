package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// editable returns the current landscape, service {id} and the signed-in
// user, if the user may edit the service: ENOTFOUND for an unknown service,
// EUNAUTHORIZED or EFORBIDDEN otherwise.
func (s *Server) editable(r *http.Request) (*graph.Landscape, *graph.Service, *auth.User, error) {
	l, err := s.landscape()
	if err != nil {
		return nil, nil, nil, err
	}
	svc, err := graph.Lookup[*graph.Service](l, mux.Vars(r)["id"])
	if err != nil {
		return nil, nil, nil, err
	}
	u, err := s.require(r, auth.ActionEdit, orgOf(l, svc.ID))
	if err != nil {
		return nil, nil, nil, err
	}
	return l, svc, u, nil
}

// handleEditForm serves the form of service {id} to those who may edit it.
func (s *Server) handleEditForm(w http.ResponseWriter, r *http.Request) error {
	l, svc, u, err := s.editable(r)
	if err != nil {
		return err
	}
	p := s.newEditPage(r, l, u, formOf(editOf(l, svc)), false, nil)
	p.Saved, _ = strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64)
	return s.render(w, r, http.StatusOK, "edit", p)
}

// handleEditSave saves the posted form of service {id}. A refused save
// writes nothing and shows the form again with what the user typed: with
// the message of each field at fault, or, when someone else saved first,
// with what they changed.
func (s *Server) handleEditSave(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	l, svc, u, err := s.editable(r)
	if err != nil {
		return err
	}
	fe := formErrors(langOf(r.Context()))
	f := parseServiceForm(r, l, svc.ID, fe)
	e := f.Edit
	switch {
	case u.Role == auth.RoleEditor:
		e.Org = u.OrgID // an editor's services stay with the editor's organisation
	case e.Org == "":
		e.Org = orgOf(l, svc.ID)
	}
	e.check(l, fe) // every problem at once, those of parsing included
	if !fe.empty() {
		return s.render(w, r, http.StatusBadRequest, "edit", s.newEditPage(r, l, u, f, false, fe))
	}
	reason := "edit"
	if e.Verified {
		reason = "edit; verified today"
	}
	base := e.Node.Version
	_, err = s.saveEdit(r.Context(), e, false, u.Actor(), reason)
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/manage/services/%s/edit?saved=%d", svc.ID, base+1), http.StatusSeeOther)
		return nil
	case isFieldErrors(err):
		l, _ = s.landscape()
		return s.render(w, r, http.StatusBadRequest, "edit", s.newEditPage(r, l, u, f, false, err.(*fieldErrors)))
	case isStale(err):
		return s.renderConflict(w, r, u, f, base)
	}
	return err
}

// renderConflict shows the form as the user typed it, refused because
// someone else saved first: with what they changed since version base, and
// the current version in the form, so that saving again (after reading
// their changes) replaces them on purpose.
func (s *Server) renderConflict(w http.ResponseWriter, r *http.Request, u *auth.User, f *serviceForm, base int64) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	id := f.Edit.Node.ID
	cur, err := graph.Lookup[*graph.Service](l, id)
	if err != nil {
		return err // deleted meanwhile
	}
	revs, err := s.edit.History.History(r.Context(), id)
	if err != nil {
		return err
	}
	var since []graph.Revision
	// Only the service as it stands: an earlier record of its id is
	// another service's.
	for _, rev := range graph.RecordRevisions(revs, graph.Records(revs)) {
		if rev.Version > base || rev.Version == 0 {
			since = append(since, rev)
		}
	}
	f.Edit.Node.Version = cur.Version
	p := s.newEditPage(r, l, u, f, false, nil)
	p.Conflict = s.revisionViews(r.Context(), l, since, langOf(r.Context()), addressShown(u, orgOf(l, id)))
	return s.render(w, r, http.StatusConflict, "edit", p)
}

// handleNewForm serves an empty form for a new service.
func (s *Server) handleNewForm(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	if !canCreateSome(u) {
		return forbidden(auth.ActionCreate)
	}
	e := newEdit("")
	if u.Role == auth.RoleEditor {
		e.Org = u.OrgID
	}
	return s.render(w, r, http.StatusOK, "edit", s.newEditPage(r, l, u, formOf(e), true, nil))
}

// handleNewSave creates the service of the posted form.
func (s *Server) handleNewSave(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	u, err := s.requireUser(r)
	if err != nil {
		return err
	}
	fe := formErrors(langOf(r.Context()))
	f := parseServiceForm(r, l, "", fe)
	e := f.Edit
	if u.Role == auth.RoleEditor && e.Org == "" {
		e.Org = u.OrgID
	}
	if !auth.Can(u, auth.ActionCreate, e.Org) {
		return forbidden(auth.ActionCreate)
	}
	switch {
	case f.IDTyped != "":
		e.Node.ID = f.IDTyped
	case slugID(e.Node.Name) != "":
		e.Node.ID = freeID(l, slugID(e.Node.Name))
	default:
		fe.add("name", "is required")
	}
	e.Node.Version = 0
	if e.Node.ID != "" {
		e.check(l, fe)
	}
	if !fe.empty() {
		return s.render(w, r, http.StatusBadRequest, "edit", s.newEditPage(r, l, u, f, true, fe))
	}
	reason := "create"
	if e.Verified {
		reason = "create; verified today"
	}
	_, err = s.saveEdit(r.Context(), e, true, u.Actor(), reason)
	switch {
	case err == nil:
		http.Redirect(w, r, fmt.Sprintf("/manage/services/%s/edit?saved=1", e.Node.ID), http.StatusSeeOther)
		return nil
	case isFieldErrors(err):
		return s.render(w, r, http.StatusBadRequest, "edit", s.newEditPage(r, l, u, f, true, err.(*fieldErrors)))
	}
	return err
}

// handleVerify marks service {id} as verified today, at the posted version.
func (s *Server) handleVerify(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	l, svc, u, err := s.editable(r)
	if err != nil {
		return err
	}
	base, err := strconv.ParseInt(r.PostForm.Get("version"), 10, 64)
	if err != nil {
		return graph.FieldError("form", "version", "is missing")
	}
	e := editOf(l, svc)
	e.Node.Version, e.Verified = base, true
	if _, err := s.saveEdit(r.Context(), e, false, u.Actor(), "verified today"); err != nil {
		return err
	}
	http.Redirect(w, r, "/manage?verified="+urlQueryEscape(svc.ID), http.StatusSeeOther)
	return nil
}

// canCreateSome reports whether u may add a service to some organisation.
func canCreateSome(u *auth.User) bool {
	return auth.Can(u, auth.ActionCreate, u.OrgID) || auth.Can(u, auth.ActionCreate, "")
}

// parsePostForm parses a form post of at most maxFormBytes.
func parsePostForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return &graph.Error{Code: codeTooLarge, Message: fmt.Sprintf("the form is larger than %d bytes", maxFormBytes)}
		}
		return graph.Errorf(graph.EINVALID, "the form could not be read: %v", err)
	}
	return nil
}

func isFieldErrors(err error) bool {
	_, ok := err.(*fieldErrors)
	return ok
}
