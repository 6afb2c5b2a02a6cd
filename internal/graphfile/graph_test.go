package graphfile

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/gapmap/gapmap/internal/privacy"
)

// graphMLDoc is the part of a GraphML file the tests read back.
type graphMLDoc struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graph struct {
		EdgeDefault string        `xml:"edgedefault,attr"`
		Data        []graphMLData `xml:"data"`
		Nodes       []struct {
			ID   string        `xml:"id,attr"`
			Data []graphMLData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			Source string        `xml:"source,attr"`
			Target string        `xml:"target,attr"`
			Data   []graphMLData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type graphMLData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// values maps a node's or edge's data to attr.names through the keys.
func (d *graphMLDoc) values(data []graphMLData) map[string]string {
	names := map[string]string{}
	for _, k := range d.Keys {
		names[k.ID] = k.Name
	}
	m := map[string]string{}
	for _, x := range data {
		m[names[x.Key]] = x.Value
	}
	return m
}

func readGraphML(t *testing.T, data []byte) *graphMLDoc {
	t.Helper()
	var doc graphMLDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	return &doc
}

func TestGraphMLParsesBack(t *testing.T) {
	l := fixture(t)
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, l, Options{}); err != nil {
		t.Fatal(err)
	}
	doc := readGraphML(t, buf.Bytes())

	nodes, edges := l.Len()
	if len(doc.Graph.Nodes) != nodes || len(doc.Graph.Edges) != edges {
		t.Errorf("GraphML has %d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), nodes, edges)
	}
	if doc.Graph.EdgeDefault != "directed" {
		t.Errorf("edgedefault = %q, want directed", doc.Graph.EdgeDefault)
	}

	// Every property of every node and edge has a key, typed by its values.
	keys := map[string]string{}
	for _, k := range doc.Keys {
		keys[k.For+" "+k.Name] = k.Type
	}
	for _, want := range []struct{ key, typ string }{
		{"graph version", "long"},
		{"node type", "string"},
		{"node label", "string"},
		{"node name", "string"},
		{"node capacity", "long"},
		{"node confidential_address", "boolean"},
		{"node languages", "string"},
		{"node last_verified", "string"},
		{"node size_estimate", "long"}, // even though the only group's is suppressed
		{"node size_estimate_suppressed", "boolean"},
		{"node size_estimate_shown", "string"},
		{"node order", "long"},
		{"edge type", "string"},
		{"edge formal", "boolean"},
		{"edge typical_days", "long"},
	} {
		if got := keys[want.key]; got != want.typ {
			t.Errorf("key %q has type %q, want %q", want.key, got, want.typ)
		}
	}
	for _, n := range l.AllNodes() {
		props, err := nodeProps(n, public{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range props {
			if _, ok := keys["node "+p.Key]; !ok {
				t.Errorf("no key for node property %s of %s", p.Key, graph.Ref(n))
			}
		}
	}
	for _, name := range []string{"formal", "legal_basis", "age_bands", "trigger", "typical_days", "extent", "sources", "year", "confidence", "note"} {
		if _, ok := keys["edge "+name]; !ok {
			t.Errorf("no key for edge property %s", name)
		}
	}

	// A few values, escaping included.
	byID := map[string]map[string]string{}
	for _, n := range doc.Graph.Nodes {
		byID[n.ID] = doc.values(n.Data)
	}
	rosa, _ := graph.Lookup[*graph.Service](l, storetest.ServiceID)
	want := map[string]string{
		"type": "Service", "label": "ROSA", "name": "ROSA", "description": rosa.Description,
		"languages": "no; en; ro", "capacity": "40", "confidential_address": "true",
		"last_verified": "2025-03-14T09:30:00Z",
	}
	for k, v := range want {
		if got := byID[storetest.ServiceID][k]; got != v {
			t.Errorf("rosa %s = %q, want %q", k, got, v)
		}
	}
	group := byID[storetest.GroupID]
	if _, ok := group["size_estimate"]; ok || group["size_estimate_suppressed"] != "true" || group["size_estimate_shown"] != "<5" {
		t.Errorf("the group of 3: size_estimate %q, suppressed %q, shown %q; want no size estimate, suppressed, shown as <5",
			group["size_estimate"], group["size_estimate_suppressed"], group["size_estimate_shown"])
	}
	// Shown when the rule lets 3 be shown, in the same long key.
	var shown bytes.Buffer
	if err := WriteGraphML(&shown, l, Options{Privacy: privacy.Rule{Threshold: 1}}); err != nil {
		t.Fatal(err)
	}
	doc2 := readGraphML(t, shown.Bytes())
	for _, n := range doc2.Graph.Nodes {
		if n.ID != storetest.GroupID {
			continue
		}
		if v := doc2.values(n.Data); v["size_estimate"] != "3" || v["size_estimate_suppressed"] != "false" || v["size_estimate_shown"] != "3" {
			t.Errorf("the group of 3 under threshold 1: %v", v)
		}
	}
	for _, k := range doc2.Keys {
		if k.Name == "size_estimate" && k.Type != "long" {
			t.Errorf("size_estimate shown: type %q, want long", k.Type)
		}
	}
	if got := doc.values(doc.Graph.Data)["version"]; got != "7" {
		t.Errorf("graph version = %q, want 7", got)
	}
	if got := doc.values(doc.Graph.Data)["changed"]; got != "2026-02-27T14:05:09.123456Z" {
		t.Errorf("graph changed = %q, want 2026-02-27T14:05:09.123456Z", got)
	}
	var refers map[string]string
	for _, e := range doc.Graph.Edges {
		if e.Source == storetest.ServiceID && e.Target == storetest.Service2ID {
			refers = doc.values(e.Data)
		}
	}
	if diff := cmp.Diff(map[string]string{
		"type": "REFERS_TO", "label": "REFERS_TO", "formal": "true", "sources": storetest.SourceID,
		"year": "2025", "confidence": "assumed", "note": "fixture REFERS_TO",
	}, refers); diff != "" {
		t.Errorf("REFERS_TO edge mismatch (-want +got):\n%s", diff)
	}
}

func TestGraphMLNorway(t *testing.T) {
	l := norway(t)
	var buf bytes.Buffer
	if err := WriteGraphML(&buf, l, Options{}); err != nil {
		t.Fatal(err)
	}
	doc := readGraphML(t, buf.Bytes())
	nodes, edges := l.Len()
	if len(doc.Graph.Nodes) != nodes || len(doc.Graph.Edges) != edges {
		t.Errorf("GraphML has %d nodes and %d edges, want %d and %d", len(doc.Graph.Nodes), len(doc.Graph.Edges), nodes, edges)
	}
}

func TestGraphJSON(t *testing.T) {
	l := fixture(t)
	var buf bytes.Buffer
	if err := WriteGraphJSON(&buf, l, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version int64             `json:"version"`
		Changed time.Time         `json:"changed"`
		Nodes   []json.RawMessage `json:"nodes"`
		Edges   []graph.Edge      `json:"edges"`
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != 7 || !doc.Changed.Equal(fixtureChanged) {
		t.Errorf("version %d, changed %s; want 7, %s", doc.Version, doc.Changed, fixtureChanged)
	}
	if diff := cmp.Diff(l.Edges(), doc.Edges); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
	var got []graph.Node
	for _, raw := range doc.Nodes {
		var typ struct {
			Type       string `json:"type"`
			Size       any    `json:"size_estimate"`
			Suppressed any    `json:"size_estimate_suppressed"`
			Shown      any    `json:"size_estimate_shown"`
		}
		if err := json.Unmarshal(raw, &typ); err != nil {
			t.Fatal(err)
		}
		if typ.Type == "Group" {
			if typ.Size != nil || typ.Suppressed != true || typ.Shown != "<5" {
				t.Errorf("group size_estimate = %v, suppressed %v, shown %v; want null, true, \"<5\"", typ.Size, typ.Suppressed, typ.Shown)
			}
			continue
		}
		n, err := graph.UnmarshalNode(raw)
		if err != nil {
			t.Fatalf("node %s: %v", raw, err)
		}
		got = append(got, n)
	}
	var want []graph.Node
	for _, n := range l.AllNodes() {
		if n.Type() == graph.TypeGroup {
			continue
		}
		pub, _ := publicNode(n, public{})
		want = append(want, pub)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nodes mismatch (-want +got):\n%s", diff)
	}
}

func TestGroupSizeFollowsTheRule(t *testing.T) {
	l := fixture(t) // a group of 3
	for _, test := range []struct {
		rule privacy.Rule
		want string
	}{
		{privacy.Rule{}, `"size_estimate":null,"size_estimate_suppressed":true,"size_estimate_shown":"<5"`},
		{privacy.Rule{Threshold: 10}, `"size_estimate":null,"size_estimate_suppressed":true,"size_estimate_shown":"<10"`},
		{privacy.Rule{Threshold: 1}, `"size_estimate":3,"size_estimate_suppressed":false,"size_estimate_shown":"3"`},
		{privacy.Rule{Threshold: 1, Step: 5}, `"size_estimate":5,"size_estimate_suppressed":false,"size_estimate_shown":"5"`},
	} {
		var buf bytes.Buffer
		if err := WriteGraphJSON(&buf, l, Options{Privacy: test.rule}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), test.want) {
			t.Errorf("rule %+v: JSON lacks %s", test.rule, test.want)
		}
	}
}

func TestGraphProgress(t *testing.T) {
	l := norway(t)
	nodes, edges := l.Len()
	var calls [][2]int
	opt := Options{Progress: func(done, total int) { calls = append(calls, [2]int{done, total}) }}
	for _, f := range Formats {
		calls = nil
		if err := Write(&bytes.Buffer{}, l, f, opt); err != nil {
			t.Fatal(err)
		}
		if len(calls) < 2 || calls[len(calls)-1] != [2]int{nodes + edges, nodes + edges} {
			t.Errorf("%s: progress calls %v, want several ending at %d/%d", f, calls, nodes+edges, nodes+edges)
		}
		if !slices.IsSortedFunc(calls, func(a, b [2]int) int { return a[0] - b[0] }) {
			t.Errorf("%s: progress goes backwards: %v", f, calls)
		}
	}
}

func TestParseGraphFormat(t *testing.T) {
	for _, test := range []struct {
		in   string
		want Format
		ok   bool
	}{
		{"graphml", FormatGraphML, true},
		{"GraphML", FormatGraphML, true},
		{"json", FormatJSON, true},
		{"cypher", FormatCypher, true},
		{"dot", "", false},
	} {
		got, err := ParseFormat(test.in)
		if got != test.want || (err == nil) != test.ok {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, ok %v", test.in, got, err, test.want, test.ok)
		}
	}
}
