package graphfile

import (
	"encoding/json"
	"fmt"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// A count of people keeps its type in every graph export, suppressed or
// not, so that a program reading a file never finds the text "<5" where it
// expects a number. The convention is GraphML's (allNodeProps), in each
// format's terms: a group whose size estimate is known has
//
//	size_estimate             the number, when it may be shown: null in JSON
//	                          and left out in Cypher (Neo4j keeps no null
//	                          property) when it is suppressed
//	size_estimate_suppressed  true when the count is under the threshold, or
//	                          withheld (gap.WithheldGroups)
//	size_estimate_shown       the count as every table shows it: "57", "<5"
//	                          or "withheld"
//
// A group whose estimate is unknown has none of the three.

// Keys of a suppressed count's companions.
const (
	suppressedSuffix = "_suppressed"
	shownSuffix      = "_shown"
)

// typedCounts returns props (nodeProps' properties of a node) with each
// count of people in the typed convention above. keepNull says whether a
// suppressed count stays as a null (JSON) or is left out (Cypher).
func typedCounts(props []prop, keepNull bool) []prop {
	out := make([]prop, 0, len(props)+2)
	for _, p := range props {
		if p.Key != "size_estimate" {
			out = append(out, p)
			continue
		}
		shown, suppressed := p.Value.(string) // the label of a suppressed or withheld count ("<5", "withheld"), else a number
		switch {
		case !suppressed:
			out = append(out, p)
			shown = fmt.Sprint(p.Value)
		case keepNull:
			out = append(out, prop{Key: p.Key, Value: nil})
		}
		out = append(out,
			prop{Key: p.Key + suppressedSuffix, Value: suppressed},
			prop{Key: p.Key + shownSuffix, Value: shown})
	}
	return out
}

// PublicNodeJSON encodes n as the public sees it, as the landscape's JSON
// export and the JSON API write a node: no confidential address, and a
// group's size estimate under rule typed as typedCounts has it (a number or
// null, with size_estimate_suppressed and size_estimate_shown); withheld
// are the groups whose size is withheld under rule (gap.WithheldGroups).
func PublicNodeJSON(n graph.Node, rule privacy.Rule, withheld map[string]bool) (json.RawMessage, error) {
	return publicNodeJSON(n, public{rule: rule, withheld: withheld})
}

func publicNodeJSON(n graph.Node, pub public) (json.RawMessage, error) {
	props, err := nodeProps(n, pub)
	if err != nil {
		return nil, err
	}
	return encodeProps(typedCounts(props, true))
}
