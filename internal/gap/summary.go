package gap

// tallies count cells by each value of each dimension, and by status and
// need, and by need and stage.
type tallies struct {
	stages, needs             int
	statusNeed                []Counts // [status ordinal * needs + need position]
	needStage                 []Counts // [need position * stages + stage position]
	gender, age, expl, region []Counts // by ordinal
}

func newTallies(d *dims, p *plan) tallies {
	return tallies{
		stages:     len(p.stages),
		needs:      len(d.needs),
		statusNeed: make([]Counts, len(d.statuses)*len(d.needs)),
		needStage:  make([]Counts, len(p.needs)*len(p.stages)),
		gender:     make([]Counts, len(d.genders)),
		age:        make([]Counts, len(d.ages)),
		expl:       make([]Counts, len(d.expls)),
		region:     make([]Counts, len(d.regions)),
	}
}

// add adds the tallies of u to t.
func (t *tallies) add(u *tallies) {
	for _, x := range []struct{ to, from []Counts }{
		{t.statusNeed, u.statusNeed}, {t.needStage, u.needStage},
		{t.gender, u.gender}, {t.age, u.age}, {t.expl, u.expl}, {t.region, u.region},
	} {
		for i := range x.to {
			x.to[i].addCounts(x.from[i])
		}
	}
}

// addCounts adds the counts of d to c.
func (c *Counts) addCounts(d Counts) {
	c.Cells += d.Cells
	c.Uncovered += d.Uncovered
	c.EntitledUnserved += d.EntitledUnserved
	c.EntitledPartial += d.EntitledPartial
	c.Fragile += d.Fragile
	c.SingleProvider += d.SingleProvider
	c.LostInTransition += d.LostInTransition
}

// cellKinds is the number of cell kinds (uncovered, entitled but unserved,
// entitled but served in part, fragile, single provider, lost in
// transition), the positions addKind takes.
const cellKinds = 6

// addKind adds n to the count of the cell kind at position kind of
// uncovered, entitled but unserved, entitled but served in part, fragile,
// single provider, lost in transition.
func (c *Counts) addKind(kind, n int) {
	switch kind {
	case 0:
		c.Uncovered += n
	case 1:
		c.EntitledUnserved += n
	case 2:
		c.EntitledPartial += n
	case 3:
		c.Fragile += n
	case 4:
		c.SingleProvider += n
	case 5:
		c.LostInTransition += n
	}
}

// kinds returns the number of (cell, kind) pairs c counts.
func (c Counts) kinds() int {
	return c.Uncovered + c.EntitledUnserved + c.EntitledPartial + c.Fragile + c.SingleProvider + c.LostInTransition
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
	need, stage := make([]Counts, len(p.needs)), make([]Counts, len(p.stages))
	for ni := range p.needs {
		for ti := range p.stages {
			c := t.needStage[ni*t.stages+ti]
			need[ni].addCounts(c)
			stage[ti].addCounts(c)
		}
	}
	status := make([]Counts, len(d.statuses))
	for _, s := range p.statuses {
		for ni := range p.needs {
			status[s].addCounts(t.statusNeed[s*t.needs+ni])
		}
		an.res.Summary.addCounts(status[s])
	}
	if an.res.Summary.Cells == 0 {
		return
	}
	add := func(dim Dimension, value string, c Counts) {
		if c.Cells > 0 {
			an.res.Tallies = append(an.res.Tallies, Tally{Dimension: dim, Value: value, Counts: c})
		}
	}
	for _, g := range p.genders {
		add(DimGender, string(d.genders[g]), t.gender[g])
	}
	for _, a := range p.ages {
		add(DimAgeBand, string(d.ages[a]), t.age[a])
	}
	for _, s := range p.statuses {
		add(DimStatus, d.statuses[s], status[s])
	}
	for _, e := range p.expls {
		add(DimExploitation, d.expls[e], t.expl[e])
	}
	for _, r := range p.regions {
		add(DimRegion, d.regions[r], t.region[r])
	}
	for ni, n := range p.needs {
		add(DimNeed, d.needs[n], need[ni])
	}
	for ti, st := range p.stages {
		add(DimStage, d.stages[st], stage[ti])
	}
	for _, s := range p.statuses {
		for ni, n := range p.needs {
			if c := t.statusNeed[s*t.needs+ni]; c.Cells > 0 {
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
		if size := p.sizes[k]; size > 0 {
			gs.People = p.rule.Count(size)
		}
		for n := ga.uncovered.next(0); n >= 0; n = ga.uncovered.next(n + 1) {
			gs.NeedsUncovered = append(gs.NeedsUncovered, d.needs[n])
		}
		an.pv.name(g.ID)
		an.res.Groups = append(an.res.Groups, gs)
	}
}
