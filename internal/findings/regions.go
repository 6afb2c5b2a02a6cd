package findings

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// regionDescriber names a set of profile regions by the region hierarchy:
// a region whose profile regions all lie in the set stands for them, so
// that "every municipality of Vestland and the county" reads "Vestland".
type regionDescriber struct {
	nm  names
	all int
	// filtered: the query named the regions, so a finding names those it
	// holds in ("in"), never "everywhere".
	filtered bool
	tops     []regionNode // every region with a profile region inside it, highest level first
}

type regionNode struct {
	id     string
	level  int
	inside []int // the map positions of the profile regions within it
}

var levelRank = map[graph.RegionLevel]int{graph.LevelCountry: 0, graph.LevelCounty: 1, graph.LevelMunicipality: 2}

func newRegionDescriber(l *graph.Landscape, m *gap.CellMap, filtered bool) *regionDescriber {
	rd := &regionDescriber{nm: names{l: l}, all: len(m.Regions), filtered: filtered}
	inside := map[string][]int{}
	level := map[string]int{}
	for pos, id := range m.Regions {
		for _, anc := range l.Ancestors(id) {
			inside[anc.ID] = append(inside[anc.ID], pos)
			level[anc.ID] = levelRank[anc.Level]
		}
		if _, ok := inside[id]; !ok { // a region the landscape does not hold (an unnamed one)
			inside[id] = []int{pos}
		}
	}
	for id, in := range inside {
		rd.tops = append(rd.tops, regionNode{id: id, level: level[id], inside: in})
	}
	slices.SortFunc(rd.tops, func(a, b regionNode) int {
		return cmp.Or(cmp.Compare(a.level, b.level), -cmp.Compare(len(a.inside), len(b.inside)), strings.Compare(a.id, b.id))
	})
	return rd
}

// cover returns the fewest regions that together hold exactly the profile
// regions of set (positions, true when in the set): the highest regions
// first.
func (rd *regionDescriber) cover(in []bool) []string {
	left := slices.Clone(in)
	var out []string
	for _, r := range rd.tops {
		all, some := true, false
		for _, p := range r.inside {
			if !in[p] {
				all = false
				break
			}
			if left[p] {
				some = true
			}
		}
		if !all || !some {
			continue
		}
		out = append(out, r.id)
		for _, p := range r.inside {
			left[p] = false
		}
	}
	return out
}

// describe says where the regions at positions ps are: everywhere, in the
// fewest regions that hold them, or everywhere except the fewest regions
// that hold the others, whichever names fewer regions.
func (rd *regionDescriber) describe(ps []int) Regions {
	out := Regions{Count: len(ps)}
	if len(ps) == rd.all && !rd.filtered {
		out.Mode = RegionsEverywhere
		return out
	}
	in := make([]bool, rd.all)
	for _, p := range ps {
		in[p] = true
	}
	not := make([]bool, rd.all)
	for i := range not {
		not[i] = !in[i]
	}
	inList, exceptList := rd.cover(in), rd.cover(not)
	out.Mode, out.List = RegionsIn, rd.refs(inList)
	if len(exceptList) < len(inList) && !rd.filtered {
		out.Mode, out.List = RegionsExcept, rd.refs(exceptList)
	}
	return out
}

func (rd *regionDescriber) refs(ids []string) []Ref {
	out := make([]Ref, len(ids))
	for i, id := range ids {
		out[i] = rd.nm.ref(id)
	}
	slices.SortFunc(out, func(a, b Ref) int { return strings.Compare(a.Name, b.Name) })
	return out
}
