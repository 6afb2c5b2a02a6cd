package dashboards

import (
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/gapmap/gapmap/internal/gap"
)

//go:embed scenarios/*.yaml
var scenarioFS embed.FS

// Example is an example what-if scenario shipped with gapmap.
type Example struct {
	// ID is the file name without .yaml, as ?scenario= names it.
	ID string
	// Title is the scenario's name in each language.
	Title    map[string]string
	Scenario gap.Scenario
	// Source is the scenario as written (YAML), for the upload form.
	Source string
}

// exampleTitlesNB are the Norwegian names of the example scenarios; the
// English ones are their YAML names.
var exampleTitlesNB = map[string]string{
	"crisis-centres-accept-victims": "Krisesentrene tar imot alle ofre for menneskehandel",
	"gp-for-undocumented-adults":    "Fastlege for voksne uten lovlig opphold",
	"rosa-closes":                   "ROSA legges ned",
}

// Examples returns the example scenarios, by id. They are parsed once per
// call; the files are embedded, so an error is a bug in gapmap.
func Examples() ([]Example, error) {
	entries, err := scenarioFS.ReadDir("scenarios")
	if err != nil {
		return nil, fmt.Errorf("example scenarios: %w", err)
	}
	var out []Example
	for _, e := range entries {
		raw, err := scenarioFS.ReadFile(path.Join("scenarios", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("example scenario %s: %w", e.Name(), err)
		}
		sc, err := gap.ParseScenario(raw)
		if err != nil {
			return nil, fmt.Errorf("example scenario %s: %w", e.Name(), err)
		}
		id := strings.TrimSuffix(e.Name(), ".yaml")
		title := map[string]string{"en": sc.Name, "nb": sc.Name}
		if nb, ok := exampleTitlesNB[id]; ok {
			title["nb"] = nb
		}
		out = append(out, Example{ID: id, Title: title, Scenario: sc, Source: string(raw)})
	}
	return out, nil
}
