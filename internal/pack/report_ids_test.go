package pack

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/chart"
)

// TestPackReportIDsUnique checks the report of a pack with every dashboard,
// the pathways (whose sankey fills its links with gradients) twice: no id
// is found twice in the document, every url(#…) in a chart refers to an id
// of that chart, and no two charts style the same class.
func TestPackReportIDsUnique(t *testing.T) {
	r := needRenderer(t)
	names := append(slices.Clone(chart.Dashboards), "pathways")
	b, err := newPackBuilder(chartLandscape(t), r, Request{Lang: "en", Query: testQuery(), Dashboards: names,
		ScenarioID: testScenario, Stamp: testStamp})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range b.names {
		if err := b.dashboard(testCtx(t), i, name); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.gaps(testCtx(t)); err != nil {
		t.Fatal(err)
	}
	report, err := b.reportHTML(testCtx(t), b.manifest())
	if err != nil {
		t.Fatal(err)
	}
	ids := regexp.MustCompile(`\sid="([^"]*)"`)
	refs := regexp.MustCompile(`url\(#([^)]*)\)|href="#([^"]*)"`)
	styled := regexp.MustCompile(`\.([a-z0-9-]+-cls-[0-9]+)`)
	figures := regexp.MustCompile(`(?s)<figure>.*?</figure>`).FindAllString(string(report), -1)
	if len(figures) != len(names) {
		t.Fatalf("the report has %d figures, want %d", len(figures), len(names))
	}
	idIn, classIn := map[string]int{}, map[string]int{}
	gradients := 0
	for i, fig := range figures {
		own := map[string]bool{}
		for _, m := range ids.FindAllStringSubmatch(fig, -1) {
			if j, ok := idIn[m[1]]; ok {
				t.Errorf("id %q is in figure %d (%s) and figure %d (%s)", m[1], j, names[j], i, names[i])
			}
			idIn[m[1]] = i
			own[m[1]] = true
			if strings.Contains(m[1], "-g") {
				gradients++
			}
		}
		for _, m := range refs.FindAllStringSubmatch(fig, -1) {
			if id := m[1] + m[2]; !own[id] {
				t.Errorf("figure %d (%s) refers to #%s, which it does not hold", i, names[i], id)
			}
		}
		for _, m := range styled.FindAllStringSubmatch(fig, -1) {
			if j, ok := classIn[m[1]]; ok && j != i {
				t.Errorf("class %q is styled in figure %d (%s) and figure %d (%s)", m[1], j, names[j], i, names[i])
			}
			classIn[m[1]] = i
		}
	}
	if gradients == 0 || len(classIn) == 0 {
		t.Errorf("the report's charts have %d gradients and %d styled classes: the test checks nothing", gradients, len(classIn))
	}
	if n := len(ids.FindAllString(string(report), -1)); n != len(idIn) {
		t.Errorf("the report has %d ids, its figures %d", n, len(idIn))
	}
	for _, f := range b.files {
		if strings.HasSuffix(f.Path, ".svg") {
			seen := map[string]bool{}
			for _, m := range ids.FindAllStringSubmatch(string(f.data), -1) {
				if seen[m[1]] {
					t.Errorf("%s: id %q twice", f.Path, m[1])
				}
				seen[m[1]] = true
			}
		}
	}
}
