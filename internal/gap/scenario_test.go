package gap

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

func TestParseScenario(t *testing.T) {
	want := Scenario{
		Name: "GP for all",
		Changes: []Change{
			{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented"}},
			{Kind: AddService, Service: "vestland_clinic", Name: "Vestland clinic", Sector: graph.SectorHealth, Funding: graph.FundingPermanent,
				RunBy: "kommune", Needs: []string{"gp"}, Statuses: []string{"undocumented"}, Regions: []string{"vestland"}, Genders: []graph.Gender{graph.Female}},
			{Kind: GrantEntitlement, Status: "undocumented", Need: "gp", LegalBasis: "new § 4a"},
			{Kind: CloseService, Service: "clinic", Note: "funding ends"},
		},
	}
	yamlDoc := `
name: GP for all
changes:
  - kind: widen
    service: fastlege
    statuses: [undocumented]
  - kind: add_service
    service: vestland_clinic
    name: Vestland clinic
    sector: health
    funding: permanent
    run_by: kommune
    needs: [gp]
    statuses: [undocumented]
    regions: [vestland]
    genders: [female]
  - {kind: grant_entitlement, status: undocumented, need: gp, legal_basis: new § 4a}
  - kind: close_service
    service: clinic
    note: funding ends
`
	jsonDoc := `{"name": "GP for all", "changes": [
	{"kind": "widen", "service": "fastlege", "statuses": ["undocumented"]},
	{"kind": "add_service", "service": "vestland_clinic", "name": "Vestland clinic", "sector": "health", "funding": "permanent",
	 "run_by": "kommune", "needs": ["gp"], "statuses": ["undocumented"], "regions": ["vestland"], "genders": ["female"]},
	{"kind": "grant_entitlement", "status": "undocumented", "need": "gp", "legal_basis": "new § 4a"},
	{"kind": "close_service", "service": "clinic", "note": "funding ends"}]}`
	for name, doc := range map[string]string{"yaml": yamlDoc, "json": jsonDoc} {
		got, err := ParseScenario([]byte(doc))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
		}
	}
	list, err := ParseScenario([]byte("- kind: close_service\n  service: clinic\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(Scenario{Changes: []Change{{Kind: CloseService, Service: "clinic"}}}, list); diff != "" {
		t.Errorf("bare list mismatch (-want +got):\n%s", diff)
	}
}

func TestParseScenarioErrors(t *testing.T) {
	for _, test := range []struct {
		name, doc, want string
	}{
		{"unknown top field", "nme: x\nchanges: []\n", `unknown field "nme"`},
		{"unknown change field", "changes:\n  - kind: close_service\n    service: a\n  - kind: widen\n    servce: b\n", `scenario changes[1] (widen): servce: line 5: unknown field`},
		{"unknown kind", "changes:\n  - kind: demolish\n    service: a\n", `scenario changes[0] (demolish): kind: unknown kind "demolish"`},
		{"missing kind", "changes:\n  - service: a\n", `scenario changes[0]: kind: is required`},
		{"field of another kind", "changes:\n  - kind: close_service\n    service: a\n    statuses: [x]\n", `scenario changes[0] (close_service): statuses: does not apply to close_service`},
		{"widen nothing", "changes:\n  - kind: widen\n    service: a\n", `scenario changes[0] (widen): service: names no value to widen`},
		{"add without regions", "changes:\n  - kind: add_service\n    service: a\n    sector: health\n    funding: permanent\n    needs: [gp]\n    statuses: [x]\n", `scenario changes[0] (add_service): regions: is required`},
		{"entitlement without need", "changes:\n  - kind: grant_entitlement\n    status: x\n", `scenario changes[0] (grant_entitlement): need: is required`},
		{"bad extent", "changes:\n  - kind: widen\n    service: a\n    needs: [gp]\n    extent: half\n", `extent: unknown value "half"`},
		{"wrong type", "changes:\n  - kind: widen\n    service: a\n    statuses: undocumented\n", `scenario changes[0] (widen): statuses: line 4: want a list, not text`},
		{"json unknown field", `{"changes": [{"kind": "close_service", "service": "a"}, {"kind": "widen", "service": "b", "stat": ["x"]}]}`, `scenario changes[1] (widen): unknown field "stat"`},
		{"json unknown top field", `{"change": []}`, `scenario: unknown field "change"`},
		{"not a scenario", "42\n", "want a mapping with changes"},
	} {
		_, err := ParseScenario([]byte(test.doc))
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: error %v, want one containing %q", test.name, err, test.want)
			continue
		}
		if graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%s: code %q, want invalid", test.name, graph.ErrorCode(err))
		}
	}
}

// TestScenarioErrorsNameChangeAndField checks the errors a scenario gives
// when it is applied to a landscape: unknown ids, closed services, used ids.
func TestScenarioErrorsNameChangeAndField(t *testing.T) {
	l := mini().build(t)
	for _, test := range []struct {
		name string
		c    []Change
		want string
	}{
		{"unknown service", []Change{{Kind: CloseService, Service: "nope"}}, `scenario changes[0] (close_service): service: no service with id "nope"`},
		{"unknown status", []Change{{Kind: Widen, Service: "fastlege", Statuses: []string{"undocumented", "tourist"}}}, `scenario changes[0] (widen): statuses[1]: no Status with id "tourist"`},
		{"wrong type", []Change{{Kind: Widen, Service: "fastlege", Needs: []string{"oslo"}}}, `needs[0]: no Need with id "oslo"`},
		{"unknown region", []Change{{Kind: Narrow, Service: "clinic", Regions: []string{"tromso"}}}, `scenario changes[0] (narrow): regions[0]: no Region with id "tromso"`},
		{"unknown gender", []Change{{Kind: Widen, Service: "clinic", Genders: []graph.Gender{"x"}}}, `genders[0]: unknown value "x"`},
		{"closed twice", []Change{{Kind: CloseService, Service: "clinic"}, {Kind: CloseService, Service: "clinic"}}, `scenario changes[1] (close_service): service: service "clinic" is closed by an earlier change`},
		{"id taken", []Change{{Kind: AddService, Service: "oslo", Sector: graph.SectorHealth, Funding: graph.FundingPermanent, Needs: []string{"gp"}, Statuses: []string{"undocumented"}, Regions: []string{"oslo"}}}, `service: id "oslo" is already used in the landscape`},
		{"unknown organisation", []Change{{Kind: AddService, Service: "x", Sector: graph.SectorHealth, Funding: graph.FundingPermanent, RunBy: "acme", Needs: []string{"gp"}, Statuses: []string{"undocumented"}, Regions: []string{"oslo"}}}, `run_by: no Organisation with id "acme"`},
		{"no such entitlement", []Change{{Kind: RemoveEntitlement, Status: "residence", Need: "gp"}}, `status "residence" has no entitlement to "gp"`},
	} {
		_, err := Analyse(context.Background(), l, Query{}, Scenario{Changes: test.c})
		if err == nil || !strings.Contains(err.Error(), test.want) {
			t.Errorf("%s: error %v, want one containing %q", test.name, err, test.want)
			continue
		}
		if graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%s: code %q, want invalid", test.name, graph.ErrorCode(err))
		}
	}
	// A later change sees an earlier one.
	sc := Scenario{Changes: []Change{
		{Kind: AddService, Service: "x", Sector: graph.SectorHealth, Funding: graph.FundingPermanent, Needs: []string{"gp"}, Statuses: []string{"undocumented"}, Regions: []string{"vestland"}},
		{Kind: Widen, Service: "x", Regions: []string{"oslo"}},
		{Kind: CloseService, Service: "x"},
	}}
	if _, err := Analyse(context.Background(), l, Query{}, sc); err != nil {
		t.Errorf("add, widen and close a new service: %v", err)
	}
}

func TestQueryErrors(t *testing.T) {
	l := mini().build(t)
	for _, test := range []struct {
		q    Query
		want string
	}{
		{Query{Statuses: []string{"tourist"}}, `query: statuses[0]: no Status with id "tourist"`},
		{Query{Regions: []string{"gp"}}, `query: regions[0]: no Region with id "gp"`},
		{Query{Genders: []graph.Gender{"x"}}, `query: genders[0]: unknown value "x"`},
		{Query{Kinds: []Kind{"missing"}}, `query: kinds[0]: unknown kind of gap "missing"`},
		{Query{Offset: -1}, `query: offset: must not be negative`},
	} {
		_, err := Analyse(context.Background(), l, test.q, Scenario{})
		if err == nil || !strings.Contains(err.Error(), test.want) || graph.ErrorCode(err) != graph.EINVALID {
			t.Errorf("%+v: error %v, want EINVALID containing %q", test.q, err, test.want)
		}
	}
	if _, err := GroupGaps(context.Background(), l, "nope", Query{}, Scenario{}); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("GroupGaps(nope): %v, want ENOTFOUND", err)
	}
}
