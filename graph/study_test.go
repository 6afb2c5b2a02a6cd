package graph_test

import (
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
)

func TestStudyValidate(t *testing.T) {
	study := func(f func(*graph.Source)) func(*testing.T) *graph.Source {
		return func(t *testing.T) *graph.Source { n := fixture[*graph.Source](t, storetest.StudyID); f(n); return n }
	}
	report := func(f func(*graph.Source)) func(*testing.T) *graph.Source {
		return func(t *testing.T) *graph.Source { n := fixture[*graph.Source](t, storetest.SourceID); f(n); return n }
	}
	const s = "Source ross2015"
	inv := func(node, field string) fault { return fault{graph.EINVALID, node, field} }
	for _, test := range []struct {
		name string
		node func(*testing.T) *graph.Source
		want fault
	}{
		{"the fixture's study", study(func(*graph.Source) {}), fault{}},
		{"a review", study(func(n *graph.Source) { n.Kind = graph.SourceReview }), fault{}},
		{"no tags at all", study(func(n *graph.Source) {
			n.Countries, n.Designs, n.Participants, n.Themes, n.AssumedTags = nil, nil, nil, nil, nil
		}), fault{}},
		{"every country group", study(func(n *graph.Source) { n.Countries = []string{"nordic", "europe", "global"} }), fault{}},
		{"uk is not the code", study(func(n *graph.Source) { n.Countries = []string{"no", "uk"} }), inv(s, "countries[1]")},
		{"upper-case country", study(func(n *graph.Source) { n.Countries = []string{"GB"} }), inv(s, "countries[0]")},
		{"not a country", study(func(n *graph.Source) { n.Countries = []string{"eu"} }), inv(s, "countries[0]")},
		{"a country name", study(func(n *graph.Source) { n.Countries = []string{"norway"} }), inv(s, "countries[0]")},
		{"country twice", study(func(n *graph.Source) { n.Countries = []string{"gb", "gb"} }), inv(s, "countries[1]")},
		{"design unknown", study(func(n *graph.Source) { n.Designs = []graph.Design{"rct"} }), inv(s, "designs[0]")},
		{"participant unknown", study(func(n *graph.Source) { n.Participants = []graph.Participant{"doctors"} }), inv(s, "participants[0]")},
		{"theme twice", study(func(n *graph.Source) {
			n.Themes = []graph.Theme{graph.ThemeTraining, graph.ThemeTraining}
			n.AssumedTags = nil
		}), inv(s, "themes[1]")},
		{"assumed tag of no field", study(func(n *graph.Source) { n.AssumedTags = []string{"topics"} }), inv(s, "assumed_tags[0]")},
		{"assumed tag the study lacks", study(func(n *graph.Source) { n.AssumedTags = []string{"themes:children"} }), inv(s, "assumed_tags[0]")},
		{"assumed field the study lacks", study(func(n *graph.Source) { n.Designs, n.AssumedTags = nil, []string{"designs"} }), inv(s, "assumed_tags[0]")},
		{"assumed tag twice", study(func(n *graph.Source) { n.AssumedTags = []string{"designs", "designs"} }), inv(s, "assumed_tags[1]")},
		{"tags on a report", report(func(n *graph.Source) { n.Themes = []graph.Theme{graph.ThemeAccess} }), inv("Source nkvts-2025", "themes")},
		{"assumed tags on a report", report(func(n *graph.Source) { n.AssumedTags = []string{"themes"} }), inv("Source nkvts-2025", "assumed_tags")},
	} {
		t.Run(test.name, func(t *testing.T) {
			wantFault(t, test.node(t).Validate(), test.want)
		})
	}
}

func TestTagConfidence(t *testing.T) {
	n := fixture[*graph.Source](t, storetest.StudyID) // assumed: themes:training, designs
	for _, test := range []struct {
		field, value string
		want         graph.Confidence
	}{
		{"themes", "training", graph.Assumed},
		{"themes", "identification", graph.Verified},
		{"designs", "survey", graph.Assumed},
		{"countries", "gb", graph.Verified},
		{"participants", "health_workers", graph.Verified},
	} {
		if got := n.TagConfidence(test.field, test.value); got != test.want {
			t.Errorf("TagConfidence(%s, %s) = %s, want %s", test.field, test.value, got, test.want)
		}
	}
}
