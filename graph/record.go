package graph

// NumberRecords sets the Record of each of revs, the revisions of one node
// newest first, as Store.History documents: the oldest starts record 1, and
// a creation (no node before, one after) that follows an earlier revision
// starts the next record unless it is Revived. Stores call it on the
// history they read, so that records are told apart however the history
// was written, also in revisions stored before records were kept: a
// creation there after a deletion starts a record of its own.
func NumberRecords(revs []Revision) {
	var rec int64
	for i := len(revs) - 1; i >= 0; i-- {
		r := &revs[i]
		if rec == 0 || r.Before == nil && r.After != nil && !r.Revived {
			rec++
		}
		r.Record = rec
	}
}

// Records returns the number of records in revs, the numbered history of one
// node: the newest record's number (0 for an empty history).
func Records(revs []Revision) int64 {
	if len(revs) == 0 {
		return 0
	}
	return revs[0].Record
}

// RecordRevisions returns the revisions of record rec in revs (the
// numbered history of one node, newest first), newest first; nil if there
// are none.
func RecordRevisions(revs []Revision, rec int64) []Revision {
	var out []Revision
	for _, r := range revs {
		if r.Record == rec {
			out = append(out, r)
		}
	}
	return out
}
