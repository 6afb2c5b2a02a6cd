package findings

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// studyCase is a need of the seed whose findings must name the studies the
// domain notes (studies.md, seed/norway/sources.yaml) put on it.
type studyCase struct {
	Story      string   `json:"story"`
	Need       string   `json:"need"`
	Age        string   `json:"age"` // "child": the findings on children only
	Studies    []string `json:"studies"`
	Norway     int      `json:"norway"`
	Sentence   string   `json:"sentence"`
	SentenceNB string   `json:"sentence_nb"`
}

// TestFindingsNameTheirStudies checks on the Norwegian seed that every
// finding on a need names the studies on it (testdata/norway_studies.json),
// counts those with Norwegian data, and carries the knowledge-gap sentence
// exactly when none has; and that the table, CSV and Markdown show them.
func TestFindingsNameTheirStudies(t *testing.T) {
	l := norway(t)
	var cases []studyCase
	raw, err := os.ReadFile(filepath.Join("testdata", "norway_studies.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	list, err := Find(context.Background(), l, gap.Query{Limit: -1})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Need+"/"+c.Age, func(t *testing.T) {
			n := 0
			for _, f := range list.Findings {
				child := len(f.Profile.AgeBands) > 0 && !slices.ContainsFunc(f.Profile.AgeBands, func(a graph.AgeBand) bool { return a != graph.AgeChild })
				if f.Need.ID != c.Need || child != (c.Age == "child") {
					continue
				}
				n++
				if got := f.StudyIDs(); !slices.Equal(got, c.Studies) {
					t.Errorf("%s (%s): studies %v, want %v", f.ID, c.Story, got, c.Studies)
				}
				if f.StudiesNorway != c.Norway {
					t.Errorf("%s: %d studies with Norwegian data, want %d", f.ID, f.StudiesNorway, c.Norway)
				}
				if f.KnowledgeGap != c.Sentence || f.KnowledgeGapNB != c.SentenceNB {
					t.Errorf("%s: knowledge gap %q / %q, want %q / %q", f.ID, f.KnowledgeGap, f.KnowledgeGapNB, c.Sentence, c.SentenceNB)
				}
				for _, s := range f.Studies {
					if s.Title == "" || s.Year == 0 {
						t.Errorf("%s: study %s has no title or year", f.ID, s.ID)
					}
				}
				one := &List{Version: list.Version, Total: 1, Findings: []Finding{f}, GapCells: f.Cells}
				for _, lang := range []string{"en", "nb"} {
					want := c.Sentence
					if lang == "nb" {
						want = c.SentenceNB
					}
					var tab, csvOut, mdOut bytes.Buffer
					if err := WriteTable(&tab, one, 0, lang); err != nil {
						t.Fatal(err)
					}
					if err := WriteCSV(&csvOut, one, 0, lang); err != nil {
						t.Fatal(err)
					}
					if err := WriteMarkdown(&mdOut, one, 0, lang); err != nil {
						t.Fatal(err)
					}
					for name, out := range map[string]string{"table": tab.String(), "csv": csvOut.String(), "markdown": mdOut.String()} {
						if want != "" && !strings.Contains(out, want) {
							t.Errorf("%s %s of %s lacks the sentence %q", lang, name, f.ID, want)
						}
						if want == "" && strings.Contains(out, "Norwegian data, ") {
							t.Errorf("%s %s of %s says no study has Norwegian data", lang, name, f.ID)
						}
					}
					if len(c.Studies) > 0 && !strings.Contains(csvOut.String(), strings.Join(c.Studies, "; ")) {
						t.Errorf("%s CSV of %s does not list the studies %v", lang, f.ID, c.Studies)
					}
					if len(c.Studies) > 0 && !strings.Contains(tab.String(), c.Studies[0]) {
						t.Errorf("%s table of %s does not name the study %s", lang, f.ID, c.Studies[0])
					}
					for _, s := range f.Studies {
						if !strings.Contains(mdOut.String(), md(s.Title)) {
							t.Errorf("%s Markdown of %s does not name the study %q", lang, f.ID, s.Title)
						}
					}
				}
			}
			if n == 0 {
				t.Fatalf("no finding on %s (%s)", c.Need, c.Age)
			}
		})
	}
}
