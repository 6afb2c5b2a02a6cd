package seed

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

func TestLoadValid(t *testing.T) {
	s, err := Load(os.DirFS("."), "testdata/valid")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatalf("Landscape: %v", err)
	}

	count := map[graph.NodeType]int{}
	for _, n := range s.Nodes {
		count[n.Type()]++
	}
	wantCount := map[graph.NodeType]int{
		graph.TypeSource: 2, graph.TypeOrganisation: 2, graph.TypeNeed: 2, graph.TypeStatus: 2,
		graph.TypeExploitation: 1, graph.TypeStage: 1, graph.TypeRegion: 2, graph.TypeService: 2,
		graph.TypeGroup: 1, graph.TypeRecommendation: 1,
	}
	if diff := cmp.Diff(wantCount, count); diff != "" {
		t.Errorf("nodes by type mismatch (-want +got):\n%s", diff)
	}
	if _, edges := l.Len(); edges != len(s.Edges) || edges != 29 {
		t.Errorf("edges: landscape has %d, seed %d, want 29", edges, len(s.Edges))
	}

	rosa, err := graph.Lookup[*graph.Service](l, "rosa")
	if err != nil {
		t.Fatal(err)
	}
	verified := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	if rosa.LastVerified == nil || !rosa.LastVerified.Equal(verified) {
		t.Errorf("rosa last_verified = %v, want %v", rosa.LastVerified, verified)
	}
	if !rosa.ConfidentialAddress || rosa.Funding != graph.FundingProject || rosa.Confidence != graph.Assumed {
		t.Errorf("rosa = %+v, want a confidential, project-funded, assumed service", rosa)
	}
	if got := l.Sources("rosa"); len(got) != 1 || got[0].ID != "nkvts_2025" {
		t.Errorf("rosa sources = %v, want nkvts_2025", got)
	}
	oslo, err := graph.Lookup[*graph.Region](l, "oslo")
	if err != nil {
		t.Fatal(err)
	}
	if oslo.Code != "0301" || oslo.Population != 717710 {
		t.Errorf("oslo = %+v, want code 0301 and population 717710", oslo)
	}

	for _, test := range []struct {
		name string
		want graph.Edge
	}{
		{"short form inherits sources, year and confidence",
			graph.Edge{Type: graph.EdgeAccepts, From: "rosa", To: "reflection",
				Sources: []string{"nkvts_2025"}, Year: 2025, Confidence: graph.Assumed}},
		{"long form keeps its own and inherits the year",
			graph.Edge{Type: graph.EdgeAccepts, From: "rosa", To: "undocumented", Extent: graph.ExtentPartial,
				Sources: []string{"lovdata_1255"}, Year: 2025, Confidence: graph.Verified, Note: `only help that "cannot wait"`}},
		{"long form with only a property inherits the rest",
			graph.Edge{Type: graph.EdgeRefersTo, From: "rosa", To: "legevakt", Formal: true,
				Sources: []string{"nkvts_2025"}, Year: 2025, Confidence: graph.Assumed}},
		{"run_by in the long form",
			graph.Edge{Type: graph.EdgeRunBy, From: "legevakt", To: "oslo_kommune",
				Sources: []string{"nkvts_2025", "lovdata_1255"}, Year: 2024}},
		{"entitlement carries its own provenance",
			graph.Edge{Type: graph.EdgeEntitles, From: "undocumented", To: "health_emergency",
				LegalBasis: "Prioritisation regulation § 2", AgeBands: []graph.AgeBand{graph.AgeChild}, Extent: graph.ExtentPartial,
				Sources: []string{"lovdata_1255"}, Year: 2024}},
		{"transition",
			graph.Edge{Type: graph.EdgeTransitionsTo, From: "undocumented", To: "reflection",
				Trigger: "UDI grants a reflection period", TypicalDays: 30,
				Sources: []string{"nkvts_2025"}, Year: 2024, Confidence: graph.Assumed}},
		{"part_of", graph.Edge{Type: graph.EdgePartOf, From: "oslo", To: "norway"}},
		{"group edge", graph.Edge{Type: graph.EdgeNeeds, From: "women_sexual", To: "health_emergency",
			Sources: []string{"nkvts_2025"}, Year: 2024}},
		{"recommendation concerns a service", graph.Edge{Type: graph.EdgeConcerns, From: "greta_3_health", To: "rosa",
			Sources: []string{"nkvts_2025"}, Year: 2022}},
		{"sources become SOURCED_FROM", graph.Edge{Type: graph.EdgeSourcedFrom, From: "legevakt", To: "lovdata_1255"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			got, ok := l.Edge(test.want.Key())
			if !ok {
				t.Fatalf("no edge %s", test.want.Key())
			}
			if diff := cmp.Diff(test.want, *got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	type want struct {
		at  string // path:line
		msg string // a part of the message
	}
	for _, test := range []struct {
		dir  string
		want []want
	}{
		{"unknown_field", []want{{"seed.yaml:22", `Service rosa: unknown field "fundng"`}}},
		{"unknown_edge_field", []want{{"seed.yaml:28", `Service rosa: accepts[0]: unknown field "extnt" (want one of to, `}}},
		{"unknown_top_key", []want{{"seed.yaml:17", `unknown key "service" (want one of sources, organisations, services,`}}},
		{"dangling_reference", []want{{"seed.yaml:28", `Service rosa: accepts[1]: no Status with id "undocumented"`}}},
		{"need_stage_reference", []want{{"seed.yaml:10", `Need child_protection: stages[1]: no Stage with id "legal_process"`}}},
		{"same_area_reference", []want{{"seed.yaml:9", `Region oslo: same_area: no Region with id "osloo"`}}},
		{"bad_need_age", []want{{"seed.yaml:5", `Need child_protection: age_bands[1]: unknown value "minor"`}}},
		{"full_age_bands_without_partial", []want{{"seed.yaml:15", `full_age_bands: needs extent partial`}}},
		{"dangling_source", []want{{"seed.yaml:25", `Service rosa: sources[1]: no Source with id "nkvts_2024"`}}},
		{"bad_enum", []want{{"seed.yaml:21", `Service rosa: funding: unknown value "grant" (want one of permanent, project, volunteer)`}}},
		{"bad_enum_list", []want{{"seed.yaml:24", `Service rosa: genders[1]: unknown value "women"`}}},
		{"duplicate_id", []want{{"b.yaml:5", `Need rosa: id "rosa" already used by Service rosa at testdata/duplicate_id/a.yaml:18`}}},
		{"missing_sources", []want{
			{"seed.yaml:18", "Service rosa: sources: is required"},
			{"seed.yaml:18", "Service rosa: year: is required"},
			{"seed.yaml:26", "Group women: year: is required"},
		}},
		{"missing_entitlement_sources", []want{
			{"seed.yaml:18", "Status reflection: entitles[0]: give the long form"},
			{"seed.yaml:19", "Status reflection: entitles[1]: sources: is required"},
		}},
		{"wrong_ref_type", []want{{"seed.yaml:24", `Service rosa: run_by: "shelter_safe" is a Need, not an Organisation`}}},
		{"yaml_syntax", []want{{"seed.yaml:22", "invalid YAML: mapping values are not allowed"}}},
		{"bad_date", []want{{"seed.yaml:22", `Service rosa: last_verified: "2025-13-01" is not a date (want YYYY-MM-DD)`}}},
		{"wrong_type", []want{
			{"seed.yaml:22", `Service rosa: capacity: want a whole number, got "many"`},
			{"seed.yaml:23", `Service rosa: confidential_address: want true or false, got "yes"`},
		}},
		{"bad_edge_property", []want{{"seed.yaml:28", "Service rosa: accepts[0]: formal: belongs only to REFERS_TO"}}},
		{"duplicate_edge", []want{{"seed.yaml:27", "Service rosa: meets[1]: edge MEETS rosa->shelter_safe given twice (first at testdata/duplicate_edge/seed.yaml:26)"}}},
		{"duplicate_key", []want{{"seed.yaml:20", `Service rosa: key "name" given twice (first at line 19)`}}},
		{"control_chars", []want{
			{"seed.yaml:19", `Service rosa: name: holds a control character (U+0000) at character 3; remove it`},
			{"seed.yaml:20", `Service rosa: city: holds a control character (U+001B) at character 5; remove it`},
		}},
		{"invalid_utf8", []want{{"seed.yaml:3", "not valid UTF-8 text"}}},
		{"bad_study_tags", []want{
			{"seed.yaml:6", "Source nkvts_2025: themes: belongs only to sources of kind study or review"},
			{"seed.yaml:11", `Source ross2015: countries[1]: "uk" is not the ISO 3166 code of the United Kingdom: write "gb"`},
			{"seed.yaml:14", `Source ross2015: needs[1]: "rosa" is a Service, not a Need`},
			{"seed.yaml:20", `Source domoney2015: participants[1]: unknown value "nurses"`},
			{"seed.yaml:25", `Source oram2016: assumed_tags[1]: "themes:training": the study has no themes tag "training"`},
		}},
	} {
		t.Run(test.dir, func(t *testing.T) {
			dir := "testdata/" + test.dir
			_, err := Load(os.DirFS("."), dir)
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load = %v, want an ErrorList", err)
			}
			var wantAt, gotAt []string
			for _, w := range test.want {
				wantAt = append(wantAt, dir+"/"+w.at)
			}
			for _, e := range list {
				gotAt = append(gotAt, fmt.Sprintf("%s:%d", e.Path, e.Line))
			}
			if diff := cmp.Diff(wantAt, gotAt); diff != "" {
				t.Fatalf("error positions mismatch (-want +got):\n%s\nerrors:\n%v", diff, err)
			}
			for i, w := range test.want {
				if !strings.Contains(list[i].Msg, w.msg) {
					t.Errorf("error %d = %q, want it to contain %q", i, list[i].Error(), w.msg)
				}
			}
		})
	}
}

func TestLoadReportsEveryErrorUpToMax(t *testing.T) {
	var b strings.Builder
	b.WriteString("needs:\n")
	for i := range MaxErrors + 10 {
		fmt.Fprintf(&b, "  - id: need_%d\n    name: Need %d\n    category: health\n    colour: red\n", i, i)
	}
	fsys := fstest.MapFS{"seed/needs.yaml": {Data: []byte(b.String())}}
	_, err := Load(fsys, "seed")
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Load = %v, want an ErrorList", err)
	}
	if len(list) != MaxErrors+1 {
		t.Fatalf("got %d errors, want %d and a summary", len(list), MaxErrors)
	}
	if got, want := list[0].Error(), `seed/needs.yaml:5: Need need_0: unknown field "colour"`; got != want {
		t.Errorf("first error = %q, want %q", got, want)
	}
	if got, want := list[MaxErrors].Error(), "seed: too many errors: 10 more not shown"; got != want {
		t.Errorf("last error = %q, want %q", got, want)
	}
	if got := strings.Count(err.Error(), "\n"); got != MaxErrors {
		t.Errorf("Error() has %d line breaks, want one error per line", got)
	}
}

func TestLoadOddFiles(t *testing.T) {
	for _, test := range []struct {
		name string
		fsys fstest.MapFS
		want string // the whole error, "" for none
	}{
		{"no yaml files", fstest.MapFS{"seed/README.md": {}}, "seed: no seed files (*.yaml)"},
		{"an empty file is no error", fstest.MapFS{
			"seed/a.yaml": {Data: []byte("# nothing yet\n")},
			"seed/b.yaml": {Data: []byte("needs:\n  - {id: x, name: X, category: health}\n")},
		}, ""},
		{"not a mapping", fstest.MapFS{"seed/a.yaml": {Data: []byte("- id: x\n")}},
			`seed/a.yaml:1: want a mapping of kinds (sources, organisations, services, needs, statuses, exploitation, stages, regions, groups, recommendations), got a list`},
		{"two documents", fstest.MapFS{"seed/a.yaml": {Data: []byte("needs: []\n---\nneeds: []\n")}},
			`seed/a.yaml:2: a seed file holds one YAML document: remove the second "---"`},
		{"items must be mappings", fstest.MapFS{"seed/a.yaml": {Data: []byte("needs:\n  - x\n")}},
			`seed/a.yaml:2: needs[0]: want a mapping with id and name, got "x"`},
		{"an item without an id", fstest.MapFS{"seed/a.yaml": {Data: []byte("needs:\n  - name: X\n    category: health\n")}},
			`seed/a.yaml:2: needs[0]: id: is required`},
		{"an edge list that is not a list", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"regions:\n  - {id: no, name: Norway, level: country}\n  - id: oslo\n    name: Oslo\n    level: county\n    part_of: [no]\n")}},
			`seed/a.yaml:6: Region oslo: part_of: want an id or a mapping with to, got a list`},
		{"a long-form edge without to", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"regions:\n  - {id: no, name: Norway, level: country}\n  - id: oslo\n    name: Oslo\n    level: county\n    part_of:\n      extent: full\n")}},
			`seed/a.yaml:7: Region oslo: part_of: to: is required`},
		{"sources on a source", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"sources:\n  - id: s\n    name: S\n    kind: web\n    sources: [s]\n")}},
			`seed/a.yaml:5: Source s: unknown field "sources"`},
		{"a long-form edge citing a missing source", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"regions:\n  - {id: no, name: Norway, level: country}\n  - id: oslo\n    name: Oslo\n    level: county\n    part_of:\n      to: no\n      sources:\n        - ssb\n")}},
			`seed/a.yaml:9: Region oslo: part_of: sources[0]: no Source with id "ssb"`},
		{"a reference to a node of none of the types an edge takes", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"regions:\n  - {id: no, name: Norway, level: country}\nrecommendations:\n  - id: r\n    name: R\n    body: GRETA\n    summary: S\n    concerns: [no]\n")}},
			`seed/a.yaml:8: Recommendation r: concerns[0]: "no" is a Region, not a Need, Status, Service, Stage or Exploitation`},
		{"an alias is followed", fstest.MapFS{"seed/a.yaml": {Data: []byte(
			"needs:\n  - id: x\n    name: &n X\n    category: health\n  - id: y\n    name: *n\n    category: health\n")}},
			""},
	} {
		t.Run(test.name, func(t *testing.T) {
			_, err := Load(test.fsys, "seed")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(test.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadMissingDir(t *testing.T) {
	_, err := Load(fstest.MapFS{}, "nowhere")
	var list ErrorList
	if err == nil || errors.As(err, &list) {
		t.Errorf("Load = %v, want a read error", err)
	}
}
