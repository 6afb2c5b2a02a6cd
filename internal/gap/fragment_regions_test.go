package gap

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/seed"
)

// TestFragmentationStaysInRegions: on testdata/fragment_regions, a group's
// (and a profile's) cover uses only services that reach its regions, even
// where a service elsewhere would make a smaller cover; among covers of the
// same size it takes the one with the most referral links; a need no
// service can meet there is listed as uncoverable and left out of the
// cover (the package documentation's rule).
func TestFragmentationStaysInRegions(t *testing.T) {
	s, err := seed.Load(os.DirFS("testdata"), "fragment_regions")
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "fragment_regions", "want.json"))
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		Why           string   `json:"why"`
		Group         string   `json:"group"`
		Region        string   `json:"region"`
		Organisations []string `json:"organisations"`
		Services      []string `json:"services"`
		Uncoverable   []string `json:"uncoverable"`
		ReferralLinks int      `json:"referral_links"`
		// Regions are where the group or profile is: every service of
		// the cover must reach one of them or a region inside them.
		Regions []string `json:"regions"`
	}
	var cases []want
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	res, err := Analyse(context.Background(), l, Query{Kinds: []Kind{KindFragmentation}, Limit: -1}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	// within: each region and the regions inside it; reaches: the regions
	// each service covers, and those inside them
	inside := map[string][]string{}
	for _, e := range l.Edges() {
		if e.Type == graph.EdgePartOf {
			inside[e.To] = append(inside[e.To], e.From)
		}
	}
	within := func(r string) []string {
		var out []string
		for todo := []string{r}; len(todo) > 0; todo = todo[1:] {
			out = append(out, todo[0])
			todo = append(todo, inside[todo[0]]...)
		}
		return out
	}
	reaches := map[string]map[string]bool{}
	for _, e := range l.Edges() {
		if e.Type != graph.EdgeCovers {
			continue
		}
		if reaches[e.From] == nil {
			reaches[e.From] = map[string]bool{}
		}
		for _, r := range within(e.To) {
			reaches[e.From][r] = true
		}
	}
	for _, c := range cases {
		t.Run(c.Group+c.Region, func(t *testing.T) {
			var got []Fragmentation
			if c.Group != "" {
				for _, f := range res.GroupFragmentation {
					if f.Group == c.Group {
						got = append(got, f)
					}
				}
			} else {
				for _, f := range res.Fragmentation {
					if f.Profile.Region == c.Region {
						got = append(got, f)
					}
				}
			}
			if len(got) == 0 {
				t.Fatalf("no fragmentation for %s%s", c.Group, c.Region)
			}
			// every profile of a region alike (genders, age bands): the
			// same cover
			for _, f := range got {
				if f.Skipped != "" {
					t.Fatalf("skipped: %s", f.Skipped)
				}
				type cover struct {
					Organisations, Services, Uncoverable []string
					ReferralLinks                        int
				}
				w := cover{c.Organisations, c.Services, c.Uncoverable, c.ReferralLinks}
				g := cover{slices.Sorted(slices.Values(f.Organisations.Members)), slices.Sorted(slices.Values(f.Organisations.Services)),
					f.Uncoverable, f.ReferralLinks}
				if diff := cmp.Diff(w, g, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("%s (%s): cover mismatch (-want +got):\n%s", c.Why, f.Profile, diff)
				}
				if !f.Organisations.Exact {
					t.Errorf("%s: cover not proved smallest", c.Why)
				}
				for _, sv := range f.Organisations.Services {
					if !slices.ContainsFunc(c.Regions, func(r string) bool {
						return slices.ContainsFunc(within(r), func(in string) bool { return reaches[sv][in] })
					}) {
						t.Errorf("%s: service %s of the cover reaches none of the regions %v", c.Why, sv, c.Regions)
					}
				}
			}
		})
	}
}
