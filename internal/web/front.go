package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/findings"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// frontLimit is how many findings the front page lists; the rest are a
// link away (the findings API, and the next page of the front page).
const frontLimit = 15

// frontFilters are the filters of the front page, in the order of its form
// and of its links.
var frontFilters = []string{"status", "need", "region", "kind"}

// frontPage is the data of the front page: where victims fall between
// systems, as the top findings of the gap engine.
type frontPage struct {
	page
	Filters []dashSelect
	Active  []string
	// Findings are the findings listed, in rank order.
	Findings []frontFinding
	// Total is how many findings the filters give in all; Offset is the
	// rank before the first listed.
	Total, Offset int
	// Start is the rank of the first finding listed.
	Start int
	// NextURL is the next page of findings ("" on the last), AllURL the
	// findings of these filters in the JSON API, ResetURL the page without
	// filters.
	NextURL, AllURL string
}

// frontFinding is one finding in the page's language.
type frontFinding struct {
	Rank  int
	ID    string
	Title string
	Kind  gap.Kind
	// KindText says the kind in words, KindExplain what it means.
	KindText, KindExplain string
	// People says how many people it reaches in words ("541 people",
	// "fewer than 5 people"), or "" when no group has an estimate.
	People     string
	Services   []frontLink
	Excluding  []frontLink
	Entitled   bool
	LegalBasis []string
	Sources    []frontLink
	Recs       []frontLink
	// Studies is how many studies concern the need; KnowledgeGap the
	// sentence that none has Norwegian data.
	Studies      int
	KnowledgeGap string
	PathwayURL   string
}

// frontLink is a link the page shows, with why it is there.
type frontLink struct {
	Name, URL, Why string
}

// handleFrontPage serves the front page: the top findings for the filters
// of the query (status, need, region, kind), each in plain words with the
// people it reaches and links to its evidence.
func (s *Server) handleFrontPage(w http.ResponseWriter, r *http.Request) error {
	l, err := s.landscape()
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	v := frontQuery(r.URL.Query())
	q, err := s.gapQuery(&http.Request{URL: &url.URL{RawQuery: v.Encode()}})
	if err != nil {
		return err
	}
	q.Limit = frontLimit
	list, err := findings.Find(r.Context(), l, q)
	if err != nil {
		return err
	}
	data := frontPage{page: s.newPage(r, translate(lang, "front.title")), Total: list.Total, Offset: q.Offset, Start: q.Offset + 1}
	filters := map[string][]string{}
	for _, k := range frontFilters {
		filters[k] = values(v, k)
	}
	data.Filters, data.Active = frontForm(l, filters, lang)
	srcs := map[string]gap.SourceRef{}
	for _, src := range list.Sources {
		srcs[src.ID] = src
	}
	recs := map[string]gap.RecommendationRef{}
	for _, rec := range list.Recommendations {
		recs[rec.ID] = rec
	}
	for i := range list.Findings {
		data.Findings = append(data.Findings, frontFindingOf(l, &list.Findings[i], q.Offset+i+1, srcs, recs, q.Privacy, lang))
	}
	if next := q.Offset + len(list.Findings); next < list.Total {
		nv := frontQuery(v)
		nv.Set("offset", strconv.Itoa(next))
		data.NextURL = (&url.URL{Path: "/", RawQuery: nv.Encode()}).String()
	}
	av := frontQuery(v)
	av.Del("offset")
	av.Set("lang", lang)
	data.AllURL = (&url.URL{Path: "/api/v1/findings", RawQuery: av.Encode()}).String()
	return s.render(w, r, http.StatusOK, "front", data)
}

// frontQuery keeps of v the front page's filters and offset.
func frontQuery(v url.Values) url.Values {
	out := url.Values{}
	for _, k := range append(frontFilters, "offset") {
		if vs := values(v, k); len(vs) > 0 {
			out.Set(k, strings.Join(vs, ","))
		}
	}
	return out
}

// frontForm returns the selects of the front page's form, their options
// named in lang with the chosen values selected, and the filters in effect
// in words.
func frontForm(l *graph.Landscape, chosen map[string][]string, lang string) ([]dashSelect, []string) {
	var sels []dashSelect
	var active []string
	nodes := func(t graph.NodeType) []dashOption {
		var out []dashOption
		for _, n := range l.Nodes(t) {
			out = append(out, dashOption{Value: n.Base().ID, Label: n.Base().Label(lang)})
		}
		return out
	}
	var kinds []dashOption
	for _, k := range gap.Kinds {
		if k == gap.KindFragmentation || k == gap.KindCriticality {
			continue // not kinds of finding
		}
		kinds = append(kinds, dashOption{Value: string(k), Label: findings.KindLabel(k, lang)})
	}
	opts := map[string][]dashOption{"status": nodes(graph.TypeStatus), "need": nodes(graph.TypeNeed),
		"region": nodes(graph.TypeRegion), "kind": kinds}
	for _, param := range frontFilters {
		os := opts[param]
		var names []string
		for i := range os {
			for _, c := range chosen[param] {
				if os[i].Value == c {
					os[i].Selected = true
					names = append(names, os[i].Label)
				}
			}
		}
		label := translate(lang, "front.filter."+param)
		all := dashOption{Value: "", Label: translate(lang, "filter.all"), Selected: len(chosen[param]) == 0}
		sels = append(sels, dashSelect{Param: param, Label: label, Options: append([]dashOption{all}, os...)})
		if len(names) > 0 {
			active = append(active, label+": "+strings.Join(names, ", "))
		}
	}
	return sels, active
}

// frontFindingOf is f as the front page shows it in lang.
func frontFindingOf(l *graph.Landscape, f *findings.Finding, rank int, srcs map[string]gap.SourceRef,
	recs map[string]gap.RecommendationRef, rule privacy.Rule, lang string) frontFinding {
	out := frontFinding{Rank: rank, ID: f.ID, Title: f.Text(lang), Kind: f.Kind,
		KindText: findings.KindLabel(f.Kind, lang), KindExplain: translate(lang, "front.kind."+string(f.Kind)),
		People: peopleText(f.People, rule, lang), Entitled: f.Entitled, Studies: len(f.Studies),
		KnowledgeGap: f.KnowledgeGapText(lang), PathwayURL: pathwayURL(f)}
	service := func(n findings.ServiceNote) frontLink {
		name := n.Name
		if node, ok := l.Node(n.ID); ok {
			name = node.Base().Label(lang)
		}
		why := n.Why
		if lang == "nb" {
			why = n.WhyNB
		}
		return frontLink{Name: name, URL: "/services/" + url.PathEscape(n.ID), Why: why}
	}
	for _, n := range f.ServicesCovering {
		out.Services = append(out.Services, service(n))
	}
	for _, n := range f.ServicesNearby {
		out.Services = append(out.Services, service(n))
	}
	for _, n := range f.ServicesExcluding {
		out.Excluding = append(out.Excluding, service(n))
	}
	for _, lb := range f.LegalBasis {
		out.LegalBasis = append(out.LegalBasis, legalBasisText(lb, lang))
	}
	out.LegalBasis = dedupe(out.LegalBasis)
	for _, id := range f.Sources {
		title := srcs[id].Title
		if n, ok := l.Node(id); ok && title == "" {
			title = n.Base().Label(lang)
			if src, ok := n.(*graph.Source); ok && src.Title != "" {
				title = src.Title
			}
		}
		if title == "" {
			continue // a source the landscape no longer has
		}
		out.Sources = append(out.Sources, frontLink{Name: title, URL: "/nodes/" + url.PathEscape(id)})
	}
	seen := map[string]int{}
	for _, id := range f.Recommendations {
		r, ok := recs[id]
		if !ok {
			continue
		}
		name := strings.Join(strings.Fields(strings.Join([]string{string(r.Body), r.Round, r.Reference}, " ")), " ")
		why := r.Summary
		if lang == "nb" {
			// The Norwegian page names the recommendation by its body,
			// round and report, and gives its Norwegian summary if any.
			name, why = recName(r, lang), r.SummaryNB
			if seen[name]++; seen[name] > 1 {
				name = translatef(lang, "front.rec.nth", name, seen[name])
			}
		}
		out.Recs = append(out.Recs, frontLink{Name: name, URL: "/nodes/" + url.PathEscape(r.ID), Why: why})
	}
	return out
}

// peopleText says count in words in lang: "541 people", "fewer than 5
// people", or "" when unknown.
func peopleText(c privacy.Count, rule privacy.Rule, lang string) string {
	switch {
	case !c.Known():
		return ""
	case c.Suppressed():
		return translatef(lang, "front.people.few", rule.Normalize().Threshold)
	}
	n, _ := c.Value()
	return translatef(lang, "front.people", formatInt(lang, int64(n)))
}

// legalBasisText is the legal basis lb in lang. The seed writes them in
// English; in Norwegian the page names the statute when lb names one (the
// Norwegian name of the act, or the regulation's number), else says that
// the right is given by law.
func legalBasisText(lb, lang string) string {
	if lang != "nb" {
		return lb
	}
	for _, st := range []struct{ en, nb string }{
		{"FOR-2011-12-16-1255", "Forskrift om rett til helse- og omsorgstjenester til personer uten fast opphold i riket (FOR-2011-12-16-1255)"},
		{"Social Services Act", "Sosialtjenesteloven"},
		{"Child Welfare Act", "Barnevernsloven"},
		{"Immigration Regulations § 8-3", "Utlendingsforskriften § 8-3"},
	} {
		if strings.Contains(lb, st.en) {
			return st.nb
		}
	}
	return translate(lang, "front.legal.bylaw")
}

func dedupe(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// pathwayURL links f to the page of a person like those it concerns: one
// value of each dimension it spans (the first), its need, and its region
// when it names the regions it holds in.
func pathwayURL(f *findings.Finding) string {
	v := url.Values{}
	p := f.Profile
	if len(p.Statuses) > 0 {
		v.Set("status", p.Statuses[0].ID)
	}
	if len(p.Genders) > 0 {
		v.Set("gender", string(p.Genders[0]))
	}
	if len(p.AgeBands) > 0 {
		v.Set("age", string(p.AgeBands[0]))
	}
	if len(p.Exploitation) > 0 {
		v.Set("exploitation", p.Exploitation[0].ID)
	}
	if f.Regions.Mode == findings.RegionsIn && len(f.Regions.List) > 0 {
		v.Set("region", f.Regions.List[0].ID)
	}
	v.Set("need", f.Need.ID)
	return (&url.URL{Path: "/pathway", RawQuery: v.Encode()}).String()
}

// recName names recommendation r in lang by its body, round and report:
// "GRETA, 2. runde (GRETA(2017)18)", "OSCE, landbesøk 2022".
func recName(r gap.RecommendationRef, lang string) string {
	name := string(r.Body)
	if _, err := strconv.Atoi(r.Round); err == nil {
		name = translatef(lang, "front.rec.round", name, r.Round)
	} else if year, _, ok := strings.Cut(r.Round, " "); ok && strings.Contains(r.Round, "visit") {
		name = translatef(lang, "front.rec.visit", name, year)
	} else if r.Round != "" {
		name += " " + r.Round
	}
	if r.Reference != "" {
		name += " (" + r.Reference + ")"
	}
	return name
}
