package seed

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gapmap/gapmap/graph"
)

// norwegianRules is testdata/norwegian/texts.yaml: which texts of the seed
// a Norwegian page shows, and which need no Norwegian text.
type norwegianRules struct {
	Fields        map[graph.NodeType][]string `yaml:"fields"`
	Same          map[string]string           `yaml:"same"`
	CitationKinds []graph.SourceKind          `yaml:"citation_kinds"`
	EnglishWords  []string                    `yaml:"english_words"`
}

func readNorwegianRules(t *testing.T) norwegianRules {
	t.Helper()
	data, err := os.ReadFile("testdata/norwegian/texts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var r norwegianRules
	if err := yaml.Unmarshal(data, &r); err != nil {
		t.Fatalf("testdata/norwegian/texts.yaml: %v", err)
	}
	if len(r.Fields) == 0 || len(r.EnglishWords) == 0 {
		t.Fatal("testdata/norwegian/texts.yaml lists no fields or no English words")
	}
	return r
}

// missingNorwegian returns, for each text of nodes that rules say a
// Norwegian page shows, what is wrong with its Norwegian text: none, the
// English one copied, or English words in it. Any Norwegian text (a field
// ending in "_nb") that is the English one copied is reported too.
func missingNorwegian(rules norwegianRules, nodes []graph.Node) ([]string, error) {
	var words []string
	for _, w := range rules.EnglishWords {
		words = append(words, regexp.QuoteMeta(w))
	}
	english := regexp.MustCompile(`(?:^|[^\pL])(` + strings.Join(words, "|") + `)(?:$|[^\pL])`)
	var out []string
	for _, n := range nodes {
		data, err := graph.MarshalNode(n)
		if err != nil {
			return nil, err
		}
		var fields map[string]any
		if err := yamlOrJSON(data, &fields); err != nil {
			return nil, err
		}
		id := n.Base().ID
		for key, v := range fields {
			en, ok := strings.CutSuffix(key, "_nb")
			if _, same := rules.Same[id+"."+en]; same {
				continue
			}
			if nb, _ := v.(string); ok && nb != "" && nb == fields[en] {
				out = append(out, fmt.Sprintf("%s: %s is %s copied: %q", graph.Ref(n), key, en, nb))
			}
		}
		for _, f := range rules.Fields[n.Type()] {
			en, _ := fields[f].(string)
			if en == "" {
				continue
			}
			if _, ok := rules.Same[id+"."+f]; ok {
				continue
			}
			if s, ok := n.(*graph.Source); ok && f == "name" && slices.Contains(rules.CitationKinds, s.Kind) {
				continue
			}
			nb, _ := fields[f+"_nb"].(string)
			switch {
			case nb == "":
				out = append(out, fmt.Sprintf("%s: %s has no Norwegian text (%s_nb): %q", graph.Ref(n), f, f, en))
			case english.MatchString(nb):
				out = append(out, fmt.Sprintf("%s: %s_nb holds the English word %q: %q", graph.Ref(n), f, english.FindStringSubmatch(nb)[1], nb))
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// yamlOrJSON decodes JSON (a subset of YAML) into v.
func yamlOrJSON(data []byte, v any) error { return yaml.Unmarshal(data, v) }

// TestNorwegianTexts: every text a Norwegian page shows of the built-in
// seed has a Norwegian text of its own, but the proper names listed in
// testdata/norwegian/texts.yaml.
func TestNorwegianTexts(t *testing.T) {
	rules := readNorwegianRules(t)
	s, err := Load(Norway(), ".")
	if err != nil {
		t.Fatalf("Load(Norway(), \".\"):\n%v", err)
	}
	l, err := s.Landscape()
	if err != nil {
		t.Fatalf("Landscape: %v", err)
	}
	for typ := range rules.Fields {
		t.Run(string(typ), func(t *testing.T) {
			nodes := l.Nodes(typ)
			if len(nodes) == 0 {
				t.Fatalf("the seed has no %s", typ)
			}
			bad, err := missingNorwegian(rules, nodes)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bad {
				t.Error(b)
			}
		})
	}
	// Every exception names a text the seed has, so that none outlives its
	// reason.
	for key := range rules.Same {
		id, f, _ := strings.Cut(key, ".")
		n, ok := l.Node(id)
		if !ok {
			t.Errorf("testdata/norwegian/texts.yaml: same: %s: the seed has no node %s", key, id)
			continue
		}
		data, err := graph.MarshalNode(n)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]any
		if err := yamlOrJSON(data, &fields); err != nil {
			t.Fatal(err)
		}
		if nb, _ := fields[f+"_nb"].(string); nb != "" && nb != fields[f] {
			t.Errorf("testdata/norwegian/texts.yaml: same: %s: the node has a Norwegian text of its own, %q: remove the exception", key, nb)
		}
		if fields[f] == nil {
			t.Errorf("testdata/norwegian/texts.yaml: same: %s: %s has no %s", key, id, f)
		}
	}
}

// TestMissingNorwegian checks the check itself: each planted fault is
// found, and a text in order is not reported.
func TestMissingNorwegian(t *testing.T) {
	rules := readNorwegianRules(t)
	meta := func(id, name, nameNB string) graph.Meta { return graph.Meta{ID: id, Name: name, NameNB: nameNB} }
	for _, test := range []struct {
		name string
		node graph.Node
		want []string // a part of each report, in order; none: no report
	}{
		{"in order", &graph.Need{Meta: meta("legal_aid", "Legal aid", "Rettshjelp"),
			Description: "Free legal advice.", DescriptionNB: "Gratis rettshjelp."}, nil},
		{"no Norwegian name", &graph.Stage{Meta: meta("first", "First contact", ""),
			Description: "The first meeting.", DescriptionNB: "Det første møtet."}, []string{"name has no Norwegian text"}},
		{"no Norwegian description", &graph.Exploitation{Meta: meta("sexual", "Sexual exploitation", "Seksuell utnyttelse"),
			Description: "Exploitation in prostitution."}, []string{"description has no Norwegian text"}},
		{"summary copied", &graph.Recommendation{Meta: meta("r1", "Strengthen prevention", "Styrke forebyggingen"),
			Summary: "Do more.", SummaryNB: "Do more."}, []string{"summary_nb is summary copied"}},
		{"English left in", &graph.Status{Meta: meta("s1", "Reflection", "Refleksjonsperiode"),
			Description: "Six months.", DescriptionNB: "Seks måneder.", Duration: "6 months, with no renewal", DurationNB: "6 måneder, with no renewal"},
			[]string{`duration_nb holds the English word "with"`}},
		{"a county's name is the same", &graph.Region{Meta: meta("rogaland", "Rogaland", "")}, nil},
		{"a shelter's name is the same", &graph.Service{Meta: meta("lauras_hus", "Lauras hus", "Lauras hus"),
			Description: "A shelter.", DescriptionNB: "Et botilbud."}, nil},
		{"another name copied", &graph.Service{Meta: meta("rosa", "ROSA", "ROSA"),
			Description: "A project.", DescriptionNB: "Et prosjekt."}, []string{"name_nb is name copied"}},
		{"a study's citation is the same", &graph.Source{Meta: meta("oram2016", "Oram et al. (2016)", ""), Kind: graph.SourceStudy}, nil},
		{"a web page's name is not", &graph.Source{Meta: meta("rosa_om", "ROSA – about ROSA", ""), Kind: graph.SourceWeb},
			[]string{"name has no Norwegian text"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			got, err := missingNorwegian(rules, []graph.Node{test.node})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(test.want) {
				t.Fatalf("got %d reports %q, want %d: %q", len(got), got, len(test.want), test.want)
			}
			for i, w := range test.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("report %d is %q, want it to say %q", i, got[i], w)
				}
			}
		})
	}
}
