package dashboards

import (
	"embed"
	"fmt"
	"path"
	"strings"

	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/locale"
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
		// the English name is the YAML's; other languages name it in the
		// message scenario.<id> of the dashboards domain
		title := map[string]string{}
		words := messages().Domain("dashboards")
		for _, lang := range messages().Languages() {
			title[lang] = sc.Name
			if lang != locale.Source && words.Has(lang, "scenario."+id) {
				title[lang] = words.Text(lang, "scenario."+id)
			}
		}
		out = append(out, Example{ID: id, Title: title, Scenario: sc, Source: string(raw)})
	}
	return out, nil
}
