package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/graphfile"
	"github.com/gapmap/gapmap/internal/hsds"
	"github.com/gapmap/gapmap/internal/tablefile"
)

func newExportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the landscape graph, the service directory (HSDS), tables, charts or a GRETA response pack",
		Long: `Write the landscape in the store to a file, or to standard output with --out -:

  gapmap export graph --format graphml|json|cypher   the whole graph
  gapmap export hsds                                 the service directory, Open Referral HSDS 3.0
  gapmap export table --format csv|xlsx              the gaps, as gapmap analyse finds them
  gapmap export table --dashboard NAME               a dashboard's table, as its page shows it
  gapmap export chart --dashboard NAME --format svg|png|pdf   a dashboard's chart, as its page draws it
  gapmap export pack                                 a GRETA response pack: PDF report, diagrams, tables, manifest

Confidential addresses are never exported, and counts of people under the
suppression threshold are written as "<5". A file is written whole or not at
all. Long exports count their progress on standard error when it is a
terminal.`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitError{code: 2, err: fmt.Errorf("export: name what to export: graph, hsds, table, chart or pack (see %s --help)", cmd.CommandPath())}
		},
	}
	cmd.AddCommand(newExportGraphCmd(a), newExportHSDSCmd(a), newExportTableCmd(a), newExportChartCmd(a), newExportPackCmd(a))
	return cmd
}

func newExportGraphCmd(a *app) *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "graph --format graphml|json|cypher --out FILE",
		Short: "Export the whole landscape graph as GraphML, JSON or a Cypher script",
		Long: `Export every node and edge of the landscape:

  graphml  GraphML for Gephi and yEd, a key for every node and edge property
  json     the JSON API's shape: {"version", "nodes", "edges"}
  cypher   one Cypher statement that recreates the graph in an empty Neo4j
           database (cypher-shell -f FILE), with the labels and properties
           of gapmap's Neo4j store`,
		Example: `  gapmap export graph --format graphml --out landscape.graphml
  gapmap export graph --format cypher --out landscape.cypher`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := graphfile.ParseFormat(format)
			if err != nil {
				return &exitError{code: 2, err: fmt.Errorf("--format: %s", graph.ErrorMessage(err))}
			}
			l, err := a.landscape(cmd.Context())
			if err != nil {
				return err
			}
			opt := graphfile.Options{Privacy: a.privacyRule(), Progress: a.progress("export graph")}
			return writeOut(a, out, func(w io.Writer) error { return graphfile.Write(w, l, f, opt) })
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "graphml", "graphml, json or cypher")
	cmd.Flags().StringVarP(&out, "out", "o", "-", "the file to write; - for standard output")
	cmd.Flags().String("data", "data", "directory of the embedded store")
	return cmd
}

func newExportHSDSCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "hsds --out FILE",
		Short: "Export the service directory as Open Referral HSDS 3.0 JSON",
		Long: `Export every organisation and service as one Open Referral HSDS 3.0 JSON
document: organizations, services (with their phones, schedules, service areas,
languages, contacts and attributes), locations, taxonomies and taxonomy terms.
Eligibility rules, needs, stages, sector, funding, regions and sources are
HSDS attributes in gapmap's taxonomies (internal/hsds/HSDS.md). gapmap import
hsds reads the file back.`,
		Example: `  gapmap export hsds --out directory.json`,
		Args:    usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := a.landscape(cmd.Context())
			if err != nil {
				return err
			}
			opt := hsds.Options{Progress: a.progress("export hsds")}
			return writeOut(a, out, func(w io.Writer) error { return hsds.Write(w, l, opt) })
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "-", "the file to write; - for standard output")
	cmd.Flags().String("data", "data", "directory of the embedded store")
	return cmd
}

func newExportTableCmd(a *app) *cobra.Command {
	var f analyseFlags
	var d dashboardFlags
	var format, out string
	cmd := &cobra.Command{
		Use:   "table --format csv|xlsx --out FILE [filters]",
		Short: "Export the gaps as a CSV or XLSX table, with their sources",
		Long: `Analyse the landscape as gapmap analyse does and write its gaps as a table,
one row per cell with a gap and the columns of gapmap analyse --format csv.
The XLSX workbook also has a title, a caption saying what was analysed, and a
footnote with every source and recommendation the rows cite. Counts of people
under the suppression threshold are written as "<5".

The filters are those of gapmap analyse. Without --kind, the four kinds a cell
can have are analysed (uncovered, entitled_unserved, fragile,
lost_in_transition). --limit caps the rows (0: the engine's default of 1000,
-1: every gap); an XLSX sheet holds at most about a million.

With --dashboard NAME, the table written is instead the one under that
dashboard's chart, as its page shows it for the same filters, in --lang: its
caption names the filters, the data version and the date (--date), its
footnote the sources and recommendations. --kind and --limit do not apply.`,
		Example: `  gapmap export table --format xlsx --out gaps.xlsx --status undocumented
  gapmap export table --format csv --out - --region oslo --limit -1
  gapmap export table --dashboard coverage --format xlsx --out coverage.xlsx --lang nb
  gapmap export table --dashboard pathways --out stier.csv --lang nb --csv excel`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if d.name != "" {
				if cmd.Flags().Changed("kind") || cmd.Flags().Changed("limit") {
					return &exitError{code: 2, err: errors.New("--kind and --limit are for the gaps table, not a dashboard's")}
				}
				d.filters = f
				return writeDashboardTable(cmd.Context(), a, &d, format, out)
			}
			if format != "csv" && format != "xlsx" {
				return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want csv or xlsx)", format)}
			}
			if format == "xlsx" && out == "-" && isTerminal(a.stdout) {
				return &exitError{code: 2, err: errors.New("--out: an XLSX file is not for a terminal: name a file")}
			}
			dialect, err := d.csvDialect()
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			q, err := f.query(a.cfg.Suppression)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			if len(q.Kinds) == 0 {
				q.Kinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile, gap.KindLostInTransition}
			}
			ctx := cmd.Context()
			l, err := a.landscape(ctx)
			if err != nil {
				return err
			}
			res, err := gap.Analyse(ctx, l, q, gap.Scenario{})
			if err != nil {
				return fmt.Errorf("analyse: %s", graph.ErrorMessage(err))
			}
			t := tablefile.Gaps(res, l.Changed())
			opt := tablefile.Options{Progress: a.progress("export table"), CSV: dialect}
			return writeOut(a, out, func(w io.Writer) error {
				if format == "xlsx" {
					return tablefile.WriteXLSX(w, t, opt)
				}
				return tablefile.WriteCSV(w, t, opt)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&format, "format", "f", "csv", "csv or xlsx")
	fl.StringVarP(&out, "out", "o", "-", "the file to write; - for standard output")
	f.register(fl, "kinds of gap: uncovered, entitled_unserved, fragile, lost_in_transition (default all four)")
	fl.StringVar(&d.name, "dashboard", "", "write this dashboard's table instead of the gaps: "+strings.Join(chart.Dashboards, ", "))
	addDashboardFlags(fl, &d)
	addCSVFlag(fl, &d)
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}
