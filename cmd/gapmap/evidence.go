package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/tablefile"
)

func newEvidenceCmd(a *app) *cobra.Command {
	var country, design, format string
	cmd := &cobra.Command{
		Use:   "evidence",
		Short: "The evidence map: what research has looked at, and the gaps in knowledge",
		Long: `Count the studies and reviews of the landscape by theme and by whom their
data come from (health workers, survivors, NGO staff, police, children,
other professionals). A cell with no study is a gap in knowledge. Filter
by the country the data come from (norway, nordic, gb or uk, europe for
the rest of Europe, global, or an ISO 3166 code such as se) and by design
(review, interviews, focus_groups, survey, cohort, evaluation, conceptual).
A count with "*" holds studies placed by an assumed tag.`,
		Example: `  gapmap evidence --country norway
  gapmap evidence --country uk --design survey --format csv > evidence.csv`,
		Args: usage(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			switch format {
			case "table", "json", "csv":
			default:
				return &exitError{code: 2, err: fmt.Errorf("--format: unknown format %q (want table, json or csv)", format)}
			}
			f, err := evidence.ParseFilter(country, design)
			if err != nil {
				return &exitError{code: 2, err: flagError(err)}
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			l, err := st.Landscape(ctx)
			if err != nil {
				return err
			}
			if n, _ := l.Len(); n == 0 {
				return fmt.Errorf("the store is empty: load a seed first (gapmap seed)")
			}
			m := evidence.Build(l, f)
			if m.Total == 0 {
				return fmt.Errorf("the landscape (version %d) holds no studies or reviews", l.Version())
			}
			switch format {
			case "json":
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Version int64 `json:"version"`
					*evidence.Map
				}{l.Version(), m})
			case "csv":
				return tablefile.WriteCSV(a.stdout, evidenceCSV(l, m), tablefile.Options{})
			}
			return writeEvidenceTable(a.stdout, l, m)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&country, "country", "", "where the data come from: norway, nordic, gb (uk), europe (the rest of Europe), global, or an ISO 3166 code (default global)")
	fl.StringVar(&design, "design", "", "one design: review, interviews, focus_groups, survey, cohort, evaluation, conceptual (default all)")
	fl.StringVarP(&format, "format", "f", "table", "output format: table, json or csv")
	fl.String("data", "data", "directory of the embedded store")
	return cmd
}

// flagError words a filter's EINVALID error as the flag's.
func flagError(err error) error {
	if e, ok := err.(*graph.Error); ok && e.Field != "" {
		return fmt.Errorf("--%s: %s", e.Field, e.Message)
	}
	return err
}

// count is a cell's count as the table shows it: "*" when an assumed tag
// places a study there.
func count(c *evidence.Cell) string {
	s := strconv.Itoa(len(c.Studies))
	if c.Assumed > 0 {
		s += "*"
	}
	return s
}

// writeEvidenceTable writes the grid, the gaps in words and the notes.
func writeEvidenceTable(w io.Writer, l *graph.Landscape, m *evidence.Map) error {
	fmt.Fprintf(w, "landscape version %d: %d of %d studies with data from %s", l.Version(), len(m.Studies), m.Total, m.Filter.Country)
	if m.Filter.Design != "" {
		fmt.Fprintf(w, ", design %s", m.Filter.Design)
	}
	fmt.Fprintf(w, "\n%d of %d cells have no study (gaps in knowledge); * marks a count with studies placed by an assumed tag\n\n", len(m.Gaps()), len(m.Cells))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := []string{"THEME"}
	for _, p := range m.Participants {
		head = append(head, strings.ToUpper(string(p)))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, th := range m.Themes {
		row := []string{string(th)}
		for _, p := range m.Participants {
			row = append(row, count(m.Cell(th, p)))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range m.Notes {
		fmt.Fprintf(w, "\n%s: %s %s (%s)\n", n.Participants, n.Finding, n.Recommendation, strings.Join(n.Sources, ", "))
	}
	if len(m.Unplaced) > 0 {
		fmt.Fprintf(w, "\nno participants, on no cell: %s\n", strings.Join(m.Unplaced, ", "))
	}
	if len(m.Untagged) > 0 {
		fmt.Fprintf(w, "not yet tagged: %s\n", strings.Join(m.Untagged, ", "))
	}
	return nil
}

// evidenceCSV is the map as a table of cells: one row a cell, with its
// studies and how many an assumed tag places there.
func evidenceCSV(l *graph.Landscape, m *evidence.Map) *tablefile.Table {
	t := &tablefile.Table{Title: "Evidence map", Columns: []string{"theme", "participants", "studies", "assumed", "gap", "study_ids", "country", "design"},
		Version: l.Version(), Changed: l.Changed()}
	for _, c := range m.Cells {
		t.Rows = append(t.Rows, []string{string(c.Theme), string(c.Participants), strconv.Itoa(len(c.Studies)),
			strconv.Itoa(c.Assumed), strconv.FormatBool(c.Gap()), strings.Join(c.Studies, " "), m.Filter.Country, string(m.Filter.Design)})
	}
	return t
}
