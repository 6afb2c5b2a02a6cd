package evidence_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/seed"
)

// loadSeed loads the seed directory dir of fsys as a landscape.
func loadSeed(t testing.TB, fsys func() (*seed.Seed, error)) *graph.Landscape {
	t.Helper()
	s, err := fsys()
	if err != nil {
		t.Fatal(err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func norway(t testing.TB) *graph.Landscape {
	return loadSeed(t, func() (*seed.Seed, error) { return seed.Load(seed.Norway(), ".") })
}

func small(t testing.TB) *graph.Landscape {
	return loadSeed(t, func() (*seed.Seed, error) { return seed.Load(os.DirFS("testdata"), "filters") })
}

// lines reads the lines of a testdata file that are not comments, each
// split at ": ".
func lines(t *testing.T, path string) [][2]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("%s: %q has no ':'", path, line)
		}
		out = append(out, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return out
}

func studyIDs(m *evidence.Map) []string {
	var ids []string
	for _, s := range m.Studies {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestFilters checks which studies each country and design filter keeps,
// on a small landscape with one study per place.
func TestFilters(t *testing.T) {
	l := small(t)
	for _, test := range lines(t, "testdata/filters.txt") {
		country, design, _ := strings.Cut(test[0], " ")
		design = strings.TrimSpace(design)
		if country == "-" {
			country = ""
		}
		if design == "-" {
			design = ""
		}
		t.Run(test[0], func(t *testing.T) {
			f, err := evidence.ParseFilter(country, design)
			if err != nil {
				t.Fatal(err)
			}
			m := evidence.Build(l, f)
			if diff := cmp.Diff(strings.Fields(test[1]), studyIDs(m), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("studies mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseFilterErrors(t *testing.T) {
	for _, test := range []struct{ country, design, field string }{
		{"narnia", "", "country"},
		{"eu", "", "country"},
		{"NORWAY", "rct", "design"},
		{"", "Survey?", "design"},
	} {
		_, err := evidence.ParseFilter(test.country, test.design)
		var e *graph.Error
		if !asError(err, &e) || e.Code != graph.EINVALID || e.Field != test.field {
			t.Errorf("ParseFilter(%q, %q) = %v, want an EINVALID error on %s", test.country, test.design, err, test.field)
		}
	}
	if f, err := evidence.ParseFilter("NORWAY", "Survey"); err != nil || f.Country != "norway" || f.Design != graph.DesignSurvey {
		t.Errorf("ParseFilter(NORWAY, Survey) = %+v, %v", f, err)
	}
}

func asError(err error, target **graph.Error) bool {
	e, ok := err.(*graph.Error)
	*target = e
	return ok
}

// TestGridSmall checks the cells, the untagged and the unplaced studies of
// the small landscape.
func TestGridSmall(t *testing.T) {
	m := evidence.Build(small(t), evidence.Filter{})
	if got := len(m.Cells); got != len(graph.Themes)*len(graph.Participants) {
		t.Fatalf("%d cells, want every theme × participants (%d)", got, len(graph.Themes)*len(graph.Participants))
	}
	for _, test := range []struct {
		theme graph.Theme
		p     graph.Participant
		want  []string
		asm   int
	}{
		{graph.ThemeMentalHealth, graph.ParticipantSurvivors, []string{"swedish_survey", "global_review"}, 1},
		{graph.ThemeChildren, graph.ParticipantChildren, []string{"dutch_evaluation", "global_review"}, 0},
		{graph.ThemeMentalHealth, graph.ParticipantChildren, []string{"global_review"}, 0},
		{graph.ThemeIdentification, graph.ParticipantHealthWorkers, []string{"oslo_study"}, 0},
		{graph.ThemeLawPolicy, graph.ParticipantPolice, []string{}, 0},
	} {
		c := m.Cell(test.theme, test.p)
		if diff := cmp.Diff(test.want, c.Studies); diff != "" || c.Assumed != test.asm || c.Gap() != (len(test.want) == 0) {
			t.Errorf("cell %s × %s: assumed %d (want %d), gap %t; studies (-want +got):\n%s", test.theme, test.p, c.Assumed, test.asm, c.Gap(), diff)
		}
	}
	if diff := cmp.Diff([]string{"untagged"}, m.Untagged); diff != "" {
		t.Errorf("untagged (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"us_analysis"}, m.Unplaced); diff != "" {
		t.Errorf("unplaced (-want +got):\n%s", diff)
	}
	if m.Total != 9 {
		t.Errorf("Total = %d, want the 9 studies and reviews (not the law)", m.Total)
	}
	sw := m.Study("swedish_survey")
	if sw == nil || !sw.Assumed || sw.Themes[0].Confidence != graph.Assumed || sw.Countries[0].Confidence != graph.Verified {
		t.Errorf("swedish_survey = %+v, want its theme assumed, its country verified", sw)
	}
	if got := len(m.Notes); got != 0 {
		t.Errorf("%d column notes on a global map without the NKVTS source, want none", got)
	}
}

// TestGridNorway checks the map of the Norwegian seed with country=norway
// against the cells worked out by hand from the seed's tags: the health
// workers column is empty and carries the NKVTS finding.
func TestGridNorway(t *testing.T) {
	l := norway(t)
	f, err := evidence.ParseFilter("norway", "")
	if err != nil {
		t.Fatal(err)
	}
	m := evidence.Build(l, f)
	want := map[string]string{}
	for _, line := range lines(t, "testdata/norway.txt") {
		want[line[0]] = line[1]
	}
	got := map[string]string{}
	for _, c := range m.Cells {
		if !c.Gap() {
			got[string(c.Theme)+" "+string(c.Participants)] = strings.Join(c.Studies, " ")
		}
	}
	got["unplaced"] = strings.Join(m.Unplaced, " ")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells mismatch (-want +got):\n%s", diff)
	}
	for _, c := range m.Column(graph.ParticipantHealthWorkers) {
		if !c.Gap() {
			t.Errorf("health workers × %s holds %v; NKVTS found no Norwegian study with such data", c.Theme, c.Studies)
		}
	}
	if len(m.Notes) != 1 || m.Notes[0].Participants != graph.ParticipantHealthWorkers || !m.Notes[0].Empty ||
		!slices.Equal(m.Notes[0].Sources, []string{"nkvts2025"}) || !strings.Contains(m.Notes[0].Recommendation, "research on health workers") {
		t.Errorf("notes = %+v, want the NKVTS finding on the health workers column, sourced", m.Notes)
	}
	if f, _ := m.Notes[0].Text("nb"); !strings.Contains(f, "helsepersonell") {
		t.Errorf("the Norwegian finding %q does not name helsepersonell", f)
	}
}

// TestGridNorwaySeedAll checks the whole map of the Norwegian seed: every
// tagged study of the seed is on it, each placed study in exactly
// |themes| × |participants| cells, and health workers have studies from
// elsewhere (the United Kingdom above all).
func TestGridNorwaySeedAll(t *testing.T) {
	l := norway(t)
	m := evidence.Build(l, evidence.Filter{})
	if len(m.Untagged) != 0 {
		t.Errorf("untagged studies in the seed: %v", m.Untagged)
	}
	if len(m.Studies) != m.Total || m.Total < 26 {
		t.Errorf("%d studies on the map of %d, want all of at least 26", len(m.Studies), m.Total)
	}
	placed := map[string]int{}
	for _, c := range m.Cells {
		for _, id := range c.Studies {
			placed[id]++
		}
	}
	for _, st := range evidence.Studies(l) {
		want := len(st.Themes) * len(st.Participants)
		if placed[st.ID] != want {
			t.Errorf("%s is in %d cells, want %d", st.ID, placed[st.ID], want)
		}
		if want == 0 && !slices.Contains(m.Unplaced, st.ID) {
			t.Errorf("%s is on no cell and not listed as unplaced", st.ID)
		}
	}
	hw := 0
	for _, c := range m.Column(graph.ParticipantHealthWorkers) {
		hw += len(c.Studies)
	}
	if hw == 0 {
		t.Error("no study anywhere has data from health workers; the seed has ross2015, domoney2015, andersson2024")
	}
	// Most European studies come from the United Kingdom: more than from
	// any other country but Norway, the summary's own.
	gb, _ := evidence.ParseFilter("uk", "")
	nGB := len(evidence.Build(l, gb).Studies)
	for _, c := range []string{"se", "dk", "nl", "de", "md"} {
		f, _ := evidence.ParseFilter(c, "")
		if n := len(evidence.Build(l, f).Studies); n >= nGB {
			t.Errorf("%d studies from %s, %d from the UK; want the UK first", n, c, nGB)
		}
	}
	eu, _ := evidence.ParseFilter("europe", "")
	for _, s := range evidence.Build(l, eu).Studies {
		if s.ID == "ross2015" || s.ID == "andersson2024" {
			t.Errorf("the rest of Europe holds %s, a study from the UK or the Nordic countries", s.ID)
		}
	}
}
