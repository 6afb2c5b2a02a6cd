package render

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/gapmap/gapmap/dashboards"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// bokmal is Norwegian Bokmål, the language of gapmap's Norwegian pages.
// (x/text's CLDR data has the number formats under "nb": language.Norwegian,
// "no", falls back to English ones.)
var bokmal = language.MustParse("nb")

// printerOf returns the printer of numbers for lang: Norwegian pages group
// thousands with a no-break space and write decimals with a comma
// (304 884; 4,5), English ones with commas (304,884; 4.5).
func printerOf(lang string) *message.Printer {
	if lang == "nb" {
		return message.NewPrinter(bokmal)
	}
	return message.NewPrinter(language.English)
}

// FormatInt formats count n for a page in lang, its thousands grouped.
// Years and versions are not counts: they are written plain.
func FormatInt(lang string, n int64) string {
	return printerOf(lang).Sprintf("%d", n)
}

// FormatDate formats t as a date for a page in lang: "7. desember 2026"
// on a Norwegian page, "7 December 2026" on an English one.
func FormatDate(lang string, t time.Time) string {
	if lang != "nb" {
		return t.Format("2 January 2006")
	}
	months := [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}

// countText matches the texts of numbers in a table cell: "304884", "+12",
// "-3", "4.5", "45 %".
var countText = regexp.MustCompile(`^([+-]?)(\d+)(?:\.(\d+))?( %)?$`)

// CellText returns the text of cell i of a table row with columns cols as
// the page's language writes it: a count in a numeric column with its
// thousands grouped (304,884; 304 884 on a Norwegian page), anything else
// as it is. The tables keep plain digits, as the CSV and XLSX exports
// write them.
func (p Page) CellText(cols []dashboards.Column, i int, s string) string {
	if i >= len(cols) || !cols[i].Numeric {
		return s
	}
	m := countText.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	sign := m[1]
	if sign == "-" {
		sign = "−"
	}
	if m[3] != "" { // a decimal: 4.5, 4,5 on a Norwegian page
		x, err := strconv.ParseFloat(m[2]+"."+m[3], 64)
		if err != nil {
			return s
		}
		return sign + printerOf(p.Lang).Sprintf("%.*f", len(m[3]), x) + m[4]
	}
	n, err := strconv.ParseInt(m[2], 10, 64)
	if err != nil {
		return s
	}
	return sign + FormatInt(p.Lang, n) + m[4]
}
