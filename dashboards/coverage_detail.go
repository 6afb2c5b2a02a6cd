package dashboards

import (
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// cellDetail explains a coverage cell: the page's script lists it under
// the chart when the cell is selected. Every text is in the page's
// language; it names services and rules, never people's counts.
type cellDetail struct {
	Title string `json:"title"`
	// Summary says in words what the cell's number counts.
	Summary      string          `json:"summary"`
	CoveringHead string          `json:"covering_head"`
	Covering     []detailService `json:"covering"`
	// None is said instead of the covering services when there are none.
	None         string          `json:"none,omitempty"`
	ExcludedHead string          `json:"excluded_head,omitempty"`
	Excluded     []detailService `json:"excluded,omitempty"`
}

// detailService is one service of a cell's detail: its name, who runs it,
// the path of its page and a note (for whom it covers the need, or the
// rules that exclude).
type detailService struct {
	Name         string `json:"name"`
	Organisation string `json:"organisation,omitempty"`
	URL          string `json:"url,omitempty"`
	Note         string `json:"note"`
}

// coverageDetail returns the detail of the cell of group g and need n at
// stage, from the engine's cover of it (nil: no detail); its summary
// repeats the cell's label.
func coverageDetail(gc *gap.GroupCover, c *coverageCell, l *graph.Landscape, names map[string]string, groupLabel, needLabel, stage, lang string) *cellDetail {
	if gc == nil {
		return nil
	}
	d := &cellDetail{
		Title:        wordf(lang, "coverage.detail.title", groupLabel, needLabel, nameOf(l, names, stage, lang)),
		Summary:      wordf(lang, "coverage.detail.summary", c.services(), gc.Profiles),
		CoveringHead: wordf(lang, "coverage.detail.covering", len(gc.Covering)),
		Covering:     []detailService{},
	}
	for _, s := range gc.Covering {
		note := word(lang, "coverage.detail.all")
		if s.Profiles < gc.Profiles {
			note = wordf(lang, "coverage.detail.some", s.Profiles, gc.Profiles)
		}
		if s.Partial {
			note += "; " + word(lang, "coverage.detail.partial")
		}
		d.Covering = append(d.Covering, detailOf(l, names, s.ID, s.Organisation, note, lang))
	}
	if len(gc.Covering) == 0 {
		d.None = word(lang, "coverage.detail.none")
	}
	if len(gc.Excluded) > 0 {
		d.ExcludedHead = wordf(lang, "coverage.detail.excluded", len(gc.Excluded))
		for _, x := range gc.Excluded {
			org := ""
			for _, e := range l.Out(x.Service, graph.EdgeRunBy) {
				org = e.To
			}
			note := strings.Join(ruleWords(l, names, x.Reasons, lang), "; ")
			if x.Profiles < gc.Profiles {
				note = wordf(lang, "coverage.detail.excludes_some", x.Profiles, gc.Profiles) + ": " + note
			}
			d.Excluded = append(d.Excluded, detailOf(l, names, x.Service, org, note, lang))
		}
	}
	return d
}

func detailOf(l *graph.Landscape, names map[string]string, id, org, note, lang string) detailService {
	s := detailService{Name: nameOf(l, names, id, lang), Note: note}
	if n, ok := l.Node(id); ok {
		s.URL = NodeURL(n)
	}
	if org != "" {
		s.Organisation = nameOf(l, names, org, lang)
	}
	return s
}

// ruleWords says the rules that exclude, one phrase per dimension with its
// values: "does not accept men, people of another gender".
func ruleWords(l *graph.Landscape, names map[string]string, rs []gap.Reason, lang string) []string {
	var dims []gap.Dimension
	values := map[gap.Dimension][]string{}
	for _, r := range rs {
		if _, ok := values[r.Dimension]; !ok {
			dims = append(dims, r.Dimension)
		}
		var v string
		switch r.Dimension {
		case gap.DimGender:
			v = word(lang, "people."+r.Value)
		case gap.DimAgeBand:
			v = word(lang, "age."+r.Value)
		default:
			v = nameOf(l, names, r.Value, lang)
		}
		values[r.Dimension] = append(values[r.Dimension], v)
	}
	var out []string
	for _, dim := range dims {
		out = append(out, wordf(lang, "rule."+string(dim), strings.Join(values[dim], ", ")))
	}
	return out
}
