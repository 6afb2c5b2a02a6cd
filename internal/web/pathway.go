package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// registerPathwayRoutes registers the page of one person's path through the
// stages ("a person like this") and its JSON twin.
func (s *Server) registerPathwayRoutes(r *mux.Router) {
	r.Handle("/pathway", s.handle(s.handlePathwayPage)).Methods(readMethods...)
	r.Handle("/api/v1/pathway", s.handle(s.handlePathwayAPI)).Methods(readMethods...)
}

// pathway is one person's path, stage by stage and need by need, as the
// page and the API give it. Ids are for the API; the page shows names.
type pathway struct {
	Person pathPerson `json:"person"`
	// Complete is false while a value of the person is not chosen: then
	// nothing else is filled in.
	Complete bool `json:"complete"`
	// Category narrows the needs to one kind of help ("" for all).
	Category graph.NeedCategory `json:"category,omitempty"`
	Missing  []string           `json:"missing,omitempty"`
	Stages   []pathStage        `json:"stages"`
	Changes  []pathChange       `json:"status_changes"`
	Sources  []pathSource       `json:"sources"`
	// Assumed are the facts behind the page that are assumed, in words.
	Assumed []string `json:"assumed"`
}

// pathPerson is the person the path is for: a gender, an age band, a
// residency status, a form of exploitation and a place, and the named group
// they were taken from, if any.
type pathPerson struct {
	Group        string        `json:"group,omitempty"`
	GroupName    string        `json:"group_name,omitempty"`
	Gender       graph.Gender  `json:"gender,omitempty"`
	AgeBand      graph.AgeBand `json:"age_band,omitempty"`
	Status       string        `json:"status,omitempty"`
	Exploitation string        `json:"exploitation,omitempty"`
	Region       string        `json:"region,omitempty"`
	// Also lists, for a group, the values it spans beyond the one shown.
	Also []string `json:"also,omitempty"`
}

// pathStage is one stage of the path with the needs that arise there.
type pathStage struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Needs []pathNeed `json:"needs"`
}

// pathNeed is one need at one stage: who meets it, who would but excludes
// the person, and where the path breaks.
type pathNeed struct {
	ID       string          `json:"id"`
	Name     string          `json:"name"`
	Services []pathService   `json:"services"`
	Excluded []pathExclusion `json:"excluded"`
	// Kinds are the engine's gaps of the cell; Break says them in words
	// ("" when the need is met by more than one permanent service).
	Kinds   []gap.Kind  `json:"kinds,omitempty"`
	Broken  bool        `json:"broken"`
	Break   string      `json:"break,omitempty"`
	Right   string      `json:"right,omitempty"`
	Studies []pathStudy `json:"studies"`
	// NoNorwegian is one sentence when no study on the need has
	// Norwegian data.
	NoNorwegian string `json:"no_norwegian_data,omitempty"`
}

// pathService is a service that meets the need; a confidential address is
// never included.
type pathService struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Organisation string `json:"organisation,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	URL          string `json:"url,omitempty"`
	Address      string `json:"address,omitempty"`
	Partial      bool   `json:"partial,omitempty"`
	Fragile      bool   `json:"project_or_volunteer,omitempty"`
	Assumed      bool   `json:"assumed,omitempty"`
}

// pathExclusion is a service that meets the need but not for this person,
// with the rules that exclude, in words.
type pathExclusion struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Organisation string   `json:"organisation,omitempty"`
	Rules        []string `json:"rules"`
}

// pathStudy is a study on a need.
type pathStudy struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Year      int    `json:"year,omitempty"`
	Norwegian bool   `json:"norwegian_data"`
}

// pathChange is a change of residency status the person may go through,
// and what it takes away.
type pathChange struct {
	To          string `json:"to"`
	Name        string `json:"name"`
	Trigger     string `json:"trigger,omitempty"`
	TypicalDays int    `json:"typical_days,omitempty"`
	// Exit: the change is leaving the country, not a loss.
	Exit       bool       `json:"exit,omitempty"`
	NeedsLost  []pathLoss `json:"needs_lost"`
	RightsLost []string   `json:"rights_lost"`
}

// pathLoss is a need that loses its cover at the stages listed.
type pathLoss struct {
	Need   string   `json:"need"`
	Name   string   `json:"name"`
	Stages []string `json:"stages"`
}

// pathSource is a source by title.
type pathSource struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// pathwayOf reads the person from the query (?group= fills what the other
// parameters leave out) and builds their path.
func (s *Server) pathwayOf(ctx context.Context, r *http.Request, l *graph.Landscape, lang string) (*pathway, error) {
	v := r.URL.Query()
	pw := &pathway{Stages: []pathStage{}, Changes: []pathChange{}, Sources: []pathSource{}, Assumed: []string{}}
	p := &pw.Person
	var needs []string // the group's needs; nil: every need
	if id := strings.TrimSpace(v.Get("group")); id != "" {
		g, err := graph.Lookup[*graph.Group](l, id)
		if err != nil {
			return nil, graph.FieldError("query", "group", "%s", graph.ErrorMessage(err))
		}
		p.Group, p.GroupName = g.ID, g.Label(lang)
		first := func(ids []string) string {
			if len(ids) > 0 {
				return ids[0]
			}
			return ""
		}
		if len(g.Genders) > 0 {
			p.Gender = g.Genders[0]
		}
		if len(g.AgeBands) > 0 {
			p.AgeBand = g.AgeBands[0]
			for _, a := range g.AgeBands[1:] {
				p.Also = append(p.Also, translateEnum(lang, "age", string(a)))
			}
		}
		sts := targetIDs(l, g.ID, graph.EdgeHasStatus)
		p.Status = first(sts)
		for _, st := range sts[min(1, len(sts)):] {
			p.Also = append(p.Also, nodeLabel(l, st, lang))
		}
		p.Exploitation = first(targetIDs(l, g.ID, graph.EdgeSubjectTo))
		p.Region = first(targetIDs(l, g.ID, graph.EdgeInRegion))
		needs = targetIDs(l, g.ID, graph.EdgeNeeds)
	}
	if x := v.Get("gender"); x != "" {
		if !slices.Contains(graph.Genders, graph.Gender(x)) {
			return nil, graph.FieldError("query", "gender", "unknown gender %q (want female, male or other)", x)
		}
		p.Gender = graph.Gender(x)
	}
	if x := v.Get("age"); x != "" {
		if !slices.Contains(graph.AgeBands, graph.AgeBand(x)) {
			return nil, graph.FieldError("query", "age", "unknown age band %q (want child, young_adult or adult)", x)
		}
		p.AgeBand = graph.AgeBand(x)
	}
	for key, dst := range map[string]*string{"status": &p.Status, "exploitation": &p.Exploitation, "region": &p.Region} {
		if x := v.Get(key); x != "" {
			*dst = x
		}
	}
	if x := v.Get("category"); x != "" {
		if !slices.Contains(graph.NeedCategories, graph.NeedCategory(x)) {
			return nil, graph.FieldError("query", "category", "unknown kind of help %q", x)
		}
		pw.Category = graph.NeedCategory(x)
		var kept []string
		for _, n := range graph.All[*graph.Need](l) {
			if n.Category == pw.Category && (needs == nil || slices.Contains(needs, n.ID)) {
				kept = append(kept, n.ID)
			}
		}
		needs = kept
		if needs == nil {
			needs = []string{} // none of the group's needs is of this kind
		}
	}
	for key, nt := range map[string]graph.NodeType{"status": graph.TypeStatus, "exploitation": graph.TypeExploitation, "region": graph.TypeRegion} {
		id := map[string]string{"status": p.Status, "exploitation": p.Exploitation, "region": p.Region}[key]
		if id == "" {
			continue
		}
		if n, ok := l.Node(id); !ok || n.Type() != nt {
			return nil, graph.FieldError("query", key, "no %s with id %q", nt, id)
		}
	}
	for _, m := range []struct {
		key string
		set bool
	}{{"gender", p.Gender != ""}, {"age", p.AgeBand != ""}, {"status", p.Status != ""}, {"exploitation", p.Exploitation != ""}, {"region", p.Region != ""}} {
		if !m.set {
			pw.Missing = append(pw.Missing, m.key)
		}
	}
	if len(pw.Missing) > 0 {
		return pw, nil
	}
	pw.Complete = true
	return pw, s.buildPathway(ctx, l, pw, needs, lang)
}

// targetIDs returns the ids the edges of type t from id point to.
func targetIDs(l *graph.Landscape, id string, t graph.EdgeType) []string {
	var out []string
	for _, e := range l.Out(id, t) {
		out = append(out, e.To)
	}
	slices.Sort(out)
	return out
}

// nodeLabel returns the name of node id in lang, or id if there is none.
func nodeLabel(l *graph.Landscape, id, lang string) string {
	if n, ok := l.Node(id); ok {
		return n.Base().Label(lang)
	}
	return id
}
