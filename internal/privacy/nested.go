package privacy

// Nested is a pair of groups of which every person of Inner is also one of
// Outer's (a municipality's group inside its county's, an age band inside
// "all ages"), by their positions in a list of sizes.
type Nested struct{ Outer, Inner int }

// Withheld returns which of the groups of the given sizes (0 or less:
// unknown) must not be published at all under r, so that no group inside
// another gives, by subtraction, a count under the threshold: for each
// nested pair whose sizes are both shown and differ by 1 to threshold-1
// (a county's 103 beside its municipality's 100 gives the 3 outside the
// municipality), the outer group, the total, is withheld. Withholding one
// group never brings another pair within the threshold, so one pass in
// the order of nested is enough; a total withheld is left out of every
// sum, as an unknown size is.
//
// Only pairs are checked: a group that is the union of two published
// groups inside it and of fewer than threshold people more is not.
func (r Rule) Withheld(sizes []int, nested []Nested) []bool {
	out := make([]bool, len(sizes))
	shown := func(i int) bool { return !out[i] && sizes[i] > 0 && !r.Suppressed(sizes[i]) }
	for _, p := range nested {
		if p.Outer == p.Inner || !shown(p.Outer) || !shown(p.Inner) {
			continue
		}
		if d := sizes[p.Outer] - sizes[p.Inner]; d > 0 && r.Suppressed(d) {
			out[p.Outer] = true
		}
	}
	return out
}
