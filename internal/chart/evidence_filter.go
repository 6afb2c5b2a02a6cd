package chart

import (
	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/evidence"
)

// EvidenceFilterText describes the evidence map's filter in lang, as
// FilterText describes a gap query: "Data from: Norway", "Design: Survey".
func EvidenceFilterText(f evidence.Filter, lang string) []string {
	var out []string
	if f.Country != "" && f.Country != evidence.CountryGlobal {
		out = append(out, evidenceFilterWord(lang, "country")+": "+dashboards.CountryFilterLabel(lang, f.Country))
	}
	if f.Design != "" {
		out = append(out, evidenceFilterWord(lang, "design")+": "+dashboards.DesignLabel(lang, f.Design))
	}
	return out
}

func evidenceFilterWord(lang, key string) string {
	nb := dashboards.Lang(lang) == "nb"
	switch {
	case key == "country" && nb:
		return "Data fra"
	case key == "country":
		return "Data from"
	case nb:
		return "Design"
	}
	return "Design"
}
