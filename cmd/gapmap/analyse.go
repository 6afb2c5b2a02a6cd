package main

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gapmap/gapmap/config"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// analyseFlags are the filters and options of gapmap analyse.
type analyseFlags struct {
	groups, genders, ages, statuses, exploitation, regions, stages, needs, kinds []string

	format   string
	scenario string
	limit    int
}

func newAnalyseCmd(a *app) *cobra.Command {
	var f analyseFlags
	cmd := &cobra.Command{
		Use:   "analyse",
		Short: "Find where victims fall between systems: the gaps of the landscape",
		Long: `Analyse the landscape in the store and list its gaps: uncovered cells,
needs entitled by law but unserved, fragile coverage, needs lost at status
transitions, fragmentation and service criticality; single_provider notes
covered cells with one provider only that are not otherwise fragile. Each gap names the profile
(gender, age band, status, exploitation, region), the need and the stage, the
services that cover it or why they do not, and what to cite.

Filters take one or more values (repeat the flag or separate with commas); an
empty filter means every value. With --scenario FILE (YAML or JSON), the
scenario is analysed against the landscape and the difference listed.
Counts of people under the suppression threshold are shown as "<5".`,
		Example: `  gapmap analyse --status undocumented --age adult --region oslo
  gapmap analyse --kind entitled_unserved --format csv > gaps.csv
  gapmap analyse --scenario gp-for-undocumented.yaml`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			switch f.format {
			case "table", "json", "csv":
			default:
				return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want table, json or csv)", f.format)}
			}
			q, err := f.query(a.cfg.Suppression)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			var sc gap.Scenario
			if f.scenario != "" {
				raw, err := os.ReadFile(f.scenario)
				if err != nil {
					return fmt.Errorf("scenario: %w", err)
				}
				if sc, err = gap.ParseScenario(raw); err != nil {
					return fmt.Errorf("scenario %s: %w", f.scenario, err)
				}
			}
			l, err := a.landscape(ctx)
			if err != nil {
				return err
			}
			res, err := gap.Analyse(ctx, l, q, sc)
			if err != nil {
				return fmt.Errorf("analyse: %s", graph.ErrorMessage(err))
			}
			switch f.format {
			case "json":
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					*gap.Result
					Studies []evidence.NeedStudies `json:"studies"`
				}{res, evidence.OnGaps(l, res)})
			case "csv":
				return tablefile.WriteCSV(a.stdout, tablefile.Gaps(res, l.Changed()), tablefile.Options{})
			default:
				return writeGapsTable(a.stdout, res, q.Privacy)
			}
		},
	}
	fl := cmd.Flags()
	f.register(fl, "kinds of gap: uncovered, entitled_unserved, entitled_partial, fragile, single_provider, lost_in_transition, fragmentation, criticality (default all)")
	fl.StringVarP(&f.format, "format", "f", "table", "output format: table, json or csv")
	fl.StringVar(&f.scenario, "scenario", "", "a what-if scenario file (YAML or JSON) to analyse against the landscape")
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}

// register defines the filter flags, --kind (described by kinds) and
// --limit on fl: gapmap analyse and export table take them all.
func (f *analyseFlags) register(fl *pflag.FlagSet, kinds string) {
	f.registerFilters(fl)
	fl.StringSliceVar(&f.kinds, "kind", nil, kinds)
	fl.IntVar(&f.limit, "limit", 0, "list at most this many items of each kind (0: the engine's default, -1: all)")
}

// registerFilters defines the filter flags on fl: the profile dimensions,
// stages, needs and groups. The chart exports take only these.
func (f *analyseFlags) registerFilters(fl *pflag.FlagSet) {
	fl.StringSliceVar(&f.groups, "group", nil, "named victim group ids (their profiles and needs)")
	fl.StringSliceVar(&f.genders, "gender", nil, "genders: female, male, other")
	fl.StringSliceVar(&f.ages, "age", nil, "age bands: child, young_adult, adult")
	fl.StringSliceVar(&f.statuses, "status", nil, "residency status ids, e.g. undocumented, reflection")
	fl.StringSliceVar(&f.exploitation, "exploitation", nil, "exploitation ids, e.g. sexual, forced_labour")
	fl.StringSliceVar(&f.regions, "region", nil, "region ids, e.g. oslo, vestland")
	fl.StringSliceVar(&f.stages, "stage", nil, "stage ids, e.g. identification")
	fl.StringSliceVar(&f.needs, "need", nil, "need ids, e.g. health_primary")
}

// query turns the flags into a gap.Query; unknown enum values are errors
// that name the flag.
func (f *analyseFlags) query(s config.Suppression) (gap.Query, error) {
	q := gap.Query{
		Statuses:     f.statuses,
		Exploitation: f.exploitation,
		Regions:      f.regions,
		Stages:       f.stages,
		Needs:        f.needs,
		Groups:       f.groups,
		Limit:        f.limit,
		Privacy:      privacy.Rule{Threshold: s.Threshold, Step: s.Step},
	}
	for _, g := range f.genders {
		if !slices.Contains(graph.Genders, graph.Gender(g)) {
			return q, fmt.Errorf("--gender: unknown gender %q (want female, male or other)", g)
		}
		q.Genders = append(q.Genders, graph.Gender(g))
	}
	for _, ab := range f.ages {
		if !slices.Contains(graph.AgeBands, graph.AgeBand(ab)) {
			return q, fmt.Errorf("--age: unknown age band %q (want child, young_adult or adult)", ab)
		}
		q.AgeBands = append(q.AgeBands, graph.AgeBand(ab))
	}
	for _, k := range f.kinds {
		kind, err := gap.ParseKind(k)
		if err != nil {
			return q, fmt.Errorf("--kind: %s", graph.ErrorMessage(err))
		}
		q.Kinds = append(q.Kinds, kind)
	}
	return q, nil
}
