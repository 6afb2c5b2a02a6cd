package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/evidence"
)

// registerStudyForm registers the form that adds a study: the same checks,
// versions and history as the write API, for coordinators and
// administrators signed in (cross-origin posts are refused for every
// route by crossOrigin).
func (s *Server) registerStudyForm(r *mux.Router) {
	if s.edit == nil {
		return
	}
	r.Handle("/manage/studies/new", s.private(s.handleStudyForm)).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/manage/studies/new", s.private(s.handleStudySave)).Methods(http.MethodPost)
}

// studyPage is the data of the study form.
type studyPage struct {
	page
	Form   url.Values
	Errors map[string]string
	Kinds  []dashOption
	// Groups are the tag choices: designs, participants, themes, needs.
	Groups []studyGroup
}

// studyGroup is one group of tag boxes, with the box that marks them
// assumed.
type studyGroup struct {
	Key, Legend string
	Options     []dashOption
	Assumed     bool
}

// studyChoice returns the options of values, ticked as form[key] says.
func studyChoice[T ~string](form url.Values, key string, values []T, label func(T) string) []dashOption {
	out := make([]dashOption, len(values))
	for i, v := range values {
		out[i] = dashOption{Value: string(v), Label: label(v), Selected: slices.Contains(form[key], string(v))}
	}
	return out
}

func (s *Server) studyPageOf(r *http.Request, l *graph.Landscape, form url.Values, fe *fieldErrors) studyPage {
	lang := langOf(r.Context())
	p := studyPage{page: s.newPage(r, translate(lang, "study.new")), Form: form, Errors: fe.byField()}
	for _, k := range []graph.SourceKind{graph.SourceStudy, graph.SourceReview} {
		p.Kinds = append(p.Kinds, dashOption{Value: string(k), Label: translateEnum(lang, "kind", string(k)), Selected: form.Get("kind") == string(k)})
	}
	var needs []string
	for _, n := range l.Nodes(graph.TypeNeed) {
		needs = append(needs, n.Base().ID)
	}
	for _, g := range []struct {
		key  string
		opts []dashOption
	}{
		{"designs", studyChoice(form, "designs", graph.Designs, func(d graph.Design) string { return dashboards.DesignLabel(lang, d) })},
		{"participants", studyChoice(form, "participants", graph.Participants, func(x graph.Participant) string { return dashboards.ParticipantsLabel(lang, x) })},
		{"themes", studyChoice(form, "themes", graph.Themes, func(t graph.Theme) string { return dashboards.ThemeLabel(lang, t) })},
		{"needs", studyChoice(form, "needs", needs, func(id string) string {
			n, _ := l.Node(id)
			return n.Base().Label(lang)
		})},
	} {
		p.Groups = append(p.Groups, studyGroup{Key: g.key, Legend: translate(lang, "study."+g.key), Options: g.opts, Assumed: form.Get("assumed_"+g.key) != ""})
	}
	return p
}

// handleStudyForm serves the empty form.
func (s *Server) handleStudyForm(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.require(r, auth.ActionCreate, ""); err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	return s.render(w, r, http.StatusOK, "study_new", s.studyPageOf(r, l, url.Values{"kind": {"study"}}, nil))
}

// handleStudySave adds the posted study. A refused save writes nothing and
// shows the form again, as typed, with each field's problem.
func (s *Server) handleStudySave(w http.ResponseWriter, r *http.Request) error {
	if err := parsePostForm(w, r); err != nil {
		return err
	}
	u, err := s.require(r, auth.ActionCreate, "")
	if err != nil {
		return err
	}
	l, err := s.landscape()
	if err != nil {
		return err
	}
	form := r.PostForm
	fe := formErrors(langOf(r.Context()))
	in := studyOfForm(form, fe)
	if in.ID == "" {
		if in.ID = slugID(in.Name); in.ID != "" {
			in.ID = freeID(l, in.ID)
		}
	} else if _, taken := l.Node(in.ID); taken {
		fe.add("id", "%q is taken: choose another id", in.ID)
	}
	src := in.source(0)
	if err := in.check(l, src); err != nil {
		var more *fieldErrors
		if errors.As(err, &more) {
			for _, p := range more.problems() {
				fe.add(p.Field, "%s", p.Message)
			}
		}
	}
	if !fe.empty() {
		return s.render(w, r, http.StatusBadRequest, "study_new", s.studyPageOf(r, l, form, fe))
	}
	if _, err := s.edit.Live.Apply(r.Context(), in.change(l, src, nil, s.now().Year(), u.Actor(), "add study")); err != nil {
		return err
	}
	cell := url.Values{}
	if slices.Contains(in.Countries, "no") {
		cell.Set("country", evidence.CountryNorway)
	}
	if len(in.Themes) > 0 && len(in.Participants) > 0 {
		cell.Set("cell", string(in.Themes[0])+"."+string(in.Participants[0]))
	}
	http.Redirect(w, r, "/dashboards/evidence?"+cell.Encode()+"#cell", http.StatusSeeOther)
	return nil
}

// studyOfForm reads the form: the source's fields, the ticked tags, the
// countries as codes separated by commas or spaces, and for each tag field
// a box that marks its tags assumed.
func studyOfForm(form url.Values, fe *fieldErrors) *studyInput {
	in := &studyInput{
		ID: strings.TrimSpace(form.Get("id")), Name: strings.TrimSpace(form.Get("name")), Kind: graph.SourceKind(form.Get("kind")),
		Authors: strings.TrimSpace(form.Get("authors")), Title: strings.TrimSpace(form.Get("title")), URL: strings.TrimSpace(form.Get("url")),
		Note: strings.TrimSpace(form.Get("note")),
	}
	if y := strings.TrimSpace(form.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			fe.add("year", "%q is not a year", y)
		}
		in.Year = n
	}
	in.Countries = strings.FieldsFunc(strings.ToLower(form.Get("countries")), func(r rune) bool { return r == ',' || r == ' ' })
	for _, d := range form["designs"] {
		in.Designs = append(in.Designs, graph.Design(d))
	}
	for _, p := range form["participants"] {
		in.Participants = append(in.Participants, graph.Participant(p))
	}
	for _, t := range form["themes"] {
		in.Themes = append(in.Themes, graph.Theme(t))
	}
	count := map[string]int{graph.TagCountries: len(in.Countries), graph.TagDesigns: len(in.Designs),
		graph.TagParticipants: len(in.Participants), graph.TagThemes: len(in.Themes)}
	for _, f := range graph.TagFields {
		if form.Get("assumed_"+f) != "" && count[f] > 0 { // a box ticked over no tag marks nothing
			in.AssumedTags = append(in.AssumedTags, f)
		}
	}
	conf := graph.Verified
	if form.Get("assumed_needs") != "" {
		conf = graph.Assumed
	}
	for _, n := range form["needs"] {
		in.Needs = append(in.Needs, evidence.Tag{ID: n, Confidence: conf})
	}
	return in
}
