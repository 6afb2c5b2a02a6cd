package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/pack"
)

func newExportPackCmd(a *app) *cobra.Command {
	var d dashboardFlags
	var out string
	var names []string
	cmd := &cobra.Command{
		Use:   "pack --out FILE.zip [filters] [--lang en|nb]",
		Short: "Export a GRETA response pack: a PDF report, the diagrams, the tables and a manifest",
		Long: `Build a GRETA (or OSCE) response pack for the filters and write it as one ZIP file:

  report.pdf              a title page with the data version and the date, a
                          short method section explaining each gap measure,
                          each diagram with its caption and tables, the gaps by
                          residency status and need with the GRETA and OSCE
                          recommendations and the studies they relate to, and
                          a note on the suppression of small counts
  diagrams/NN-NAME.svg    each diagram, its caption and sources in the file
  tables/NAME.csv, .xlsx  each dashboard's tables, the gaps by status and need,
                          and the first gaps cell by cell (--csv excel: the
                          CSV files for Excel on Norwegian settings)
  manifest.json           every file with its SHA-256, the data version, the
                          filters, the language, gapmap's version and the
                          command that makes the same pack again

The diagrams are ` + strings.Join(chart.PackDashboards, ", ") + ` unless
--dashboards names others (whatif adds the what-if scenario of --scenario).
The same data version, filters, language and --date give the same ZIP, byte
for byte (the report is dated at --date, today if it is left out); the
manifest's command names every flag that makes it again, --data and --date
included. Progress is shown on standard error: a bar on a terminal,
a line per step otherwise. It needs Chromium (apt-get install chromium).`,
		Example: `  gapmap export pack --out pack.zip
  gapmap export pack --out pakke.zip --lang nb --status undocumented,reflection
  gapmap export pack --out pack.zip --dashboards coverage,transitions --date 2026-03-01`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "-" && isTerminal(a.stdout) {
				return &exitError{code: 2, err: errors.New("--out: a ZIP file is not for a terminal: name a file")}
			}
			if err := d.check(); err != nil {
				return &exitError{code: 2, err: err}
			}
			for _, n := range names {
				if err := chart.CheckDashboard(n); err != nil {
					return &exitError{code: 2, err: fmt.Errorf("--dashboards: %s", graph.ErrorMessage(err))}
				}
			}
			st, err := d.stamp()
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			q, err := d.query(a)
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			dialect, err := d.csvDialect()
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			sc, id, err := d.scenarioOf()
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			ctx := cmd.Context()
			l, err := a.landscape(ctx)
			if err != nil {
				return err
			}
			r := a.newRenderer()
			defer r.Close()
			if err := r.Check(); err != nil {
				return err
			}
			req := pack.Request{Lang: d.lang, Query: q, Dashboards: names, Scenario: sc, ScenarioID: id, Stamp: st,
				Store: a.cfg.Store, Data: a.cfg.Data, CSV: dialect, Progress: a.packProgress()}
			return writeOut(a, out, func(w io.Writer) error {
				_, err := pack.Write(ctx, w, l, r, req)
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "pack.zip", "the ZIP file to write; - for standard output")
	fl.StringSliceVar(&names, "dashboards", nil, "the diagrams, in order (default "+strings.Join(chart.PackDashboards, ",")+"; also whatif)")
	addDashboardFlags(fl, &d)
	addCSVFlag(fl, &d)
	d.filters.registerFilters(fl)
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}

// packProgress shows the steps of a pack on standard error: a bar that
// redraws itself on a terminal, a plain line per step otherwise.
func (a *app) packProgress() func(pack.Step) {
	if !isTerminal(a.stderr) {
		return func(s pack.Step) {
			fmt.Fprintf(a.stderr, "export pack: %d/%d %s\n", s.Done, s.Total, s.What)
		}
	}
	const width = 30
	return func(s pack.Step) {
		filled := 0
		if s.Total > 0 {
			filled = width * s.Done / s.Total
		}
		bar := strings.Repeat("#", filled) + strings.Repeat("-", width-filled)
		fmt.Fprintf(a.stderr, "\r\033[Kexport pack [%s] %d/%d %s", bar, s.Done, s.Total, s.What)
		if s.Done >= s.Total {
			fmt.Fprintln(a.stderr)
		}
	}
}
