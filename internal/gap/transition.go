package gap

import (
	"context"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Transitions reports, for every status transition with an end among the
// query's statuses, the needs covered before and not after it (for example
// when the reflection period ends, or an asylum claim is rejected), and lists
// the cells lost as gaps of kind lost_in_transition. It is Analyse with
// Query.Kinds set to lost_in_transition.
func Transitions(ctx context.Context, l *graph.Landscape, q Query, sc Scenario) (*Result, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return cachedResult(ctx, l, "transitions", q, sc, func(ctx context.Context, q Query, sc Scenario) (*Result, error) {
		return ix.Transitions(ctx, q, sc)
	})
}

// Transitions is the package-level Transitions on an index built beforehand.
func (ix *Index) Transitions(ctx context.Context, q Query, sc Scenario) (*Result, error) {
	q.Kinds = []Kind{KindLostInTransition}
	return ix.Analyse(ctx, q, sc)
}

// TransitionReport is what a status transition costs: the needs covered
// under From and not under To, per need, for the profiles analysed.
type TransitionReport struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Trigger     string `json:"trigger,omitempty"`
	TypicalDays int    `json:"typical_days,omitempty"`
	// Cells is the number of cells (profile, need, stage) lost.
	Cells     int        `json:"cells"`
	NeedsLost []NeedLoss `json:"needs_lost"`
	// EntitlementsLost are the rights From gives and To does not (de jure).
	EntitlementsLost []EntitlementLoss `json:"entitlements_lost,omitempty"`
	// Groups are the named groups with status From that lose a need.
	Groups          []string      `json:"groups,omitempty"`
	PeopleAffected  privacy.Count `json:"people_affected,omitzero"`
	Sources         []string      `json:"sources,omitempty"`
	Recommendations []string      `json:"recommendations,omitempty"`
}

// NeedLoss is one need lost in a transition.
type NeedLoss struct {
	Need string `json:"need"`
	// Cells is the number of cells lost; Profiles the number of profiles
	// (with status From) that lose the need at one stage or more.
	Cells    int      `json:"cells"`
	Profiles int      `json:"profiles"`
	Stages   []string `json:"stages"`
}

// EntitlementLoss is a right lost in a transition, for the age bands listed
// (every age band when none is).
type EntitlementLoss struct {
	Need     string          `json:"need"`
	AgeBands []graph.AgeBand `json:"age_bands,omitempty"`
}

// transition is a TRANSITIONS_TO edge with the accumulators of its report.
type transition struct {
	edge           *graph.Edge
	from, to       int // status ordinals
	fromPos, toPos int // positions in plan.scan
	cells          int
	needCells      []int    // per need position
	needProfiles   []int    // per need position
	needStages     []bitset // per need position: stage positions lost
	groups         bitset
}

// setTransitions finds the transitions whose two ends are scanned: those
// into an evaluated status make its losses (preds), those with an end among
// the evaluated statuses get a report.
func (an *analysis) setTransitions() {
	d, p, l := an.ix.d, an.p, an.ix.l
	an.preds = make([][]*transition, len(d.statuses))
	if !p.kinds.has(bitLost) {
		return
	}
	evaluated := newBitset(len(d.statuses))
	for _, s := range p.statuses {
		evaluated.set(s)
	}
	for _, sid := range d.statuses {
		for _, e := range l.Out(sid, graph.EdgeTransitionsTo) {
			from, to := d.ordinal[e.From], d.ordinal[e.To]
			if d.terminal.has(to) || d.terminal.has(from) {
				// Leaving the country is an exit, not a loss: there are no
				// needs in it after, nor (from a terminal status) before.
				if evaluated.has(from) || evaluated.has(to) {
					an.exits = append(an.exits, e)
				}
				continue
			}
			if an.scanPos[from] < 0 || an.scanPos[to] < 0 {
				continue
			}
			tr := &transition{edge: e, from: from, to: to, fromPos: an.scanPos[from], toPos: an.scanPos[to]}
			if evaluated.has(to) {
				an.preds[to] = append(an.preds[to], tr)
			}
			if evaluated.has(from) || evaluated.has(to) {
				tr.needCells = make([]int, len(p.needs))
				tr.needProfiles = make([]int, len(p.needs))
				tr.needStages = make([]bitset, len(p.needs))
				for i := range tr.needStages {
					tr.needStages[i] = newBitset(len(p.stages))
				}
				tr.groups = newBitset(len(d.groups))
				an.trans = append(an.trans, tr)
			}
		}
	}
}

// Exit is a transition into a terminal status (the person returns or
// leaves the country): the end of the pathway here, reported apart from
// the losses, as the status after it has no needs in the country.
type Exit struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Trigger     string `json:"trigger,omitempty"`
	TypicalDays int    `json:"typical_days,omitempty"`
	// Groups are the named groups with status From.
	Groups          []string `json:"groups,omitempty"`
	Sources         []string `json:"sources,omitempty"`
	Recommendations []string `json:"recommendations,omitempty"`
}

// reportExits fills in Result.Exits, in the order of the landscape's edges.
func (an *analysis) reportExits() {
	ix, d := an.ix, an.ix.d
	for _, e := range an.exits {
		x := Exit{From: e.From, To: e.To, Trigger: e.Trigger, TypicalDays: e.TypicalDays}
		cite := an.pv.newCitation()
		cite.nodes(x.From, x.To)
		cite.edges(e)
		if gs := ix.gi.byStatus[d.ordinal[e.From]]; !gs.empty() {
			x.Groups = ix.gi.ids(d, gs)
		}
		x.Sources, x.Recommendations = cite.ids()
		an.res.Exits = append(an.res.Exits, x)
	}
	an.res.ExitsTotal = len(an.res.Exits)
}

// reportTransitions fills in Result.Transitions, in the order of the
// landscape's edges (by From, then To).
func (an *analysis) reportTransitions() {
	ix, d, p := an.ix, an.ix.d, an.p
	for _, tr := range an.trans {
		rep := TransitionReport{
			From:        d.statuses[tr.from],
			To:          d.statuses[tr.to],
			Trigger:     tr.edge.Trigger,
			TypicalDays: tr.edge.TypicalDays,
			Cells:       tr.cells,
			NeedsLost:   []NeedLoss{},
		}
		cite := an.pv.newCitation()
		cite.nodes(rep.From, rep.To)
		cite.edges(tr.edge)
		for ni, n := range p.needs {
			if tr.needCells[ni] == 0 {
				continue
			}
			nl := NeedLoss{Need: d.needs[n], Cells: tr.needCells[ni], Profiles: tr.needProfiles[ni]}
			for _, ti := range tr.needStages[ni].members() {
				nl.Stages = append(nl.Stages, d.stages[p.stages[ti]])
			}
			rep.NeedsLost = append(rep.NeedsLost, nl)
			cite.nodes(nl.Need)
		}
		ages := newBitset(len(d.ages))
		for _, a := range p.ages {
			ages.set(a)
		}
		for _, n := range p.needs {
			before := ix.r.ents[tr.from][n]
			if before == nil {
				continue
			}
			lost := before.ages.clone()
			lost.and(lost, ages)
			if after := ix.r.ents[tr.to][n]; after != nil {
				lost.andNot(after.ages)
			}
			if lost.empty() {
				continue
			}
			el := EntitlementLoss{Need: d.needs[n]}
			if lost.count() < len(d.ages) {
				for _, a := range lost.members() {
					el.AgeBands = append(el.AgeBands, d.ages[a])
				}
			}
			rep.EntitlementsLost = append(rep.EntitlementsLost, el)
			cite.nodes(el.Need)
			cite.edges(before.edge)
		}
		if !tr.groups.empty() {
			rep.Groups = ix.gi.ids(d, tr.groups)
			rep.PeopleAffected = p.people(tr.groups)
			cite.nodes(rep.Groups...)
		}
		rep.Sources, rep.Recommendations = cite.ids()
		an.res.Transitions = append(an.res.Transitions, rep)
	}
}
