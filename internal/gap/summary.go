package gap

// tallies count cells by each value of each dimension, and by status and
// need, as the scan goes. Each cell adds one to three histograms over its
// kinds (16 kind sets): one per status and need position, one per need and
// stage position, one per block (gender, age band, exploitation, region);
// the Counts are derived from them at the end.
type tallies struct {
	stages                    int
	statusNeed                [][16]int // [status ordinal * needs + need position]
	needStage                 [][16]int // [need position * stages + stage position]
	block                     [16]int
	gender, age, expl, region [][16]int
	needs                     int
}

func newTallies(d *dims, p *plan) tallies {
	return tallies{
		stages:     len(p.stages),
		needs:      len(d.needs),
		statusNeed: make([][16]int, len(d.statuses)*len(d.needs)),
		needStage:  make([][16]int, len(p.needs)*len(p.stages)),
		gender:     make([][16]int, len(d.genders)),
		age:        make([][16]int, len(d.ages)),
		expl:       make([][16]int, len(d.expls)),
		region:     make([][16]int, len(d.regions)),
	}
}

func (t *tallies) add(s, ni, ti int, ks kindSet) {
	t.statusNeed[s*t.needs+ni][ks&15]++
	t.needStage[ni*t.stages+ti][ks&15]++
	t.block[ks&15]++
}

// endBlock adds the block's histogram to its gender, age band,
// exploitation and region.
func (t *tallies) endBlock(pr prof) {
	for _, h := range []*[16]int{&t.gender[pr.g], &t.age[pr.a], &t.expl[pr.e], &t.region[pr.r]} {
		for i, n := range t.block {
			h[i] += n
		}
	}
	t.block = [16]int{}
}

// counts turns histograms into Counts.
func counts(hs ...[16]int) Counts {
	var c Counts
	for _, h := range hs {
		for ks, n := range h {
			if n == 0 {
				continue
			}
			c.Cells += n
			k := kindSet(ks)
			for _, x := range []struct {
				bit kindSet
				to  *int
			}{{bitUncovered, &c.Uncovered}, {bitEntitledUnserved, &c.EntitledUnserved}, {bitFragile, &c.Fragile}, {bitLost, &c.LostInTransition}} {
				if k.has(x.bit) {
					*x.to += n
				}
			}
		}
	}
	return c
}

// groupAcc accumulates a named group's share of the cells.
type groupAcc struct {
	profiles  int
	counts    Counts
	uncovered bitset // needs uncovered for one of its profiles
}

// summarise fills in Summary, Tallies, StatusNeeds and Groups.
func (an *analysis) summarise() {
	d, p, t := an.ix.d, an.p, &an.tally
	var status = make([]Counts, len(d.statuses))
	var need = make([][16]int, len(p.needs))
	var stage = make([][16]int, len(p.stages))
	for ni := range p.needs {
		for ti := range p.stages {
			h := t.needStage[ni*t.stages+ti]
			for k := range h {
				need[ni][k] += h[k]
				stage[ti][k] += h[k]
			}
		}
	}
	var all [][16]int
	for _, s := range p.statuses {
		var hs [][16]int
		for ni := range p.needs {
			hs = append(hs, t.statusNeed[s*t.needs+ni])
		}
		status[s] = counts(hs...)
		all = append(all, hs...)
	}
	an.res.Summary = counts(all...)
	if an.res.Summary.Cells == 0 {
		return
	}
	add := func(dim Dimension, value string, c Counts) {
		if c.Cells > 0 {
			an.res.Tallies = append(an.res.Tallies, Tally{Dimension: dim, Value: value, Counts: c})
		}
	}
	for _, g := range p.genders {
		add(DimGender, string(d.genders[g]), counts(t.gender[g]))
	}
	for _, a := range p.ages {
		add(DimAgeBand, string(d.ages[a]), counts(t.age[a]))
	}
	for _, s := range p.statuses {
		add(DimStatus, d.statuses[s], status[s])
	}
	for _, e := range p.expls {
		add(DimExploitation, d.expls[e], counts(t.expl[e]))
	}
	for _, r := range p.regions {
		add(DimRegion, d.regions[r], counts(t.region[r]))
	}
	for ni, n := range p.needs {
		add(DimNeed, d.needs[n], counts(need[ni]))
	}
	for ti, st := range p.stages {
		add(DimStage, d.stages[st], counts(stage[ti]))
	}
	for _, s := range p.statuses {
		for ni, n := range p.needs {
			if c := counts(t.statusNeed[s*t.needs+ni]); c.Cells > 0 {
				an.res.StatusNeeds = append(an.res.StatusNeeds, StatusNeed{Status: d.statuses[s], Need: d.needs[n], Counts: c})
			}
		}
	}
	for k, ga := range an.groups {
		if ga.counts.Cells == 0 {
			continue
		}
		g := d.groups[k]
		gs := GroupSummary{Group: g.ID, Profiles: ga.profiles, Counts: ga.counts}
		if g.SizeEstimate > 0 {
			gs.People = p.rule.Count(g.SizeEstimate)
		}
		for n := ga.uncovered.next(0); n >= 0; n = ga.uncovered.next(n + 1) {
			gs.NeedsUncovered = append(gs.NeedsUncovered, d.needs[n])
		}
		an.pv.name(g.ID)
		an.res.Groups = append(an.res.Groups, gs)
	}
}
