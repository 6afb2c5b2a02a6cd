package hsds

import (
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// altNameSep joins a service's alternative names in HSDS's one
// alternate_name.
const altNameSep = "; "

// dateLayout is the layout of HSDS dates (assured_date).
const dateLayout = "2006-01-02"

// ageRange returns the minimum and maximum age of contiguous age bands; nil
// where there is no bound (no bands, a gap between bands, or no upper age).
func ageRange(bands []graph.AgeBand) (lo, hi *float64) {
	if len(bands) == 0 {
		return nil, nil
	}
	var idx []int
	for i, b := range graph.AgeBands {
		for _, x := range bands {
			if x == b {
				idx = append(idx, i)
			}
		}
	}
	for i := 1; i < len(idx); i++ {
		if idx[i] != idx[i-1]+1 {
			return nil, nil
		}
	}
	first, last := ageBandYears[graph.AgeBands[idx[0]]], ageBandYears[graph.AgeBands[idx[len(idx)-1]]]
	if first[0] > 0 {
		lo = &first[0]
	}
	if last[1] >= 0 {
		hi = &last[1]
	}
	return lo, hi
}

// eligibilityText says in words whom s accepts: HSDS's
// eligibility_description, for people. Import reads the attributes instead.
func eligibilityText(l *graph.Landscape, s *graph.Service) string {
	var parts []string
	var statuses []string
	for _, e := range l.Out(s.ID, graph.EdgeAccepts) {
		name := e.To
		if n, ok := l.Node(e.To); ok {
			name = n.Base().Name
		}
		if e.Partial() {
			name += " (in part)"
		}
		statuses = append(statuses, name)
	}
	if len(statuses) == 0 {
		parts = append(parts, "No residency status is listed as accepted")
	} else {
		parts = append(parts, "Residency status: "+strings.Join(statuses, ", "))
	}
	if len(s.Genders) > 0 {
		parts = append(parts, "Gender: "+joinValueNames(genderTerms, s.Genders))
	}
	if len(s.AgeBands) > 0 {
		parts = append(parts, "Age: "+joinValueNames(ageBandTerms, s.AgeBands))
	}
	var expl []string
	for _, e := range graph.Targets[*graph.Exploitation](l, s.ID, graph.EdgeServes) {
		expl = append(expl, e.Name)
	}
	if len(expl) > 0 {
		parts = append(parts, "Exploitation: "+strings.Join(expl, ", "))
	}
	return strings.Join(parts, ". ") + "."
}

func joinValueNames[T ~string](terms []valueTerm, vs []T) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = strings.ToLower(valueName(terms, string(v)))
	}
	return strings.Join(names, ", ")
}

// ageBands returns the age bands that overlap the ages from lo to hi; nil
// (every age) when they overlap every band.
func ageBands(lo, hi *float64) []graph.AgeBand {
	var bands []graph.AgeBand
	for _, b := range graph.AgeBands {
		y := ageBandYears[b]
		if hi != nil && y[0] > *hi {
			continue
		}
		if lo != nil && y[1] >= 0 && y[1] < *lo {
			continue
		}
		bands = append(bands, b)
	}
	if len(bands) == len(graph.AgeBands) {
		return nil
	}
	return bands
}
