package gap

import (
	"context"
	"fmt"
	"sync"

	"github.com/gapmap/gapmap/graph"
)

// Analyse finds the gaps in landscape l that query q asks for, with scenario
// sc applied; an empty scenario analyses l as it is. With a scenario, the
// Result describes the changed landscape and its Diff the gaps the scenario
// opens and closes.
//
// Analyse is pure and deterministic: the same landscape, query and scenario
// give the same Result, in the same order. It is safe for concurrent use. It
// indexes l once and keeps the index in a small cache keyed by snapshot;
// callers that hold an Index can call Index.Analyse instead.
//
// The Result is cached per (snapshot, query, scenario) in a bounded LRU
// cache, and concurrent identical calls compute it once: a repeated call
// returns the same *Result. Results are therefore shared and read-only;
// callers must not modify them (copy what they need to change). The Index
// methods compute afresh on every call and do not cache.
//
// Errors: EINVALID for a query or scenario that names an unknown id or value
// (the message names the field, and for a scenario the change); the context's
// error if ctx is done first.
func Analyse(ctx context.Context, l *graph.Landscape, q Query, sc Scenario) (*Result, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return cachedResult(ctx, l, "analyse", q, sc, func(ctx context.Context, q Query, sc Scenario) (*Result, error) {
		return ix.Analyse(ctx, q, sc)
	})
}

// Analyse is the package-level Analyse on an index built beforehand.
func (ix *Index) Analyse(ctx context.Context, q Query, sc Scenario) (*Result, error) {
	an, err := ix.newAnalysis(q, sc)
	if err != nil {
		return nil, err
	}
	return an.run(ctx)
}

// analysis is the state of one call of Analyse: the plan, the index analysed
// (the scenario's, when there is one) and the accumulators of every section.
type analysis struct {
	ix   *Index // the landscape analysed, with the scenario applied
	base *Index // the landscape as it is, when a scenario is analysed
	p    *plan
	res  *Result
	pv   *provenance

	focus int // the service whose critical cells are listed, or -1

	scanPos []int           // status ordinal -> position in p.scan, or -1
	preds   [][]*transition // status ordinal -> transitions into it, both ends scanned
	trans   []*transition   // transitions reported: an end among p.statuses
	exits   []*graph.Edge   // transitions into a terminal status, an end among p.statuses

	pg, cg bitset

	kindMemo map[[3]int][2][]kindSet // (class now, class was, age band) -> kinds

	tally  tallies
	groups []groupAcc
	crit   []critAcc
	diff   *Diff

	// Totals counted by the cube pass, and how far the listing has got.
	gapsTotal, focusTotal                             int
	gapsSeen, listedOpened, listedClosed, listedFocus int
	focusList                                         []Cell         // the focus service's critical cells
	gapRefs                                           []gapRef       // the gaps listed, to describe
	gcells                                            []groupCellAcc // GroupCells' accumulators

	sideOnce sync.Once
	cb       *combos
	now      *side // an.ix prepared for the plan, shared by the cube and fragmentation passes
}

// side returns the plan's profile layout and an.ix prepared for the plan,
// built once for the passes that read them.
func (an *analysis) side() (*combos, *side) {
	an.sideOnce.Do(func() {
		an.cb = newCombos(an.p)
		an.now = newSide(an.ix, an.p, an.cb)
	})
	return an.cb, an.now
}

func (ix *Index) newAnalysis(q Query, sc Scenario) (*analysis, error) {
	p, err := newPlan(ix.l, ix.d, q)
	if err != nil {
		return nil, err
	}
	p.sizes = ix.gi.shown(p.rule)
	an := &analysis{ix: ix, p: p, focus: -1}
	an.res = &Result{Version: ix.l.Version(), Query: p.q, Gaps: []Gap{}}
	if len(sc.Changes) > 0 {
		r, err := ix.r.apply(ix.l, ix.d, sc)
		if err != nil {
			return nil, err
		}
		an.base, an.ix = ix, ix.withRules(r)
		scCopy := sc
		an.res.Scenario = &scCopy
		an.diff = &Diff{}
	}
	an.pv = newProvenance(an.ix)
	d := ix.d
	an.pg, an.cg = newBitset(len(d.groups)), newBitset(len(d.groups))
	an.scanPos = make([]int, len(d.statuses))
	for i := range an.scanPos {
		an.scanPos[i] = -1
	}
	for i, s := range p.scan {
		an.scanPos[s] = i
	}
	an.kindMemo = map[[3]int][2][]kindSet{}
	an.setTransitions()
	an.tally = newTallies(d, p)
	an.groups = make([]groupAcc, len(d.groups))
	return an, nil
}

// run evaluates the cells (the cube pass), lists those the Result lists,
// and solves the profiles' and groups' covers.
func (an *analysis) run(ctx context.Context) (*Result, error) {
	if err := an.runPasses(ctx); err != nil {
		return nil, fmt.Errorf("gap: analyse: %w", err)
	}
	an.finish()
	return an.res, nil
}

// runPasses runs the cell passes (cube, listing, descriptions) and the
// fragmentation passes side by side: they read the same immutable index
// and plan and write different parts of the Result. Names are recorded
// after both, as provenance is not safe for concurrent use.
func (an *analysis) runPasses(ctx context.Context) error {
	var fragErr error
	var wg sync.WaitGroup
	if an.p.kinds.has(bitFragmentation) {
		wg.Go(func() {
			keys, err := an.fragmentationSizes(ctx)
			if err == nil {
				err = an.reportFragmentation(ctx, keys)
			}
			fragErr = err
		})
	}
	err := an.cellPasses(ctx)
	wg.Wait()
	if err == nil {
		err = fragErr
	}
	if err != nil {
		return err
	}
	an.nameFragmentation()
	return nil
}

func (an *analysis) cellPasses(ctx context.Context) error {
	if an.p.kinds&(bitCellKinds|bitCriticality) == 0 {
		return nil
	}
	cu := newCube(an)
	if err := cu.run(ctx); err != nil {
		return err
	}
	if err := an.list(ctx, cu); err != nil {
		return err
	}
	return an.describeGaps(ctx)
}

// finish writes the sections accumulated by the scan and the dictionaries.
func (an *analysis) finish() {
	p, d := an.p, an.ix.d
	an.summarise()
	if p.kinds.has(bitLost) {
		an.reportTransitions()
		an.reportExits()
	}
	if p.kinds.has(bitCriticality) {
		an.reportCriticality()
	}
	if an.diff != nil {
		an.res.Diff = an.diff
	}
	an.res.GapsTotal = an.gapsTotal
	for _, s := range p.statuses {
		an.pv.name(d.statuses[s])
	}
	for _, e := range p.expls {
		an.pv.name(d.expls[e])
	}
	for _, r := range p.regions {
		an.pv.name(d.regions[r])
	}
	for _, n := range p.needs {
		an.pv.name(d.needs[n])
	}
	for _, t := range p.stages {
		an.pv.name(d.stages[t])
	}
	an.pv.fill(an.res)
}
