// Package progress tells the caller of a long export how far it has got:
// the graph files, the HSDS bundle and the tables call a Func now and then
// and once at the end.
package progress

// Func is told how far a long export has got: done of total items. A nil
// Func is not called.
type Func func(done, total int)

// Report calls p, if set.
func (p Func) Report(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// Every is how many items an export writes between two calls of its Func.
const Every = 500
