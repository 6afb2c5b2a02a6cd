package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// pathwayPage is the data of the page of one person's path.
type pathwayPage struct {
	page
	P      *pathway
	Person string // the person in words
	Form   pathForm
	// APIURL is the JSON twin of the page.
	APIURL string
}

// pathForm holds the choices of the form at the top of the page.
type pathForm struct {
	Groups, Genders, Ages, Statuses, Exploitation, Regions, Categories []pathOption
}

// pathOption is one choice of a form's list.
type pathOption struct {
	Value, Label string
	Selected     bool
}

// handlePathwayPage serves GET /pathway: the form to choose a person, and
// their path.
func (s *Server) handlePathwayPage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	pw, err := s.pathwayOf(r.Context(), r, l, lang)
	if err != nil {
		return err
	}
	person := personWords(l, pw.Person, lang)
	title := translate(lang, "pathway.title")
	if person != "" {
		title += ": " + person
	}
	data := pathwayPage{page: s.newPage(r, title), P: pw, Person: person, Form: pathFormOf(l, pw.Person, lang)}
	for _, c := range graph.NeedCategories {
		data.Form.Categories = append(data.Form.Categories, pathOption{Value: string(c), Label: translate(lang, "pathway.category."+string(c)), Selected: c == pw.Category})
	}
	api := url.URL{Path: "/api/v1/pathway", RawQuery: r.URL.RawQuery}
	data.APIURL = api.String()
	return s.render(w, r, http.StatusOK, "pathway", data)
}

// handlePathwayAPI serves GET /api/v1/pathway: the same path as JSON. A
// person not wholly chosen is an EINVALID error naming what is missing.
func (s *Server) handlePathwayAPI(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	pw, err := s.pathwayOf(r.Context(), r, l, langOf(r.Context()))
	if err != nil {
		return err
	}
	if !pw.Complete {
		return graph.FieldError("query", pw.Missing[0], "choose a value (or a group that has one); missing: %s", strings.Join(pw.Missing, ", "))
	}
	return writeJSON(w, http.StatusOK, "application/json", pw)
}

// personWords says the person in words: "women · adults (25 and over) ·
// Undocumented · Sexual exploitation · Oslo".
func personWords(l *graph.Landscape, p pathPerson, lang string) string {
	var parts []string
	if p.GroupName != "" {
		parts = append(parts, p.GroupName)
	}
	if p.Gender != "" {
		parts = append(parts, translateEnum(lang, "people", string(p.Gender)))
	}
	if p.AgeBand != "" {
		parts = append(parts, translateEnum(lang, "age", string(p.AgeBand)))
	}
	for _, id := range []string{p.Status, p.Exploitation, p.Region} {
		if id != "" {
			parts = append(parts, nodeLabel(l, id, lang))
		}
	}
	return strings.Join(parts, " · ")
}

// pathFormOf lists the form's choices, with the person's selected.
func pathFormOf(l *graph.Landscape, p pathPerson, lang string) pathForm {
	var f pathForm
	nodes := func(nt graph.NodeType, selected string, keep func(graph.Node) bool) []pathOption {
		var out []pathOption
		for _, n := range l.Nodes(nt) {
			if keep != nil && !keep(n) {
				continue
			}
			id := n.Base().ID
			out = append(out, pathOption{Value: id, Label: n.Base().Label(lang), Selected: id == selected})
		}
		slices.SortFunc(out, func(a, b pathOption) int { return cmp.Compare(a.Label, b.Label) })
		return out
	}
	f.Groups = nodes(graph.TypeGroup, p.Group, nil)
	f.Statuses = nodes(graph.TypeStatus, p.Status, func(n graph.Node) bool {
		st, ok := n.(*graph.Status)
		return ok && !st.Terminal
	})
	f.Exploitation = nodes(graph.TypeExploitation, p.Exploitation, nil)
	f.Regions = nodes(graph.TypeRegion, p.Region, nil)
	for _, g := range graph.Genders {
		f.Genders = append(f.Genders, pathOption{Value: string(g), Label: translateEnum(lang, "people", string(g)), Selected: g == p.Gender})
	}
	for _, a := range graph.AgeBands {
		f.Ages = append(f.Ages, pathOption{Value: string(a), Label: translateEnum(lang, "age", string(a)), Selected: a == p.AgeBand})
	}
	return f
}

// MissingWords names the missing values of the person in words.
func (p pathwayPage) MissingWords(keys []string) string {
	ws := make([]string, len(keys))
	for i, k := range keys {
		ws[i] = strings.ToLower(p.T("pathway." + k))
	}
	return strings.Join(ws, ", ")
}

// Join joins words with "; ".
func (p pathwayPage) Join(ws []string) string { return strings.Join(ws, "; ") }

// PersonStatus is the name of the person's residency status.
func (p pathwayPage) PersonStatus() string {
	for _, o := range p.Form.Statuses {
		if o.Selected {
			return o.Label
		}
	}
	return p.P.Person.Status
}
