package gap

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// TestCoverAgreesWithListedGaps checks that Cover describes a cell as the
// gap listing does: for every gap of a few profiles on the Norwegian seed,
// the same covering services, the same excluded services with the same
// rules, and the same entitlement; and that a cell the listing does not
// list is covered.
func TestCoverAgreesWithListedGaps(t *testing.T) {
	l := norway(t)
	ix, err := NewIndex(l)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []Profile{
		{Gender: graph.Female, AgeBand: graph.AgeAdult, Status: "undocumented", Exploitation: "sexual", Region: "oslo"},
		{Gender: graph.Male, AgeBand: graph.AgeChild, Status: "asylum_seeker", Exploitation: "forced_labour", Region: "bergen"},
		{Gender: graph.Female, AgeBand: graph.AgeYoungAdult, Status: "reflection", Exploitation: "sexual", Region: "norway"},
	} {
		q := Query{Genders: []graph.Gender{p.Gender}, AgeBands: []graph.AgeBand{p.AgeBand}, Statuses: []string{p.Status},
			Exploitation: []string{p.Exploitation}, Regions: []string{p.Region}, Limit: -1, MaxExcluded: -1,
			Kinds: []Kind{KindUncovered, KindEntitledUnserved, KindEntitledPartial, KindFragile, KindSingleProvider, KindLostInTransition}}
		res, err := ix.Analyse(context.Background(), q, Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		listed := map[[2]string]bool{}
		for _, g := range res.Gaps {
			listed[[2]string{g.Need, g.Stage}] = true
			c, err := ix.Cover(g.Cell)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Applies {
				t.Errorf("%s %s/%s: listed as a gap but Cover says the need does not apply", p, g.Need, g.Stage)
			}
			if diff := cmp.Diff(g.Covering, c.Covering); diff != "" {
				t.Errorf("%s %s/%s: covering mismatch (-listed +Cover):\n%s", p, g.Need, g.Stage, diff)
			}
			if diff := cmp.Diff(g.Excluded, c.Excluded); diff != "" {
				t.Errorf("%s %s/%s: excluded mismatch (-listed +Cover):\n%s", p, g.Need, g.Stage, diff)
			}
			if diff := cmp.Diff(g.Entitlement, c.Entitlement); diff != "" {
				t.Errorf("%s %s/%s: entitlement mismatch (-listed +Cover):\n%s", p, g.Need, g.Stage, diff)
			}
		}
		unlisted := 0
		for _, n := range ix.d.needs {
			for _, st := range ix.Stages() {
				c, err := ix.Cover(Cell{Profile: p, Need: n, Stage: st})
				if err != nil {
					t.Fatal(err)
				}
				if c.Applies && !listed[[2]string{n, st}] {
					unlisted++
					if len(c.Covering) < 2 {
						t.Errorf("%s %s/%s: not listed as a gap, yet Cover finds %d covering services", p, n, st, len(c.Covering))
					}
				}
			}
		}
		t.Logf("%s: %d gaps listed, %d cells without a gap", p, len(res.Gaps), unlisted)
	}
	if _, err := ix.Cover(Cell{Profile: Profile{Gender: graph.Female, AgeBand: graph.AgeAdult, Status: "nosuch", Exploitation: "sexual", Region: "oslo"}, Need: "health_primary", Stage: "first_contact"}); graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("an unknown status: error %v, want EINVALID", err)
	}
}
