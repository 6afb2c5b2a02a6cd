package graph_test

import (
	"bytes"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

func TestNodeCodecRoundTrip(t *testing.T) {
	nodes, _ := storetest.Fixture()
	seen := map[graph.NodeType]bool{}
	for _, n := range nodes {
		seen[n.Type()] = true
		n.Base().Version = 3
		data, err := graph.MarshalNode(n)
		if err != nil {
			t.Fatalf("MarshalNode(%s): %v", graph.Ref(n), err)
		}
		if prefix := `{"type":"` + string(n.Type()) + `",`; !bytes.HasPrefix(data, []byte(prefix)) {
			t.Errorf("MarshalNode(%s) = %s, want it to start with %s", graph.Ref(n), data, prefix)
		}
		got, err := graph.UnmarshalNode(data)
		if err != nil {
			t.Fatalf("UnmarshalNode(%s): %v", data, err)
		}
		if diff := cmp.Diff(n, got); diff != "" {
			t.Errorf("%s round trip mismatch (-want +got):\n%s", graph.Ref(n), diff)
		}
	}
	for _, typ := range graph.NodeTypes {
		if !seen[typ] {
			t.Errorf("the fixture has no %s", typ)
		}
	}
}

func TestUnmarshalNodeRefuses(t *testing.T) {
	for _, test := range []struct {
		name string
		data string
	}{
		{"unknown field", `{"type":"Need","id":"gp","name":"GP","category":"health","colour":"red"}`},
		{"field of another type", `{"type":"Need","id":"gp","name":"GP","category":"health","funding":"project"}`},
		{"unknown type", `{"type":"Person","id":"x","name":"X"}`},
		{"no type", `{"id":"gp","name":"GP","category":"health"}`},
		{"wrong value type", `{"type":"Service","id":"s","name":"S","capacity":"many"}`},
		{"not an object", `["Need"]`},
		{"malformed", `{"type":"Need",`},
		{"empty", ``},
	} {
		t.Run(test.name, func(t *testing.T) {
			n, err := graph.UnmarshalNode([]byte(test.data))
			if code := graph.ErrorCode(err); code != graph.EINVALID {
				t.Errorf("UnmarshalNode = %v, %v (code %q); want EINVALID", n, err, code)
			}
		})
	}
}

func TestMarshalNodeEmpty(t *testing.T) {
	// A node with only zero values still gets its type and required fields.
	data, err := graph.MarshalNode(&graph.Status{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(data), `{"type":"Status","id":"","version":0,"name":""}`; got != want {
		t.Errorf("MarshalNode = %s, want %s", got, want)
	}
	n, err := graph.UnmarshalNode(data)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(graph.Node(&graph.Status{}), n); diff != "" {
		t.Errorf("round trip mismatch (-want +got):\n%s", diff)
	}
}
