package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/findings"
)

func newFindingsCmd(a *app) *cobra.Command {
	var f analyseFlags
	var format, lang string
	var offset int
	cmd := &cobra.Command{
		Use:   "findings [filters] [--format table|json|csv|markdown] [--lang en|nb]",
		Short: "What the gaps say: a short ranked list of statements, with their sources",
		Long: `Analyse the landscape in the store as gapmap analyse does and merge its gaps
into findings: each one kind of gap, one need, its stages, and the groups of
people it concerns, described by the fewest values ("adults with status
undocumented, everywhere except Oslo and Bergen, at every stage"). Every gap
is in exactly one finding. Findings are ranked: needs entitled by law but
unserved first, then needs no service meets, needs lost when a status
changes, and fragile services; then by the people and regions they reach.

Each finding names the services near it and those whose rules exclude its
people, the legal right, the status change that loses it, the people its
named groups hold (under the suppression threshold "<5"), its sources, the
facts behind it that are assumed, and the GRETA and OSCE recommendations on
it. Filters are those of gapmap analyse.`,
		Example: `  gapmap findings
  gapmap findings --status undocumented --format markdown > findings.md
  gapmap findings --lang nb --format csv > funn.csv`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			switch format {
			case "table", "json", "csv", "markdown":
			default:
				return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want table, json, csv or markdown)", format)}
			}
			if lang != "en" && lang != "nb" {
				return &exitError{code: 2, err: fmt.Errorf("--lang: unknown language %q (want en or nb)", lang)}
			}
			if offset < 0 {
				return &exitError{code: 2, err: fmt.Errorf("--offset: must not be negative")}
			}
			q, err := f.query(a.cfg.Suppression)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			q.Offset = offset
			l, err := a.landscape(ctx)
			if err != nil {
				return err
			}
			list, err := findings.Find(ctx, l, q)
			if err != nil {
				return fmt.Errorf("findings: %s", graph.ErrorMessage(err))
			}
			switch format {
			case "json":
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(list)
			case "csv":
				return findings.WriteCSV(a.stdout, list, offset, lang)
			case "markdown":
				return findings.WriteMarkdown(a.stdout, list, offset, lang)
			default:
				return findings.WriteTable(a.stdout, list, offset, lang)
			}
		},
	}
	fl := cmd.Flags()
	f.register(fl, "kinds of gap: uncovered, entitled_unserved, fragile, lost_in_transition (default all)")
	fl.IntVar(&offset, "offset", 0, "skip this many findings")
	fl.StringVarP(&format, "format", "f", "table", "output format: table, json, csv or markdown")
	fl.StringVar(&lang, "lang", "en", "language of the titles and words: en or nb")
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}
