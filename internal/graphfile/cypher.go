package graphfile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/dataversion"
)

// WriteCypher writes the whole landscape l as one Cypher statement that
// recreates it in an empty Neo4j database (Neo4j 5 or later; the statement
// is valid Cypher 5 and Cypher 25):
//
//	UNWIND [
//	  {id: 'rosa', version: 3, name: 'ROSA', ...},
//	  ...
//	] AS row
//	CREATE (n:Node:Service)
//	SET n = row
//	WITH count(*) AS done
//	...
//	UNWIND [
//	  {from: 'rosa', to: 'krisesenter', props: {sources: ['nkvts_2025'], year: 2024}},
//	  ...
//	] AS row
//	MATCH (a:Service {id: row.from})
//	MATCH (b:Organisation {id: row.to})
//	CREATE (a)-[r:RUN_BY]->(b)
//	SET r = row.props;
//
// The nodes are created in batches of at most cypherBatch literal maps, one
// UNWIND per batch and node type; then the relationships, one UNWIND per
// batch, relationship type and pair of node types, each finding its ends by
// their labels and id. WITH count(*) joins the parts into one statement, so
// the script runs as one transaction, all or nothing, and passes the
// project's Cypher linter (scripts/cypherlint), which checks a file as one
// statement against the labels, relationship types and property keys of the
// graph package. (One CREATE clause with a pattern per node and relationship
// would need no MATCH, but Cypher's semantic analysis of a pattern that long
// takes time that grows with its square.) Run it with cypher-shell -f FILE
// or paste it into Neo4j Browser. On a large landscape, create the index
// gapmap's Neo4j store has first, so that each MATCH is an index seek:
//
//	CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE
//
// The layout is that of gapmap's Neo4j store (graph/neo4j): every node has
// the label Node and the label of its type; properties are the node's JSON
// fields but "type", with the keys of the JSON API; a relationship has the
// edge's type and its JSON fields but type, from and to; lists are list
// properties; Service.last_verified is a datetime. So the example queries
// in graph/neo4j/examples run on it unchanged. Nodes are as the public sees
// them: no confidential address, and a group's size estimate an integer
// only when it may be shown: a suppressed one is left out, with
// size_estimate_suppressed (true) and size_estimate_shown ("<5") beside it
// (typedCounts).
func WriteCypher(w io.Writer, l *graph.Landscape, opt Options) error {
	pub, err := publicOf(l, opt.Privacy)
	if err != nil {
		return fmt.Errorf("export cypher: %w", err)
	}
	bw := bufio.NewWriter(w)
	nodes, edges := l.Len()
	fmt.Fprintf(bw, "// %s: %d nodes, %d relationships.\n", dataversion.Text(l.Version(), l.Changed(), "en"), nodes, edges)
	bw.WriteString("// One statement, one transaction: run it in an empty database with\n" +
		"// cypher-shell -f FILE, or paste it into Neo4j Browser. Labels and property\n" +
		"// keys are those of gapmap's Neo4j store and JSON API. On a large landscape\n" +
		"// run this first, so that each MATCH below is an index seek:\n" +
		"// CREATE CONSTRAINT node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE\n")
	c := newCounter(l, opt.Progress)
	parts := 0
	// part starts a part of the statement: parts are joined by WITH, which
	// makes them one statement.
	part := func() {
		if parts > 0 {
			bw.WriteString("\nWITH count(*) AS done\n")
		}
		parts++
	}
	size := cypherBatch
	if opt.batch > 0 {
		size = opt.batch
	}
	for _, b := range nodeBatches(l, size) {
		part()
		bw.WriteString("UNWIND [")
		for i, n := range b.nodes {
			props, err := nodeProps(n, pub)
			if err != nil {
				return fmt.Errorf("export cypher: %w", err)
			}
			bw.WriteString(listSep(i))
			writeCypherMap(bw, typedCounts(props, false), timeKeys[n.Type()], "type")
			c.step()
		}
		fmt.Fprintf(bw, "\n] AS row\nCREATE (n:Node:%s)\nSET n = row", cypherKey(string(b.typ)))
	}
	for _, b := range edgeBatches(l, size) {
		part()
		bw.WriteString("UNWIND [")
		for i, e := range b.edges {
			props, err := edgeProps(e)
			if err != nil {
				return fmt.Errorf("export cypher: %w", err)
			}
			bw.WriteString(listSep(i))
			fmt.Fprintf(bw, "{from: %s, to: %s, props: ", cypherString(e.From), cypherString(e.To))
			writeCypherMap(bw, props, nil, "type", "from", "to")
			bw.WriteByte('}')
			c.step()
		}
		fmt.Fprintf(bw, "\n] AS row\nMATCH (a:%s {id: row.from})\nMATCH (b:%s {id: row.to})\nCREATE (a)-[r:%s]->(b)\nSET r = row.props",
			cypherKey(string(b.from)), cypherKey(string(b.to)), cypherKey(string(b.typ)))
	}
	if parts == 0 {
		// An empty landscape still makes one valid statement.
		bw.WriteString("RETURN 0 AS created")
	}
	bw.WriteString(";\n")
	return flushCypher(bw)
}

// flushCypher flushes the script to its writer.
func flushCypher(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export cypher: %w", err)
	}
	return nil
}

// listSep separates the items of a literal list, one per line.
func listSep(i int) string {
	if i == 0 {
		return "\n  "
	}
	return ",\n  "
}

// writeCypherMap writes props as a Cypher map literal, leaving out the keys
// in drop; the keys in times are written as datetime values.
func writeCypherMap(w *bufio.Writer, props []prop, times map[string]bool, drop ...string) {
	w.WriteByte('{')
	first := true
	for _, p := range props {
		if slices.Contains(drop, p.Key) {
			continue
		}
		if !first {
			w.WriteString(", ")
		}
		first = false
		w.WriteString(cypherKey(p.Key))
		w.WriteString(": ")
		if s, ok := p.Value.(string); ok && times[p.Key] {
			w.WriteString("datetime(" + cypherString(s) + ")")
			continue
		}
		w.WriteString(cypherValue(p.Value))
	}
	w.WriteByte('}')
}

// cypherValue returns the Cypher literal of a property value.
func cypherValue(v any) string {
	switch v := v.(type) {
	case string:
		return cypherString(v)
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
			items[i] = cypherValue(x)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return "null"
}

// cypherString returns s as a single-quoted Cypher string literal. Quotes
// and backslashes are escaped, and so are control characters, line and
// paragraph separators and bytes that are not UTF-8 (as U+FFFD), so the
// literal is one line that every Cypher parser reads back as s.
func cypherString(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
					b.WriteString(`\uFFFD`)
					continue
				}
			}
			if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
				fmt.Fprintf(&b, `\u%04X`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

var plainName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// cypherKey returns a property key as Cypher writes it: bare when it is a
// plain name, else in backticks.
func cypherKey(k string) string {
	if plainName.MatchString(k) {
		return k
	}
	return cypherName(k)
}

// cypherName returns a name in backticks (a doubled backtick stands for
// one), which Cypher reads as a name even when it is a keyword or starts
// with a digit.
func cypherName(s string) string {
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}
