package web

import (
	"fmt"
	"time"

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

// formatInt formats count n for a page in lang, its thousands grouped.
// Years and versions are not counts: they are written plain.
func formatInt(lang string, n int64) string {
	return printerOf(lang).Sprintf("%d", n)
}

// formatDate formats t as a date for a page in lang: "7. desember 2026"
// on a Norwegian page, "7 December 2026" on an English one.
func formatDate(lang string, t time.Time) string {
	if lang != "nb" {
		return t.Format("2 January 2006")
	}
	months := [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}
	return fmt.Sprintf("%d. %s %d", t.Day(), months[t.Month()-1], t.Year())
}
