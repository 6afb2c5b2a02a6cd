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

// listChanges lists one GapChange per kind in ks, while list is within the
// plan's limit, and counts them in listed.
func (an *analysis) listChanges(list *[]GapChange, listed *int, pr prof, ni, ti int, ks kindSet) {
	for _, k := range ks.list() {
		if inLimit(len(*list), an.p.limit) {
			*list = append(*list, GapChange{Cell: an.cell(pr, an.p.needs[ni], an.p.stages[ti]), Kind: k})
		}
		*listed++
	}
}
