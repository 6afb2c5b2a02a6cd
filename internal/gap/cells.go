package gap

import "context"

// scanCells walks every block of profiles (gender, age band, exploitation,
// region) in result order, computes the states of its cells for every
// scanned status, on the scenario's index and on the baseline, and hands
// them to visitBlock.
func (an *analysis) scanCells(ctx context.Context) error {
	p := an.p
	scans := []*scanner{newScanner(an.ix, p)}
	if an.base != nil {
		scans = append(scans, newScanner(an.base, p))
	}
	for _, g := range p.genders {
		for _, a := range p.ages {
			for _, sc := range scans {
				sc.setGenderAge(g, a)
			}
			for _, e := range p.expls {
				if err := ctx.Err(); err != nil {
					return err
				}
				for _, sc := range scans {
					sc.setExploitation(e)
				}
				for _, r := range p.regions {
					for _, sc := range scans {
						sc.setRegion(r)
						sc.block()
					}
					an.visitBlock(prof{g: g, a: a, e: e, r: r}, scans)
				}
			}
		}
	}
	return nil
}

// visitBlock evaluates every cell of a block: its kinds, its share of the
// tallies, the gap listed, criticality, the diff, the transitions.
func (an *analysis) visitBlock(pr prof, scans []*scanner) {
	p, gi := an.p, an.ix.gi
	main := scans[0]
	stages := len(p.stages)
	now, was := an.blockKinds(pr.a, scans)
	for k, s := range p.statuses {
		si := an.scanPos[s]
		pr.s = s
		an.serial++
		gi.ofProfile(an.pg, pr)
		kept := false
		for ni, n := range p.needs {
			an.cg.and(an.pg, gi.byNeed[n])
			if p.groups != nil && !an.cg.intersects(p.groups) {
				continue
			}
			kept = true
			groups := !an.cg.empty()
			at := (k*len(p.needs) + ni) * stages
			row := main.states[main.at(si, ni, 0):][:stages]
			for ti, st := range row {
				ks := now[at+ti]
				an.tally.add(s, ni, ti, ks)
				if groups {
					an.countGroups(ni, ks)
				}
				if ks&bitCellKinds != 0 {
					if an.gapsSeen >= p.q.Offset && inLimit(an.gapsSeen-p.q.Offset, p.limit) {
						an.res.Gaps = append(an.res.Gaps, an.gap(main, pr, ni, ti, st, ks))
					}
					an.gapsSeen++
				}
				if st.count == 1 && p.kinds.has(bitCriticality) {
					an.critical(pr, ni, ti, int(st.sole))
				}
				if was != nil {
					an.compare(pr, ni, ti, was[at+ti], ks)
				}
			}
		}
		if kept {
			an.res.Profiles++
			for k := an.pg.next(0); k >= 0; k = an.pg.next(k + 1) {
				an.groups[k].profiles++
			}
		}
	}
	an.tally.endBlock(pr)
	if p.kinds.has(bitLost) {
		an.visitTransitions(pr, main)
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
			for ti := range p.stages {
				out[i] = an.kinds(sc, si, s, ni, ti, sc.states[sc.at(si, ni, ti)], entitled)
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

// kinds returns the cell kinds of the cell of status position si, need
// position ni and stage position ti, whose state is st, among those the plan
// asks for. entitled says whether the status entitles the need at the
// profile's age.
func (an *analysis) kinds(sc *scanner, si, s, ni, ti int, st cellState, entitled bool) kindSet {
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
	case st.frag != 0:
		ks = bitFragile
	}
	return ks & an.p.kinds
}

// countGroups adds a cell to the groups that span it and need its need.
func (an *analysis) countGroups(ni int, ks kindSet) {
	for k := an.cg.next(0); k >= 0; k = an.cg.next(k + 1) {
		ga := &an.groups[k]
		ga.counts.Cells++
		ga.counts.add(ks)
		if ks.has(bitUncovered) {
			if ga.uncovered == nil {
				ga.uncovered = newBitset(len(an.ix.d.needs))
			}
			ga.uncovered.set(an.p.needs[ni])
		}
	}
}
