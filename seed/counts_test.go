package seed

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestSmallCountsInText(t *testing.T) {
	for _, test := range []struct {
		text string
		want []string
	}{
		{"Later counts: 42 in 2015, 17–18 in 2016, 1 identified by the government in 2021, 2 in 2022 (small counts are suppressed).",
			[]string{"1 identified", "2 in 2022"}},
		{"The official count for 2022: 57 adults, mostly foreign women, and 2 children.", []string{"2 children"}},
		{"3 ofre i 2021 og 2 barn", []string{"3 ofre", "2 barn"}},
		{"Fewer than 5 identified by the government in each of 2021 and 2022.", nil},
		{"3 long-stay rooms and 1 emergency room; 3 hours free legal aid.", nil},
		{"GRETA(2022)07 §123; round 3 recommendations; § 3 of the act applies to victims.", nil},
		{"In force from 1 January 2024, with 4 regional health trusts; 5.2 full-time posts.", nil},
		{"Counts from 1 to 5. Round 2.", nil},
		{"57 adults identified, 12 children in 2022", nil}, // at or over the threshold
	} {
		if got := smallCounts(test.text, 5); !slices.Equal(got, test.want) {
			t.Errorf("smallCounts(%q) = %q, want %q", test.text, got, test.want)
		}
	}
	if got := smallCounts("12 children in 2022", 20); len(got) != 1 {
		t.Errorf("under a threshold of 20, 12 children is a small count: %q", got)
	}
}

// TestSmallCountsNamePlace loads a seed whose group's size note gives a
// small count: the error names the file, the line, the group and the field.
func TestSmallCountsNamePlace(t *testing.T) {
	fsys := fstest.MapFS{"s/groups.yaml": {Data: []byte(`groups:
  - id: boys
    name: Boys in forced criminality
    age_bands: [child]
    size_estimate: 40
    size_note: >-
      40 presumed victims in 2023, and
      3 children in 2024.
    year: 2023
    sources: [report]
`)}, "s/sources.yaml": {Data: []byte(`sources:
  - id: report
    name: A report
    kind: report
    year: 2024
    url: https://example.org/r
`)}}
	s, err := Load(fsys, "s")
	if err != nil {
		t.Fatal(err)
	}
	errs := s.SmallCounts(5)
	if len(errs) != 1 {
		t.Fatalf("%d errors, want 1: %v", len(errs), errs)
	}
	msg := errs[0].Error()
	for _, want := range []string{"s/groups.yaml:6:", "Group boys: size_note:", `"3 children`, "threshold (5)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the error %q lacks %q", msg, want)
		}
	}
	if errs := s.SmallCounts(3); len(errs) != 0 {
		t.Errorf("under a threshold of 3, 3 children may be shown: %v", errs)
	}
}

// TestNorwayHasNoSmallCounts: the built-in seed's free texts give no count
// of people under the default threshold.
func TestNorwayHasNoSmallCounts(t *testing.T) {
	s, err := Load(Norway(), ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range s.SmallCounts(5) {
		t.Error(e)
	}
}
