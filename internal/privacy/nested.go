package privacy

import (
	"cmp"
	"slices"
)

// Nested is a pair of groups of which every person of Inner is also one of
// Outer's (a municipality's group inside its county's, an age band inside
// "all ages"), by their positions in a list of sizes.
type Nested struct{ Outer, Inner int }

// searchBudget is the most families of inner groups Withheld tries for one
// outer group; past it the outer group is withheld, as the safe answer.
const searchBudget = 1 << 14

// Withheld returns which of the groups of the given sizes (0 or less:
// unknown) must not be published at all under r, so that no group around
// others gives, by subtraction, a count under the threshold.
//
// For each outer group it looks for a family of shown groups nested in it
// whose sizes, taken from the outer's, leave 1 to threshold-1 people: one
// inner group (a county's 103 beside its municipality's 100 gives the 3
// outside the municipality), or several groups of which no two share a
// person (a county's 163 beside its two municipalities' 100 and 60 gives
// 3: 163 - 100 - 60). Such an outer group, the total, is withheld. Groups
// that may share people are not taken together: their sum counts some
// people twice and is no count of anyone. disjoint says whether two groups,
// by their positions, can share no person; nil means any two may, so only
// single inner groups are checked.
//
// Outer groups are settled from the smallest up, so that a group withheld
// as the total of groups inside it is left out when the groups around it
// are checked, as an unknown size is. Withholding a group only takes a
// number away, so it never brings another family within the threshold.
// An outer group with too many families to try (more than a few thousand)
// is withheld.
func (r Rule) Withheld(sizes []int, nested []Nested, disjoint func(a, b int) bool) []bool {
	out := make([]bool, len(sizes))
	shown := func(i int) bool { return !out[i] && sizes[i] > 0 && !r.Suppressed(sizes[i]) }
	inner := map[int][]int{}
	var outers []int
	for _, p := range nested {
		if p.Outer == p.Inner {
			continue
		}
		if _, ok := inner[p.Outer]; !ok {
			outers = append(outers, p.Outer)
		}
		inner[p.Outer] = append(inner[p.Outer], p.Inner)
	}
	slices.SortStableFunc(outers, func(a, b int) int { return cmp.Or(cmp.Compare(sizes[a], sizes[b]), cmp.Compare(a, b)) })
	for _, o := range outers {
		if !shown(o) {
			continue
		}
		var cand []int
		for _, i := range inner[o] {
			if shown(i) && sizes[i] < sizes[o] {
				cand = append(cand, i)
			}
		}
		if r.differs(sizes, o, cand, disjoint) {
			out[o] = true
		}
	}
	return out
}

// differs reports whether some family of the candidate groups cand, no two
// of them sharing a person, has sizes whose sum taken from outer's leaves
// 1 to threshold-1 people; true also when the families are too many to try.
func (r Rule) differs(sizes []int, outer int, cand []int, disjoint func(a, b int) bool) bool {
	target := sizes[outer]
	tried := 0
	var family []int
	var try func(from, sum int) bool
	try = func(from, sum int) bool {
		for j := from; j < len(cand); j++ {
			c := cand[j]
			s := sum + sizes[c]
			if s >= target {
				continue
			}
			if tried++; tried > searchBudget {
				return true
			}
			ok := len(family) == 0 || disjoint != nil
			for _, f := range family {
				if !ok {
					break
				}
				ok = disjoint(f, c)
			}
			if !ok {
				continue
			}
			if r.Suppressed(target - s) {
				return true
			}
			if disjoint == nil {
				continue
			}
			family = append(family, c)
			found := try(j+1, s)
			family = family[:len(family)-1]
			if found {
				return true
			}
		}
		return false
	}
	return try(0, 0)
}
