package tablefile

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

func sampleTable() *Table {
	return &Table{
		Title:   "Services: who/what [draft]",
		Caption: "Every service, with the statuses it accepts.",
		Columns: []string{"service", "statuses", "places", "code"},
		Rows: [][]string{
			{"ROSA", "undocumented, reflection", "40", "0301"},
			{`Laura's "Hus"`, "line one\nline two", "<5", "=1+1"},
			{"Tromsø — ø", "", "-12", "007"},
		},
		Footnote: "Sources:\nnkvts2025: NKVTS (2025) Kunnskapsoppsummering. https://nkvts.no",
	}
}

func TestWriteCSV(t *testing.T) {
	tab := sampleTable()
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := append([][]string{tab.Columns}, tab.Rows...)
	want[2] = []string{`Laura's "Hus"`, "line one\nline two", "<5", "'=1+1"} // a formula, neutralised
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV mismatch (-want +got):\n%s", diff)
	}
}

// TestWriteCSVDataVersion checks that a CSV file carries its data version
// on every record, so that a figure pasted from it can be traced.
func TestWriteCSVDataVersion(t *testing.T) {
	changed := time.Date(2026, 2, 27, 14, 5, 9, 123456000, time.FixedZone("CET", 3600))
	tests := []struct {
		name     string
		version  int64
		changed  time.Time
		wantCols []string
		wantCell []string
	}{
		{"none", 0, time.Time{}, nil, nil},
		{"version and change", 42, changed, CSVVersionColumns, []string{"42", "2026-02-27T13:05:09.123456Z"}},
		{"never changed", 7, time.Time{}, CSVVersionColumns, []string{"7", ""}},
	}
	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			tab := sampleTable()
			tab.Version, tab.Changed = test.version, test.changed
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tab, Options{}); err != nil {
				t.Fatal(err)
			}
			got, err := csv.NewReader(&buf).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			want := [][]string{append(slices.Clone(tab.Columns), test.wantCols...)}
			for _, r := range tab.Rows {
				want = append(want, append(slices.Clone(r), test.wantCell...))
			}
			want[2][3] = "'=1+1" // a formula, neutralised
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("CSV mismatch (-want +got):\n%s", diff)
			}
			if len(tab.Columns) != 4 {
				t.Errorf("WriteCSV changed the table's columns: %v", tab.Columns)
			}
		})
	}
}

func TestWriteTableRejectsRaggedRows(t *testing.T) {
	tab := sampleTable()
	tab.Rows = append(tab.Rows, []string{"only one cell"})
	if err := WriteCSV(&bytes.Buffer{}, tab, Options{}); err == nil || !strings.Contains(err.Error(), "row 4 has 1 cells for 4 columns") {
		t.Errorf("WriteCSV of a ragged table: %v", err)
	}
	if err := WriteXLSX(&bytes.Buffer{}, tab, Options{}); err == nil {
		t.Errorf("WriteXLSX of a ragged table: no error")
	}
}

func TestWriteXLSX(t *testing.T) {
	tab := sampleTable()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, tab, Options{}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if diff := cmp.Diff([]string{"Services who what draft"}, sheets); diff != "" {
		t.Errorf("sheets mismatch (-want +got):\n%s", diff)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{tab.Title},
		{tab.Caption},
		nil,
		tab.Columns,
		tab.Rows[0], tab.Rows[1], tab.Rows[2],
		nil,
		{"Sources:"},
		{"nkvts2025: NKVTS (2025) Kunnskapsoppsummering. https://nkvts.no"},
	}
	if diff := cmp.Diff(want, rows, cmp.Comparer(func(a, b []string) bool {
		return slices.Equal(trimEmpty(a), trimEmpty(b))
	})); diff != "" {
		t.Errorf("rows mismatch (-want +got):\n%s", diff)
	}

	// Whole numbers are numbers; codes with a leading zero, "<5" and
	// formulas stay text.
	for _, c := range []struct {
		cell   string
		number bool
	}{
		{"C5", true}, {"C7", true}, {"D5", false}, {"C6", false}, {"D6", false}, {"A6", false},
	} {
		typ, err := f.GetCellType(sheets[0], c.cell)
		if err != nil {
			t.Fatal(err)
		}
		// A number cell has no type attribute (CellTypeUnset) or "n".
		if number := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber; number != c.number {
			t.Errorf("cell %s has type %v; want a number: %v", c.cell, typ, c.number)
		}
		if formula, _ := f.GetCellFormula(sheets[0], c.cell); formula != "" {
			t.Errorf("cell %s has formula %q", c.cell, formula)
		}
	}

	// The header is styled and frozen; the caption and footnote lines are
	// merged across the table.
	merged, err := f.GetMergeCells(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, m := range merged {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if diff := cmp.Diff([]string{"A2:D2", "A9:D9", "A10:D10"}, ranges); diff != "" {
		t.Errorf("merged cells mismatch (-want +got):\n%s", diff)
	}
	style, err := f.GetCellStyle(sheets[0], "B4")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil {
		t.Fatal(err)
	}
	if st.Font == nil || !st.Font.Bold {
		t.Errorf("header cell B4 is not bold: %+v", st.Font)
	}
	panes, err := f.GetPanes(sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("panes %+v, want the header frozen", panes)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Title != tab.Title || props.Creator != "gapmap" {
		t.Errorf("document properties %+v", props)
	}
}

func trimEmpty(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

func TestWriteXLSXTooLong(t *testing.T) {
	row := []string{"x"}
	tab := &Table{Title: "long", Columns: []string{"c"}, Rows: make([][]string, excelize.TotalRows)}
	for i := range tab.Rows {
		tab.Rows[i] = row
	}
	err := WriteXLSX(&bytes.Buffer{}, tab, Options{})
	if err == nil || !strings.Contains(err.Error(), "at most 1048576") {
		t.Errorf("WriteXLSX of a table too long for a sheet: %v", err)
	}
}

func TestSheetName(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"Gaps", "Gaps"},
		{"", "Table"},
		{"a/b:c*d?e[f]g\\h", "a b c d e f g h"},
		{"'quoted'", "quoted"},
		{"A title far longer than thirty-one characters", "A title far longer than"},
		{"Oppholdsstatus og behov: hull i tilbudet", "Oppholdsstatus og behov hull i"},
		{"Who covers the needs of each group, by stage (2)", "Who covers the needs of (2)"},
		{"Averyveryverylongwordwithoutanyspaceatallinit", "Averyveryverylongwordwithoutany"},
		{"Gaps by residency status and need", "Gaps by residency status and"},
	} {
		got := sheetName(test.in)
		if got != test.want {
			t.Errorf("sheetName(%q) = %q, want %q", test.in, got, test.want)
		}
		if n := len([]rune(got)); n > 31 {
			t.Errorf("sheetName(%q) has %d characters", test.in, n)
		}
	}
}

func TestUniqueSheetNames(t *testing.T) {
	got := uniqueSheetNames([]string{"Coverage", "coverage", "Coverage", "Who covers the needs of each group at a stage",
		"Who covers the needs of each group at a stage, again"})
	want := []string{"Coverage", "coverage (2)", "Coverage (3)", "Who covers the needs of each", "Who covers the needs of (2)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sheet names mismatch (-want +got):\n%s", diff)
	}
}

// smallGroupLandscape has one status, need, stage and region, no service,
// and a named group of three people who need the need: every cell is an
// uncovered gap that concerns the group.
func smallGroupLandscape(t *testing.T) *graph.Landscape {
	t.Helper()
	nodes := []graph.Node{
		&graph.Status{Meta: graph.Meta{ID: "undocumented", Name: "Undocumented"}},
		&graph.Need{Meta: graph.Meta{ID: "gp", Name: "GP"}, Category: graph.CategoryHealth},
		&graph.Stage{Meta: graph.Meta{ID: "first_contact", Name: "First contact"}, Order: 1},
		&graph.Region{Meta: graph.Meta{ID: "tromso", Name: "Tromsø"}, Level: graph.LevelMunicipality},
		&graph.Source{Meta: graph.Meta{ID: "report", Name: "A report", Year: 2024}, Kind: graph.SourceReport, Authors: "NKVTS", Title: "Three boys"},
		&graph.Group{Meta: graph.Meta{ID: "boys", Name: "Boys in forced criminality"},
			Genders: []graph.Gender{graph.Male}, AgeBands: []graph.AgeBand{graph.AgeChild}, SizeEstimate: 3},
	}
	edges := []graph.Edge{
		{Type: graph.EdgeHasStatus, From: "boys", To: "undocumented"},
		{Type: graph.EdgeInRegion, From: "boys", To: "tromso"},
		{Type: graph.EdgeNeeds, From: "boys", To: "gp"},
		{Type: graph.EdgeSourcedFrom, From: "boys", To: "report"},
	}
	l, err := graph.NewLandscape(3, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestGapsTableSuppressesSmallCounts analyses a landscape with a group of
// three people: the table shows "<5" in every format, never 3, unless the
// rule's threshold lets 3 be shown.
func TestGapsTableSuppressesSmallCounts(t *testing.T) {
	l := smallGroupLandscape(t)
	for _, test := range []struct {
		rule privacy.Rule
		want string
	}{
		{privacy.Rule{}, "<5"},
		{privacy.Rule{Threshold: 10}, "<10"},
		{privacy.Rule{Threshold: 3}, "3"},
	} {
		res, err := gap.Analyse(context.Background(), l, gap.Query{Genders: []graph.Gender{graph.Male},
			AgeBands: []graph.AgeBand{graph.AgeChild}, Kinds: []gap.Kind{gap.KindUncovered}, Privacy: test.rule}, gap.Scenario{})
		if err != nil {
			t.Fatal(err)
		}
		tab := Gaps(res, time.Time{})
		if len(tab.Rows) == 0 {
			t.Fatalf("rule %+v: no gaps", test.rule)
		}
		people := slices.Index(tab.Columns, "people_affected")
		for _, r := range tab.Rows {
			if r[people] != test.want {
				t.Errorf("rule %+v: people_affected = %q, want %q", test.rule, r[people], test.want)
			}
		}
		if test.want != "3" {
			var csvBuf, xlsxBuf bytes.Buffer
			if err := WriteCSV(&csvBuf, tab, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := WriteXLSX(&xlsxBuf, tab, Options{}); err != nil {
				t.Fatal(err)
			}
			records, _ := csv.NewReader(&csvBuf).ReadAll()
			for _, r := range records[1:] {
				if r[people] != test.want {
					t.Errorf("CSV people_affected = %q, want %q", r[people], test.want)
				}
			}
			f, err := excelize.OpenReader(&xlsxBuf)
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows(f.GetSheetList()[0])
			if got := rows[4][people]; got != test.want {
				t.Errorf("XLSX people_affected = %q, want %q", got, test.want)
			}
			f.Close()
		}
		if !strings.Contains(tab.Footnote, "report: NKVTS (2024) Three boys") {
			t.Errorf("footnote lacks the source:\n%s", tab.Footnote)
		}
	}
}

func TestGapsTable(t *testing.T) {
	l := smallGroupLandscape(t)
	res, err := gap.Analyse(context.Background(), l, gap.Query{Statuses: []string{"undocumented"}, Limit: 2,
		Kinds: []gap.Kind{gap.KindUncovered}}, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	tab := Gaps(res, time.Date(2026, 2, 27, 14, 5, 9, 123456000, time.UTC))
	if diff := cmp.Diff(GapsColumns, tab.Columns); diff != "" {
		t.Errorf("columns mismatch (-want +got):\n%s", diff)
	}
	if len(tab.Rows) != 2 {
		t.Fatalf("%d rows, want the limit of 2", len(tab.Rows))
	}
	for _, want := range []string{"landscape version 3, last changed 2026-02-27 14:05 UTC: ", "Filters: status undocumented.", "uncovered"} {
		if !strings.Contains(tab.Caption, want) {
			t.Errorf("caption %q lacks %q", tab.Caption, want)
		}
	}
	if !strings.HasPrefix(tab.Footnote, "2 of ") || !strings.Contains(tab.Footnote, "counts under 5 are shown as <5") {
		t.Errorf("footnote:\n%s", tab.Footnote)
	}
	if err := tab.Validate(); err != nil {
		t.Error(err)
	}
}

// TestWriteCSVNeutralisesFormulas reads testdata/csv-injection.txt: each
// cell that a spreadsheet would run as a formula is written with a '
// in front, in the header and the rows; numbers and text stay as they are.
func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "csv-injection.txt"))
	if err != nil {
		t.Fatal(err)
	}
	unescape := strings.NewReplacer(`\t`, "\t", `\r`, "\r").Replace
	tab := &Table{Columns: []string{"cell", "=header"}}
	var want [][]string
	for line := range strings.SplitSeq(strings.TrimSuffix(string(raw), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		in, out, ok := strings.Cut(line, " → ")
		if !ok {
			t.Fatalf("testdata line %q has no →", line)
		}
		tab.Rows = append(tab.Rows, []string{unescape(in), "x"})
		want = append(want, []string{unescape(out), "x"})
	}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tab, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want = append([][]string{{"cell", "'=header"}}, want...)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CSV mismatch (-want +got):\n%s", diff)
	}
	if tab.Columns[1] != "=header" || tab.Rows[0][0][0] != '=' {
		t.Error("WriteCSV changed the table it wrote")
	}
}
