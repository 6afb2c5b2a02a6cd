package gap

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

// FuzzParseScenario parses arbitrary bytes as a scenario (the corpus is in
// testdata/fuzz/FuzzParseScenario): ParseScenario must not panic, must
// refuse with EINVALID only, and what it accepts passes Check and reads
// back the same from its JSON.
func FuzzParseScenario(f *testing.F) {
	for _, seed := range []string{
		"name: GP for all\nchanges:\n  - kind: widen\n    service: fastlege\n    statuses: [undocumented]\n",
		"- kind: close_service\n  service: clinic\n",
		`{"name": "x", "changes": [{"kind": "grant_entitlement", "status": "undocumented", "need": "gp", "legal_basis": "§ 4a"}]}`,
		`[{"kind": "close_service", "service": "rosa", "note": "funding ends"}]`,
		"changes:\n  - &a {kind: close_service, service: s}\n  - *a\n",
		string(aliasBomb(200, 20)),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario(data)
		if err != nil {
			if graph.ErrorCode(err) != graph.EINVALID {
				t.Fatalf("ParseScenario: %v, want EINVALID", err)
			}
			return
		}
		if err := sc.Check(); err != nil {
			t.Fatalf("accepted a scenario that does not check: %v", err)
		}
		b, err := json.Marshal(sc)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseScenario(b)
		if err != nil {
			t.Fatalf("its own JSON %s does not parse: %v", b, err)
		}
		if diff := cmp.Diff(sc, again); diff != "" {
			t.Errorf("JSON round trip mismatch (-first +again):\n%s", diff)
		}
	})
}
