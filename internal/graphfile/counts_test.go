package graphfile

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// countCase is a group's size under a rule, and what a reader of a graph
// export must find: the number (absent when suppressed) and the text shown.
type countCase struct {
	name       string
	size       int
	rule       privacy.Rule
	number     int64 // 0: none, the count is suppressed
	suppressed bool
	shown      string
}

var countCases = []countCase{
	{"suppressed", 3, privacy.Rule{}, 0, true, "<5"},
	{"suppressed under 10", 7, privacy.Rule{Threshold: 10}, 0, true, "<10"},
	{"shown", 57, privacy.Rule{}, 57, false, "57"},
	{"rounded", 57, privacy.Rule{Step: 5}, 55, false, "55"},
}

// countLandscape is a landscape of one group of size people, with an id no
// other test's landscape has (the Cypher test creates it in a shared Neo4j).
func countLandscape(t *testing.T, size int) *graph.Landscape {
	t.Helper()
	g := &graph.Group{Meta: graph.Meta{ID: "export-count-test-group", Name: "Boys alone"}, SizeEstimate: size}
	l, err := graph.NewLandscape(3, []graph.Node{g}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestGraphJSONCountKeepsItsType reads the JSON export back: the size
// estimate is a number or null, never a string, whatever is suppressed.
func TestGraphJSONCountKeepsItsType(t *testing.T) {
	for _, c := range countCases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteGraphJSON(&buf, countLandscape(t, c.size), Options{Privacy: c.rule}); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Nodes []map[string]any `json:"nodes"`
			}
			dec := json.NewDecoder(&buf)
			dec.UseNumber()
			if err := dec.Decode(&doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Nodes) != 1 {
				t.Fatalf("%d nodes, want 1", len(doc.Nodes))
			}
			checkCountFields(t, doc.Nodes[0], c, true)
		})
	}
}

// TestPublicNodeJSONCountKeepsItsType checks the node as the JSON API
// writes it, which is PublicNodeJSON's.
func TestPublicNodeJSONCountKeepsItsType(t *testing.T) {
	for _, c := range countCases {
		t.Run(c.name, func(t *testing.T) {
			b, err := PublicNodeJSON(countLandscape(t, c.size).AllNodes()[0], c.rule, nil)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.UseNumber()
			if err := dec.Decode(&m); err != nil {
				t.Fatal(err)
			}
			checkCountFields(t, m, c, true)
		})
	}
}

// checkCountFields checks the three fields of a group's count in a node
// read back: size_estimate a number (or null in JSON, absent in Neo4j when
// suppressed), size_estimate_suppressed a boolean, size_estimate_shown a
// string.
func checkCountFields(t *testing.T, m map[string]any, c countCase, nullWhenSuppressed bool) {
	t.Helper()
	v, ok := m["size_estimate"]
	switch {
	case c.suppressed && nullWhenSuppressed:
		if !ok || v != nil {
			t.Errorf("size_estimate = %#v (present %v), want null", v, ok)
		}
	case c.suppressed:
		if ok {
			t.Errorf("size_estimate = %#v, want no such property", v)
		}
	default:
		if got := asInt(v); got != c.number {
			t.Errorf("size_estimate = %#v (%T), want the integer %d", v, v, c.number)
		}
	}
	if got, ok := m["size_estimate_suppressed"].(bool); !ok || got != c.suppressed {
		t.Errorf("size_estimate_suppressed = %#v (%T), want the boolean %v", m["size_estimate_suppressed"], m["size_estimate_suppressed"], c.suppressed)
	}
	if got, ok := m["size_estimate_shown"].(string); !ok || got != c.shown {
		t.Errorf("size_estimate_shown = %#v (%T), want the string %q", m["size_estimate_shown"], m["size_estimate_shown"], c.shown)
	}
}

// asInt returns v as an integer if it is one (a JSON number without a
// fraction, or Neo4j's int64), else -1.
func asInt(v any) int64 {
	switch v := v.(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n
		}
	case int64:
		return v
	}
	return -1
}

// TestCypherCountKeepsItsType runs the Cypher export in a real Neo4j, in a
// transaction that is rolled back (the server is shared with other tests),
// and reads the group back with the types Neo4j gives its properties. It
// needs the test server (scripts/neo4j/start DIR; . DIR/env); it skips
// without one, but fails under CI=true, where .ci/run starts it.
func TestCypherCountKeepsItsType(t *testing.T) {
	uri := os.Getenv("GAPMAP_TEST_NEO4J_URI")
	if uri == "" {
		msg := "no Neo4j: run scripts/neo4j/start DIR and source DIR/env"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	driver, err := neo4j.NewDriverWithContext(uri, neo4j.BasicAuth(os.Getenv("GAPMAP_TEST_NEO4J_USER"), os.Getenv("GAPMAP_TEST_NEO4J_PASSWORD"), ""))
	if err != nil {
		t.Fatal(err)
	}
	defer driver.Close(ctx)
	for _, c := range countCases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCypher(&buf, countLandscape(t, c.size), Options{Privacy: c.rule}); err != nil {
				t.Fatal(err)
			}
			session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: os.Getenv("GAPMAP_TEST_NEO4J_DATABASE")})
			defer session.Close(ctx)
			tx, err := session.BeginTransaction(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback(ctx) // nothing of this test stays in the shared database
			if _, err := tx.Run(ctx, buf.String(), nil); err != nil {
				t.Fatalf("run the export: %v\n%s", err, buf.String())
			}
			res, err := tx.Run(ctx, "MATCH (g:Group {id: 'export-count-test-group'}) RETURN properties(g) AS p", nil)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := res.Single(ctx)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := rec.Get("p")
			props, ok := p.(map[string]any)
			if !ok {
				t.Fatalf("properties = %#v", p)
			}
			checkCountFields(t, props, c, false)
		})
	}
}
