// Package evidence is gapmap's evidence map: the studies and reviews of the
// landscape counted by theme and participants, after the evidence and gap
// maps of EPPI-Mapper, the Campbell Collaboration and 3ie. Each cell of
// the grid holds the studies on a theme whose data come from a kind of
// participant; an empty cell is a gap in knowledge. Filters choose the
// countries the data come from and the study design.
//
// A study enters the map through the tags of its Source node (graph
// study.go); a tag the notes do not state is assumed, and the map says so
// for each study. Studies with no participants (conceptual or legal
// analyses) are on no cell: the map lists them apart.
package evidence

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// Tag is one tag of a study with its confidence.
type Tag struct {
	ID         string           `json:"id"`
	Confidence graph.Confidence `json:"confidence"`
}

// Study is a study or review as the map shows it.
type Study struct {
	ID           string           `json:"id"`
	Name         string           `json:"name"`
	Kind         graph.SourceKind `json:"kind"`
	Authors      string           `json:"authors,omitempty"`
	Title        string           `json:"title,omitempty"`
	Year         int              `json:"year,omitempty"`
	URL          string           `json:"url,omitempty"`
	Countries    []Tag            `json:"countries"`
	Designs      []Tag            `json:"designs"`
	Participants []Tag            `json:"participants"`
	Themes       []Tag            `json:"themes"`
	// Needs are the needs the study concerns (its STUDIES edges).
	Needs []Tag `json:"needs"`
	// Assumed is whether any of its tags is assumed.
	Assumed bool `json:"assumed"`
}

// Cell is one cell of the grid: the studies on a theme with data from a
// kind of participant, by id in year order. No studies: a gap.
type Cell struct {
	Theme        graph.Theme       `json:"theme"`
	Participants graph.Participant `json:"participants"`
	Studies      []string          `json:"studies"`
	// Assumed counts the studies here that are placed by an assumed tag
	// (the theme or the participants).
	Assumed int `json:"assumed"`
}

// Gap reports whether no study is in the cell.
func (c *Cell) Gap() bool { return len(c.Studies) == 0 }

// Map is the evidence map of a landscape under a filter.
type Map struct {
	Filter       Filter              `json:"filter"`
	Themes       []graph.Theme       `json:"themes"`
	Participants []graph.Participant `json:"participants"`
	// Cells are every theme × participants, theme by theme, in the order
	// of Themes and Participants, the empty ones included.
	Cells []Cell `json:"cells"`
	// Studies are the studies that pass the filter, in year order.
	Studies []Study `json:"studies"`
	// Unplaced are the studies (ids) that pass the filter but name no
	// participants: conceptual and legal analyses, on no cell.
	Unplaced []string `json:"unplaced"`
	// Untagged are the studies of the landscape (ids) with no tags at all.
	Untagged []string `json:"untagged"`
	// Notes are what is known about a column: the NKVTS finding on
	// Norwegian health workers when the map is of Norway.
	Notes []ColumnNote `json:"notes"`
	// Total is how many studies the landscape has, whatever the filter.
	Total int `json:"studies_total"`
}

// Build returns the evidence map of l under f.
func Build(l *graph.Landscape, f Filter) *Map {
	if f.Country == "" {
		f.Country = CountryGlobal
	}
	m := &Map{Filter: f, Themes: graph.Themes, Participants: graph.Participants,
		Studies: []Study{}, Unplaced: []string{}, Untagged: []string{}, Notes: []ColumnNote{}}
	srcs := Studies(l)
	m.Total = len(srcs)
	m.Cells = make([]Cell, 0, len(graph.Themes)*len(graph.Participants))
	for _, th := range graph.Themes {
		for _, p := range graph.Participants {
			m.Cells = append(m.Cells, Cell{Theme: th, Participants: p, Studies: []string{}})
		}
	}
	for _, s := range srcs {
		if !s.Tagged() {
			m.Untagged = append(m.Untagged, s.ID)
			continue
		}
		if !f.Match(s) {
			continue
		}
		m.Studies = append(m.Studies, StudyOf(l, s))
		if len(s.Participants) == 0 {
			m.Unplaced = append(m.Unplaced, s.ID)
		}
		for _, th := range s.Themes {
			for _, p := range s.Participants {
				c := m.Cell(th, p)
				if c == nil {
					continue
				}
				c.Studies = append(c.Studies, s.ID)
				if s.TagConfidence(graph.TagThemes, string(th)) == graph.Assumed || s.TagConfidence(graph.TagParticipants, string(p)) == graph.Assumed {
					c.Assumed++
				}
			}
		}
	}
	m.Notes = notes(l, m)
	return m
}

// Cell returns the cell of theme th and participants p, or nil.
func (m *Map) Cell(th graph.Theme, p graph.Participant) *Cell {
	i, j := slices.Index(m.Themes, th), slices.Index(m.Participants, p)
	if i < 0 || j < 0 {
		return nil
	}
	return &m.Cells[i*len(m.Participants)+j]
}

// Study returns the study id of the map, or nil.
func (m *Map) Study(id string) *Study {
	for i := range m.Studies {
		if m.Studies[i].ID == id {
			return &m.Studies[i]
		}
	}
	return nil
}

// Gaps returns the empty cells, in grid order.
func (m *Map) Gaps() []Cell {
	var out []Cell
	for _, c := range m.Cells {
		if c.Gap() {
			out = append(out, c)
		}
	}
	return out
}

// Column returns the cells of participants p, in theme order.
func (m *Map) Column(p graph.Participant) []Cell {
	var out []Cell
	for _, th := range m.Themes {
		out = append(out, *m.Cell(th, p))
	}
	return out
}

// Studies returns the studies and reviews of l in year order, then by id.
func Studies(l *graph.Landscape) []*graph.Source {
	var out []*graph.Source
	for _, s := range graph.All[*graph.Source](l) {
		if s.IsStudy() {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *graph.Source) int {
		return cmp.Or(cmp.Compare(a.Year, b.Year), strings.Compare(a.ID, b.ID))
	})
	return out
}

// StudyOf describes study s of l as the map shows it.
func StudyOf(l *graph.Landscape, s *graph.Source) Study {
	st := Study{ID: s.ID, Name: s.Name, Kind: s.Kind, Authors: s.Authors, Title: s.Title, Year: s.Year, URL: s.URL}
	tags := func(field string, vs []string) []Tag {
		out := make([]Tag, len(vs))
		for i, v := range vs {
			out[i] = Tag{ID: v, Confidence: s.TagConfidence(field, v)}
			if out[i].Confidence == graph.Assumed {
				st.Assumed = true
			}
		}
		return out
	}
	st.Countries = tags(graph.TagCountries, s.Countries)
	st.Designs = tags(graph.TagDesigns, strs(s.Designs))
	st.Participants = tags(graph.TagParticipants, strs(s.Participants))
	st.Themes = tags(graph.TagThemes, strs(s.Themes))
	st.Needs = []Tag{}
	for _, e := range l.Out(s.ID, graph.EdgeStudies) {
		c := e.Confidence
		if c == "" {
			c = graph.Verified
		}
		st.Needs = append(st.Needs, Tag{ID: e.To, Confidence: c})
		if c == graph.Assumed {
			st.Assumed = true
		}
	}
	return st
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
