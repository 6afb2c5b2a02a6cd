package gap

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Criticality reports what closing one service would cost: the cells (and so
// the profiles and needs) that it alone covers, which become uncovered if it
// closes. The Result's Criticality holds that one service, with CellList
// filled in up to Query.Limit. It is Analyse with Query.Kinds set to
// criticality.
//
// Errors: ENOTFOUND if no open service has id serviceID (after the scenario);
// otherwise those of Analyse.
func Criticality(ctx context.Context, l *graph.Landscape, serviceID string, q Query, sc Scenario) (*Result, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return cachedResult(ctx, l, "criticality\x00"+serviceID, q, sc, func(ctx context.Context, q Query, sc Scenario) (*Result, error) {
		return ix.Criticality(ctx, serviceID, q, sc)
	})
}

// Criticality is the package-level Criticality on an index built beforehand.
func (ix *Index) Criticality(ctx context.Context, serviceID string, q Query, sc Scenario) (*Result, error) {
	q.Kinds = []Kind{KindCriticality}
	an, err := ix.newAnalysis(q, sc)
	if err != nil {
		return nil, err
	}
	i, ok := an.ix.r.byID[serviceID]
	if !ok || !an.ix.open(i) {
		return nil, graph.Errorf(graph.ENOTFOUND, "no service with id %q", serviceID)
	}
	an.focus = i
	return an.run(ctx)
}

// ServiceImpact is a service's criticality: the cells it alone covers, which
// become uncovered if it closes.
type ServiceImpact struct {
	Service      string        `json:"service"`
	Organisation string        `json:"organisation,omitempty"`
	Sector       graph.Sector  `json:"sector"`
	Funding      graph.Funding `json:"funding"`
	// Cells is the number of cells only this service covers; Profiles the
	// number of profiles among them.
	Cells    int          `json:"cells"`
	Profiles int          `json:"profiles"`
	Needs    []NeedImpact `json:"needs,omitempty"`
	// Groups are the named groups that would lose a need.
	Groups         []string      `json:"groups,omitempty"`
	PeopleAffected privacy.Count `json:"people_affected,omitzero"`
	// CellList lists the cells, when one service is asked about (Criticality).
	CellList        []Cell   `json:"cell_list,omitempty"`
	Sources         []string `json:"sources,omitempty"`
	Recommendations []string `json:"recommendations,omitempty"`
}

// NeedImpact counts a service's critical cells for one need.
type NeedImpact struct {
	Need  string `json:"need"`
	Cells int    `json:"cells"`
}

// critAcc accumulates one service's critical cells.
type critAcc struct {
	cells, profiles int
	needs           []int // cells per need position
	groups          bitset
}

// reportCriticality fills in Result.Criticality: every open service (only
// the focus, when there is one), most critical first, then by id.
func (an *analysis) reportCriticality() {
	ix, d, p := an.ix, an.ix.d, an.p
	var out []ServiceImpact
	for i, sr := range ix.r.services {
		if sr.closed || an.focus >= 0 && i != an.focus {
			continue
		}
		si := ServiceImpact{Service: sr.id, Sector: sr.sector, Funding: sr.funding}
		if sr.org >= 0 {
			si.Organisation = d.orgs[sr.org]
		}
		if i < len(an.crit) && an.crit[i].cells > 0 {
			ca := &an.crit[i]
			si.Cells, si.Profiles = ca.cells, ca.profiles
			if i == an.focus {
				si.CellList = an.focusList
			}
			for ni, c := range ca.needs {
				if c > 0 {
					si.Needs = append(si.Needs, NeedImpact{Need: d.needs[p.needs[ni]], Cells: c})
				}
			}
			if !ca.groups.empty() {
				si.Groups = ix.gi.ids(d, ca.groups)
				si.PeopleAffected = p.people(ca.groups)
			}
		}
		out = append(out, si)
	}
	slices.SortStableFunc(out, func(a, b ServiceImpact) int {
		return cmp.Or(cmp.Compare(b.Cells, a.Cells), strings.Compare(a.Service, b.Service))
	})
	an.res.CriticalityTotal = len(out)
	if p.limit >= 0 && len(out) > p.limit {
		out = out[:p.limit]
	}
	for k := range out {
		si := &out[k]
		cite := an.pv.newCitation()
		cite.nodes(si.Service)
		for _, ni := range si.Needs {
			cite.nodes(ni.Need)
		}
		an.pv.name(si.Organisation)
		an.pv.name(si.Groups...)
		si.Sources, si.Recommendations = cite.ids()
	}
	an.res.Criticality = out
}
