package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// dashboardFlags choose a dashboard as its web page does: its name, the
// language, the filters, the landscape's node size and the what-if
// scenario, and the date the file names.
type dashboardFlags struct {
	filters  analyseFlags
	name     string
	lang     string
	size     string
	scenario string
	date     string
	// csv is the --csv flag of the commands that write CSV.
	csv string
}

// addCSVFlag adds --csv, the form of the CSV files written, to fl.
func addCSVFlag(fl *pflag.FlagSet, d *dashboardFlags) {
	fl.StringVar(&d.csv, "csv", "standard", "the form of CSV files: standard (RFC 4180: UTF-8, commas), or excel for Excel on Norwegian settings (UTF-8 with a byte-order mark, ';' between fields, decimal commas)")
}

// csvDialect returns the CSV form --csv names.
func (d *dashboardFlags) csvDialect() (tablefile.CSVDialect, error) {
	c, err := tablefile.ParseCSVDialect(d.csv)
	if err != nil {
		return c, fmt.Errorf("--csv: %w", err)
	}
	return c, nil
}

// addDashboardFlags adds the flags that choose a dashboard's view (not its
// name) to fl.
func addDashboardFlags(fl *pflag.FlagSet, d *dashboardFlags) {
	fl.StringVar(&d.lang, "lang", "en", "language of the labels, caption and tables: en or nb")
	fl.StringVar(&d.scenario, "scenario", "", "what-if dashboard: an example scenario's id, or a scenario file (YAML or JSON); default the first example")
	fl.StringVar(&d.size, "size", "", "landscape dashboard: size services by capacity (--size capacity) instead of links")
	fl.StringVar(&d.date, "date", "", "the date the caption names, YYYY-MM-DD (default today): give the date of an earlier export to make the same file again")
}

// stamp returns the export stamp of the flags.
func (d *dashboardFlags) stamp() (chart.Stamp, error) {
	st := chart.Stamp{Gapmap: version}
	if d.date != "" {
		t, err := time.Parse(time.DateOnly, d.date)
		if err != nil {
			return st, fmt.Errorf("--date: %q is not a date YYYY-MM-DD", d.date)
		}
		st.Date = t
	}
	return st, nil
}

// check checks the language and the size.
func (d *dashboardFlags) check() error {
	if d.lang != "en" && d.lang != "nb" {
		return fmt.Errorf("--lang: unknown language %q (want en or nb)", d.lang)
	}
	if d.size != "" && d.size != "capacity" {
		return fmt.Errorf("--size: unknown size %q (want capacity, or leave it out to size by links)", d.size)
	}
	return nil
}

// query returns the filters as a gap query with the configured
// suppression rule.
func (d *dashboardFlags) query(a *app) (gap.Query, error) {
	return d.filters.query(a.cfg.Suppression)
}

// scenarioOf returns the what-if scenario the flag names: an example's id
// (nil scenario, the id), or a file (the scenario, the path).
func (d *dashboardFlags) scenarioOf() (*gap.Scenario, string, error) {
	s := d.scenario
	if s == "" {
		return nil, "", nil
	}
	if !strings.ContainsAny(s, "./\\") {
		return nil, s, nil // an example's id
	}
	raw, err := os.ReadFile(s)
	if err != nil {
		return nil, "", fmt.Errorf("--scenario: %w", err)
	}
	sc, err := gap.ParseScenario(raw)
	if err != nil {
		return nil, "", fmt.Errorf("--scenario %s: %s", s, graph.ErrorMessage(err))
	}
	return &sc, s, nil
}

// build builds the dashboard the flags name.
func (d *dashboardFlags) build(ctx context.Context, a *app) (*chart.Dashboard, error) {
	if d.name == "" {
		return nil, &exitError{code: 2, err: fmt.Errorf("--dashboard: name the dashboard: %s", strings.Join(chart.Dashboards, ", "))}
	}
	if err := chart.CheckDashboard(d.name); err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("--dashboard: %s", graph.ErrorMessage(err))}
	}
	if err := d.check(); err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	q, err := d.query(a)
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	sc, id, err := d.scenarioOf()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	l, err := a.landscape(ctx)
	if err != nil {
		return nil, err
	}
	db, err := chart.BuildDashboard(ctx, l, chart.DashboardRequest{Name: d.name, Lang: d.lang, Query: q, SizeBy: d.size,
		Scenario: sc, ScenarioID: id})
	if err != nil {
		return nil, fmt.Errorf("dashboard %s: %w", d.name, err)
	}
	return db, nil
}

// newRenderer returns the configured chart renderer; close it when done.
func (a *app) newRenderer() *chart.Renderer {
	return chart.NewRenderer(chart.RendererOptions{Chromium: a.cfg.Export.Chromium, Concurrency: a.cfg.Export.Renders, Log: a.log})
}

// chartFormats are the formats of gapmap export chart.
var chartFormats = []string{"svg", "png", "pdf"}

func newExportChartCmd(a *app) *cobra.Command {
	var d dashboardFlags
	var format, out string
	var scale int
	cmd := &cobra.Command{
		Use:   "chart --dashboard NAME --format svg|png|pdf --out FILE [filters]",
		Short: "Export a dashboard's chart as SVG, PNG or PDF, as the dashboard draws it",
		Long: `Draw a dashboard's chart as the web page does, with the same ECharts option, the
same labels and the same language, in a headless Chromium, and write it:

  svg  vector, for print: the chart as ECharts' SVG renderer draws it, with a
       caption (what it shows, the filters, the data version and the date) and
       a footnote (its sources, how small counts are shown) in the file
  png  the same figure from ECharts' canvas renderer, at --scale times 1000
       pixels wide (2 for print or a high-density screen)
  pdf  the chart with its caption, how to read it, its tables, and the
       recommendations and sources it cites

The dashboards are ` + strings.Join(chart.Dashboards, ", ") + `. The filters are those of
gapmap analyse and of the dashboard's page. Counts of people under the
suppression threshold are shown as "<5". Without --format, the format is taken
from the name given with --out. Chart export needs Chromium (apt-get install
chromium, or set export.chromium).`,
		Example: `  gapmap export chart --dashboard coverage --format svg --out coverage.svg
  gapmap export chart --dashboard pathways --out pathways.png --scale 2 --lang nb --status undocumented
  gapmap export chart --dashboard whatif --scenario rosa-closes --out whatif.pdf`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("format") {
				if ext := strings.TrimPrefix(filepath.Ext(out), "."); slices.Contains(chartFormats, ext) {
					format = ext
				}
			}
			if !slices.Contains(chartFormats, format) {
				return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want svg, png or pdf)", format)}
			}
			if scale < 1 || scale > chart.MaxScale {
				return &exitError{code: 2, err: fmt.Errorf("--scale: %d is not from 1 to %d", scale, chart.MaxScale)}
			}
			if format != "svg" && out == "-" && isTerminal(a.stdout) {
				return &exitError{code: 2, err: fmt.Errorf("--out: a %s file is not for a terminal: name a file", strings.ToUpper(format))}
			}
			st, err := d.stamp()
			if err != nil {
				return &exitError{code: 2, err: err}
			}
			ctx := cmd.Context()
			db, err := d.build(ctx, a)
			if err != nil {
				return err
			}
			r := a.newRenderer()
			defer r.Close()
			var data []byte
			switch format {
			case "svg":
				data, err = r.SVG(ctx, db.Figure(st))
			case "png":
				data, err = r.PNG(ctx, db.Figure(st), scale)
			case "pdf":
				data, err = r.ChartPDF(ctx, db, st)
			}
			if err != nil {
				return err
			}
			return writeOut(a, out, func(w io.Writer) error {
				_, err := w.Write(data)
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&d.name, "dashboard", "", "the dashboard: "+strings.Join(chart.Dashboards, ", "))
	fl.StringVarP(&format, "format", "f", "svg", "svg, png or pdf; without it, the extension of --out chooses")
	fl.StringVarP(&out, "out", "o", "-", "the file to write; - for standard output")
	fl.IntVar(&scale, "scale", 1, "PNG: pixels per CSS pixel, 1 to 4")
	addDashboardFlags(fl, &d)
	d.filters.registerFilters(fl)
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}

// writeDashboardTable writes the table under the chart of the dashboard d
// names, as gapmap export table --dashboard does: the same rows as the
// page's table, with a caption (filters, data version, date) and a footnote
// (sources, recommendations, how small counts are shown) in the XLSX form.
func writeDashboardTable(ctx context.Context, a *app, d *dashboardFlags, format, out string) error {
	if format != "csv" && format != "xlsx" {
		return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want csv or xlsx)", format)}
	}
	if format == "xlsx" && out == "-" && isTerminal(a.stdout) {
		return &exitError{code: 2, err: errors.New("--out: an XLSX file is not for a terminal: name a file")}
	}
	st, err := d.stamp()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	db, err := d.build(ctx, a)
	if err != nil {
		return err
	}
	t := db.Tables(st)[0]
	opt := tablefile.Options{Progress: a.progress("export table")}
	if opt.CSV, err = d.csvDialect(); err != nil {
		return &exitError{code: 2, err: err}
	}
	return writeOut(a, out, func(w io.Writer) error {
		if format == "xlsx" {
			return tablefile.WriteXLSX(w, t, opt)
		}
		return tablefile.WriteCSV(w, t, opt)
	})
}
