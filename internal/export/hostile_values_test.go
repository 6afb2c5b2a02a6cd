package export

import (
	"bytes"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

// renamed returns l with the services of names renamed.
func renamed(t *testing.T, l *graph.Landscape, names map[string]string) *graph.Landscape {
	t.Helper()
	var nodes []graph.Node
	for _, n := range l.AllNodes() {
		if svc, ok := n.(*graph.Service); ok && names[svc.ID] != "" {
			c := *svc
			c.Name = names[svc.ID]
			n = &c
		}
		nodes = append(nodes, n)
	}
	out, err := graph.NewLandscape(l.Version(), nodes, l.Edges())
	if err != nil {
		t.Fatal(err)
	}
	return out.WithChanged(l.Changed())
}

func TestExploreNUL(t *testing.T) {
	r := needRenderer(t)
	l := renamed(t, chartLandscape(t), map[string]string{"clinic": "Health\x00Centre \x1b[31m \xff"})
	for _, name := range []string{"landscape", "criticality"} {
		d := buildDash(t, l, name, "en", testQuery())
		if _, err := r.SVG(testCtx(t), d.Figure(testStamp)); err != nil {
			t.Errorf("svg %s: %v", name, err)
		}
		if _, err := r.ChartPDF(testCtx(t), d, testStamp); err != nil {
			t.Errorf("pdf %s: %v", name, err)
		}
	}
}

func TestExplorePackNUL(t *testing.T) {
	r := needRenderer(t)
	l := renamed(t, chartLandscape(t), map[string]string{"clinic": "Health\x00Centre \x1b[31m \xff"})
	var buf bytes.Buffer
	_, err := WritePack(testCtx(t), &buf, l, r, PackRequest{Lang: "en", Query: testQuery(),
		Dashboards: Dashboards, ScenarioID: testScenario, Stamp: testStamp})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := unzip(t, buf.Bytes())
	for n, b := range files {
		if bytes.Contains(b, []byte{0}) {
			t.Errorf("%s has NUL", n)
		}
	}
}
