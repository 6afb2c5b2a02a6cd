package gap

import (
	"cmp"
	"context"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Gap is one cell with a gap: its profile, need and stage, its kinds, the
// services that cover it and those that meet the need but exclude the
// profile, with why.
type Gap struct {
	Cell
	Kinds []Kind `json:"kinds"`
	// Fragile says why a covered cell is fragile.
	Fragile []FragileReason `json:"fragile,omitempty"`
	// Covering are the services that cover the cell, by id.
	Covering []ServiceRef `json:"covering,omitempty"`
	// Excluded are services that meet the need but do not cover the cell,
	// nearest misses first, each with the rules that exclude the profile.
	Excluded      []Exclusion `json:"excluded,omitempty"`
	ExcludedTotal int         `json:"excluded_total,omitempty"`
	// Entitlement is the status's statutory right to the need, if it has
	// one for the profile's age band.
	Entitlement *Entitlement `json:"entitlement,omitempty"`
	// LostFrom are the statuses that transition to this one under which the
	// cell is covered.
	LostFrom []Loss `json:"lost_from,omitempty"`
	// Groups are the named groups that span the profile and need the need;
	// PeopleAffected sums their size estimates (an upper bound, as groups
	// may overlap).
	Groups         []string      `json:"groups,omitempty"`
	PeopleAffected privacy.Count `json:"people_affected,omitzero"`
	// Sources and Recommendations are attached to the nodes and edges
	// involved: the profile's status and exploitation, the need, the stage,
	// the region, the services listed, the entitlement and transitions, the
	// groups.
	Sources         []string `json:"sources,omitempty"`
	Recommendations []string `json:"recommendations,omitempty"`
	// Assumed says whether any fact behind the gap is an assumption, not
	// verified in a source; AssumedFacts names them: node ids, and edges as
	// "TRANSITIONS_TO reflection_period->rejected_asylum".
	Assumed      bool     `json:"assumed"`
	AssumedFacts []string `json:"assumed_facts,omitempty"`
}

// ServiceRef is a service as a gap or a cover lists it.
type ServiceRef struct {
	ID           string        `json:"id"`
	Organisation string        `json:"organisation,omitempty"`
	Sector       graph.Sector  `json:"sector"`
	Funding      graph.Funding `json:"funding"`
	// Partial: the service accepts the status or meets the need only in part.
	Partial bool `json:"partial,omitempty"`
}

// Exclusion is a service that meets a need but does not cover a cell.
type Exclusion struct {
	Service string   `json:"service"`
	Reasons []Reason `json:"reasons"`
}

// Reason is one eligibility rule that excludes a profile from a service.
type Reason struct {
	Dimension Dimension `json:"dimension"`
	Value     string    `json:"value"`
	// Why says it in words: "rosa: age band child not accepted".
	Why string `json:"why"`
}

// Entitlement is a status's statutory right to a need (ENTITLES).
type Entitlement struct {
	Status     string          `json:"status"`
	Need       string          `json:"need"`
	LegalBasis string          `json:"legal_basis,omitempty"`
	Extent     graph.Extent    `json:"extent,omitempty"`
	AgeBands   []graph.AgeBand `json:"age_bands,omitempty"`
	// FullAgeBands are the age bands a partial entitlement gives in full.
	// On a gap, Extent is the extent at the gap's age band.
	FullAgeBands []graph.AgeBand `json:"full_age_bands,omitempty"`
	// Scenario: granted by the scenario, not in the landscape.
	Scenario bool `json:"scenario,omitempty"`
}

// Loss is a status, transitioning to a gap's status, under which the gap's
// cell was covered.
type Loss struct {
	From        string   `json:"from"`
	Trigger     string   `json:"trigger,omitempty"`
	TypicalDays int      `json:"typical_days,omitempty"`
	Covering    []string `json:"covering"`
}

// gapRef is a cell listed as a gap, as the listing finds it: described
// later (describeGaps), away from the block scanner.
type gapRef struct {
	pr     prof
	ni, ti int
	st     cellState
	ks     kindSet
	groups bitset // the groups that span the profile and need the need, nil for none
	lost   []int  // positions in preds of the transitions under whose From status the cell is covered
}

// refGap records a gap of the current block of sc for describeGaps.
func (an *analysis) refGap(sc *scanner, pr prof, ni, ti int, st cellState, ks kindSet) {
	ref := gapRef{pr: pr, ni: ni, ti: ti, st: st, ks: ks}
	if !an.cg.empty() {
		ref.groups = an.cg.clone()
	}
	if ks.has(bitLost) {
		for k, tr := range an.preds[pr.s] {
			if sc.coveredStages(tr.fromPos, ni).has(ti) {
				ref.lost = append(ref.lost, k)
			}
		}
	}
	an.gapRefs = append(an.gapRefs, ref)
}

// describeGaps builds the listed gaps, on every CPU: each worker with its
// own scratch sets and provenance, merged into the analysis's at the end.
func (an *analysis) describeGaps(ctx context.Context) error {
	refs := an.gapRefs
	an.res.Gaps = make([]Gap, len(refs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(refs)/64))
	pvs := make([]*provenance, workers)
	var wg sync.WaitGroup
	for w := range workers {
		pvs[w] = newProvenance(an.ix)
		wg.Go(func() {
			gd := &gapDescriber{an: an, pv: pvs[w], c: newBitset(an.ix.n), cand: newBitset(an.ix.n)}
			for j := w; j < len(refs); j += workers {
				if j%256 == 0 && ctx.Err() != nil {
					return
				}
				an.res.Gaps[j] = gd.gap(refs[j])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, pv := range pvs {
		an.pv.merge(pv)
	}
	an.gapRefs = nil
	return nil
}

// gapDescriber builds Gaps with its own buffers.
type gapDescriber struct {
	an      *analysis
	pv      *provenance
	c, cand bitset
}

// gap builds the listed form of a cell with a gap: the services that cover
// it, those that meet the need without covering it and why, the entitlement,
// the losses in transition, the groups and what to cite.
func (gd *gapDescriber) gap(ref gapRef) Gap {
	an := gd.an
	ix, d := an.ix, an.ix.d
	pr, ks := ref.pr, ref.ks
	n, t := an.p.needs[ref.ni], an.p.stages[ref.ti]
	g := Gap{Cell: an.cell(pr, n, t), Kinds: ks.list()}
	if ks.has(bitFragile | bitSingleProvider) {
		g.Fragile = fragileReasons(ref.st.frag)
	}
	cite := gd.pv.newCitation()
	cite.nodes(g.Profile.Status, g.Profile.Exploitation, g.Profile.Region, g.Need, g.Stage)

	c := gd.c
	if ix.covering(c, pr, n, t) {
		for i := c.next(0); i >= 0; i = c.next(i + 1) {
			g.Covering = append(g.Covering, ix.serviceRef(i, pr.s, n))
			cite.service(i, pr.s, n)
		}
		slices.SortFunc(g.Covering, func(a, b ServiceRef) int { return strings.Compare(a.ID, b.ID) })
	}

	g.Excluded, g.ExcludedTotal = ix.excluded(gd.cand, c, pr, n, t, an.p.maxExcluded)
	for _, e := range g.Excluded {
		cite.nodes(e.Service)
	}

	if e := ix.r.ents[pr.s][n]; e != nil && e.ages.has(pr.a) {
		g.Entitlement = ix.entitlement(pr.s, n, e)
		if e.extent == graph.ExtentPartial && e.full.has(pr.a) {
			g.Entitlement.Extent = graph.ExtentFull // in full at the profile's age band
		}
		cite.edges(e.edge)
	}

	for _, k := range ref.lost {
		tr := an.preds[pr.s][k]
		from := pr
		from.s = tr.from
		loss := Loss{From: d.statuses[tr.from], Trigger: tr.edge.Trigger, TypicalDays: tr.edge.TypicalDays, Covering: []string{}}
		ix.covering(c, from, n, t)
		for i := c.next(0); i >= 0; i = c.next(i + 1) {
			loss.Covering = append(loss.Covering, ix.r.services[i].id)
			cite.service(i, tr.from, n)
		}
		slices.Sort(loss.Covering)
		g.LostFrom = append(g.LostFrom, loss)
		cite.nodes(loss.From)
		cite.edges(tr.edge)
	}

	if ref.groups != nil {
		g.Groups = ix.gi.ids(d, ref.groups)
		g.PeopleAffected = an.p.people(ref.groups)
		cite.nodes(g.Groups...)
	}
	g.Sources, g.Recommendations = cite.ids()
	g.AssumedFacts = cite.assumedFacts()
	g.Assumed = len(g.AssumedFacts) > 0
	return g
}

// cell returns cell (p, n, t) by ids.
func (an *analysis) cell(pr prof, n, t int) Cell {
	d := an.ix.d
	return Cell{Profile: d.profile(pr), Need: d.needs[n], Stage: d.stages[t]}
}

// serviceRef describes service i as covering status s and need n.
func (ix *Index) serviceRef(i, s, n int) ServiceRef {
	sr := ix.r.services[i]
	ref := ServiceRef{
		ID:      sr.id,
		Sector:  sr.sector,
		Funding: sr.funding,
		Partial: !ix.statusFull[s].has(i) || !ix.needFull[n].has(i),
	}
	if sr.org >= 0 {
		ref.Organisation = ix.d.orgs[sr.org]
	}
	return ref
}

// excluded lists the services that meet need n but do not cover cell
// (pr, n, t), whose covering set is c: the nearest misses first (fewest
// rules excluding the profile), then by id, at most max of them (all when
// max < 0), with the number there are.
//
// The rules each candidate fails are counted for 64 candidates at a time,
// in a 3-bit bit-sliced counter, and the candidates are read off level by
// level until max of them are found.
func (ix *Index) excluded(cand, c bitset, pr prof, n, t, max int) ([]Exclusion, int) {
	copy(cand, ix.need[n])
	cand.andNot(c)
	total := cand.count()
	if total == 0 || max == 0 {
		return nil, total
	}
	rules := [...]bitset{ix.gender[pr.g], ix.age[pr.a], ix.status[pr.s], ix.expl[pr.e], ix.region[pr.r], ix.stage[t]}
	type miss struct {
		i, fails int
		id       string
	}
	var misses []miss
	for level := 1; level <= len(rules) && (max < 0 || len(misses) < max); level++ {
		for k, x := range cand {
			if x == 0 {
				continue
			}
			var b0, b1, b2 uint64
			for _, r := range rules {
				m := x &^ r[k]
				carry := b0 & m
				b0 ^= m
				m = carry
				carry = b1 & m
				b1 ^= m
				b2 |= carry
			}
			eq := x
			for bit, plane := range [3]uint64{b0, b1, b2} {
				if level>>bit&1 == 1 {
					eq &= plane
				} else {
					eq &^= plane
				}
			}
			for ; eq != 0; eq &= eq - 1 {
				i := k<<6 + bits.TrailingZeros64(eq)
				misses = append(misses, miss{i: i, fails: level, id: ix.r.services[i].id})
			}
		}
	}
	slices.SortFunc(misses, func(a, b miss) int {
		return cmp.Or(cmp.Compare(a.fails, b.fails), strings.Compare(a.id, b.id))
	})
	if max >= 0 && len(misses) > max {
		misses = misses[:max]
	}
	out := make([]Exclusion, len(misses))
	for k, m := range misses {
		out[k] = Exclusion{Service: m.id, Reasons: ix.reasons(m.i, pr, t)}
	}
	return out, total
}

// reasons lists the rules of service i that exclude profile pr at stage t.
func (ix *Index) reasons(i int, pr prof, t int) []Reason {
	d, id := ix.d, ix.r.services[i].id
	var rs []Reason
	add := func(ok bool, dim Dimension, value, before, after string) {
		if !ok {
			rs = append(rs, Reason{Dimension: dim, Value: value, Why: id + ": " + before + value + after})
		}
	}
	add(ix.gender[pr.g].has(i), DimGender, string(d.genders[pr.g]), "gender ", " not accepted")
	add(ix.age[pr.a].has(i), DimAgeBand, string(d.ages[pr.a]), "age band ", " not accepted")
	add(ix.status[pr.s].has(i), DimStatus, d.statuses[pr.s], "status ", " not accepted")
	add(ix.expl[pr.e].has(i), DimExploitation, d.expls[pr.e], "exploitation ", " not served")
	add(ix.region[pr.r].has(i), DimRegion, d.regions[pr.r], "region ", " not covered")
	add(ix.stage[t].has(i), DimStage, d.stages[t], "not at stage ", "")
	return rs
}

// entitlement describes entitlement e of status s to need n.
func (ix *Index) entitlement(s, n int, e *entitlement) *Entitlement {
	d := ix.d
	out := &Entitlement{
		Status:     d.statuses[s],
		Need:       d.needs[n],
		LegalBasis: e.legalBasis,
		Extent:     e.extent,
		Scenario:   e.edge == nil,
	}
	if e.ages.count() < len(d.ages) {
		for _, a := range e.ages.members() {
			out.AgeBands = append(out.AgeBands, d.ages[a])
		}
	}
	if e.extent == graph.ExtentPartial {
		for _, a := range e.full.members() {
			out.FullAgeBands = append(out.FullAgeBands, d.ages[a])
		}
	}
	return out
}

// edgeOf returns the edge of type t from one node to another, if any.
func edgeOf(l *graph.Landscape, t graph.EdgeType, from, to string) *graph.Edge {
	e, _ := l.Edge(graph.EdgeKey{Type: t, From: from, To: to})
	return e
}
