package web

import (
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/gapmap/gapmap/graph"
)

// maxFormBytes bounds the body of a form post.
const maxFormBytes = 1 << 20

// serviceForm is the service form as posted: the edit it asks for, and the
// text the user typed where it may not parse, so that a refused form shows
// it again as typed.
type serviceForm struct {
	Edit *serviceEdit
	// IDTyped is the id the user typed for a new service ("" to derive it
	// from the name).
	IDTyped   string
	Capacity  string
	Languages string
	AltNames  string
}

// formOf returns the form of edit e, for a first display.
func formOf(e *serviceEdit) *serviceForm {
	f := &serviceForm{Edit: e, Languages: strings.Join(e.Node.Languages, ", "), AltNames: strings.Join(e.Node.AltNames, "\n")}
	if e.Node.Capacity > 0 {
		f.Capacity = strconv.Itoa(e.Node.Capacity)
	}
	return f
}

// parseServiceForm reads the posted service form. Only the statuses, needs
// and services of l are read from their selects; anything else posted is
// ignored. fe receives the problems of values that do not parse; the edit is
// checked against the landscape later, by check.
func parseServiceForm(r *http.Request, l *graph.Landscape, id string, fe *fieldErrors) *serviceForm {
	pf := r.PostForm
	get := func(k string) string { return strings.TrimSpace(pf.Get(k)) }
	f := &serviceForm{IDTyped: get("id"), Capacity: get("capacity"), Languages: get("languages"), AltNames: pf.Get("alt_names")}
	e := newEdit(id)
	f.Edit = e
	n := e.Node
	for _, sf := range graph.ServiceFields() {
		switch {
		case sf.Text != nil:
			*sf.Text(n) = get(sf.Name)
		case sf.Flag != nil:
			*sf.Flag(n) = pf.Get(sf.Name) != ""
		case sf.Kind == graph.KindChoice:
			sf.SetValues(n, []string{get(sf.Name)})
		case sf.Kind == graph.KindChoices:
			sf.SetValues(n, pf[sf.Name])
		}
	}
	// The lists and the number are read from the text the user typed.
	for _, line := range strings.Split(f.AltNames, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			n.AltNames = append(n.AltNames, line)
		}
	}
	n.Languages = splitList(strings.ToLower(f.Languages))
	if f.Capacity != "" {
		c, err := strconv.Atoi(f.Capacity)
		if err != nil || c < 0 {
			fe.add("capacity", "must be a whole number of places or clients (or empty if unknown)")
		}
		n.Capacity = max(c, 0)
	}
	if v := get("version"); v != "" {
		var err error
		if n.Version, err = strconv.ParseInt(v, 10, 64); err != nil || n.Version < 0 {
			fe.add("version", "is not a version")
		}
	}
	e.Org = get("organisation")
	e.Verified = pf.Get("verified") != ""

	for _, st := range graph.All[*graph.Status](l) {
		if x, ok := parseExtent(get("accepts."+st.ID), fe, "accepts"); ok {
			e.Accepts[st.ID] = x
		}
	}
	for _, nd := range graph.All[*graph.Need](l) {
		if x, ok := parseExtent(get("meets."+nd.ID), fe, "meets"); ok {
			e.Meets[nd.ID] = x
		}
	}
	for _, svc := range graph.All[*graph.Service](l) {
		switch v := get("refers." + svc.ID); v {
		case "":
		case "informal", "formal":
			e.RefersTo[svc.ID] = v == "formal"
		default:
			fe.add("refers_to", "unknown kind of referral %q", v)
		}
	}
	e.Serves, e.Stages, e.Covers = pf["serves"], pf["stages"], pf["covers"]
	return f
}

// parseExtent reads a status or need select: "" (not accepted or not met),
// "full" or "partial".
func parseExtent(v string, fe *fieldErrors, field string) (graph.Extent, bool) {
	switch v {
	case "":
		return "", false
	case "full":
		return "", true
	case "partial":
		return graph.ExtentPartial, true
	}
	fe.add(field, "unknown extent %q (want full or partial)", v)
	return "", false
}

// splitList splits a list typed with commas, semicolons or spaces.
func splitList(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) })
	if len(parts) == 0 {
		return nil
	}
	return parts
}

// slugID derives a node id from a name: lower case, Norwegian letters
// spelled out, anything else an underscore; "" if nothing is left.
func slugID(name string) string {
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			under = false
		case r == 'æ':
			b.WriteString("ae")
		case r == 'ø' || r == 'ö':
			b.WriteString("o")
		case r == 'å' || r == 'ä' || r == 'á' || r == 'à':
			b.WriteString("a")
		case r == 'é' || r == 'è':
			b.WriteString("e")
		case !under && b.Len() > 0:
			b.WriteByte('_')
			under = true
		}
	}
	id := strings.Trim(b.String(), "_")
	if len(id) > 56 {
		id = strings.TrimRight(id[:56], "_")
	}
	return id
}

// freeID returns id, or id with the first free suffix _2, _3, … in l.
func freeID(l *graph.Landscape, id string) string {
	if _, taken := l.Node(id); !taken {
		return id
	}
	for i := 2; ; i++ {
		c := id + "_" + strconv.Itoa(i)
		if _, taken := l.Node(c); !taken {
			return c
		}
	}
}
