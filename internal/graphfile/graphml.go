package graphfile

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/dataversion"
)

// WriteGraphML writes the whole landscape l as GraphML
// (http://graphml.graphdrawing.org/), for Gephi, yEd, Cytoscape and NetworkX.
//
// Every node property and every edge property has a <key>, named as in the
// JSON API (attr.name), for="node" keys first: "type" (the node type),
// "label" (the name: Gephi shows it), then the properties in alphabetical
// order; then the edge keys: "type" (the edge type), "label" (the type
// again) and the properties. A key's attr.type is boolean, long or string
// as its values are; a list (languages, sources, age_bands) is one string,
// its items joined by "; ". The graph is directed; a node's id is its gapmap
// id, an edge's id "e" and its position. The landscape version is the
// graph's data "version", and the time of its last change (RFC 3339, UTC, to
// the microsecond) its data "changed", absent if the store did not record
// it.
//
// Nodes are as the public sees them: no confidential address, and no
// group's size estimate under the suppression threshold. So that the
// size_estimate key stays a long whatever is suppressed, a group whose
// estimate is known has size_estimate_suppressed (boolean) and
// size_estimate_shown (the count as every table shows it: "57", or "<5"),
// and size_estimate (long) only when it is not suppressed. In yEd, Edit >
// Properties Mapper maps "label" to the node label.
func WriteGraphML(w io.Writer, l *graph.Landscape, opt Options) error {
	pub, err := publicOf(l, opt.Privacy)
	if err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	nodes := l.AllNodes()
	nodeProps, err := allNodeProps(nodes, pub)
	if err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	edges := l.Edges()
	edgeProps := make([][]prop, len(edges))
	for i := range edges {
		if edgeProps[i], err = edgePropsForGraphML(&edges[i]); err != nil {
			return fmt.Errorf("export graphml: %w", err)
		}
	}
	nodeKeys := graphMLKeys("n", "node", nodeProps, map[string]string{"size_estimate": "long"})
	edgeKeys := graphMLKeys("e", "edge", edgeProps, nil)

	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
		` xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	bw.WriteString(`  <key id="g_version" for="graph" attr.name="version" attr.type="long"/>` + "\n")
	bw.WriteString(`  <key id="g_changed" for="graph" attr.name="changed" attr.type="string"/>` + "\n")
	for _, ks := range [][]graphMLKey{nodeKeys, edgeKeys} {
		for _, k := range ks {
			fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.domain, k.name, k.typ)
		}
	}
	fmt.Fprintf(bw, "  <graph id=\"gapmap\" edgedefault=\"directed\">\n    <data key=\"g_version\">%d</data>\n", l.Version())
	if v := dataversion.Value(l.Changed()); v != "" {
		fmt.Fprintf(bw, "    <data key=\"g_changed\">%s</data>\n", v)
	}

	c := newCounter(l, opt.Progress)
	byName := func(ks []graphMLKey) map[string]string {
		m := make(map[string]string, len(ks))
		for _, k := range ks {
			m[k.name] = k.id
		}
		return m
	}
	nodeKeyID, edgeKeyID := byName(nodeKeys), byName(edgeKeys)
	for i, n := range nodes {
		bw.WriteString(`    <node id="`)
		xmlEscape(bw, n.Base().ID)
		bw.WriteString("\">\n")
		writeGraphMLData(bw, nodeKeyID, nodeProps[i])
		bw.WriteString("    </node>\n")
		c.step()
	}
	for i := range edges {
		e := &edges[i]
		fmt.Fprintf(bw, `    <edge id="e%d" source="`, i+1)
		xmlEscape(bw, e.From)
		bw.WriteString(`" target="`)
		xmlEscape(bw, e.To)
		bw.WriteString("\">\n")
		writeGraphMLData(bw, edgeKeyID, edgeProps[i])
		bw.WriteString("    </edge>\n")
		c.step()
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export graphml: %w", err)
	}
	return nil
}

// allNodeProps returns the public properties of every node, with "label"
// (the name) after "type".
func allNodeProps(nodes []graph.Node, pub public) ([][]prop, error) {
	all := make([][]prop, len(nodes))
	for i, n := range nodes {
		props, err := nodeProps(n, pub)
		if err != nil {
			return nil, err
		}
		withLabel := make([]prop, 0, len(props)+3)
		withLabel = append(withLabel, props[0], prop{Key: "label", Value: n.Base().Name})
		for _, p := range props[1:] {
			if p.Key != "size_estimate" {
				withLabel = append(withLabel, p)
				continue
			}
			shown, suppressed := p.Value.(string) // the label of a suppressed or withheld count ("<5", "withheld"), else a number
			if !suppressed {
				withLabel = append(withLabel, p)
				shown = graphMLText(p.Value)
			}
			withLabel = append(withLabel, prop{Key: "size_estimate_shown", Value: shown}, prop{Key: "size_estimate_suppressed", Value: suppressed})
		}
		all[i] = withLabel
	}
	return all, nil
}

// edgePropsForGraphML returns the properties of e but its ends, which are
// the edge's source and target, with "label" (the type) after "type".
func edgePropsForGraphML(e *graph.Edge) ([]prop, error) {
	props, err := edgeProps(e)
	if err != nil {
		return nil, err
	}
	out := []prop{{Key: "type", Value: string(e.Type)}, {Key: "label", Value: string(e.Type)}}
	for _, p := range props {
		switch p.Key {
		case "type", "from", "to":
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// graphMLKey is one <key> declaration.
type graphMLKey struct {
	id, domain, name, typ string
}

// graphMLKeys declares a key for every property name in props and in
// declared: "type" and "label" first, then the others in alphabetical
// order, each typed by its values (declared: the type a key has even when
// no value is written, as size_estimate when every estimate is
// suppressed).
func graphMLKeys(prefix, domain string, props [][]prop, declared map[string]string) []graphMLKey {
	types := maps.Clone(declared)
	if types == nil {
		types = map[string]string{}
	}
	for _, ps := range props {
		for _, p := range ps {
			types[p.Key] = mergeGraphMLType(types[p.Key], graphMLType(p.Value))
		}
	}
	names := make([]string, 0, len(types))
	for name := range types {
		if name != "type" && name != "label" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var keys []graphMLKey
	for _, name := range append([]string{"type", "label"}, names...) {
		if typ, ok := types[name]; ok {
			keys = append(keys, graphMLKey{id: prefix + "_" + name, domain: domain, name: name, typ: typ})
		}
	}
	return keys
}

// graphMLType returns the GraphML attr.type of a value.
func graphMLType(v any) string {
	switch v := v.(type) {
	case bool:
		return "boolean"
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return "long"
		}
		return "double"
	}
	return "string"
}

// mergeGraphMLType returns the type that holds values of types a and b.
func mergeGraphMLType(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case (a == "long" && b == "double") || (a == "double" && b == "long"):
		return "double"
	}
	return "string"
}

// writeGraphMLData writes one <data> element per property.
func writeGraphMLData(w *bufio.Writer, keyID map[string]string, props []prop) {
	for _, p := range props {
		w.WriteString(`      <data key="`)
		w.WriteString(keyID[p.Key])
		w.WriteString(`">`)
		xmlEscape(w, graphMLText(p.Value))
		w.WriteString("</data>\n")
	}
}

// graphMLText returns the text of a value in a <data> element.
func graphMLText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		if v {
			return "true"
		}
		return "false"
	case json.Number:
		return v.String()
	case []any:
		items := make([]string, len(v))
		for i, x := range v {
			items[i] = graphMLText(x)
		}
		return strings.Join(items, "; ")
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// xmlEscape writes s escaped for XML text and attribute values; characters
// XML cannot hold become U+FFFD.
func xmlEscape(w io.Writer, s string) {
	_ = xml.EscapeText(w, []byte(s)) // writes to a bufio.Writer, whose error Flush returns
}
