package graphfile

import (
	"bufio"
	"fmt"
	"io"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/dataversion"
)

// WriteGraphJSON writes the whole landscape l as one JSON object in the
// shape of the JSON API's GET /api/v1/landscape:
//
//	{"version": 7, "changed": "2026-02-27T14:05:09.123456Z", "nodes": [...], "edges": [...]}
//
// changed, which the API does not have, is when the landscape last changed
// (RFC 3339, UTC, to the microsecond), null if the store did not record it.
// Each node is graph.MarshalNode's object as the public sees it (no
// confidential address; a group's size estimate a number, or null when it is
// suppressed, with size_estimate_suppressed and size_estimate_shown beside
// it: see typedCounts), each edge a graph.Edge.
// Nodes come in the order of Landscape.AllNodes, edges in that of
// Landscape.Edges, one per line, so that two exports diff line by line.
func WriteGraphJSON(w io.Writer, l *graph.Landscape, opt Options) error {
	pub, err := publicOf(l, opt.Privacy)
	if err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	bw := bufio.NewWriter(w)
	c := newCounter(l, opt.Progress)
	changed := "null"
	if v := dataversion.Value(l.Changed()); v != "" {
		changed = `"` + v + `"`
	}
	fmt.Fprintf(bw, "{\"version\": %d,\n\"changed\": %s,\n\"nodes\": [", l.Version(), changed)
	for i, n := range l.AllNodes() {
		b, err := publicNodeJSON(n, pub)
		if err != nil {
			return fmt.Errorf("export json: %w", err)
		}
		writeListItem(bw, i, b)
		c.step()
	}
	bw.WriteString("],\n\"edges\": [")
	for i := range l.Edges() {
		e := &l.Edges()[i]
		b, err := marshalJSON(e)
		if err != nil {
			return fmt.Errorf("export json: edge %s: %w", e.Key(), err)
		}
		writeListItem(bw, i, b)
		c.step()
	}
	bw.WriteString("]}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export json: %w", err)
	}
	return nil
}

// writeListItem writes item i of a JSON array on a line of its own.
func writeListItem(w *bufio.Writer, i int, b []byte) {
	if i > 0 {
		w.WriteByte(',')
	}
	w.WriteString("\n  ")
	w.Write(b)
}
