package chart

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// peopleColumn is the heading of the dashboards' columns of people.
const peopleColumn = "People (estimate)"

// readBack writes t as CSV and as XLSX and reads both back: the header and
// the rows, from each.
func readBack(t *testing.T, tb *tablefile.Table) map[string][][]string {
	t.Helper()
	var c, x bytes.Buffer
	if err := tablefile.WriteCSV(&c, tb, tablefile.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := tablefile.WriteXLSX(&x, tb, tablefile.Options{}); err != nil {
		t.Fatal(err)
	}
	fromCSV, err := csv.NewReader(&c).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	// The sheet: title, caption, blank, header, rows, blank, footnote.
	header := slices.IndexFunc(rows, func(r []string) bool { return slices.Equal(r, tb.Columns) })
	if header < 0 {
		t.Fatalf("the XLSX sheet has no header row %q", tb.Columns)
	}
	return map[string][][]string{"csv": fromCSV, "xlsx": rows[header : header+1+len(tb.Rows)]}
}

func TestDashboardTablesSuppressSmallCounts(t *testing.T) {
	l := chartLandscape(t)
	for _, test := range []struct {
		name string
		rule privacy.Rule
		// want is the people cell of each group, by its name.
		want map[string]string
	}{
		{"coverage", privacy.Rule{Threshold: 5}, map[string]string{chartTestGroup: "<5", "Women in prostitution": "40", hostileName: "12"}},
		{"pathways", privacy.Rule{Threshold: 5}, map[string]string{chartTestGroup: "<5", "Women in prostitution": "40", hostileName: "12"}},
		{"coverage", privacy.Rule{Threshold: 5, Step: 10}, map[string]string{chartTestGroup: "<5", "Women in prostitution": "40", hostileName: "10"}},
		{"pathways", privacy.Rule{Threshold: 20}, map[string]string{chartTestGroup: "<20", "Women in prostitution": "40", hostileName: "<20"}},
	} {
		t.Run(test.name, func(t *testing.T) {
			q := testQuery()
			q.Privacy = test.rule
			d := buildDash(t, l, test.name, "en", q)
			tb := d.Tables(testStamp)[0]
			col := slices.Index(tb.Columns, peopleColumn)
			if col < 0 {
				t.Fatalf("the %s table has no column %q: %q", test.name, peopleColumn, tb.Columns)
			}
			for format, rows := range readBack(t, tb) {
				seen := map[string]bool{}
				for _, r := range rows[1:] {
					if want, ok := test.want[r[0]]; ok {
						seen[r[0]] = true
						if r[col] != want {
							t.Errorf("%s: %s: people %q, want %q", format, r[0], r[col], want)
						}
					}
					if r[col] == "3" {
						t.Errorf("%s: %s: the count of 3 people is shown", format, r[0])
					}
				}
				for g := range test.want {
					if !seen[g] {
						t.Errorf("%s: no row of %s", format, g)
					}
				}
			}
			foot := privacyLine(test.rule, "en")
			if !bytes.Contains([]byte(tb.Footnote), []byte(foot)) {
				t.Errorf("the footnote lacks %q:\n%s", foot, tb.Footnote)
			}
		})
	}
}

func TestDashboardTablesCaption(t *testing.T) {
	d := buildDash(t, chartLandscape(t), "whatif", "nb", testQuery("region", "oslo"))
	tables := d.Tables(testStamp)
	if len(tables) < 2 {
		t.Fatalf("the what-if dashboard has %d tables, want its further tables too", len(tables))
	}
	for i, tb := range tables {
		mustHave(t, tb.Title, tb.Caption, "Filtre: Region: Oslo.", "Data: gapmap-landskapet versjon 42, sist endret 2026-02-27 14:05 UTC, eksportert 2026-03-01.")
		mustHave(t, tb.Title, tb.Footnote, "Antall personer under 5 vises som <5.")
		if want := "Hva om"; i == 0 && tb.Title != want {
			t.Errorf("title %q, want %q", tb.Title, want)
		}
		if err := tb.Validate(); err != nil {
			t.Error(err)
		}
	}
}
