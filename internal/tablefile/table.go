package tablefile

import (
	"fmt"
	"strings"
	"time"

	"github.com/gapmap/gapmap/internal/progress"
)

// Table is a table as a spreadsheet shows it: a title, a caption that says
// what it shows, a header of columns, rows of text cells, and a footnote
// with the sources and the notes a reader needs to cite it (one per line).
// The dashboards' tables convert to it; WriteCSV and WriteXLSX write it.
//
// Counts of people in Rows must already be privacy.Counts as text ("<5"):
// a Table never sees a number it must hide.
type Table struct {
	Title   string
	Caption string
	Columns []string
	// Numeric marks the columns of numbers (nil: none): WriteXLSX stores a
	// decimal in such a column as a number, not text.
	Numeric  []bool
	Rows     [][]string
	Footnote string
	// Version and Changed are the data version: the landscape version the
	// table was made from and the time of its last change. WriteCSV writes
	// them in two columns of their own when Version is set.
	Version int64
	Changed time.Time
}

// Options are the options of the table writers.
type Options struct {
	// Progress, if set, is told how many rows are written.
	Progress progress.Func
	// CSV is the form of a CSV file (WriteCSV).
	CSV CSVDialect
}

// CSVDialect is the form of a CSV file.
type CSVDialect string

const (
	// CSVStandard is RFC 4180: UTF-8 without a byte-order mark, fields
	// separated by commas, decimals with a point. Every program that reads
	// CSV as data reads it.
	CSVStandard CSVDialect = ""
	// CSVExcel is CSV as Excel opens it by a double click on Norwegian
	// (and other decimal-comma) settings: UTF-8 with a byte-order mark (so
	// that "ø" and "–" are not garbled), fields separated by semicolons,
	// lines ended by CRLF, and a decimal comma in the numbers of numeric
	// columns ("4,4"), which Excel would otherwise take for a date.
	CSVExcel CSVDialect = "excel"
)

// ParseCSVDialect returns the dialect a flag or query parameter names:
// "standard" (or "") or "excel".
func ParseCSVDialect(s string) (CSVDialect, error) {
	switch s {
	case "", "standard":
		return CSVStandard, nil
	case "excel":
		return CSVExcel, nil
	}
	return "", fmt.Errorf("unknown CSV form %q (want standard, or excel for Excel on Norwegian settings: a byte-order mark, ';' between fields)", s)
}

// numeric reports whether column i holds numbers.
func (t *Table) numeric(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

// Validate checks that the table has columns and that every row has one
// cell per column.
func (t *Table) Validate() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table %q has no columns", t.Title)
	}
	for i, r := range t.Rows {
		if len(r) != len(t.Columns) {
			return fmt.Errorf("table %q: row %d has %d cells for %d columns", t.Title, i+1, len(r), len(t.Columns))
		}
	}
	return nil
}

// footnoteLines returns the footnote's lines, without empty ones at either
// end.
func (t *Table) footnoteLines() []string {
	s := strings.Trim(t.Footnote, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}
