package tablefile

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/progress"
)

// CSVVersionColumns are the names of the columns of the data version that
// WriteCSV adds.
var CSVVersionColumns = []string{"data_version", "data_changed"}

// WriteCSV writes t as CSV (RFC 4180, UTF-8, comma-separated): the header,
// then one record per row. Only the columns and rows are written, so that
// any program reads the file as data; the title, caption and footnote are
// in the XLSX form (WriteXLSX). When t has a data version, every record
// ends with two more columns, data_version (the landscape version) and
// data_changed (the time of its last change, RFC 3339 in UTC), so that a
// figure taken from the file can be traced to the data that produced it
// wherever the file goes. No comment line is written, since CSV has none
// that every reader skips.
//
// A cell that a spreadsheet would run as a formula (one that starts with
// =, +, -, @, a tab or a carriage return and is not a number) is written
// with a ' in front, as OWASP advises against CSV injection: a service
// named =HYPERLINK(...) is text in the file, not a link. Every CSV of
// gapmap (the web's, the CLI's and the pack's) is written here. Control
// characters other than tab, newline and carriage return are dropped, so
// that a stored NUL does not end a reader's record.
//
// With opt.CSV CSVExcel, the file is written for Excel on Norwegian
// settings instead (CSVExcel).
func WriteCSV(w io.Writer, t *Table, opt Options) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	excel := opt.CSV == CSVExcel
	if excel {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	cw := csv.NewWriter(w)
	if excel {
		cw.Comma, cw.UseCRLF = ';', true
	}
	var version []string
	header := t.Columns
	if t.Version != 0 {
		version = []string{strconv.FormatInt(t.Version, 10), dataversion.Value(t.Changed)}
		header = append(slices.Clip(header), CSVVersionColumns...)
	}
	if err := cw.Write(neutralRecord(slices.Clone(header))); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	record := make([]string, 0, len(header))
	for i, r := range t.Rows {
		record = append(append(record[:0], r...), version...)
		neutralRecord(record)
		if excel {
			decimalCommas(t, record)
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
		if (i+1)%progress.Every == 0 || i+1 == len(t.Rows) {
			opt.Progress.Report(i+1, len(t.Rows))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// neutralRecord neutralises each cell of record in place (NeutralCell).
func neutralRecord(record []string) []string {
	for i, c := range record {
		record[i] = NeutralCell(c)
	}
	return record
}

// NeutralCell returns cell as a spreadsheet reads it as text: with a '
// in front when it starts with =, +, -, @, a tab or a carriage return and
// is not a number (-3 and +4.5 stay numbers), without the control
// characters XML cannot carry either (NUL, escape, ...). Other cells are
// unchanged.
func NeutralCell(cell string) string {
	cell = xmlSafe(cell)
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) || cell == "-" {
		return cell // a lone "-" (none, in the tables) is no formula
	}
	if _, err := strconv.ParseFloat(cell, 64); err == nil && strings.Trim(cell, "0123456789.eE+-") == "" {
		return cell // a plain number: "-3" is minus three, not a formula
	}
	return "'" + cell
}

// decimalCommas writes the decimals of t's numeric columns in record with
// a decimal comma.
func decimalCommas(t *Table, record []string) {
	for j, v := range record {
		if t.numeric(j) && decimal.MatchString(v) {
			record[j] = strings.Replace(v, ".", ",", 1)
		}
	}
}
