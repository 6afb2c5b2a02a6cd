package evidence

import (
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// OnGaps returns the studies on the needs of res: of each gap (narrowed to
// studies about children when the gap's profile is a child) and of each
// need lost at a status transition. One entry per need and population, in
// the order res first names them.
func OnGaps(l *graph.Landscape, res *gap.Result) []NeedStudies {
	out := []NeedStudies{}
	seen := map[[2]string]bool{}
	add := func(need string, pop Population) {
		key := [2]string{need, "everyone"}
		if pop.childrenOnly() {
			key[1] = "children"
		}
		if need == "" || seen[key] {
			return
		}
		seen[key] = true
		out = append(out, OnNeed(l, need, pop))
	}
	for _, g := range res.Gaps {
		add(g.Need, Population{AgeBands: []graph.AgeBand{g.Profile.AgeBand}})
	}
	for _, t := range res.Transitions {
		for _, n := range t.NeedsLost {
			add(n.Need, Population{})
		}
	}
	return out
}
