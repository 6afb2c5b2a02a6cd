package export

import (
	"encoding/csv"
	"fmt"
	"io"
)

// WriteCSV writes t as CSV (RFC 4180, UTF-8, comma-separated): the header,
// then one record per row. Only the columns and rows are written, so that
// any program reads the file as data; the title, caption and footnote
// (with the data version: the landscape version and the time of its last
// change) are in the XLSX form (WriteXLSX). A CSV file gets its data
// version from around it instead: its name carries the landscape version
// (gapmap-coverage-en-v42-2026-03-01.csv), and in a pack the manifest
// records the version and the time of its last change. No comment line is
// written, since CSV has none that every reader skips.
func WriteCSV(w io.Writer, t *Table, opt TableOptions) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Columns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	for i, r := range t.Rows {
		if err := cw.Write(r); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
		if (i+1)%progressEvery == 0 || i+1 == len(t.Rows) {
			opt.Progress.report(i+1, len(t.Rows))
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
