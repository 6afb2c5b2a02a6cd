package gap

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// randomQuery draws a query that filters some dimensions of l.
func randomQuery(rng *rand.Rand, l *graph.Landscape) Query {
	q := Query{Limit: -1, MaxExcluded: -1}
	filter := func(all []string) []string {
		if rng.IntN(3) != 0 || len(all) == 0 {
			return nil
		}
		return pick(rng, all, 1+rng.IntN(len(all)))
	}
	q.Statuses = filter(ids(l, graph.TypeStatus))
	q.Needs = filter(ids(l, graph.TypeNeed))
	q.Stages = filter(ids(l, graph.TypeStage))
	q.Exploitation = filter(ids(l, graph.TypeExploitation))
	q.Regions = filter(ids(l, graph.TypeRegion))
	q.Groups = filter(ids(l, graph.TypeGroup))
	if rng.IntN(3) == 0 {
		q.Genders = subset(rng, graph.Genders, 0.6)
	}
	if rng.IntN(3) == 0 {
		q.AgeBands = subset(rng, graph.AgeBands, 0.6)
	}
	if rng.IntN(4) == 0 {
		q.Kinds = subset(rng, Kinds, 0.5)
	}
	return q
}

// randomChange draws one change of kind k valid against l (services names
// the open services, added ones included).
func randomChange(rng *rand.Rand, l *graph.Landscape, k ChangeKind, services []string, serial int) Change {
	some := func(t graph.NodeType, p float64) []string { return subset(rng, ids(l, t), p) }
	c := Change{Kind: k}
	switch k {
	case CloseService:
		c.Service = services[rng.IntN(len(services))]
	case AddService:
		c.Service = fmt.Sprintf("added%d", serial)
		c.Sector = graph.Sectors[rng.IntN(len(graph.Sectors))]
		c.Funding = graph.Fundings[rng.IntN(len(graph.Fundings))]
		if orgs := ids(l, graph.TypeOrganisation); len(orgs) > 0 && rng.IntN(2) == 0 {
			c.RunBy = orgs[rng.IntN(len(orgs))]
		}
		c.Statuses = pick(rng, ids(l, graph.TypeStatus), 1+rng.IntN(3))
		c.Regions = pick(rng, ids(l, graph.TypeRegion), 1)
		c.Needs = pick(rng, ids(l, graph.TypeNeed), 1+rng.IntN(2))
		c.Genders = subset(rng, graph.Genders, 0.5)
		c.AgeBands = subset(rng, graph.AgeBands, 0.5)
		c.Exploitation = some(graph.TypeExploitation, 0.3)
		c.Stages = some(graph.TypeStage, 0.4)
		c.RefersTo = pick(rng, services, rng.IntN(2))
		if rng.IntN(3) == 0 {
			c.Extent = graph.ExtentPartial
		}
	case Widen, Narrow:
		c.Service = services[rng.IntN(len(services))]
		for len(c.setFields()) < 2 {
			switch rng.IntN(7) {
			case 0:
				c.Genders = subset(rng, graph.Genders, 0.5)
			case 1:
				c.AgeBands = subset(rng, graph.AgeBands, 0.5)
			case 2:
				c.Statuses = some(graph.TypeStatus, 0.4)
			case 3:
				c.Exploitation = some(graph.TypeExploitation, 0.4)
			case 4:
				c.Regions = pick(rng, ids(l, graph.TypeRegion), 1)
			case 5:
				c.Needs = some(graph.TypeNeed, 0.4)
			case 6:
				c.Stages = some(graph.TypeStage, 0.4)
			}
		}
		if k == Widen && rng.IntN(3) == 0 {
			c.Extent = graph.ExtentPartial
		}
	case GrantEntitlement:
		c.Status = pick(rng, ids(l, graph.TypeStatus), 1)[0]
		c.Need = pick(rng, ids(l, graph.TypeNeed), 1)[0]
		c.AgeBands = subset(rng, graph.AgeBands, 0.4)
		c.Extent = extent(rng)
		if c.Extent == graph.ExtentPartial {
			c.FullAgeBands = subset(rng, graph.AgeBands, 0.4)
		}
	}
	return c
}

// randomScenario draws a scenario of up to four valid changes.
func randomScenario(rng *rand.Rand, l *graph.Landscape) Scenario {
	var sc Scenario
	open := ids(l, graph.TypeService)
	for i := range rng.IntN(5) {
		kinds := []ChangeKind{AddService, GrantEntitlement}
		if len(open) > 0 {
			kinds = append(kinds, CloseService, Widen, Narrow)
		}
		if ents := entitlements(l, sc); len(ents) > 0 && rng.IntN(4) == 0 {
			e := ents[rng.IntN(len(ents))]
			sc.Changes = append(sc.Changes, Change{Kind: RemoveEntitlement, Status: e[0], Need: e[1]})
			continue
		}
		c := randomChange(rng, l, kinds[rng.IntN(len(kinds))], open, i)
		switch c.Kind {
		case CloseService:
			open = slices.DeleteFunc(open, func(s string) bool { return s == c.Service })
		case AddService:
			open = append(open, c.Service)
		}
		sc.Changes = append(sc.Changes, c)
	}
	return sc
}

func ids(l *graph.Landscape, t graph.NodeType) []string {
	var out []string
	for _, n := range l.Nodes(t) {
		out = append(out, n.Base().ID)
	}
	return out
}

// entitlements lists the (status, need) entitlements of l after sc.
func entitlements(l *graph.Landscape, sc Scenario) [][2]string {
	m := map[[2]string]bool{}
	for _, e := range l.Edges() {
		if e.Type == graph.EdgeEntitles {
			m[[2]string{e.From, e.To}] = true
		}
	}
	for _, c := range sc.Changes {
		switch c.Kind {
		case GrantEntitlement:
			m[[2]string{c.Status, c.Need}] = true
		case RemoveEntitlement:
			delete(m, [2]string{c.Status, c.Need})
		}
	}
	var out [][2]string
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	return out
}
