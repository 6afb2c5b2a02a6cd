package web

import (
	"context"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// cellKinds are the kinds of gap a cell can have.
var cellKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindEntitledPartial,
	gap.KindFragile, gap.KindSingleProvider, gap.KindLostInTransition}

// breakKinds are the kinds that break the path (single_provider is only a
// note).
var breakKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindEntitledPartial,
	gap.KindFragile, gap.KindLostInTransition}

// buildPathway fills pw for its complete person: the cover of every need
// that applies at every stage, decided by the gap engine (Index.Cover for
// every cell, Analyse for the kinds of gap), and what each status change
// takes away (Transitions). needs narrows the needs (a group's); nil is
// every need.
func (s *Server) buildPathway(ctx context.Context, l *graph.Landscape, pw *pathway, needs []string, lang string) error {
	if needs != nil && len(needs) == 0 {
		return nil // no need of the kind asked for: an empty path
	}
	ix, err := gap.CachedIndex(l)
	if err != nil {
		return err
	}
	p := pw.Person
	prof := gap.Profile{Gender: p.Gender, AgeBand: p.AgeBand, Status: p.Status, Exploitation: p.Exploitation, Region: p.Region}
	q := gap.Query{Genders: []graph.Gender{p.Gender}, AgeBands: []graph.AgeBand{p.AgeBand}, Statuses: []string{p.Status},
		Exploitation: []string{p.Exploitation}, Regions: []string{p.Region}, Needs: needs,
		Kinds: cellKinds, Limit: -1, MaxExcluded: 0,
		Privacy: privacy.Rule{Threshold: s.cfg.SuppressBelow, Step: s.cfg.SuppressStep}}
	res, err := gap.Analyse(ctx, l, q, gap.Scenario{})
	if err != nil {
		return err
	}
	gaps := map[[2]string]*gap.Gap{}
	for i := range res.Gaps {
		g := &res.Gaps[i]
		gaps[[2]string{g.Need, g.Stage}] = g
	}
	acc := newPathFacts(l, lang)
	needIDs := needs
	if needIDs == nil {
		for _, n := range graph.All[*graph.Need](l) {
			needIDs = append(needIDs, n.ID)
		}
	}
	studies := map[string]evidence.NeedStudies{}
	for _, st := range ix.Stages() {
		stage := pathStage{ID: st, Name: nodeLabel(l, st, lang), Needs: []pathNeed{}}
		for _, n := range needIDs {
			c, err := ix.Cover(gap.Cell{Profile: prof, Need: n, Stage: st})
			if err != nil {
				return err
			}
			if !c.Applies {
				continue
			}
			pn := pathNeed{ID: n, Name: nodeLabel(l, n, lang), Services: []pathService{}, Excluded: []pathExclusion{}}
			for _, ref := range c.Covering {
				pn.Services = append(pn.Services, acc.service(ref))
			}
			for _, e := range c.Excluded {
				pn.Excluded = append(pn.Excluded, acc.exclusion(e))
			}
			if g := gaps[[2]string{n, st}]; g != nil {
				pn.Kinds = g.Kinds
				pn.Broken = slices.ContainsFunc(g.Kinds, func(k gap.Kind) bool { return slices.Contains(breakKinds, k) })
				pn.Break = breakWords(g, lang)
				acc.gap(g)
			}
			if e := c.Entitlement; e != nil {
				pn.Right = rightWords(e, lang)
			}
			ns, ok := studies[n]
			if !ok {
				ns = evidence.OnNeed(l, n, evidence.Population{AgeBands: []graph.AgeBand{p.AgeBand}})
				studies[n] = ns
			}
			pn.Studies = []pathStudy{}
			for _, sd := range ns.Studies {
				pn.Studies = append(pn.Studies, pathStudy{ID: sd.ID, Title: acc.sourceTitle(sd.ID), Year: sd.Year,
					Norwegian: slices.ContainsFunc(sd.Countries, func(t evidence.Tag) bool { return t.ID == "no" })})
			}
			pn.NoNorwegian = ns.Sentence(lang)
			stage.Needs = append(stage.Needs, pn)
		}
		if len(stage.Needs) > 0 {
			pw.Stages = append(pw.Stages, stage)
		}
	}
	if err := s.pathChanges(ctx, l, pw, q, acc, lang); err != nil {
		return err
	}
	pw.Sources, pw.Assumed = acc.list()
	return nil
}

// pathChanges fills the status changes out of the person's status: for
// each, the needs whose cover is lost (the engine's lost_in_transition, as
// Transitions reports it) and the rights lost at the person's age band.
func (s *Server) pathChanges(ctx context.Context, l *graph.Landscape, pw *pathway, q gap.Query, acc *pathFacts, lang string) error {
	from := pw.Person.Status
	for _, e := range l.Out(from, graph.EdgeTransitionsTo) {
		ch := pathChange{To: e.To, Name: nodeLabel(l, e.To, lang), TypicalDays: e.TypicalDays,
			NeedsLost: []pathLoss{}, RightsLost: []string{}}
		if lang == "en" { // the seed gives triggers in English only
			ch.Trigger = e.Trigger
		}
		acc.edge(e)
		if st, err := graph.Lookup[*graph.Status](l, e.To); err == nil && st.Terminal {
			ch.Exit = true
			pw.Changes = append(pw.Changes, ch)
			continue
		}
		tq := q
		tq.Statuses = []string{e.To}
		res, err := gap.Transitions(ctx, l, tq, gap.Scenario{})
		if err != nil {
			return err
		}
		for _, tr := range res.Transitions {
			if tr.From != from || tr.To != e.To {
				continue
			}
			for _, nl := range tr.NeedsLost {
				loss := pathLoss{Need: nl.Need, Name: nodeLabel(l, nl.Need, lang)}
				for _, st := range nl.Stages {
					loss.Stages = append(loss.Stages, nodeLabel(l, st, lang))
				}
				ch.NeedsLost = append(ch.NeedsLost, loss)
			}
			for _, el := range tr.EntitlementsLost {
				if len(el.AgeBands) == 0 || slices.Contains(el.AgeBands, pw.Person.AgeBand) {
					ch.RightsLost = append(ch.RightsLost, nodeLabel(l, el.Need, lang))
				}
			}
			acc.ids(tr.Sources)
		}
		pw.Changes = append(pw.Changes, ch)
	}
	return nil
}

// breakWords says in words where the path breaks at a gap.
func breakWords(g *gap.Gap, lang string) string {
	var parts []string
	for _, k := range g.Kinds {
		if k == gap.KindFragile && len(g.Fragile) > 0 {
			var rs []string
			for _, r := range g.Fragile {
				rs = append(rs, translate(lang, "pathway.fragile."+string(r)))
			}
			parts = append(parts, translate(lang, "pathway.kind.fragile")+" ("+strings.Join(rs, "; ")+")")
			continue
		}
		parts = append(parts, translate(lang, "pathway.kind."+string(k)))
	}
	return strings.Join(parts, ". ")
}

// rightWords says the person's right in law to a need.
func rightWords(e *gap.Entitlement, lang string) string {
	key := "pathway.right"
	if e.Extent == graph.ExtentPartial {
		key = "pathway.right.partial"
	}
	w := translate(lang, key)
	basis := e.LegalBasis
	if lang == "nb" { // the seed explains the law in English: keep only its reference
		ref, _, found := strings.Cut(basis, " – ")
		basis = ""
		if found {
			basis = ref
		}
	}
	if basis != "" {
		w += ": " + basis
	}
	return w
}
