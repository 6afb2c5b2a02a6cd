package gap

// Diff is how a scenario changes the gaps of the cell kinds: per kind, the
// cells where the kind appears (opened) or disappears (closed).
type Diff struct {
	Baseline    Counts      `json:"baseline"`
	Opened      Counts      `json:"opened"`
	Closed      Counts      `json:"closed"`
	OpenedGaps  []GapChange `json:"opened_gaps,omitempty"`
	ClosedGaps  []GapChange `json:"closed_gaps,omitempty"`
	OpenedTotal int         `json:"opened_total"`
	ClosedTotal int         `json:"closed_total"`
}

// Empty reports whether the scenario changes no gap.
func (d *Diff) Empty() bool { return d == nil || d.OpenedTotal == 0 && d.ClosedTotal == 0 }

// GapChange is one kind of gap opened or closed in one cell.
type GapChange struct {
	Cell
	Kind Kind `json:"kind"`
}

// compare adds one cell to the diff: the kinds it has under the scenario
// (now) and in the landscape as it is (was).
func (an *analysis) compare(pr prof, ni, ti int, was, now kindSet) {
	df := an.diff
	df.Baseline.Cells++
	df.Baseline.add(was)
	opened, closed := now&^was, was&^now
	if opened != 0 {
		df.Opened.Cells++
		df.Opened.add(opened)
		an.changes(&df.OpenedGaps, &df.OpenedTotal, pr, ni, ti, opened)
	}
	if closed != 0 {
		df.Closed.Cells++
		df.Closed.add(closed)
		an.changes(&df.ClosedGaps, &df.ClosedTotal, pr, ni, ti, closed)
	}
}

// changes lists one GapChange per kind in ks, up to the plan's limit.
func (an *analysis) changes(list *[]GapChange, total *int, pr prof, ni, ti int, ks kindSet) {
	for _, k := range ks.list() {
		if inLimit(*total, an.p.limit) {
			*list = append(*list, GapChange{Cell: an.cell(pr, an.p.needs[ni], an.p.stages[ti]), Kind: k})
		}
		*total++
	}
}
