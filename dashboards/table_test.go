package dashboards

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

func TestServiceTable(t *testing.T) {
	l := testLandscape(t, "ROSA")
	got := ServiceTable(l, graph.All[*graph.Service](l), "nb")
	want := []ServiceRow{
		{
			NodeRef:      NodeRef{"laura", "/services/laura", "Laura's Hus"},
			Assumed:      true,
			Organisation: &NodeRef{"oslo", "/nodes/oslo", "Oslo kommune"},
			Sector:       graph.SectorShelter,
			City:         "Oslo",
			Needs:        []EdgeRef{{NodeRef: NodeRef{"shelter", "/nodes/shelter", "Safe accommodation"}}},
			Funding:      graph.FundingPermanent,
			Sources:      []NodeRef{{"nkvts", "/nodes/nkvts", "NKVTS 2025"}},
		},
		{
			NodeRef:      NodeRef{"rosa", "/services/rosa", "ROSA"},
			Organisation: &NodeRef{"krisesenter", "/nodes/krisesenter", "Krisesentersekretariatet"},
			Sector:       graph.SectorShelter,
			City:         "Oslo",
			Statuses: []EdgeRef{
				{NodeRef: NodeRef{"reflection", "/nodes/reflection", "Refleksjonsperiode"}},
				{NodeRef: NodeRef{"undocumented", "/nodes/undocumented", "Uten lovlig opphold"}, Partial: true, Assumed: true},
			},
			Needs:   []EdgeRef{{NodeRef: NodeRef{"shelter", "/nodes/shelter", "Safe accommodation"}}},
			Funding: graph.FundingProject,
			// The node's own source first, then the edges' sources.
			Sources: []NodeRef{{"rosa_web", "/nodes/rosa_web", "ROSA web"}, {"nkvts", "/nodes/nkvts", "NKVTS 2025"}},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ServiceTable mismatch (-want +got):\n%s", diff)
	}
}

func TestServiceTableSearch(t *testing.T) {
	l := testLandscape(t, "ROSA")
	rows := ServiceTable(l, l.Search("lauras hus"), "en")
	if len(rows) != 1 || rows[0].ID != "laura" {
		t.Errorf("rows for %q = %+v; want only laura", "lauras hus", rows)
	}
}
