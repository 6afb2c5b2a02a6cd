package graph_test

import (
	"errors"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
)

// fixture returns a fresh copy of the storetest.Fixture node id as a T.
func fixture[T graph.Node](t *testing.T, id string) T {
	t.Helper()
	nodes, _ := storetest.Fixture()
	for _, n := range nodes {
		if n.Base().ID == id {
			return n.(T)
		}
	}
	t.Fatalf("no fixture node %s", id)
	panic("unreachable")
}

// fixtureLandscape returns the storetest.Fixture as a Landscape at version 1.
func fixtureLandscape(t *testing.T) *graph.Landscape {
	t.Helper()
	nodes, edges := storetest.Fixture()
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// fault is what a test expects of an error: its code and the node and field
// it names. The zero fault means no error.
type fault struct {
	Code, Node, Field string
}

// faultOf returns the fault err reports.
func faultOf(err error) fault {
	if err == nil {
		return fault{}
	}
	var e *graph.Error
	if !errors.As(err, &e) {
		return fault{Code: graph.ErrorCode(err), Node: "not a *graph.Error: " + err.Error()}
	}
	return fault{Code: e.Code, Node: e.Node, Field: e.Field}
}

// wantFault compares err with want, ignoring the node when want names none.
func wantFault(t *testing.T, err error, want fault) {
	t.Helper()
	got := faultOf(err)
	if want.Node == "" && want.Code != "" {
		got.Node = ""
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("error %v: mismatch (-want +got):\n%s", err, diff)
	}
}
