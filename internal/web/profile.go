package web

import (
	"cmp"
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// serviceView is the profile page of a service: every fact with its sources.
// It never holds a confidential address.
type serviceView struct {
	ID          string
	Name        string
	AltNames    []string
	Description string
	Note        string
	Assumed     bool
	Year        int
	Version     int64
	Cites       []citation // the service's own sources
	Sector      graph.Sector

	Organisation *fact
	Statuses     []fact
	Genders      []graph.Gender
	AgeBands     []graph.AgeBand
	Exploitation []fact
	Needs        []fact
	Stages       []fact
	Regions      []fact

	City                string
	Address             string // public only
	ConfidentialAddress bool
	// PrivateAddress is the confidential address, set only for a reader
	// whose role needs it.
	PrivateAddress string

	Capacity     int
	CapacityNote string
	Funding      graph.Funding
	Cost         string
	Languages    []string
	Phone        string
	Email        string
	URL          string
	OpeningHours string
	LastVerified string

	RefersTo   []fact
	ReferredBy []fact

	Sources []sourceEntry
}

// newServiceView builds the profile of s in lang. Citations are numbered in
// the order the page shows the facts.
func newServiceView(l *graph.Landscape, s *graph.Service, lang string) serviceView {
	c := newCitations(lang)
	v := serviceView{
		ID:                  s.ID,
		Name:                s.Label(lang),
		Description:         s.Description,
		Note:                s.Note,
		Assumed:             s.Assumed(),
		Year:                s.Year,
		Version:             s.Version,
		Sector:              s.Sector,
		Genders:             s.Genders,
		AgeBands:            s.AgeBands,
		City:                s.City,
		Address:             s.PublicAddress(),
		ConfidentialAddress: s.ConfidentialAddress,
		Capacity:            s.Capacity,
		CapacityNote:        s.CapacityNote,
		Funding:             s.Funding,
		Cost:                s.Cost,
		Languages:           s.Languages,
		Phone:               s.Phone,
		Email:               s.Email,
		URL:                 s.URL,
		OpeningHours:        s.OpeningHours,
	}
	if !webURL(v.URL) {
		v.URL = ""
	}
	if lang == "nb" {
		v.Description, v.CapacityNote = cmp.Or(s.DescriptionNB, v.Description), cmp.Or(s.CapacityNoteNB, v.CapacityNote)
		v.Cost, v.OpeningHours = cmp.Or(s.CostNB, v.Cost), cmp.Or(s.OpeningHoursNB, v.OpeningHours)
	}
	v.Description = publicText(l, lang, v.Description)
	v.Note = publicText(l, lang, v.Note)
	v.CapacityNote = publicText(l, lang, v.CapacityNote)
	// Other names: every name but the one in the heading.
	for _, n := range append([]string{s.Name, s.NameNB}, s.AltNames...) {
		if n != "" && n != v.Name && !slices.Contains(v.AltNames, n) {
			v.AltNames = append(v.AltNames, n)
		}
	}
	if s.LastVerified != nil {
		v.LastVerified = s.LastVerified.Format("2006-01-02")
	}

	v.Cites = c.cite(l.Sources(s.ID))
	if fs := edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeRunBy), lang, c); len(fs) > 0 {
		v.Organisation = &fs[0]
	}
	v.Statuses = edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeAccepts), lang, c)
	v.Exploitation = edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeServes), lang, c)
	v.Needs = edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeMeets), lang, c)
	v.Stages = edgeFacts(l, s.ID, stagesInOrder(l, l.Out(s.ID, graph.EdgeAtStage)), lang, c)
	v.Regions = edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeCovers), lang, c)
	v.RefersTo = edgeFacts(l, s.ID, l.Out(s.ID, graph.EdgeRefersTo), lang, c)
	v.ReferredBy = edgeFacts(l, s.ID, l.In(s.ID, graph.EdgeRefersTo), lang, c)
	v.Sources = c.list
	return v
}

// stagesInOrder returns AT_STAGE edges sorted by the order of their stage.
func stagesInOrder(l *graph.Landscape, es []*graph.Edge) []*graph.Edge {
	order := func(e *graph.Edge) int {
		st, err := graph.Lookup[*graph.Stage](l, e.To)
		if err != nil {
			return 0
		}
		return st.Order
	}
	sorted := slices.Clone(es)
	slices.SortStableFunc(sorted, func(a, b *graph.Edge) int { return cmp.Compare(order(a), order(b)) })
	return sorted
}
