package export

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes t as an Excel workbook with one sheet, named after the
// title: the title in bold on the first row, the caption under it (merged
// across the table's width and wrapped), a blank row, the header (bold,
// shaded, frozen so it stays in view), the rows, a blank row and the
// footnote, one line per row. A cell that is a whole number (without a
// leading zero, so codes like "0301" stay text) is written as a number,
// every other cell as text, never as a formula. The workbook's title and
// subject properties are the table's title and caption.
//
// An XLSX sheet holds at most 1,048,576 rows; a longer table is an error
// (write it as CSV, or filter it).
func WriteXLSX(w io.Writer, t *Table, opt TableOptions) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := writeXLSX(w, t, opt); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func writeXLSX(w io.Writer, t *Table, opt TableOptions) error {
	foot := t.footnoteLines()
	header := 3 // title, blank, header
	if t.Caption != "" {
		header = 4 // title, caption, blank, header
	}
	last := header + len(t.Rows)
	if len(foot) > 0 {
		last += 1 + len(foot)
	}
	if last > excelize.TotalRows {
		return fmt.Errorf("table %q needs %d rows; an XLSX sheet holds at most %d (write CSV, or filter the table)", t.Title, last, excelize.TotalRows)
	}

	f := excelize.NewFile()
	defer f.Close()
	sheet := sheetName(t.Title)
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: t.Title, Subject: t.Caption, Creator: "gapmap"}); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := columnWidths(t)
	total := 0.0
	for i, wd := range widths {
		total += wd
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: cellName(1, header+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	lastCol := len(t.Columns)
	merged := func(row int, text string, style int) error {
		height := 15 * float64(wrappedLines(text, total))
		if err := sw.SetRow(cellName(1, row), []any{excelize.Cell{StyleID: style, Value: xmlSafe(text)}},
			excelize.RowOpts{Height: min(height, 409)}); err != nil {
			return err
		}
		if lastCol > 1 {
			return sw.MergeCell(cellName(1, row), cellName(lastCol, row))
		}
		return nil
	}
	if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: xmlSafe(t.Title)}}, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	if t.Caption != "" {
		if err := merged(2, t.Caption, st.caption); err != nil {
			return err
		}
	}
	cells := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		cells[i] = excelize.Cell{StyleID: st.header, Value: xmlSafe(c)}
	}
	if err := sw.SetRow(cellName(1, header), cells); err != nil {
		return err
	}
	for i, r := range t.Rows {
		for j, v := range r {
			cells[j] = excelize.Cell{StyleID: st.body, Value: cellValue(v)}
		}
		if err := sw.SetRow(cellName(1, header+1+i), cells); err != nil {
			return err
		}
		if (i+1)%progressEvery == 0 || i+1 == len(t.Rows) {
			opt.Progress.report(i+1, len(t.Rows))
		}
	}
	row := header + len(t.Rows) + 2
	for _, line := range foot {
		if err := merged(row, line, st.footnote); err != nil {
			return err
		}
		row++
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxStyles are the style ids of a table's parts.
type xlsxStyles struct {
	title, caption, header, body, footnote int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
		{&st.caption, excelize.Style{Font: &excelize.Font{Italic: true},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2EC"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "486581", Style: 2}},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.body, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.footnote, excelize.Style{Font: &excelize.Font{Italic: true, Size: 9},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row) // col and row are in range
	return name
}

var wholeNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})$`)

// cellValue returns a cell's text as the value to write: a whole number as
// a number, anything else as text.
func cellValue(s string) any {
	s = xmlSafe(s) // a stored NUL would make the sheet's XML invalid
	if wholeNumber.MatchString(s) {
		var n int64
		if _, err := fmt.Sscan(s, &n); err == nil {
			return n
		}
	}
	return s
}

// columnWidths sizes each column to its header and its first rows, between
// 8 and 60 characters.
func columnWidths(t *Table) []float64 {
	widths := make([]float64, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = float64(utf8.RuneCountInString(c))
	}
	for _, r := range t.Rows[:min(len(t.Rows), 2000)] {
		for i, v := range r {
			widths[i] = max(widths[i], float64(utf8.RuneCountInString(v)))
		}
	}
	for i := range widths {
		widths[i] = min(max(widths[i]+2, 8), 60)
	}
	return widths
}

// wrappedLines estimates how many lines text takes in a merged cell width
// characters wide.
func wrappedLines(text string, width float64) int {
	lines := 0
	for _, l := range strings.Split(text, "\n") {
		lines += 1 + int(float64(utf8.RuneCountInString(l))/max(width, 10))
	}
	return lines
}

var badSheetChars = regexp.MustCompile(`[\[\]:*?/\\]`)

// sheetName makes a table title a valid sheet name: no []:*?/\, at most 31
// characters, not starting or ending with an apostrophe.
func sheetName(title string) string {
	s := strings.TrimSpace(badSheetChars.ReplaceAllString(title, " "))
	if r := []rune(s); len(r) > 31 {
		s = strings.TrimSpace(string(r[:31]))
	}
	s = strings.Trim(s, "'")
	if s == "" {
		return "Table"
	}
	return s
}
