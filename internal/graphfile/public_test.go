package graphfile_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/gapmap/gapmap/internal/exporttest"
	"github.com/gapmap/gapmap/internal/graphfile"
	"github.com/gapmap/gapmap/internal/hsds"
)

// The test of every export of the whole landscape, graph files and the HSDS
// bundle: an external test, as package hsds builds on graphfile.

// TestNoConfidentialAddress checks every export for the confidential
// address of the fixture's service rosa, and for the public address of
// another service, which must be there (so the check can fail).
func TestNoConfidentialAddress(t *testing.T) {
	const public = "Storgata 10, 0155 Oslo"
	nodes, edges := storetest.Fixture()
	for _, n := range nodes {
		if s, ok := n.(*graph.Service); ok {
			switch s.ID {
			case storetest.ServiceID:
				s.Address, s.ConfidentialAddress = exporttest.SecretAddress, true
			case storetest.Service2ID:
				s.Address = public
			}
		}
	}
	l, err := graph.NewLandscape(1, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	writers := map[string]func(*bytes.Buffer) error{
		"graphml": func(b *bytes.Buffer) error { return graphfile.WriteGraphML(b, l, graphfile.Options{}) },
		"json":    func(b *bytes.Buffer) error { return graphfile.WriteGraphJSON(b, l, graphfile.Options{}) },
		"cypher":  func(b *bytes.Buffer) error { return graphfile.WriteCypher(b, l, graphfile.Options{}) },
		"hsds":    func(b *bytes.Buffer) error { return hsds.Write(b, l, hsds.Options{}) },
	}
	for name, write := range writers {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, secret := range []string{exporttest.SecretAddress, "Hemmelig"} {
			if strings.Contains(buf.String(), secret) {
				t.Errorf("%s export contains the confidential address (%q)", name, secret)
			}
		}
		want := []string{public}
		if name == "hsds" {
			// HSDS holds the street and the postal code apart.
			want = []string{`"address_1": "Storgata 10"`, `"postal_code": "0155"`, `"city": "Oslo"`}
		}
		for _, w := range want {
			if !strings.Contains(buf.String(), w) {
				t.Errorf("%s export lacks the public address (%s)", name, w)
			}
		}
	}
}
