package web

import (
	"os"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
)

func TestZZDump(t *testing.T) {
	l := norwayLandscape(t)
	s, _ := testServer(t, l)
	h := s.Handler()
	os.MkdirAll("/tmp/dump", 0o755)
	paths := []string{"/", "/dashboards"}
	for _, n := range dashboardNames {
		paths = append(paths, "/dashboards/"+n, "/dashboards/"+n+"?lang=nb")
	}
	for _, typ := range []graph.NodeType{graph.TypeSource, graph.TypeGroup, graph.TypeStatus, graph.TypeNeed, graph.TypeOrganisation, graph.TypeRegion, graph.TypeRecommendation, graph.TypeStage, graph.TypeExploitation, graph.TypeService} {
		for i, n := range l.Nodes(typ) {
			if i < 2 {
				p := "/nodes/" + n.Base().ID
				if typ == graph.TypeService {
					p = "/services/" + n.Base().ID
				}
				paths = append(paths, p, p+"?lang=nb")
			}
		}
	}
	for _, p := range paths {
		b := body(t, get(t, h, p))
		os.WriteFile("/tmp/dump/"+strings.NewReplacer("/", "_", "?", "_").Replace(p)+".html", []byte(b), 0o644)
	}
}
