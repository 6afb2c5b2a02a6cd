package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// choice is one option of the service form: a checkbox, an option of a
// select, or a row of a three-way select (State).
type choice struct {
	Value    string
	Label    string
	Note     string
	Selected bool
	State    string
	Indent   int
}

// editPage is the data of the service form, new or existing.
type editPage struct {
	page
	New         bool
	ServiceID   string
	ServiceName string
	Action      string
	Form        *serviceForm
	Node        *graph.Service
	// Errors holds the message of each field at fault; ErrorList the same
	// in the order of the form, for the summary at the top.
	Errors    map[string]string
	ErrorList []fieldProblem
	// Conflict lists what others changed since the version the user
	// edited, newest first; the form then names the current version.
	Conflict []revisionView
	// Saved is the version just saved, for the notice after a save.
	Saved        int64
	LastVerified string
	CanChooseOrg bool
	OrgName      string

	Sectors, Fundings, Genders, AgeBands, Orgs []choice
	Statuses, Needs, Exploitation, Stages      []choice
	Regions, Services                          []choice
}

// newEditPage builds the form page of f for u.
func (s *Server) newEditPage(r *http.Request, l *graph.Landscape, u *auth.User, f *serviceForm, isNew bool, fe *fieldErrors) editPage {
	lang := langOf(r.Context())
	e, n := f.Edit, f.Edit.Node
	// The heading and the verification date are the service's as stored,
	// not as typed.
	title, stored := translate(lang, "manage.new"), n
	if cur, err := graph.Lookup[*graph.Service](l, n.ID); err == nil && !isNew {
		stored = cur
	}
	if !isNew {
		title = translatef(lang, "manage.edit_title", stored.Label(lang))
	}
	p := editPage{
		page: s.newPage(r, title), New: isNew, ServiceID: n.ID, ServiceName: n.Label(lang),
		Form: f, Node: n, Errors: fe.byField(), ErrorList: fe.problems(),
		CanChooseOrg: u.Role == auth.RoleAdmin || u.Role == auth.RoleCoordinator,
	}
	p.Action = "/manage/services/new"
	if !isNew {
		p.Action = "/manage/services/" + n.ID + "/edit"
	}
	p.ServiceName = stored.Label(lang)
	if stored.LastVerified != nil {
		p.LastVerified = stored.LastVerified.Format("2006-01-02")
	}
	if o, err := graph.Lookup[*graph.Organisation](l, e.Org); err == nil {
		p.OrgName = o.Label(lang)
	}
	enum := func(kind string, values []string, selected ...string) []choice {
		cs := make([]choice, len(values))
		for i, v := range values {
			cs[i] = choice{Value: v, Label: translateEnum(lang, kind, v), Selected: slices.Contains(selected, v)}
		}
		return cs
	}
	p.Sectors = enum("sector", strs(graph.Sectors), string(n.Sector))
	p.Fundings = enum("funding", strs(graph.Fundings), string(n.Funding))
	p.Genders = enum("gender", strs(graph.Genders), strs(n.Genders)...)
	p.AgeBands = enum("age", strs(graph.AgeBands), strs(n.AgeBands)...)
	for _, o := range graph.All[*graph.Organisation](l) {
		p.Orgs = append(p.Orgs, choice{Value: o.ID, Label: o.Label(lang), Selected: o.ID == e.Org})
	}
	sortChoices(p.Orgs)
	for _, st := range graph.All[*graph.Status](l) {
		c := choice{Value: st.ID, Label: st.Label(lang)}
		if x, ok := e.Accepts[st.ID]; ok {
			c.State = extentState(x)
		}
		p.Statuses = append(p.Statuses, c)
	}
	for _, nd := range graph.All[*graph.Need](l) {
		c := choice{Value: nd.ID, Label: nd.Label(lang), Note: string(nd.Category)}
		if x, ok := e.Meets[nd.ID]; ok {
			c.State = extentState(x)
		}
		p.Needs = append(p.Needs, c)
	}
	slices.SortStableFunc(p.Needs, func(a, b choice) int { return cmp.Compare(a.Note, b.Note) })
	for _, x := range graph.All[*graph.Exploitation](l) {
		p.Exploitation = append(p.Exploitation, choice{Value: x.ID, Label: x.Label(lang), Selected: slices.Contains(e.Serves, x.ID)})
	}
	stages := graph.All[*graph.Stage](l)
	slices.SortStableFunc(stages, func(a, b *graph.Stage) int { return cmp.Compare(a.Order, b.Order) })
	for _, x := range stages {
		p.Stages = append(p.Stages, choice{Value: x.ID, Label: x.Label(lang), Selected: slices.Contains(e.Stages, x.ID)})
	}
	p.Regions = regionChoices(l, lang, e.Covers)
	for _, x := range graph.All[*graph.Service](l) {
		if x.ID == n.ID {
			continue
		}
		c := choice{Value: x.ID, Label: x.Label(lang)}
		if formal, ok := e.RefersTo[x.ID]; ok {
			c.State = "informal"
			if formal {
				c.State = "formal"
			}
		}
		p.Services = append(p.Services, c)
	}
	sortChoices(p.Services)
	return p
}

// regionChoices lists the regions as a tree: each under the region it is
// part of, indented by depth.
func regionChoices(l *graph.Landscape, lang string, selected []string) []choice {
	var out []choice
	var walk func(rs []*graph.Region, depth int)
	seen := map[string]bool{}
	walk = func(rs []*graph.Region, depth int) {
		slices.SortFunc(rs, func(a, b *graph.Region) int { return strings.Compare(a.Label(lang), b.Label(lang)) })
		for _, r := range rs {
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			out = append(out, choice{Value: r.ID, Label: r.Label(lang), Note: string(r.Level), Indent: depth, Selected: slices.Contains(selected, r.ID)})
			var children []*graph.Region
			for _, e := range l.In(r.ID, graph.EdgePartOf) {
				if c, ok := l.Node(e.From); ok {
					children = append(children, c.(*graph.Region))
				}
			}
			walk(children, depth+1)
		}
	}
	var roots []*graph.Region
	for _, r := range graph.All[*graph.Region](l) {
		if len(l.Out(r.ID, graph.EdgePartOf)) == 0 {
			roots = append(roots, r)
		}
	}
	walk(roots, 0)
	return out
}

func extentState(x graph.Extent) string {
	if x == graph.ExtentPartial {
		return "partial"
	}
	return "full"
}

func sortChoices(cs []choice) {
	slices.SortFunc(cs, func(a, b choice) int { return strings.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
