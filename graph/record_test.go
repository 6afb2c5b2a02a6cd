package graph

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNumberRecords(t *testing.T) {
	n := &Need{Meta: Meta{ID: "x"}}
	created := Revision{After: n}
	changed := Revision{Before: n, After: n}
	deleted := Revision{Before: n}
	revived := Revision{After: n, Revived: true}
	neither := Revision{}
	for _, test := range []struct {
		name string
		revs []Revision // oldest first
		want []int64    // oldest first
	}{
		{"one record", []Revision{created, changed, deleted}, []int64{1, 1, 1}},
		{"created again", []Revision{created, deleted, created, changed}, []int64{1, 1, 2, 2}},
		{"revived", []Revision{created, deleted, revived, changed}, []int64{1, 1, 1, 1}},
		{"revived, deleted, created", []Revision{created, deleted, revived, deleted, created}, []int64{1, 1, 1, 1, 2}},
		{"edges only before history", []Revision{changed, deleted, created}, []int64{1, 1, 2}},
		{"created and deleted in one change", []Revision{neither, created}, []int64{1, 2}},
	} {
		t.Run(test.name, func(t *testing.T) {
			revs := make([]Revision, len(test.revs))
			for i, r := range test.revs {
				revs[len(revs)-1-i] = r
			}
			NumberRecords(revs)
			got := make([]int64, len(revs))
			for i, r := range revs {
				got[len(revs)-1-i] = r.Record
			}
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
			last := test.want[len(test.want)-1]
			if Records(revs) != last {
				t.Errorf("Records = %d, want %d", Records(revs), last)
			}
			var n int
			for _, w := range test.want {
				if w == last {
					n++
				}
			}
			if got := RecordRevisions(revs, last); len(got) != n || got[0].Record != last {
				t.Errorf("RecordRevisions(%d) = %d revisions, want %d", last, len(got), n)
			}
		})
	}
}
