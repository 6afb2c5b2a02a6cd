package privacy

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRuleFormat(t *testing.T) {
	for _, test := range []struct {
		rule Rule
		n    int
		want string
	}{
		{Rule{}, 0, "0"},
		{Rule{}, 1, "<5"},
		{Rule{}, 4, "<5"},
		{Rule{}, 5, "5"},
		{Rule{}, 137, "137"},
		{Rule{Threshold: 10}, 9, "<10"},
		{Rule{Threshold: 10}, 10, "10"},
		{Rule{Threshold: 1}, 1, "1"},
		{Rule{Threshold: 5, Step: 10}, 4, "<5"},
		{Rule{Threshold: 5, Step: 10}, 5, "10"},
		{Rule{Threshold: 5, Step: 10}, 14, "10"},
		{Rule{Threshold: 5, Step: 10}, 15, "20"},
		{Rule{Threshold: 1, Step: 10}, 3, "10"}, // a positive count never rounds to 0
		{Rule{Threshold: 5, Step: 1}, 7, "7"},
		{Rule{}, -1, ""},
	} {
		if got := test.rule.Format(test.n); got != test.want {
			t.Errorf("%+v.Format(%d) = %q, want %q", test.rule, test.n, got, test.want)
		}
	}
}

func TestCountJSONNeverLeaksSuppressed(t *testing.T) {
	type row struct {
		People Count `json:"people,omitzero"`
	}
	var first []byte
	for n := 1; n < 5; n++ {
		c := DefaultRule().Count(n)
		b, err := json.Marshal(row{People: c})
		if err != nil {
			t.Fatal(err)
		}
		// Every suppressed count encodes to the same bytes: nothing of n is left.
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Errorf("count %d encodes as %s, count 1 as %s: the encoding depends on the number", n, b, first)
		}
		var got map[string]any
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]any{"people": "<5"}, got); diff != "" {
			t.Errorf("count %d mismatch (-want +got):\n%s", n, diff)
		}
		if c.String() != "<5" {
			t.Errorf("count %d: String() = %q, want \"<5\"", n, c.String())
		}
		if v, ok := c.Value(); ok || v != 0 {
			t.Errorf("count %d: Value() = %d, %v; want 0, false", n, v, ok)
		}
	}
	for _, test := range []struct {
		c    Count
		want string
	}{
		{Count{}, `{}`},
		{DefaultRule().Count(0), `{"people":0}`},
		{DefaultRule().Count(12), `{"people":12}`},
		{Rule{Threshold: 5, Step: 5}.Count(12), `{"people":10}`},
	} {
		b, err := json.Marshal(row{People: test.c})
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != test.want {
			t.Errorf("got %s, want %s", b, test.want)
		}
	}
}

func TestCountJSONRoundTrip(t *testing.T) {
	for _, c := range []Count{{}, DefaultRule().Count(3), DefaultRule().Count(0), DefaultRule().Count(40)} {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		var got Count
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if diff := cmp.Diff(c.String(), got.String()); diff != "" {
			t.Errorf("round trip of %s mismatch (-want +got):\n%s", b, diff)
		}
	}
	for _, bad := range []string{`"5"`, `"<x"`, `-3`, `"<0"`, `true`} {
		var c Count
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("unmarshal %s: no error", bad)
		}
	}
}

func TestRuleValidate(t *testing.T) {
	if err := (Rule{Threshold: -1}).Validate(); err == nil {
		t.Error("negative threshold: no error")
	}
	if err := (Rule{Step: -1}).Validate(); err == nil {
		t.Error("negative step: no error")
	}
	if err := (Rule{}).Validate(); err != nil {
		t.Errorf("zero rule: %v", err)
	}
	if got, want := (Rule{}).Normalize(), (Rule{Threshold: 5}); got != want {
		t.Errorf("Normalize() = %+v, want %+v", got, want)
	}
}

// TestSum: a total of groups leaves out every group under the threshold,
// so a total beside its parts gives none of them back.
func TestSum(t *testing.T) {
	r := DefaultRule()
	for _, test := range []struct {
		name  string
		sizes []int
		want  string
	}{
		{"a small group beside a large one", []int{3, 100}, "100"},
		{"two small groups", []int{3, 4}, "<5"},
		{"only large groups", []int{5, 100}, "105"},
		{"unknown sizes", []int{0, 0}, ""},
		{"a small group and an unknown one", []int{0, 2}, "<5"},
		{"none", nil, ""},
	} {
		if got := r.Sum(test.sizes...).String(); got != test.want {
			t.Errorf("%s: Sum(%v) = %q, want %q", test.name, test.sizes, got, test.want)
		}
	}
	if got := (Rule{Threshold: 5, Step: 10}).Sum(3, 104).String(); got != "100" {
		t.Errorf("rounded: %q, want 100", got)
	}
}

// TestWithheld: of two nested groups whose sizes differ by less than the
// threshold, the total is withheld, and so is a total around several groups
// that share no person when it exceeds their sum by less than the
// threshold; pairs far apart, suppressed or unknown groups, groups that may
// share people and groups not nested are left alone.
func TestWithheld(t *testing.T) {
	for _, test := range []struct {
		name     string
		sizes    []int
		nested   []Nested
		disjoint [][2]int // pairs sharing no person
		want     []bool
	}{
		{"county 103 around its municipality's 100", []int{103, 100}, []Nested{{0, 1}}, nil, []bool{true, false}},
		{"all ages 104 around children 100", []int{104, 100}, []Nested{{0, 1}}, nil, []bool{true, false}},
		{"5 apart: nothing computable under 5", []int{105, 100}, []Nested{{0, 1}}, nil, []bool{false, false}},
		{"the same size: 0 identifies no one", []int{100, 100}, []Nested{{0, 1}}, nil, []bool{false, false}},
		{"not nested: 103 and 100 say nothing of each other", []int{103, 100}, nil, nil, []bool{false, false}},
		{"the inner group suppressed already", []int{7, 3}, []Nested{{0, 1}}, nil, []bool{false, false}},
		{"the inner size unknown", []int{7, 0}, []Nested{{0, 1}}, nil, []bool{false, false}},
		// 100 in 104 in 107: 104 goes, and 107 - 100 = 7 may be shown
		{"a chain", []int{107, 104, 100}, []Nested{{1, 2}, {0, 1}, {0, 2}}, nil, []bool{false, true, false}},
		{"threshold 10", []int{108, 100}, []Nested{{0, 1}}, nil, []bool{true, false}},
		// 163 - 100 - 60 = 3
		{"a county around two municipalities", []int{163, 100, 60}, []Nested{{0, 1}, {0, 2}}, [][2]int{{1, 2}}, []bool{true, false, false}},
		{"two groups that may share people", []int{163, 100, 60}, []Nested{{0, 1}, {0, 2}}, nil, []bool{false, false, false}},
		{"7 more than two municipalities", []int{167, 100, 60}, []Nested{{0, 1}, {0, 2}}, [][2]int{{1, 2}}, []bool{false, false, false}},
		// 213 - 100 - 60 - 50 = 3, though no pair leaves less than 5
		{"three municipalities", []int{213, 100, 60, 50}, []Nested{{0, 1}, {0, 2}, {0, 3}}, [][2]int{{1, 2}, {1, 3}, {2, 3}}, []bool{true, false, false, false}},
		// 100 and 60 share no one, 50 may share people with both
		{"three groups, one overlapping", []int{213, 100, 60, 50}, []Nested{{0, 1}, {0, 2}, {0, 3}}, [][2]int{{1, 2}}, []bool{false, false, false, false}},
		// the two municipalities inside the county go first: 163 is withheld,
		// so the country's 166 - 163 is no longer computable
		{"a total withheld is left out", []int{166, 163, 100, 60}, []Nested{{1, 2}, {1, 3}, {0, 1}, {0, 2}, {0, 3}}, [][2]int{{2, 3}}, []bool{false, true, false, false}},
	} {
		rule := DefaultRule()
		if test.name == "threshold 10" {
			rule = Rule{Threshold: 10}
		}
		var disjoint func(a, b int) bool
		if test.disjoint != nil {
			disjoint = func(a, b int) bool {
				return slices.Contains(test.disjoint, [2]int{a, b}) || slices.Contains(test.disjoint, [2]int{b, a})
			}
		}
		if diff := cmp.Diff(test.want, rule.Withheld(test.sizes, test.nested, disjoint)); diff != "" {
			t.Errorf("%s: withheld mismatch (-want +got):\n%s", test.name, diff)
		}
	}
}

// TestWithheldTooManyFamilies: an outer group with more families of groups
// inside it than Withheld tries is withheld, the safe answer, even when no
// family would leave fewer than the threshold.
func TestWithheldTooManyFamilies(t *testing.T) {
	sizes := []int{10000}
	var nested []Nested
	for i := 1; i <= 40; i++ {
		sizes = append(sizes, 5)
		nested = append(nested, Nested{Outer: 0, Inner: i})
	}
	all := func(a, b int) bool { return true }
	if got := DefaultRule().Withheld(sizes, nested, all); !got[0] {
		t.Error("10000 around 40 groups of 5 sharing no one: shown, though the 2^40 families were not all tried")
	}
	if got := DefaultRule().Withheld(sizes[:4], nested[:3], all); got[0] {
		t.Error("10000 around 3 groups of 5: withheld, though no family leaves under 5")
	}
}
