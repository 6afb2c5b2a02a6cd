package graphfile

import (
	"fmt"
	"io"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/progress"
)

// Format is a file format for the whole landscape graph.
type Format string

// The graph formats.
const (
	FormatGraphML Format = "graphml"
	FormatJSON    Format = "json"
	FormatCypher  Format = "cypher"
)

// Formats lists every Format.
var Formats = []Format{FormatGraphML, FormatJSON, FormatCypher}

// ParseFormat returns the graph format named s ("graphml", "json" or
// "cypher", in any case).
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if strings.EqualFold(string(f), s) {
			return f, nil
		}
	}
	return "", graph.Errorf(graph.EINVALID, "unknown graph format %q (want graphml, json or cypher)", s)
}

// Options are the options of the graph exports.
type Options struct {
	// Privacy is the suppression rule for counts of people: a group's size
	// estimate under its threshold is written as "<5". The zero rule is the
	// default rule.
	Privacy privacy.Rule
	// Progress, if set, is told how many of the nodes and edges are written.
	Progress progress.Func
	// batch, if above 0, is the most literal maps one UNWIND of
	// WriteCypher lists (tests make batches small); else cypherBatch.
	batch int
}

// Write writes the whole landscape l to w in format f.
func Write(w io.Writer, l *graph.Landscape, f Format, opt Options) error {
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
	p           progress.Func
	done, total int
}

func newCounter(l *graph.Landscape, p progress.Func) *counter {
	nodes, edges := l.Len()
	return &counter{p: p, total: nodes + edges}
}

// step counts one item and reports every progress.Every items and at the end.
func (c *counter) step() {
	c.done++
	if c.done%progress.Every == 0 || c.done == c.total {
		c.p.Report(c.done, c.total)
	}
}
