package gap

import "math/bits"

// accumulate adds region r's cells (at plan position rpos), whose masks
// w.masks has just computed, to the worker's accumulators and the cube's
// block counts.
func (w *cubeWorker) accumulate(r, rpos int) {
	cu, an := w.cu, w.cu.an
	p, d, cbw, sw := an.p, an.ix.d, cu.cb.w, cu.sw
	nt := len(p.stages)
	a := &w.acc
	for _, v := range []*vcounter{w.cells, w.unc, w.ent, w.entp, w.frag, w.single, w.lost, w.gap, w.opened, w.closed, w.focus} {
		if v != nil {
			v.reset()
		}
	}
	crit := a.crit != nil
	if crit {
		for j, i := range w.now.list {
			w.local[i] = int32(j)
			if j >= len(w.profMask) {
				w.profMask = append(w.profMask, make([]uint64, sw))
			}
		}
	}
	clear(w.kept)
	tu, te, tf, tl, tg, tx := w.tmp[0], w.tmp[1], w.tmp[2], w.tmp[3], w.tmp[4], w.tmp[5]
	tp, ts := w.tmp[10], w.tmp[11]
	var region Counts
	for ni, n := range p.needs {
		valid := w.validOf(ni)
		arises := cu.arises[ni]
		if !arises.empty() {
			for _, pos := range cu.evalPos {
				orWords(w.kept[pos*cbw:(pos+1)*cbw], valid[pos*cbw:(pos+1)*cbw])
			}
		}
		for ti := range p.stages {
			if !arises.has(ti) {
				continue // the need does not arise at the stage: no cells
			}
			b := ni*nt + ti
			at := b * sw
			var ns Counts
			for si, pos := range cu.evalPos {
				o := pos * cbw
				v := valid[o : o+cbw]
				for k, vk := range v {
					tu[k] = w.now.u[at+o+k] & vk
					te[k] = w.now.e[at+o+k] & vk
					tf[k] = w.now.f[at+o+k] & vk
					tl[k] = w.now.l[at+o+k] & vk
					tp[k] = w.now.ep[at+o+k] & vk
					ts[k] = w.now.sp[at+o+k] & vk
					tg[k] = tu[k] | te[k] | tf[k] | tl[k] | tp[k] | ts[k]
				}
				c := Counts{Cells: popcount(v), Uncovered: popcount(tu), EntitledUnserved: popcount(te), EntitledPartial: popcount(tp),
					Fragile: popcount(tf), SingleProvider: popcount(ts), LostInTransition: popcount(tl)}
				if c.Cells == 0 {
					continue
				}
				ns.addCounts(c)
				a.tally.statusNeed[p.statuses[si]*a.tally.needs+ni].addCounts(c)
				w.cells.add(v)
				w.unc.add(tu)
				w.ent.add(te)
				w.entp.add(tp)
				w.frag.add(tf)
				w.single.add(ts)
				w.lost.add(tl)
				w.gap.add(tg)
				a.gaps += popcount(tg)

				for _, k := range w.needGroups[ni] {
					gm := cu.groupMask[k][o : o+cbw]
					for q := range tx {
						tx[q] = gm[q] & v[q]
					}
					if !anyBits(tx) {
						continue
					}
					ga := &a.groups[k]
					ga.counts.Cells += popcount(tx)
					ga.counts.Uncovered += andCount(tx, tu)
					ga.counts.EntitledUnserved += andCount(tx, te)
					ga.counts.EntitledPartial += andCount(tx, tp)
					ga.counts.Fragile += andCount(tx, tf)
					ga.counts.SingleProvider += andCount(tx, ts)
					ga.counts.LostInTransition += andCount(tx, tl)
					if andAny(tx, tu) {
						if ga.uncovered == nil {
							ga.uncovered = newBitset(len(d.needs))
						}
						ga.uncovered.set(n)
					}
				}

				if crit {
					w.critical(b, ni, pos, v)
				}
				if cu.was != nil {
					w.compare(at+o, v, [cellKinds][]uint64{tu, te, tp, tf, ts, tl})
				}
			}
			a.tally.needStage[ni*nt+ti].addCounts(ns)
			region.addCounts(ns)
		}
		w.transitions(ni, valid)
	}
	a.tally.region[r].addCounts(region)

	// Profiles kept, and the groups' share of them.
	for _, pos := range cu.evalPos {
		a.profiles += popcount(w.kept[pos*cbw : (pos+1)*cbw])
	}
	for _, k := range w.groups {
		n := 0
		for _, pos := range cu.evalPos {
			n += andCount(cu.groupMask[k][pos*cbw:(pos+1)*cbw], w.kept[pos*cbw:(pos+1)*cbw])
		}
		a.groups[k].profiles += n
	}
	if crit {
		for j, i := range w.now.list {
			m := w.profMask[j]
			if n := popcount(m); n > 0 {
				a.crit[i].profiles += n
				clear(m)
			}
		}
	}

	// Per triple: the tallies of its gender, age band and exploitation, and
	// the block counts.
	regions := len(p.regions)
	for t := range cu.cb.n {
		cells := w.cells.count(t)
		if cells == 0 {
			continue
		}
		c := Counts{Cells: cells, Uncovered: w.unc.count(t), EntitledUnserved: w.ent.count(t), EntitledPartial: w.entp.count(t),
			Fragile: w.frag.count(t), SingleProvider: w.single.count(t), LostInTransition: w.lost.count(t)}
		g, ag, e := cu.cb.split(t)
		a.tally.gender[p.genders[g]].addCounts(c)
		a.tally.age[p.ages[ag]].addCounts(c)
		a.tally.expl[p.expls[e]].addCounts(c)
		at := t*regions + rpos
		cu.blockGaps[at] = int32(w.gap.count(t))
		if w.opened != nil {
			cu.blockOpened[at], cu.blockClosed[at] = int32(w.opened.count(t)), int32(w.closed.count(t))
		}
		if w.focus != nil {
			cu.blockFocus[at] = int32(w.focus.count(t))
		}
	}
}

// critical counts the cells of bucket b (need position ni) at scanned status
// position pos that one service alone covers, kept cells v.
func (w *cubeWorker) critical(b, ni, pos int, v []uint64) {
	cu := w.cu
	cbw, sw := cu.cb.w, cu.sw
	o := b*sw + pos*cbw
	sole := w.now.sole[o : o+cbw]
	if !andAny(sole, v) {
		return
	}
	sd, a := cu.now, &w.acc
	tx := w.tmp[5]
	for _, i := range w.now.buckets[b] {
		if !acceptsPos(sd.statuses[i], pos) {
			continue
		}
		base := sd.base[i]
		for k := range tx {
			tx[k] = base[k] & sole[k] & v[k]
		}
		n := popcount(tx)
		if n == 0 {
			continue
		}
		ca := &a.crit[i]
		if ca.needs == nil {
			ca.needs = make([]int, len(cu.an.p.needs))
			ca.groups = newBitset(len(cu.an.ix.d.groups))
		}
		ca.cells += n
		ca.needs[ni] += n
		orWords(w.profMask[w.local[i]][pos*cbw:(pos+1)*cbw], tx)
		for _, k := range w.needGroups[ni] {
			if andAny(cu.groupMask[k][pos*cbw:(pos+1)*cbw], tx) {
				ca.groups.set(k)
			}
		}
		if int(i) == cu.an.focus && w.focus != nil {
			w.focus.add(tx)
		}
	}
}

func acceptsPos(sts []statusRule, pos int) bool {
	for _, st := range sts {
		if int(st.pos) == pos {
			return true
		}
	}
	return false
}

// compare adds to the diff the kept cells v of one chunk (at offset at of
// the masks) whose kinds under the scenario are nowKinds (in the order of
// Counts.addKind).
func (w *cubeWorker) compare(at int, v []uint64, nowKinds [cellKinds][]uint64) {
	df := &w.acc.diff
	df.Baseline.Cells += popcount(v)
	op, cl, opAny, clAny := w.tmp[6], w.tmp[7], w.tmp[8], w.tmp[9]
	clear(opAny)
	clear(clAny)
	wasKinds := [cellKinds][]uint64{w.was.u, w.was.e, w.was.ep, w.was.f, w.was.sp, w.was.l}
	var opened, closed Counts
	for kind := range cellKinds {
		var nb, no, nc int
		for k, vk := range v {
			was := wasKinds[kind][at+k] & vk
			now := nowKinds[kind][k]
			op[k], cl[k] = now&^was, was&^now
			opAny[k] |= op[k]
			clAny[k] |= cl[k]
			nb += bits.OnesCount64(was)
			no += bits.OnesCount64(op[k])
			nc += bits.OnesCount64(cl[k])
		}
		df.Baseline.addKind(kind, nb)
		opened.addKind(kind, no)
		closed.addKind(kind, nc)
		w.opened.add(op)
		w.closed.add(cl)
	}
	opened.Cells, closed.Cells = popcount(opAny), popcount(clAny)
	df.Opened.addCounts(opened)
	df.Closed.addCounts(closed)
	df.OpenedTotal += opened.kinds()
	df.ClosedTotal += closed.kinds()
}

// transitions counts, for need position ni, the cells of each reported
// transition covered under its From status and not under its To status,
// for the kept profiles (valid) before the transition.
func (w *cubeWorker) transitions(ni int, valid []uint64) {
	cu, an := w.cu, w.cu.an
	if len(an.trans) == 0 {
		return
	}
	p, cbw, sw := an.p, cu.cb.w, cu.sw
	nt := len(p.stages)
	arises := cu.arises[ni]
	for x, tr := range an.trans {
		ta := &w.acc.trans[x]
		clear(w.lostAny)
		from, to := tr.fromPos*cbw, tr.toPos*cbw
		v := valid[from : from+cbw]
		for ti := range nt {
			if !arises.has(ti) {
				continue
			}
			at := (ni*nt + ti) * sw
			n := 0
			for k, vk := range v {
				lost := w.now.c1[at+from+k] &^ w.now.c1[at+to+k] & vk
				w.lostAny[k] |= lost
				n += bits.OnesCount64(lost)
			}
			if n > 0 {
				ta.cells += n
				ta.needCells[ni] += n
				ta.needStages[ni].set(ti)
			}
		}
		profiles := popcount(w.lostAny)
		if profiles == 0 {
			continue
		}
		ta.needProfiles[ni] += profiles
		for _, k := range w.needGroups[ni] {
			if andAny(cu.groupMask[k][from:from+cbw], w.lostAny) {
				ta.groups.set(k)
			}
		}
	}
}

func andCount(a, b []uint64) int {
	n := 0
	for k, x := range a {
		n += bits.OnesCount64(x & b[k])
	}
	return n
}

func andAny(a, b []uint64) bool {
	for k, x := range a {
		if x&b[k] != 0 {
			return true
		}
	}
	return false
}
