package dashboards

import (
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/gapmap/gapmap/graph"
)

// ew returns the evidence word for key in lang, falling back to English,
// then to the key.
func ew(lang, key string) string { return messages().Domain("evidence").Text(lang, key) }

// ewf formats the evidence word for key in lang with args, with lang's
// number formats and plural choices.
func ewf(lang, key string, args ...any) string {
	return messages().Domain("evidence").Sprintf(lang, key, args...)
}

// ThemeLabel, ParticipantsLabel and DesignLabel name a tag in lang.
func ThemeLabel(lang string, t graph.Theme) string { return ew(lang, "theme."+string(t)) }

// ParticipantsLabel names participants p in lang.
func ParticipantsLabel(lang string, p graph.Participant) string {
	return ew(lang, "participants."+string(p))
}

// DesignLabel names design d in lang.
func DesignLabel(lang string, d graph.Design) string { return ew(lang, "design."+string(d)) }

// CountryFilterLabel names a country filter (or an ISO code) in lang.
func CountryFilterLabel(lang, f string) string {
	if ev := messages().Domain("evidence"); ev.Has(Lang(lang), "country."+f) {
		return ev.Text(lang, "country."+f)
	}
	return CountryLabel(lang, f)
}

// CountryLabel names a study country (an ISO code or a group) in lang.
func CountryLabel(lang, c string) string {
	if ev := messages().Domain("evidence"); ev.Has(Lang(lang), "group."+c) {
		return ev.Text(lang, "group."+c)
	}
	r, err := language.ParseRegion(c)
	if err != nil {
		return c
	}
	tag := messages().Tag(lang)
	if b, _ := tag.Base(); b.String() == "nb" {
		tag = language.Norwegian // x/text keeps Bokmål's region names under "no"
	}
	if n := display.Regions(tag).Name(r); n != "" {
		return n
	}
	return c
}
