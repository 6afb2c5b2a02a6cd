package dashboards

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// coverageItems returns the heatmap's data items of v, as the page's
// script reads them.
func coverageItems(t *testing.T, v View) []heatItem {
	t.Helper()
	raw, err := Option(v.Chart)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		XAxis  []struct{ Data []string } `json:"xAxis"`
		YAxis  []struct{ Data []string } `json:"yAxis"`
		Series []struct {
			Data []heatItem `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) == 0 {
		t.Fatal("the heatmap has no series")
	}
	return opt.Series[0].Data
}

// TestCoverageCellsListTheirServices: for one person (undocumented women
// in prostitution in Oslo, narrowed by the query to a single kind of
// person), each coverage cell's detail lists exactly the services the
// engine's Cover finds for that person's need at the stage, with who runs
// them and their pages, and the services that exclude her with the rules
// that do; in both languages, and at the stage chosen.
func TestCoverageCellsListTheirServices(t *testing.T) {
	l := norway(t)
	ctx := context.Background()
	ix, err := gap.NewIndex(l)
	if err != nil {
		t.Fatal(err)
	}
	p := gap.Profile{Gender: graph.Female, AgeBand: graph.AgeAdult, Status: "undocumented", Exploitation: "sexual", Region: "oslo"}
	for _, stage := range []string{"first_contact", "reflection_stabilisation"} {
		q := gap.Query{Groups: []string{"undocumented_women_prostitution"}, Genders: []graph.Gender{p.Gender},
			AgeBands: []graph.AgeBand{p.AgeBand}, Statuses: []string{p.Status}, Exploitation: []string{p.Exploitation},
			Regions: []string{p.Region}, Stages: []string{stage}}
		cells, err := gap.GroupCells(ctx, l, q, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		covers, err := gap.GroupCovers(ctx, l, q)
		if err != nil {
			t.Fatal(err)
		}
		res, err := gap.Analyse(ctx, l, gap.Query{Kinds: []gap.Kind{gap.KindUncovered}, Limit: 1}, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "nb"} {
			v := Coverage(cells, covers, res, l, stage, lang)
			needs := labelsOf(l, graph.TypeNeed, lang)
			items := coverageItems(t, v)
			if len(items) == 0 {
				t.Fatalf("%s %s: the heatmap has no cell", stage, lang)
			}
			raw, _ := Option(v.Chart)
			var opt struct {
				XAxis []struct{ Data []string } `json:"xAxis"`
			}
			if err := json.Unmarshal(raw, &opt); err != nil {
				t.Fatal(err)
			}
			sawService, sawExcluded := false, false
			for _, it := range items {
				need := needs[opt.XAxis[0].Data[it.Value[0]]]
				c, err := ix.Cover(gap.Cell{Profile: p, Need: need, Stage: stage})
				if err != nil {
					t.Fatal(err)
				}
				d := it.Detail
				if d == nil {
					t.Errorf("%s %s %s: the cell has no detail", stage, lang, need)
					continue
				}
				if stageName := nameOf(l, nil, stage, lang); !strings.Contains(d.Title, stageName) {
					t.Errorf("%s %s %s: the detail's title %q does not name the stage chosen (%s)", stage, lang, need, d.Title, stageName)
				}
				var want, got []string
				for _, s := range c.Covering {
					want = append(want, nameOf(l, nil, s.ID, lang)+" | "+nameOf(l, nil, s.Organisation, lang)+" | /services/"+s.ID)
				}
				for _, s := range d.Covering {
					got = append(got, s.Name+" | "+s.Organisation+" | "+s.URL)
				}
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s %s %s: the cell lists the services\n%v\nthe engine covers her with\n%v", stage, lang, need, got, want)
				}
				if (len(want) == 0) != (d.None != "") {
					t.Errorf("%s %s %s: %d services, and the detail says none: %q", stage, lang, need, len(want), d.None)
				}
				sawService = sawService || len(want) > 0
				want, got = nil, nil
				for _, x := range c.Excluded {
					want = append(want, nameOf(l, nil, x.Service, lang)+" | "+strings.Join(ruleWords(l, nil, x.Reasons, lang), "; "))
				}
				for _, x := range d.Excluded {
					if x.Note == "" {
						t.Errorf("%s %s %s: %s is excluded for no rule", stage, lang, need, x.Name)
					}
					got = append(got, x.Name+" | "+x.Note)
				}
				slices.Sort(want)
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s %s %s: the cell lists as excluding\n%v\nthe engine\n%v", stage, lang, need, got, want)
				}
				sawExcluded = sawExcluded || len(want) > 0
			}
			if !sawService || !sawExcluded {
				t.Errorf("%s %s: no cell has a service (%v) or an exclusion (%v): the test checks too little", stage, lang, sawService, sawExcluded)
			}
		}
	}
}

// labelsOf maps the labels in lang of the nodes of type typ to their ids.
func labelsOf(l *graph.Landscape, typ graph.NodeType, lang string) map[string]string {
	m := map[string]string{}
	for _, n := range l.Nodes(typ) {
		m[n.Base().Label(lang)] = n.Base().ID
	}
	return m
}
