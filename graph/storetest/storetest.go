// Package storetest is the conformance suite every graph.Store must pass.
// A store's own tests call Run with a function that opens a fresh, empty
// store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) graph.Store {
//			s := mustOpen(t) // a new file, a wiped database
//			t.Cleanup(func() { s.Close() })
//			return s
//		})
//	}
//
// The suite uses only the graph.Store interface and checks error codes with
// graph.ErrorCode, so it holds every implementation to the same semantics.
package storetest

import (
	"context"
	"errors"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Run runs every conformance test against the stores open returns. Each call
// of open must return a fresh, empty store for one subtest and arrange (with
// t.Cleanup) for it to be closed. Subtests run one after another, so an
// implementation may hand out the same wiped database each time.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	for _, test := range []struct {
		name string
		fn   func(*testing.T, graph.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"RoundTripReplace", testRoundTripReplace},
		{"EmptyStore", testEmptyStore},
		{"Versions", testVersions},
		{"CreateKeepsPositiveVersion", testCreateKeepsPositiveVersion},
		{"StaleUpdate", testStaleUpdate},
		{"StaleDelete", testStaleDelete},
		{"CreateExisting", testCreateExisting},
		{"Missing", testMissing},
		{"UpdateCannotChangeType", testUpdateCannotChangeType},
		{"InvalidNode", testInvalidNode},
		{"EdgeToMissingNode", testEdgeToMissingNode},
		{"EdgeWrongTypes", testEdgeWrongTypes},
		{"EdgeMissingSource", testEdgeMissingSource},
		{"DeleteEdge", testDeleteEdge},
		{"DeleteWithEdges", testDeleteWithEdges},
		{"DeleteCascade", testDeleteCascade},
		{"DeleteCitedSource", testDeleteCitedSource},
		{"LaterOpsSeeEarlier", testLaterOpsSeeEarlier},
		{"AllOrNothing", testAllOrNothing},
		{"EmptyChange", testEmptyChange},
		{"VersionPerApply", testVersionPerApply},
		{"CanceledContext", testCanceledContext},
		{"ConcurrentWriters", testConcurrentWriters},
		{"WriteOwnRevision", testWriteOwnRevision},
		{"VersionMatchesLandscape", testVersionMatchesLandscape},
		{"Changed", testChanged},
		{"HistoryRoundTrip", testHistoryRoundTrip},
		{"HistoryOfNode", testHistoryOfNode},
		{"HistoryRecords", testHistoryRecords},
		{"HistoryEdges", testHistoryEdges},
		{"HistoryCascade", testHistoryCascade},
		{"HistoryTouched", testHistoryTouched},
		{"HistoryFailedApply", testHistoryFailedApply},
		{"HistoryUnknown", testHistoryUnknown},
	} {
		t.Run(test.name, func(t *testing.T) { test.fn(t, open(t)) })
	}
}

// mustApply applies c and fails the test on error.
func mustApply(t *testing.T, s graph.Store, c *graph.Change) int64 {
	t.Helper()
	v, err := s.Apply(context.Background(), c)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	return v
}

// mustLandscape loads the landscape and fails the test on error.
func mustLandscape(t *testing.T, s graph.Store) *graph.Landscape {
	t.Helper()
	l, err := s.Landscape(context.Background())
	if err != nil {
		t.Fatalf("Landscape: %v", err)
	}
	return l
}

// wantError applies c, expects an error with code, and checks that nothing
// was written, no revision either. It returns the error's *graph.Error.
func wantError(t *testing.T, s graph.Store, c *graph.Change, code string) *graph.Error {
	t.Helper()
	before := mustLandscape(t, s)
	hs := histories(t, s, before, c)
	v, err := s.Apply(context.Background(), c)
	if got := graph.ErrorCode(err); got != code {
		t.Fatalf("Apply = %d, %v (code %q); want code %q", v, err, got, code)
	}
	wantUnchanged(t, s, before)
	if diff := cmp.Diff(hs, histories(t, s, before, c)); diff != "" {
		t.Errorf("histories changed by a failed Apply (-before +after):\n%s", diff)
	}
	var e *graph.Error
	if !errors.As(err, &e) {
		t.Fatalf("Apply error %v has no *graph.Error", err)
	}
	return e
}

// wantUnchanged checks that the store still holds the snapshot before.
func wantUnchanged(t *testing.T, s graph.Store, before *graph.Landscape) {
	t.Helper()
	after := mustLandscape(t, s)
	if before.Version() != after.Version() {
		t.Errorf("landscape version = %d, want unchanged %d", after.Version(), before.Version())
	}
	if diff := cmp.Diff(before.AllNodes(), after.AllNodes(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("nodes changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(before.Edges(), after.Edges(), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("edges changed (-before +after):\n%s", diff)
	}
}

// load creates the Fixture in s and returns the landscape version.
func load(t *testing.T, s graph.Store) int64 {
	t.Helper()
	return mustApply(t, s, FixtureChange())
}

// node returns the stored node id as a T, failing the test if there is none.
func node[T graph.Node](t *testing.T, s graph.Store, id string) T {
	t.Helper()
	n, err := graph.Lookup[T](mustLandscape(t, s), id)
	if err != nil {
		t.Fatalf("Lookup %s: %v", id, err)
	}
	return n
}
