package evidence

import (
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/gapmap/gapmap/graph"
)

// The country filters an evidence map offers beside any ISO 3166 code.
const (
	CountryNorway = "norway" // data from Norway ("no" too)
	CountryNordic = "nordic" // data from a Nordic country
	CountryUK     = "gb"     // data from the United Kingdom ("uk" too)
	CountryEurope = "europe" // data from the rest of Europe: not Nordic, not the UK
	CountryGlobal = "global" // every study, wherever its data come from
)

// CountryFilters lists the country filters in the order a form offers them.
var CountryFilters = []string{CountryNorway, CountryNordic, CountryUK, CountryEurope, CountryGlobal}

// nordic are the Nordic countries and territories.
var nordic = []string{"no", "se", "dk", "fi", "is", "fo", "gl", "ax", "sj"}

var europe = language.MustParseRegion("150") // UN M.49: Europe

// Filter chooses the studies of an evidence map.
type Filter struct {
	// Country is one of CountryFilters or an ISO 3166 alpha-2 code in lower
	// case; "" is CountryGlobal.
	Country string `json:"country"`
	// Design is one design, or "" for all.
	Design graph.Design `json:"design,omitempty"`
}

// ParseFilter reads a filter as the query string and flags give it:
// country "norway", "no", "nordic", "gb", "uk", "europe", "global", another
// country code, or empty; design one of graph.Designs or empty. Errors
// are EINVALID and name the field.
func ParseFilter(country, design string) (Filter, error) {
	c := strings.ToLower(strings.TrimSpace(country))
	switch c {
	case "", CountryGlobal:
		c = CountryGlobal
	case "no":
		c = CountryNorway
	case "uk":
		c = CountryUK
	default:
		if !slices.Contains(CountryFilters, c) && (!graph.ValidCountry(c) || slices.Contains(graph.CountryGroups, c)) {
			return Filter{}, graph.FieldError("query", "country", "%q is not a country filter (want one of %s, or an ISO 3166 code such as \"se\")", country, strings.Join(CountryFilters, ", "))
		}
	}
	d := graph.Design(strings.ToLower(strings.TrimSpace(design)))
	if d != "" && !slices.Contains(graph.Designs, d) {
		names := make([]string, len(graph.Designs))
		for i, x := range graph.Designs {
			names[i] = string(x)
		}
		return Filter{}, graph.FieldError("query", "design", "unknown design %q (want one of %s)", design, strings.Join(names, ", "))
	}
	return Filter{Country: c, Design: d}, nil
}

// Match reports whether study s passes the filter.
func (f Filter) Match(s *graph.Source) bool {
	if f.Design != "" && !slices.Contains(s.Designs, f.Design) {
		return false
	}
	return f.matchCountry(s.Countries)
}

func (f Filter) matchCountry(cs []string) bool {
	switch f.Country {
	case "", CountryGlobal:
		return true
	case CountryNorway:
		return slices.Contains(cs, "no")
	case CountryNordic:
		return slices.ContainsFunc(cs, func(c string) bool { return c == graph.CountryNordic || slices.Contains(nordic, c) })
	case CountryEurope:
		return slices.ContainsFunc(cs, func(c string) bool { return c == graph.CountryEurope || restOfEurope(c) })
	}
	return slices.Contains(cs, f.Country)
}

// restOfEurope reports whether c is a European country that is neither
// Nordic nor the United Kingdom.
func restOfEurope(c string) bool {
	if len(c) != 2 || c == "gb" || slices.Contains(nordic, c) {
		return false
	}
	r, err := language.ParseRegion(c)
	return err == nil && europe.Contains(r)
}

// NorwayOnly reports whether the filter asks for Norwegian data.
func (f Filter) NorwayOnly() bool { return f.Country == CountryNorway }
