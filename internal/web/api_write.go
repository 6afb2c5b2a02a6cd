package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// registerWriteAPIRoutes registers the write API of services, for NGOs that
// keep their profiles from their own systems. Every write needs a personal
// API token; an update or delete needs If-Match with the version (the ETag)
// it was made on.
func (s *Server) registerWriteAPIRoutes(r *mux.Router) {
	r.Handle("/api/v1/services", s.handle(s.handleCreateAPI)).Methods(http.MethodPost)
	r.Handle("/api/v1/services/{id}", s.handle(s.handleReplaceAPI)).Methods(http.MethodPut)
	r.Handle("/api/v1/services/{id}", s.handle(s.handlePatchAPI)).Methods(http.MethodPatch)
	r.Handle("/api/v1/services/{id}", s.handle(s.handleDeleteAPI)).Methods(http.MethodDelete)
}

// handleCreateAPI creates a service: 201 with its Location and ETag.
func (s *Server) handleCreateAPI(w http.ResponseWriter, r *http.Request) error {
	u, t, err := s.apiUser(r)
	if err != nil {
		return err
	}
	body, err := readBody(w, r, "application/json")
	if err != nil {
		return err
	}
	in, err := decodeInput(body)
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	org := ""
	if in.Organisation != nil {
		org = in.Organisation.ID
	}
	if org == "" && u.Role == auth.RoleEditor {
		org = u.OrgID
	}
	if !auth.Can(u, auth.ActionCreate, org) {
		return forbidden(auth.ActionCreate)
	}
	id := in.ID
	if id == "" {
		if id = slugID(in.Name); id != "" {
			id = freeID(l, id)
		}
	} else if _, taken := l.Node(id); taken {
		return &graph.Error{Code: graph.ECONFLICT, Node: "Service " + id, Field: "id", Message: "the id is taken"}
	}
	fe := &fieldErrors{}
	e := in.edit(id, 0, fe)
	e.Org = org
	if err := fe.err(); err != nil {
		return err
	}
	v, err := s.saveEdit(r.Context(), e, true, t.Actor(), "create (API)")
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/services/"+id)
	return s.writtenServiceAPI(w, r, http.StatusCreated, u, id, v)
}

// handleReplaceAPI replaces a service's profile with the body.
func (s *Server) handleReplaceAPI(w http.ResponseWriter, r *http.Request) error {
	return s.updateAPI(w, r, "application/json", "edit (API)", func(base []byte, body []byte) ([]byte, error) {
		return body, nil
	})
}

// handlePatchAPI changes the members of a service's profile that the body
// names (an RFC 7386 JSON merge patch: null removes a member, a list is
// replaced whole).
func (s *Server) handlePatchAPI(w http.ResponseWriter, r *http.Request) error {
	return s.updateAPI(w, r, "application/merge-patch+json", "patch (API)", func(base []byte, body []byte) ([]byte, error) {
		var target, patch any
		if err := json.Unmarshal(base, &target); err != nil {
			return nil, fmt.Errorf("patch: decode the current service: %w", err)
		}
		if err := json.Unmarshal(body, &patch); err != nil {
			return nil, graph.Errorf(graph.EINVALID, "the body is not JSON: %v", err)
		}
		if _, ok := patch.(map[string]any); !ok {
			return nil, graph.Errorf(graph.EINVALID, "a merge patch of a service is a JSON object")
		}
		return json.Marshal(mergePatch(target, patch))
	})
}

// updateAPI runs an update of service {id}: the token, the permission, the
// If-Match version, then the body, which merge turns into the new profile
// from the current one (as the write API takes it).
func (s *Server) updateAPI(w http.ResponseWriter, r *http.Request, mediaType, reason string, merge func(base, body []byte) ([]byte, error)) error {
	u, t, err := s.apiUser(r)
	if err != nil {
		return err
	}
	l, svc, err := s.writableService(w, r, u, auth.ActionEdit)
	if err != nil {
		return err
	}
	org := orgOf(l, svc.ID)
	body, err := readBody(w, r, mediaType, "application/json")
	if err != nil {
		return err
	}
	base, err := json.Marshal(inputOf(l, svc))
	if err != nil {
		return fmt.Errorf("encode service %s: %w", svc.ID, err)
	}
	if body, err = merge(base, body); err != nil {
		return err
	}
	in, err := decodeInput(body)
	if err != nil {
		return err
	}
	if in.ID != "" && in.ID != svc.ID {
		return graph.FieldError("Service "+svc.ID, "id", "the id of a service cannot change (the body says %q)", in.ID)
	}
	fe := &fieldErrors{}
	e := in.edit(svc.ID, svc.Version, fe)
	e.Org = org
	if in.Organisation != nil && in.Organisation.ID != "" {
		e.Org = in.Organisation.ID
	}
	if e.Org != org && !auth.Can(u, auth.ActionCreate, e.Org) {
		return auth.Forbidden("your account may not move a service to another organisation")
	}
	if err := fe.err(); err != nil {
		return err
	}
	if e.Verified {
		reason += "; verified today"
	}
	v, err := s.saveEdit(r.Context(), e, false, t.Actor(), reason)
	if err != nil {
		return s.apiStale(w, err, svc.ID, svc.Version)
	}
	return s.writtenServiceAPI(w, r, http.StatusOK, u, svc.ID, v)
}

// handleDeleteAPI deletes a service and every edge that starts or ends at
// it: 204.
func (s *Server) handleDeleteAPI(w http.ResponseWriter, r *http.Request) error {
	u, t, err := s.apiUser(r)
	if err != nil {
		return err
	}
	_, svc, err := s.writableService(w, r, u, auth.ActionDelete)
	if err != nil {
		return err
	}
	c := (&graph.Change{Actor: t.Actor(), Reason: "delete (API)"}).Delete(svc.ID, svc.Version, true)
	if _, err := s.edit.Live.Apply(r.Context(), c); err != nil {
		return s.apiStale(w, err, svc.ID, svc.Version)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// writableService returns service {id} if u may do a to it and If-Match
// names its current version: 404, 403, 428 or 412 otherwise, in that
// order, before the body is read.
func (s *Server) writableService(w http.ResponseWriter, r *http.Request, u *auth.User, a auth.Action) (*graph.Landscape, *graph.Service, error) {
	l, err := s.landscape()
	if err != nil {
		return nil, nil, err
	}
	id := mux.Vars(r)["id"]
	if _, err := graph.Lookup[*graph.Service](l, id); err != nil {
		return nil, nil, err
	}
	if !auth.Can(u, a, orgOf(l, id)) {
		return nil, nil, forbidden(a)
	}
	base, err := ifMatch(r)
	if err != nil {
		return nil, nil, err
	}
	svc, l, err := s.currentService(r.Context(), l, id, base)
	if isStale(err) {
		return nil, nil, s.apiStale(w, err, id, base)
	}
	return l, svc, err
}

// ifMatch returns the version If-Match names: "3" (with the quotes, as the
// ETag gives it). 428 if there is none or it is "*": a write must name the
// version it was made on.
func ifMatch(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, &graph.Error{Code: codePreconditionRequired,
			Message: `send If-Match with the ETag of the version you changed (GET the service for it), e.g. If-Match: "3"`}
	}
	v, err := strconv.ParseInt(strings.Trim(h, `"`), 10, 64)
	if err != nil || !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) || v < 1 {
		return 0, &graph.Error{Code: codePreconditionFailed, Message: fmt.Sprintf("If-Match %s names no version of this service", h)}
	}
	return v, nil
}

// preconditionFailed is the 412 of a write made on version got of service
// id, which is at version now.
func preconditionFailed(id string, got, now int64) error {
	return &graph.Error{Code: codePreconditionFailed, Field: "version", Message: fmt.Sprintf(
		"service %s is at version %d, not %d: someone changed it meanwhile; GET it again, apply your change and retry with its ETag", id, now, got)}
}

// apiStale turns a stale write into 412 with the current ETag; other errors
// pass.
func (s *Server) apiStale(w http.ResponseWriter, err error, id string, got int64) error {
	if !isStale(err) {
		return err
	}
	now := int64(0)
	if l, lerr := s.landscape(); lerr == nil {
		if svc, lerr := graph.Lookup[*graph.Service](l, id); lerr == nil {
			now = svc.Version
			w.Header().Set("ETag", etag(now))
		}
	}
	return preconditionFailed(id, got, now)
}

// etag returns the ETag of a service version.
func etag(v int64) string { return `"` + strconv.FormatInt(v, 10) + `"` }
