package privacy

// Sum returns, as it may be published, the number of people in groups of
// the given sizes (a size of 0 or less is unknown and left out): the total
// of the groups whose own count is shown, that is of at least the
// threshold. A group under the threshold is never added to a total that is
// published: a total and its parts published together (103 beside a group
// of 100) would give the small group back by subtraction, and so would two
// totals that differ by it. When every known group is under the threshold
// the total is suppressed; when no size is known it is unknown.
//
// This is the suppression of the small cells and of every margin they
// would enter, as statistical offices do for tables: a published sum holds
// only numbers that are published themselves, so no sum or difference of
// published numbers recovers a suppressed one.
func (r Rule) Sum(sizes ...int) Count {
	n, known, small := 0, false, false
	for _, s := range sizes {
		switch {
		case s <= 0:
		case r.Suppressed(s):
			small, known = true, true
		default:
			n += s
			known = true
		}
	}
	if !known {
		return Count{}
	}
	if n == 0 && small {
		return Count{state: suppressed, shown: r.threshold()}
	}
	return Count{state: shown, shown: r.round(n)}
}
