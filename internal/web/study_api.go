package web

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/evidence"
)

// registerStudyRoutes registers the write API of studies: coordinators and
// administrators add a study or review and its evidence-map tags, and
// change them, with the same personal API tokens, validation, versions
// and history as services. Studies belong to no organisation, so editors
// may not write them.
func (s *Server) registerStudyRoutes(r *mux.Router) {
	r.Handle("/api/v1/studies/{id}", s.handle(s.handleStudyAPI)).Methods(readMethods...)
	r.Handle("/api/v1/studies/{id}/history", s.handle(s.handleStudyHistoryAPI)).Methods(readMethods...)
	if s.edit == nil {
		return
	}
	r.Handle("/api/v1/studies", s.handle(s.handleCreateStudyAPI)).Methods(http.MethodPost)
	r.Handle("/api/v1/studies/{id}", s.handle(s.handleReplaceStudyAPI)).Methods(http.MethodPut)
}

// studyInput is a study as the API reads and writes it: the Source's
// fields and tags, and the needs it concerns with their confidence.
type studyInput struct {
	ID           string              `json:"id"`
	Version      int64               `json:"version,omitempty"`
	Name         string              `json:"name"`
	NameNB       string              `json:"name_nb,omitempty"`
	Kind         graph.SourceKind    `json:"kind"`
	Authors      string              `json:"authors,omitempty"`
	Title        string              `json:"title,omitempty"`
	URL          string              `json:"url,omitempty"`
	Year         int                 `json:"year,omitempty"`
	Note         string              `json:"note,omitempty"`
	Countries    []string            `json:"countries"`
	Designs      []graph.Design      `json:"designs"`
	Participants []graph.Participant `json:"participants"`
	Themes       []graph.Theme       `json:"themes"`
	AssumedTags  []string            `json:"assumed_tags"`
	Needs        []evidence.Tag      `json:"needs"`
}

// source returns the Source the input describes, at version v.
func (in *studyInput) source(v int64) *graph.Source {
	return &graph.Source{Meta: graph.Meta{ID: in.ID, Version: v, Name: in.Name, NameNB: in.NameNB, Year: in.Year, Note: in.Note},
		Kind: in.Kind, Authors: in.Authors, Title: in.Title, URL: in.URL,
		Countries: in.Countries, Designs: in.Designs, Participants: in.Participants, Themes: in.Themes, AssumedTags: in.AssumedTags}
}

// check validates the input against l: the Source's own fields, its kind
// (a study or a review) and every need. All problems at once, by field.
func (in *studyInput) check(l *graph.Landscape, src *graph.Source) error {
	fe := &fieldErrors{}
	if !src.IsStudy() {
		fe.add("kind", "want study or review, got %q", src.Kind)
	}
	if err := src.Validate(); err != nil {
		fe.addErr(err, "study")
	}
	seen := map[string]bool{}
	for i, n := range in.Needs {
		field := fmt.Sprintf("needs[%d]", i)
		switch node, ok := l.Node(n.ID); {
		case !ok:
			fe.add(field, "no need with id %q", n.ID)
		case node.Type() != graph.TypeNeed:
			fe.add(field, "%q is a %s, not a need", n.ID, node.Type())
		case seen[n.ID]:
			fe.add(field, "need %q given twice", n.ID)
		case n.Confidence != "" && n.Confidence != graph.Verified && n.Confidence != graph.Assumed:
			fe.add(field, "confidence %q: want verified or assumed", n.Confidence)
		}
		seen[n.ID] = true
	}
	return fe.err()
}

// change returns the change that makes study in as given, in l, where cur
// is the study as it stands (nil for a new one): the node and its STUDIES
// edges, the others deleted.
func (in *studyInput) change(l *graph.Landscape, src, cur *graph.Source, year int, actor, reason string) *graph.Change {
	c := &graph.Change{Actor: actor, Reason: reason}
	want := map[string]evidence.Tag{}
	for _, n := range in.Needs {
		want[n.ID] = n
	}
	if cur == nil {
		c.Create(src)
	} else {
		src.Confidence = cur.Confidence
		c.Update(src)
		for _, e := range l.Out(cur.ID, graph.EdgeStudies) {
			if _, keep := want[e.To]; !keep {
				c.DeleteEdge(e.Key())
			}
		}
	}
	for _, id := range slices.Sorted(maps.Keys(want)) {
		conf := want[id].Confidence
		if conf == graph.Verified {
			conf = ""
		}
		if cur != nil {
			if old, ok := l.Edge(graph.EdgeKey{Type: graph.EdgeStudies, From: cur.ID, To: id}); ok && old.Confidence == conf {
				continue
			}
		}
		c.PutEdge(graph.Edge{Type: graph.EdgeStudies, From: src.ID, To: id, Confidence: conf, Year: year})
	}
	return c
}

// studyWriter returns the user of a write to the studies, refused unless
// a coordinator or an administrator: studies belong to no organisation.
func (s *Server) studyWriter(r *http.Request) (*auth.User, *auth.Token, error) {
	u, t, err := s.apiUser(r)
	if err != nil {
		return nil, nil, err
	}
	if !auth.Can(u, auth.ActionCreate, "") {
		return nil, nil, auth.Errorf(auth.EFORBIDDEN, "only coordinators and administrators may add or change studies")
	}
	return u, t, nil
}

// readStudy decodes the body of a study write.
func readStudy(w http.ResponseWriter, r *http.Request) (*studyInput, error) {
	body, err := readBody(w, r, "application/json")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	var in studyInput
	if err := dec.Decode(&in); err != nil {
		return nil, graph.FieldError("request", "body", "not a study: %v", err)
	}
	return &in, nil
}

// handleCreateStudyAPI serves POST /api/v1/studies: 201 with Location and
// ETag.
func (s *Server) handleCreateStudyAPI(w http.ResponseWriter, r *http.Request) error {
	_, t, err := s.studyWriter(r)
	if err != nil {
		return err
	}
	in, err := readStudy(w, r)
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	if in.ID == "" {
		if in.ID = slugID(in.Name); in.ID != "" {
			in.ID = freeID(l, in.ID)
		}
	} else if _, taken := l.Node(in.ID); taken {
		return &graph.Error{Code: graph.ECONFLICT, Node: "Source " + in.ID, Field: "id", Message: "the id is taken"}
	}
	src := in.source(0)
	if err := in.check(l, src); err != nil {
		return err
	}
	if _, err := s.edit.Live.Apply(r.Context(), in.change(l, src, nil, s.now().Year(), t.Actor(), "add study (API)")); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/studies/"+in.ID)
	return s.writeStudyAPI(w, http.StatusCreated, in.ID)
}

// handleReplaceStudyAPI serves PUT /api/v1/studies/{id}: the body replaces
// the study, If-Match naming the version it was made on.
func (s *Server) handleReplaceStudyAPI(w http.ResponseWriter, r *http.Request) error {
	_, t, err := s.studyWriter(r)
	if err != nil {
		return err
	}
	id := mux.Vars(r)["id"]
	base, err := ifMatch(r)
	if err != nil {
		return err
	}
	in, err := readStudy(w, r)
	if err != nil {
		return err
	}
	if in.ID != "" && in.ID != id {
		return graph.FieldError("Source "+id, "id", "the body names %q: a study's id does not change", in.ID)
	}
	in.ID = id
	l, err := s.landscape()
	if err != nil {
		return err
	}
	cur, err := graph.Lookup[*graph.Source](l, id)
	if err != nil {
		return err
	}
	if !cur.IsStudy() {
		return graph.Errorf(graph.ENOTFOUND, "%s is a source of kind %s, not a study", id, cur.Kind)
	}
	if cur.Version != base {
		return &graph.Error{Code: graph.ECONFLICT, Node: "Source " + id, Field: "version",
			Message: fmt.Sprintf("you edited version %d, but the study is now at version %d: someone else changed it meanwhile", base, cur.Version)}
	}
	src := in.source(base)
	if err := in.check(l, src); err != nil {
		return err
	}
	if _, err := s.edit.Live.Apply(r.Context(), in.change(l, src, cur, s.now().Year(), t.Actor(), "edit study (API)")); err != nil {
		return err
	}
	return s.writeStudyAPI(w, http.StatusOK, id)
}

// handleStudyAPI serves GET /api/v1/studies/{id}: the study as the write
// API takes it, with its ETag.
func (s *Server) handleStudyAPI(w http.ResponseWriter, r *http.Request) error {
	return s.writeStudyAPI(w, http.StatusOK, mux.Vars(r)["id"])
}

func (s *Server) writeStudyAPI(w http.ResponseWriter, status int, id string) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	src, err := graph.Lookup[*graph.Source](l, id)
	if err != nil {
		return err
	}
	if !src.IsStudy() {
		return graph.Errorf(graph.ENOTFOUND, "%s is a source of kind %s, not a study", id, src.Kind)
	}
	out := studyInput{ID: src.ID, Version: src.Version, Name: src.Name, NameNB: src.NameNB, Kind: src.Kind, Authors: src.Authors,
		Title: src.Title, URL: src.URL, Year: src.Year, Note: src.Note, Countries: src.Countries, Designs: src.Designs,
		Participants: src.Participants, Themes: src.Themes, AssumedTags: src.AssumedTags, Needs: evidence.StudyOf(l, src).Needs}
	w.Header().Set("ETag", etag(src.Version))
	return writeJSON(w, status, "application/json", out)
}

// apiRevision is one revision of a study's history: who, when, why, and
// the study before and after.
type apiRevision struct {
	Version int64        `json:"version"`
	Time    string       `json:"time"`
	Actor   string       `json:"actor"`
	Reason  string       `json:"reason,omitempty"`
	Before  graph.Node   `json:"before"`
	After   graph.Node   `json:"after"`
	Edges   []graph.Edge `json:"edges_after"`
}

// handleStudyHistoryAPI serves GET /api/v1/studies/{id}/history to those
// who may read histories (coordinators, administrators, analysts).
func (s *Server) handleStudyHistoryAPI(w http.ResponseWriter, r *http.Request) error {
	if s.edit == nil {
		return graph.Errorf(graph.ENOTFOUND, "this server keeps no history")
	}
	u, _, err := s.apiUser(r)
	if err != nil {
		return err
	}
	if !auth.Can(u, auth.ActionReadHistory, "") {
		return auth.Errorf(auth.EFORBIDDEN, "only coordinators, administrators and analysts may read the history of studies")
	}
	revs, err := s.edit.History.History(r.Context(), mux.Vars(r)["id"])
	if err != nil {
		return err
	}
	out := []apiRevision{}
	for _, rev := range revs {
		out = append(out, apiRevision{Version: rev.Version, Time: rev.Time.UTC().Format("2006-01-02T15:04:05Z"), Actor: rev.Actor,
			Reason: rev.Reason, Before: rev.Before, After: rev.After, Edges: rev.EdgesAfter})
	}
	return writeJSON(w, http.StatusOK, "application/json", out)
}
