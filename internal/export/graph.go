package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// GraphFormat is a file format for the whole landscape graph.
type GraphFormat string

// The graph formats.
const (
	FormatGraphML GraphFormat = "graphml"
	FormatJSON    GraphFormat = "json"
	FormatCypher  GraphFormat = "cypher"
)

// GraphFormats lists every GraphFormat.
var GraphFormats = []GraphFormat{FormatGraphML, FormatJSON, FormatCypher}

// ParseGraphFormat returns the graph format named s ("graphml", "json" or
// "cypher", in any case).
func ParseGraphFormat(s string) (GraphFormat, error) {
	for _, f := range GraphFormats {
		if strings.EqualFold(string(f), s) {
			return f, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown graph format %q (want graphml, json or cypher)", s)
}

// Progress is told how far a long export has got: done of total items.
// Exports call it now and then and once at the end; a nil Progress is not
// called.
type Progress func(done, total int)

// report calls p, if set.
func (p Progress) report(done, total int) {
	if p != nil {
		p(done, total)
	}
}

// progressEvery is how many items an export writes between two calls of its
// Progress.
const progressEvery = 500

// GraphOptions are the options of the graph exports.
type GraphOptions struct {
	// Privacy is the suppression rule for counts of people: a group's size
	// estimate under its threshold is written as "<5". The zero rule is the
	// default rule.
	Privacy privacy.Rule
	// Progress, if set, is told how many of the nodes and edges are written.
	Progress Progress
	// batch, if above 0, is the most literal maps one UNWIND of
	// WriteCypher lists (tests make batches small); else cypherBatch.
	batch int
}

// WriteGraph writes the whole landscape l to w in format f.
func WriteGraph(w io.Writer, l *graph.Landscape, f GraphFormat, opt GraphOptions) error {
	switch f {
	case FormatGraphML:
		return WriteGraphML(w, l, opt)
	case FormatJSON:
		return WriteGraphJSON(w, l, opt)
	case FormatCypher:
		return WriteCypher(w, l, opt)
	}
	return fmt.Errorf("export: unknown graph format %q", f)
}

// counter counts the items of an export for its Progress.
type counter struct {
	p           Progress
	done, total int
}

func newCounter(l *graph.Landscape, p Progress) *counter {
	nodes, edges := l.Len()
	return &counter{p: p, total: nodes + edges}
}

// step counts one item and reports every progressEvery items and at the end.
func (c *counter) step() {
	c.done++
	if c.done%progressEvery == 0 || c.done == c.total {
		c.p.report(c.done, c.total)
	}
}
