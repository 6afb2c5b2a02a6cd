package gap

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// miniQuery looks at adult women in sexual exploitation only, so that a
// cell is named by region, status and need.
var miniQuery = Query{
	Genders:      []graph.Gender{graph.Female},
	AgeBands:     []graph.AgeBand{graph.AgeAdult},
	Exploitation: []string{"sexual"},
	Limit:        -1,
}

// key names a cell of miniQuery: "region/status/need".
func key(c Cell) string { return c.Profile.Region + "/" + c.Profile.Status + "/" + c.Need }

func TestKnownCellKinds(t *testing.T) {
	l := mini().build(t)
	res, err := Analyse(context.Background(), l, miniQuery, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	for _, test := range []struct {
		kind Kind
		want []string
	}{
		{KindUncovered, []string{
			"bergen/reflection/interpreter", "bergen/reflection/shelter",
			"bergen/residence/interpreter", "bergen/residence/shelter",
			"bergen/undocumented/interpreter", "bergen/undocumented/shelter",
			"oslo/reflection/interpreter", "oslo/residence/interpreter", "oslo/residence/shelter",
			"oslo/undocumented/interpreter",
			"vestland/reflection/interpreter", "vestland/reflection/shelter",
			"vestland/residence/interpreter", "vestland/residence/shelter",
			"vestland/undocumented/gp", "vestland/undocumented/interpreter", "vestland/undocumented/shelter",
		}},
		{KindEntitledUnserved, []string{"bergen/undocumented/interpreter", "oslo/undocumented/interpreter", "vestland/undocumented/interpreter"}},
		// Fragile: the clinic is project-funded and one NGO's, the shelter
		// volunteer-run and one NGO's; the GP (fastlege), permanent and
		// municipal, is a single provider only.
		{KindFragile, []string{
			"bergen/undocumented/gp",
			"oslo/reflection/shelter",
			"oslo/undocumented/gp", "oslo/undocumented/shelter",
		}},
		{KindSingleProvider, []string{
			"bergen/reflection/gp", "bergen/residence/gp",
			"oslo/reflection/gp", "oslo/residence/gp",
			"vestland/reflection/gp", "vestland/residence/gp",
		}},
		{KindLostInTransition, []string{"vestland/undocumented/gp"}},
	} {
		var got []string
		for _, g := range res.Gaps {
			for _, k := range g.Kinds {
				if k == test.kind {
					got = append(got, key(g.Cell))
				}
			}
		}
		if diff := cmp.Diff(test.want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", test.kind, diff)
		}
	}
	if diff := cmp.Diff(Counts{Cells: 36, Uncovered: 17, EntitledUnserved: 3, Fragile: 4, SingleProvider: 6, LostInTransition: 1}, res.Summary); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
}

func TestKnownGapDetail(t *testing.T) {
	l := mini().build(t)
	res, err := Analyse(context.Background(), l, miniQuery, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	find := func(k string) Gap {
		for _, g := range res.Gaps {
			if key(g.Cell) == k {
				return g
			}
		}
		t.Fatalf("no gap %s", k)
		return Gap{}
	}
	profile := func(region, status string) Profile {
		return Profile{Gender: graph.Female, AgeBand: graph.AgeAdult, Status: status, Exploitation: "sexual", Region: region}
	}
	for _, test := range []struct {
		key  string
		want Gap
	}{
		{"vestland/undocumented/gp", Gap{
			Cell:  Cell{Profile: profile("vestland", "undocumented"), Need: "gp", Stage: "contact"},
			Kinds: []Kind{KindUncovered, KindLostInTransition},
			Excluded: []Exclusion{
				{Service: "clinic", Reasons: []Reason{{DimRegion, "vestland", "clinic: region vestland not covered"}}},
				{Service: "fastlege", Reasons: []Reason{{DimStatus, "undocumented", "fastlege: status undocumented not accepted"}}},
			},
			ExcludedTotal:   2,
			LostFrom:        []Loss{{From: "reflection", Trigger: "reflection period ends", TypicalDays: 180, Covering: []string{"fastlege"}}},
			Sources:         []string{"law", "study"},
			Recommendations: []string{"greta_gp"},
		}},
		{"oslo/undocumented/gp", Gap{
			Cell:     Cell{Profile: profile("oslo", "undocumented"), Need: "gp", Stage: "contact"},
			Kinds:    []Kind{KindFragile},
			Fragile:  []FragileReason{SingleService, NoPermanentFunding, SingleNGO},
			Covering: []ServiceRef{{ID: "clinic", Organisation: "bymisjon", Sector: graph.SectorHealth, Funding: graph.FundingProject}},
			Excluded: []Exclusion{
				{Service: "fastlege", Reasons: []Reason{{DimStatus, "undocumented", "fastlege: status undocumented not accepted"}}},
			},
			ExcludedTotal:   1,
			Groups:          []string{"undoc_women_oslo"},
			PeopleAffected:  privacy.DefaultRule().Count(3),
			Sources:         []string{"study"},
			Recommendations: []string{"greta_gp"},
		}},
		{"oslo/undocumented/shelter", Gap{
			Cell:           Cell{Profile: profile("oslo", "undocumented"), Need: "shelter", Stage: "contact"},
			Kinds:          []Kind{KindFragile},
			Fragile:        []FragileReason{SingleService, NoPermanentFunding, PartialOnly, SingleNGO},
			Covering:       []ServiceRef{{ID: "shelter_ngo", Organisation: "redcross", Sector: graph.SectorShelter, Funding: graph.FundingVolunteer, Partial: true}},
			Groups:         nil,
			PeopleAffected: privacy.Count{},
		}},
		{"bergen/undocumented/interpreter", Gap{
			Cell:        Cell{Profile: profile("bergen", "undocumented"), Need: "interpreter", Stage: "contact"},
			Kinds:       []Kind{KindUncovered, KindEntitledUnserved},
			Entitlement: &Entitlement{Status: "undocumented", Need: "interpreter"},
			Sources:     []string{"law"},
		}},
	} {
		got := find(test.key)
		if diff := cmp.Diff(test.want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", test.key, diff)
		}
	}
	if got := find("oslo/undocumented/gp").PeopleAffected.String(); got != "<5" {
		t.Errorf("people affected by a group of 3: %q, want \"<5\"", got)
	}
}

func TestKnownTransitions(t *testing.T) {
	l := mini().build(t)
	res, err := Transitions(context.Background(), l, miniQuery, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	want := []TransitionReport{{
		From: "reflection", To: "undocumented", Trigger: "reflection period ends", TypicalDays: 180,
		Cells:            1,
		NeedsLost:        []NeedLoss{{Need: "gp", Cells: 1, Profiles: 1, Stages: []string{"contact"}}},
		EntitlementsLost: []EntitlementLoss{{Need: "gp", AgeBands: []graph.AgeBand{graph.AgeAdult}}},
		Groups:           []string{"reflection_all"},
		PeopleAffected:   privacy.DefaultRule().Count(40),
		Sources:          []string{"law"},
		Recommendations:  []string{"greta_gp"},
	}}
	if diff := cmp.Diff(want, res.Transitions); diff != "" {
		t.Errorf("transitions mismatch (-want +got):\n%s", diff)
	}
	if len(res.Gaps) != 1 || key(res.Gaps[0].Cell) != "vestland/undocumented/gp" {
		t.Errorf("Transitions lists gaps %v, want only vestland/undocumented/gp", res.Gaps)
	}
}

func TestKnownCriticality(t *testing.T) {
	l := mini().build(t)
	q := miniQuery
	q.Kinds = []Kind{KindCriticality}
	res, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	type impact struct {
		Service string
		Cells   int
		Needs   []NeedImpact
	}
	var got []impact
	for _, si := range res.Criticality {
		got = append(got, impact{si.Service, si.Cells, si.Needs})
	}
	want := []impact{
		{"fastlege", 6, []NeedImpact{{"gp", 6}}},
		{"clinic", 2, []NeedImpact{{"gp", 2}}},
		{"shelter_ngo", 2, []NeedImpact{{"shelter", 2}}},
		{"hospital", 0, nil},
		{"legevakt", 0, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("criticality mismatch (-want +got):\n%s", diff)
	}

	one, err := Criticality(context.Background(), l, "clinic", miniQuery, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, c := range one.Criticality[0].CellList {
		cells = append(cells, key(c))
	}
	if diff := cmp.Diff([]string{"bergen/undocumented/gp", "oslo/undocumented/gp"}, cells); diff != "" {
		t.Errorf("clinic's cells mismatch (-want +got):\n%s", diff)
	}
	if got := one.Criticality[0].Groups; !cmp.Equal(got, []string{"undoc_women_oslo"}) {
		t.Errorf("clinic's groups: %v", got)
	}
	if _, err := Criticality(context.Background(), l, "nope", miniQuery, Scenario{}); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("unknown service: error %v, want ENOTFOUND", err)
	}
}

func TestKnownFragmentation(t *testing.T) {
	l := mini().build(t)
	q := miniQuery
	q.Kinds = []Kind{KindFragmentation}
	q.Regions = []string{"oslo"}
	res, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	type frag struct {
		Status        string
		Uncoverable   []string
		Orgs, Sectors int
		Unlinked      []string
	}
	var got []frag
	for _, f := range res.Fragmentation {
		if !f.Organisations.Exact || !f.Sectors.Exact {
			t.Errorf("%s: cover not exact", f.Profile)
		}
		got = append(got, frag{f.Profile.Status, f.Uncoverable, f.Organisations.Size, f.Sectors.Size, f.Unlinked})
	}
	want := []frag{
		// emergency (helse or kommune), gp (clinic), shelter (shelter_ngo,
		// which the clinic refers to): three doors, one of them alone.
		{"undocumented", []string{"interpreter"}, 3, 2, nil},
		// kommune covers emergency and gp; the shelter is another door.
		{"reflection", []string{"interpreter"}, 2, 2, []string{"fastlege", "legevakt", "shelter_ngo"}},
		{"residence", []string{"interpreter", "shelter"}, 1, 1, []string{"fastlege", "legevakt"}},
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmp.FilterPath(func(p cmp.Path) bool { return strings.HasSuffix(p.String(), "Unlinked") }, cmp.Ignore())); diff != "" {
		t.Errorf("fragmentation mismatch (-want +got):\n%s", diff)
	}
	// The undocumented profile's cover: the clinic refers to the shelter,
	// the emergency service stands alone.
	u := res.Fragmentation[0]
	if len(u.Unlinked) != 1 || u.Unlinked[0] != "hospital" && u.Unlinked[0] != "legevakt" {
		t.Errorf("undocumented: unlinked %v, want the emergency service alone", u.Unlinked)
	}
	if got := res.Fragmentation[1].Unlinked; !cmp.Equal(got, want[1].Unlinked) {
		t.Errorf("reflection: unlinked %v, want %v", got, want[1].Unlinked)
	}
	var groups []string
	for _, f := range res.GroupFragmentation {
		groups = append(groups, f.Group)
		if f.Group == "undoc_women_oslo" {
			if diff := cmp.Diff(Cover{Size: 1, Members: []string{"bymisjon"}, Services: []string{"clinic"}, Exact: true, LowerBound: 1}, f.Organisations); diff != "" {
				t.Errorf("group cover mismatch (-want +got):\n%s", diff)
			}
			if f.PeopleAffected.String() != "<5" {
				t.Errorf("group people: %q", f.PeopleAffected)
			}
		}
	}
	if diff := cmp.Diff([]string{"reflection_all", "undoc_women_oslo"}, groups); diff != "" {
		t.Errorf("groups mismatch (-want +got):\n%s", diff)
	}
}

func TestKnownScenarios(t *testing.T) {
	l := mini().build(t)
	changes := func(gs []GapChange) []string {
		var out []string
		for _, g := range gs {
			out = append(out, key(g.Cell)+" "+string(g.Kind))
		}
		return out
	}
	for _, test := range []struct {
		name           string
		sc             Scenario
		opened, closed []string
	}{
		{"the GP opens to undocumented migrants",
			Scenario{Changes: []Change{{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented"}}}},
			// Vestland now has one GP for them: covered, by one statutory service.
			[]string{"vestland/undocumented/gp single_provider"},
			[]string{"bergen/undocumented/gp fragile", "oslo/undocumented/gp fragile", "vestland/undocumented/gp uncovered", "vestland/undocumented/gp lost_in_transition"}},
		{"the clinic closes",
			Scenario{Changes: []Change{{Kind: CloseService, Service: "clinic"}}},
			[]string{"bergen/undocumented/gp uncovered", "bergen/undocumented/gp lost_in_transition", "oslo/undocumented/gp uncovered", "oslo/undocumented/gp lost_in_transition"},
			[]string{"bergen/undocumented/gp fragile", "oslo/undocumented/gp fragile"}},
		{"undocumented adults get a right to a GP",
			Scenario{Changes: []Change{{Kind: GrantEntitlement, Status: "undocumented", Need: "gp"}}},
			[]string{"vestland/undocumented/gp entitled_unserved"}, nil},
		{"a new permanent clinic in Vestland",
			Scenario{Changes: []Change{{Kind: AddService, Service: "vestland_clinic", Sector: graph.SectorHealth, Funding: graph.FundingPermanent, RunBy: "kommune",
				Needs: []string{"gp"}, Statuses: []string{"undocumented"}, Regions: []string{"vestland"}}}},
			[]string{"vestland/undocumented/gp single_provider"},
			[]string{"bergen/undocumented/gp fragile", "vestland/undocumented/gp uncovered", "vestland/undocumented/gp lost_in_transition"}},
		{"the shelter stops taking undocumented women",
			Scenario{Changes: []Change{{Kind: Narrow, Service: "shelter_ngo", Statuses: []string{"undocumented"}}}},
			[]string{"oslo/undocumented/shelter uncovered", "oslo/undocumented/shelter lost_in_transition"},
			[]string{"oslo/undocumented/shelter fragile"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			res, err := Analyse(context.Background(), l, miniQuery, test.sc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(test.opened, changes(res.Diff.OpenedGaps)); diff != "" {
				t.Errorf("opened mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(test.closed, changes(res.Diff.ClosedGaps)); diff != "" {
				t.Errorf("closed mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
