package web

import (
	"slices"
	"strings"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
)

// citation points from a fact to its entry in a page's sources section.
type citation struct {
	N     int
	ID    string
	Label string // "source 2", for screen readers
}

// sourceEntry is one numbered entry of a page's sources section.
type sourceEntry struct {
	N       int
	ID      string
	Page    string // the source's own page
	Title   string
	Authors string
	Year    int
	Kind    graph.SourceKind
	Link    string // the source's URL, if it is http or https
	URLText string // the source's URL, if it is anything else: shown, never linked
	Assumed bool
}

// citations numbers the sources of a page in the order they are first
// cited, so numbers grow down the page.
type citations struct {
	lang  string
	list  []sourceEntry
	index map[string]int
}

func newCitations(lang string) *citations { return &citations{lang: lang, index: map[string]int{}} }

// cite returns the citations of ss, adding new sources to the list.
func (c *citations) cite(ss []*graph.Source) []citation {
	var out []citation
	for _, s := range ss {
		n, ok := c.index[s.ID]
		if !ok {
			n = len(c.list) + 1
			c.index[s.ID] = n
			title := s.Title
			if title == "" {
				title = s.Name
			}
			e := sourceEntry{
				N: n, ID: s.ID, Page: dashboards.NodeURL(s), Title: title, Authors: s.Authors,
				Year: s.Year, Kind: s.Kind, Assumed: s.Assumed(),
			}
			if webURL(s.URL) {
				e.Link = s.URL
			} else {
				e.URLText = s.URL
			}
			c.list = append(c.list, e)
		}
		out = append(out, citation{N: n, ID: s.ID, Label: translatef(c.lang, "cite", n)})
	}
	// Numbers read in order on the page: [1][2][4], not [1][4][2].
	slices.SortFunc(out, func(a, b citation) int { return a.N - b.N })
	return out
}

// fact is a node reached by an edge, with the edge's qualifiers and
// citations: "accepts Undocumented (partial) ASSUMPTION [2]".
type fact struct {
	Name    string
	URL     string
	Partial bool
	Formal  bool
	Assumed bool
	Note    string
	Cites   []citation
}

// edgeFact returns the fact of edge e, whose other end is n. The node's own
// assumption counts too: an assumed status is marked wherever it appears.
func edgeFact(l *graph.Landscape, e *graph.Edge, n graph.Node, lang string, c *citations) fact {
	return fact{
		Name:    n.Base().Label(lang),
		URL:     dashboards.NodeURL(n),
		Partial: e.Partial(),
		Formal:  e.Formal,
		Assumed: e.Confidence == graph.Assumed,
		Note:    publicText(l, lang, e.Note),
		Cites:   c.cite(l.EdgeSources(e)),
	}
}

// edgeFacts returns the facts of edges es, seen from node id: each fact
// names the edge's other end.
func edgeFacts(l *graph.Landscape, id string, es []*graph.Edge, lang string, c *citations) []fact {
	var fs []fact
	for _, e := range es {
		other := e.To
		if other == id {
			other = e.From
		}
		n, ok := l.Node(other)
		if !ok {
			continue
		}
		fs = append(fs, edgeFact(l, e, n, lang, c))
	}
	return fs
}

// webURL reports whether u is an http or https URL, the only kind a page
// links to.
func webURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")
}
