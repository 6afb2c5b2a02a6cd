package gap

import "context"

// list walks the blocks of profiles (gender, age band, exploitation,
// region) in result order and lists, up to the plan's limit, the gaps (from
// Query.Offset), the gaps a scenario opens and closes, and the cells the
// focus service alone covers. The cube's counts per block say which blocks
// hold any: only those are scanned, cell by cell, and the walk stops when
// every list is full.
func (an *analysis) list(ctx context.Context, cu *cube) error {
	p := an.p
	scans := []*scanner{newScanner(an.ix, p)}
	if an.base != nil {
		scans = append(scans, newScanner(an.base, p))
	}
	full := func() bool {
		if inLimit(len(an.gapRefs), p.limit) && an.gapsSeen < an.gapsTotal {
			return false
		}
		if an.diff != nil && (inLimit(len(an.diff.OpenedGaps), p.limit) && an.listedOpened < an.diff.OpenedTotal ||
			inLimit(len(an.diff.ClosedGaps), p.limit) && an.listedClosed < an.diff.ClosedTotal) {
			return false
		}
		return an.focus < 0 || !inLimit(len(an.focusList), p.limit) || an.listedFocus >= an.focusTotal
	}
	regions := len(p.regions)
	for t := 0; t < cu.cb.n && !full(); t++ {
		gp, ap, ep := cu.cb.split(t)
		pr := prof{g: p.genders[gp], a: p.ages[ap], e: p.expls[ep]}
		set := false
		for rpos, r := range p.regions {
			at := t*regions + rpos
			gaps := int(cu.blockGaps[at])
			wantGaps := gaps > 0 && an.gapsSeen+gaps > p.q.Offset && inLimit(len(an.gapRefs), p.limit)
			wantDiff := an.diff != nil && (cu.blockOpened[at] > 0 && inLimit(len(an.diff.OpenedGaps), p.limit) ||
				cu.blockClosed[at] > 0 && inLimit(len(an.diff.ClosedGaps), p.limit))
			wantFocus := cu.blockFocus != nil && cu.blockFocus[at] > 0 && inLimit(len(an.focusList), p.limit)
			if !wantGaps && !wantDiff && !wantFocus {
				an.gapsSeen += gaps
				if an.diff != nil {
					an.listedOpened += int(cu.blockOpened[at])
					an.listedClosed += int(cu.blockClosed[at])
				}
				if cu.blockFocus != nil {
					an.listedFocus += int(cu.blockFocus[at])
				}
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if !set {
				for _, sc := range scans {
					sc.setGenderAge(pr.g, pr.a)
					sc.setExploitation(pr.e)
				}
				set = true
			}
			for _, sc := range scans {
				sc.setRegion(r)
				sc.block()
			}
			pr.r = r
			an.listBlock(pr, scans)
		}
	}
	return nil
}

// listBlock lists the cells of one block, as list asks.
func (an *analysis) listBlock(pr prof, scans []*scanner) {
	p, gi := an.p, an.ix.gi
	main := scans[0]
	stages := len(p.stages)
	now, was := an.blockKinds(pr.a, scans)
	for k, s := range p.statuses {
		si := an.scanPos[s]
		pr.s = s
		gi.ofProfile(an.pg, pr)
		for ni, n := range p.needs {
			an.cg.and(an.pg, gi.byNeed[n])
			if p.groups != nil && !an.cg.intersects(p.groups) {
				continue
			}
			at := (k*len(p.needs) + ni) * stages
			row := main.states[main.at(si, ni, 0):][:stages]
			for ti, st := range row {
				if !an.ix.d.applies(s, pr.a, n, p.stages[ti]) {
					continue // not a need of the profile's here: no cell
				}
				ks := now[at+ti]
				if ks&bitCellKinds != 0 {
					if an.gapsSeen >= p.q.Offset && inLimit(len(an.gapRefs), p.limit) {
						an.refGap(main, pr, ni, ti, st, ks)
					}
					an.gapsSeen++
				}
				if an.focus >= 0 && st.count == 1 && int(st.sole) == an.focus {
					if inLimit(len(an.focusList), p.limit) {
						an.focusList = append(an.focusList, an.cell(pr, n, p.stages[ti]))
					}
					an.listedFocus++
				}
				if was != nil {
					w := was[at+ti]
					an.listChanges(&an.diff.OpenedGaps, &an.listedOpened, pr, ni, ti, ks&^w)
					an.listChanges(&an.diff.ClosedGaps, &an.listedClosed, pr, ni, ti, w&^ks)
				}
			}
		}
	}
}

// merge adds what one cube worker accumulated.
func (an *analysis) merge(a *cubeAcc) {
	an.tally.add(&a.tally)
	an.res.Profiles += a.profiles
	an.gapsTotal += a.gaps
	for k := range a.groups {
		g, x := &an.groups[k], &a.groups[k]
		g.profiles += x.profiles
		g.counts.addCounts(x.counts)
		if x.uncovered != nil {
			if g.uncovered == nil {
				g.uncovered = newBitset(len(an.ix.d.needs))
			}
			g.uncovered.or(x.uncovered)
		}
	}
	if a.crit != nil {
		if an.crit == nil {
			an.crit = make([]critAcc, len(a.crit))
		}
		for i := range a.crit {
			c, x := &an.crit[i], &a.crit[i]
			if x.cells == 0 {
				continue
			}
			if c.needs == nil {
				c.needs = make([]int, len(x.needs))
				c.groups = newBitset(len(an.ix.d.groups))
			}
			c.cells += x.cells
			c.profiles += x.profiles
			for ni, n := range x.needs {
				c.needs[ni] += n
			}
			c.groups.or(x.groups)
			if i == an.focus {
				an.focusTotal += x.cells
			}
		}
	}
	for k, tr := range an.trans {
		x := &a.trans[k]
		tr.cells += x.cells
		for ni := range x.needCells {
			tr.needCells[ni] += x.needCells[ni]
			tr.needProfiles[ni] += x.needProfiles[ni]
			tr.needStages[ni].or(x.needStages[ni])
		}
		tr.groups.or(x.groups)
	}
	if an.diff != nil {
		an.diff.Baseline.addCounts(a.diff.Baseline)
		an.diff.Opened.addCounts(a.diff.Opened)
		an.diff.Closed.addCounts(a.diff.Closed)
		an.diff.OpenedTotal += a.diff.OpenedTotal
		an.diff.ClosedTotal += a.diff.ClosedTotal
	}
}

// blockKinds returns the kinds of every cell of the current block, by
// [status in p.statuses][need][stage] position, under the scenario (now)
// and, with a scenario, in the landscape as it is (was). They depend only on
// the scanners' classes and the age band (entitlements depend on it), so
// they are remembered with them.
func (an *analysis) blockKinds(a int, scans []*scanner) (now, was []kindSet) {
	key := [3]int{scans[0].class, -1, a}
	if len(scans) > 1 {
		key[1] = scans[1].class
	}
	cacheable := key[0] >= 0 && (len(scans) == 1 || key[1] >= 0)
	if m, ok := an.kindMemo[key]; ok && cacheable {
		return m[0], m[1]
	}
	now = an.evaluate(scans[0], a)
	if len(scans) > 1 {
		was = an.evaluate(scans[1], a)
	}
	if cacheable {
		an.kindMemo[key] = [2][]kindSet{now, was}
	}
	return now, was
}

// evaluate computes the kinds of the current block of sc at age band a.
func (an *analysis) evaluate(sc *scanner, a int) []kindSet {
	p := an.p
	out := make([]kindSet, len(p.statuses)*len(p.needs)*len(p.stages))
	i := 0
	for _, s := range p.statuses {
		si := an.scanPos[s]
		for ni, n := range p.needs {
			entitled := entitledTo(sc.ix, s, n, a)
			full := entitled && entitledFully(sc.ix, s, n, a)
			for ti := range p.stages {
				out[i] = an.kinds(sc, si, s, ni, ti, sc.states[sc.at(si, ni, ti)], entitled, full)
				i++
			}
		}
	}
	return out
}

// entitledTo reports whether status s entitles need n at age band a in ix.
func entitledTo(ix *Index, s, n, a int) bool {
	e := ix.r.ents[s][n]
	return e != nil && e.ages.has(a)
}

// entitledFully reports whether status s entitles need n in full at age
// band a in ix.
func entitledFully(ix *Index, s, n, a int) bool {
	e := ix.r.ents[s][n]
	return e != nil && e.ages.has(a) && e.full.has(a)
}

// kinds returns the cell kinds of the cell of status position si, need
// position ni and stage position ti, whose state is st, among those the plan
// asks for. entitled says whether the status entitles the need at the
// profile's age, full whether in full.
func (an *analysis) kinds(sc *scanner, si, s, ni, ti int, st cellState, entitled, full bool) kindSet {
	var ks kindSet
	switch {
	case st.count == 0:
		ks = bitUncovered
		if entitled {
			ks |= bitEntitledUnserved
		}
		for _, tr := range an.preds[s] {
			if sc.states[sc.at(tr.fromPos, ni, ti)].covered() {
				ks |= bitLost
				break
			}
		}
	case st.frag&fragFragile != 0:
		ks = bitFragile
		if full && st.frag&fragPartial != 0 {
			ks |= bitEntitledPartial
		}
	case st.frag&fragSingle != 0:
		ks = bitSingleProvider
	}
	return ks & an.p.kinds
}
