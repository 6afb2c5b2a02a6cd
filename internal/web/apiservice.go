package web

import (
	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
)

// apiRef is a node reached by an edge, in the JSON API, with the edge's
// own provenance.
type apiRef struct {
	ID         string           `json:"id"`
	Name       string           `json:"name"`
	Extent     graph.Extent     `json:"extent,omitempty"`
	Formal     bool             `json:"formal,omitempty"`
	Confidence graph.Confidence `json:"confidence,omitempty"`
	Year       int              `json:"year,omitempty"`
	Note       string           `json:"note,omitempty"`
	Sources    []string         `json:"sources,omitempty"`
}

// apiService is a service in the JSON API. Lists are always present; an
// empty genders or age_bands list means no restriction, an empty serves
// list every form of exploitation, an empty accepts list no status. The
// address is present only when it is public.
type apiService struct {
	ID                  string           `json:"id"`
	Version             int64            `json:"version"`
	Name                string           `json:"name"`
	NameNB              string           `json:"name_nb,omitempty"`
	AltNames            []string         `json:"alt_names"`
	Description         string           `json:"description,omitempty"`
	DescriptionNB       string           `json:"description_nb,omitempty"`
	Organisation        *apiRef          `json:"organisation"`
	Sector              graph.Sector     `json:"sector"`
	City                string           `json:"city,omitempty"`
	Address             string           `json:"address,omitempty"`
	ConfidentialAddress bool             `json:"confidential_address"`
	Funding             graph.Funding    `json:"funding"`
	Cost                string           `json:"cost,omitempty"`
	Capacity            int              `json:"capacity,omitempty"`
	CapacityNote        string           `json:"capacity_note,omitempty"`
	CapacityLimited     bool             `json:"capacity_limited,omitempty"`
	Languages           []string         `json:"languages"`
	Phone               string           `json:"phone,omitempty"`
	Email               string           `json:"email,omitempty"`
	URL                 string           `json:"url,omitempty"`
	OpeningHours        string           `json:"opening_hours,omitempty"`
	CapacityNoteNB      string           `json:"capacity_note_nb,omitempty"`
	CostNB              string           `json:"cost_nb,omitempty"`
	OpeningHoursNB      string           `json:"opening_hours_nb,omitempty"`
	LastVerified        string           `json:"last_verified,omitempty"`
	Genders             []graph.Gender   `json:"genders"`
	AgeBands            []graph.AgeBand  `json:"age_bands"`
	Accepts             []apiRef         `json:"accepts"`
	Meets               []apiRef         `json:"meets"`
	Stages              []apiRef         `json:"stages"`
	Covers              []apiRef         `json:"covers"`
	Serves              []apiRef         `json:"serves"`
	RefersTo            []apiRef         `json:"refers_to"`
	ReferredBy          []apiRef         `json:"referred_by"`
	Year                int              `json:"year,omitempty"`
	Confidence          graph.Confidence `json:"confidence"`
	Note                string           `json:"note,omitempty"`
	// Sources are the ids of the service's own sources; each edge lists its
	// own.
	Sources []string `json:"sources"`
	// Page is the path of the service's HTML profile.
	Page string `json:"page"`
}

// newAPIService returns the API view of s.
func newAPIService(l *graph.Landscape, s *graph.Service) apiService {
	a := apiService{
		ID:                  s.ID,
		Version:             s.Version,
		Name:                s.Name,
		NameNB:              s.NameNB,
		AltNames:            orEmpty(s.AltNames),
		Description:         s.Description,
		DescriptionNB:       s.DescriptionNB,
		Sector:              s.Sector,
		City:                s.City,
		Address:             s.PublicAddress(),
		ConfidentialAddress: s.ConfidentialAddress,
		Funding:             s.Funding,
		Cost:                s.Cost,
		Capacity:            s.Capacity,
		CapacityNote:        s.CapacityNote,
		CapacityLimited:     s.CapacityLimited,
		Languages:           orEmpty(s.Languages),
		Phone:               s.Phone,
		Email:               s.Email,
		URL:                 s.URL,
		OpeningHours:        s.OpeningHours,
		CapacityNoteNB:      s.CapacityNoteNB,
		CostNB:              s.CostNB,
		OpeningHoursNB:      s.OpeningHoursNB,
		Genders:             orEmpty(s.Genders),
		AgeBands:            orEmpty(s.AgeBands),
		Accepts:             apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeAccepts)),
		Meets:               apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeMeets)),
		Stages:              apiRefs(l, s.ID, stagesInOrder(l, l.Out(s.ID, graph.EdgeAtStage))),
		Covers:              apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeCovers)),
		Serves:              apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeServes)),
		RefersTo:            apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeRefersTo)),
		ReferredBy:          apiRefs(l, s.ID, l.In(s.ID, graph.EdgeRefersTo)),
		Year:                s.Year,
		Confidence:          confidence(s.Confidence),
		Note:                s.Note,
		Sources:             []string{},
		Page:                dashboards.NodeURL(s),
	}
	if s.LastVerified != nil {
		a.LastVerified = s.LastVerified.Format("2006-01-02")
	}
	if refs := apiRefs(l, s.ID, l.Out(s.ID, graph.EdgeRunBy)); len(refs) > 0 {
		a.Organisation = &refs[0]
	}
	for _, src := range l.Sources(s.ID) {
		a.Sources = append(a.Sources, src.ID)
	}
	return a
}

// apiRefs returns the API refs of edges es, seen from node id.
func apiRefs(l *graph.Landscape, id string, es []*graph.Edge) []apiRef {
	refs := []apiRef{}
	for _, e := range es {
		other := e.To
		if other == id {
			other = e.From
		}
		n, ok := l.Node(other)
		if !ok {
			continue
		}
		ref := apiRef{
			ID:         n.Base().ID,
			Name:       n.Base().Name,
			Extent:     e.Extent,
			Formal:     e.Formal,
			Confidence: confidence(e.Confidence),
			Year:       e.Year,
			Note:       e.Note,
			Sources:    e.Sources,
		}
		if ref.Extent == "" && (e.Type == graph.EdgeAccepts || e.Type == graph.EdgeMeets) {
			ref.Extent = graph.ExtentFull
		}
		refs = append(refs, ref)
	}
	return refs
}

// confidence returns c, with the empty value spelled out as verified.
func confidence(c graph.Confidence) graph.Confidence {
	if c == "" {
		return graph.Verified
	}
	return c
}

// orEmpty returns s, or an empty (not nil) slice, so JSON has [] not null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
