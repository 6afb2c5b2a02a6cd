package evidence

import (
	"cmp"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// Priority is an empty cell of the map of Norway that matters: one that
// the NKVTS finding names (health workers), or one that studies from
// elsewhere fill, so that the knowledge exists but not for Norway.
type Priority struct {
	Theme        graph.Theme       `json:"theme"`
	Participants graph.Participant `json:"participants"`
	// Elsewhere are the studies of the cell with data from other countries.
	Elsewhere []string `json:"elsewhere"`
	// Finding is whether the NKVTS finding names the cell's column.
	Finding bool `json:"finding"`
}

// Priorities returns the empty cells of the map of Norway (under design d,
// "" for all) that matter most, at most n: the cells of the column the
// NKVTS finding names first, then those with the most studies from
// elsewhere; a cell no study anywhere fills is left out (nothing says it
// matters). Within a rank, the grid's order.
func Priorities(l *graph.Landscape, d graph.Design, n int) []Priority {
	norway := Build(l, Filter{Country: CountryNorway, Design: d})
	all := Build(l, Filter{Country: CountryGlobal, Design: d})
	finding := map[graph.Participant]bool{}
	for _, note := range norway.Notes {
		finding[note.Participants] = note.Empty
	}
	var out []Priority
	for i, c := range norway.Cells {
		if !c.Gap() || len(all.Cells[i].Studies) == 0 {
			continue
		}
		out = append(out, Priority{Theme: c.Theme, Participants: c.Participants,
			Elsewhere: all.Cells[i].Studies, Finding: finding[c.Participants]})
	}
	slices.SortStableFunc(out, func(a, b Priority) int {
		if a.Finding != b.Finding {
			if a.Finding {
				return -1
			}
			return 1
		}
		return cmp.Compare(len(b.Elsewhere), len(a.Elsewhere))
	})
	if n >= 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
