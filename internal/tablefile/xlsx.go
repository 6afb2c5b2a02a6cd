package tablefile

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gapmap/gapmap/internal/progress"
	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes t as an Excel workbook with one sheet, named after the
// title: the title in bold on the first row, the caption under it (merged
// across the table's width and wrapped), a blank row, the header (bold,
// shaded, frozen so it stays in view), the rows, a blank row and the
// footnote, one line per row. A cell that is a whole number (without a
// leading zero, so codes like "0301" stay text) is written as a number, a
// percentage ("20 %") as the fraction it is with the percent format, a
// decimal ("4.4") in a numeric column as a number, and every other cell as
// text, never as a formula. The sheet is named after the title, shortened
// at a word to Excel's 31 characters. The workbook's title and subject
// properties are the table's title and caption, and its dates the time of
// the data version's last change, so that the same table gives the same
// file.
//
// An XLSX sheet holds at most 1,048,576 rows; a longer table is an error
// (write it as CSV, or filter it).
func WriteXLSX(w io.Writer, t *Table, opt Options) error {
	if err := t.Validate(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := writeXLSX(w, t, opt); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func writeXLSX(w io.Writer, t *Table, opt Options) error {
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
	sheet := uniqueSheetNames([]string{t.Title})[0]
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	// excelize writes its document properties with a default namespace,
	// which ExcelJS refuses; these are the same properties as Excel writes
	// them.
	f.Pkg.Store("docProps/core.xml", coreProperties(t))
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
			value, percent := cellValue(v, t.numeric(j))
			style := st.body
			if percent {
				style = st.percent
			}
			cells[j] = excelize.Cell{StyleID: style, Value: value}
		}
		if err := sw.SetRow(cellName(1, header+1+i), cells); err != nil {
			return err
		}
		if (i+1)%progress.Every == 0 || i+1 == len(t.Rows) {
			opt.Progress.Report(i+1, len(t.Rows))
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
	title, caption, header, body, percent, footnote int
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
		{&st.percent, excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}}}, // 9 is Excel's built-in 0%
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

var (
	wholeNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})$`)
	decimal     = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})\.[0-9]{1,6}$`)
	percentage  = regexp.MustCompile(`^(-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,6})?) ?%$`)
)

// cellValue returns a cell's text as the value to write: a whole number as
// a number, a percentage as its fraction (percent true: to be shown in the
// percent format), a decimal as a number when numeric, anything else as
// text.
func cellValue(s string, numeric bool) (value any, percent bool) {
	s = xmlSafe(s) // a stored NUL would make the sheet's XML invalid
	if wholeNumber.MatchString(s) {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, false
		}
	}
	if m := percentage.FindStringSubmatch(s); m != nil {
		if x, err := strconv.ParseFloat(m[1], 64); err == nil {
			return x / 100, true
		}
	}
	if numeric && decimal.MatchString(s) {
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			return x, false
		}
	}
	return s, false
}

// coreProperties returns the workbook's core properties part
// (docProps/core.xml, ECMA-376 Part 2, 11): the table's title and caption,
// gapmap as creator, and the data version's time as created and modified
// date when the table has it.
func coreProperties(t *Table) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, text string) {
		b.WriteString("<" + name + ">")
		_ = xml.EscapeText(&b, []byte(text)) // a bytes.Buffer does not fail
		b.WriteString("</" + name + ">")
	}
	elem("dc:title", t.Title)
	if t.Caption != "" {
		elem("dc:subject", t.Caption)
	}
	elem("dc:creator", "gapmap")
	if !t.Changed.IsZero() {
		when := t.Changed.UTC().Format("2006-01-02T15:04:05Z")
		for _, name := range []string{"dcterms:created", "dcterms:modified"} {
			b.WriteString("<" + name + ` xsi:type="dcterms:W3CDTF">` + when + "</" + name + ">")
		}
	}
	b.WriteString("</cp:coreProperties>")
	return b.Bytes()
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

// maxSheetName is the longest sheet name Excel takes, in characters.
const maxSheetName = 31

// numberSuffix matches a title's number in brackets at its end: "Coverage
// (2)".
var numberSuffix = regexp.MustCompile(` \([0-9]+\)$`)

// sheetName makes a table title a valid sheet name: no []:*?/\, not
// starting or ending with an apostrophe, and at most 31 characters,
// shortened at the end of a word (at a character only for a first word
// longer than that) and keeping a number in brackets at its end, so that
// "… (2)" and "… (3)" stay apart.
func sheetName(title string) string {
	s := strings.Join(strings.Fields(badSheetChars.ReplaceAllString(title, " ")), " ")
	s = strings.Trim(s, "'")
	if utf8.RuneCountInString(s) > maxSheetName {
		suffix := numberSuffix.FindString(s)
		s = strings.TrimSuffix(s, suffix)
		s = shortenAtWord(s, maxSheetName-utf8.RuneCountInString(suffix)) + suffix
		s = strings.Trim(s, "'")
	}
	if s == "" {
		return "Table"
	}
	return s
}

// shortenAtWord returns s cut to at most n characters at the end of a word,
// without trailing spaces or punctuation.
func shortenAtWord(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if !unicode.IsSpace(r[n]) { // the n-th character would be cut mid-word
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i]
		}
	}
	return strings.TrimRightFunc(cut, func(c rune) bool { return unicode.IsSpace(c) || unicode.IsPunct(c) && c != ')' })
}

// uniqueSheetNames returns a sheet name for each of titles (sheetName),
// distinct as Excel compares them (ignoring case): a name already taken
// gets " (2)", " (3)" … within the 31 characters.
func uniqueSheetNames(titles []string) []string {
	taken := map[string]bool{}
	out := make([]string, len(titles))
	for i, title := range titles {
		name := sheetName(title)
		for n := 2; taken[strings.ToLower(name)]; n++ {
			suffix := " (" + strconv.Itoa(n) + ")"
			name = shortenAtWord(sheetName(title), maxSheetName-len(suffix)) + suffix
		}
		taken[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}
