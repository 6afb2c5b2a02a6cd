package gap

import (
	"slices"

	"github.com/gapmap/gapmap/graph"
)

// oFragment is the oracle's fragmentation of a profile or group: the needs
// it cannot get and the smallest numbers of organisations and sectors.
type oFragment struct {
	Uncoverable []string
	Orgs        int
	Sectors     int
	Links       int // the most referral links of a smallest organisation cover
}

// mostLinks returns the most referral links between the services (of the
// members chosen) of a family of size members covering every element: the
// pairs of services, each a member's and covering an element, with a
// REFERS_TO edge either way.
func mostLinks(elements, size int, members map[string]map[int]bool, services map[string][]*oService) int {
	var keys []string
	for k := range members {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	best := 0
	var rec func(start int, chosen []string)
	rec = func(start int, chosen []string) {
		if len(chosen) == size {
			got := map[int]bool{}
			var svcs []*oService
			for _, k := range chosen {
				for e := range members[k] {
					got[e] = true
				}
				svcs = append(svcs, services[k]...)
			}
			if len(got) != elements {
				return
			}
			n := 0
			for i, a := range svcs {
				for _, b := range svcs[i+1:] {
					if slices.Contains(a.refers, b.id) || slices.Contains(b.refers, a.id) {
						n++
					}
				}
			}
			best = max(best, n)
			return
		}
		for i := start; i < len(keys); i++ {
			rec(i+1, append(chosen, keys[i]))
		}
	}
	rec(0, nil)
	return best
}

// bruteCover returns the size of a smallest family of members whose element
// sets cover every element, trying every family by size.
func bruteCover(elements int, members map[string]map[int]bool) int {
	if elements == 0 {
		return 0
	}
	var keys []string
	for k := range members {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for size := 1; size <= len(keys); size++ {
		found := false
		var rec func(start int, chosen []string)
		rec = func(start int, chosen []string) {
			if found {
				return
			}
			if len(chosen) == size {
				got := map[int]bool{}
				for _, k := range chosen {
					for e := range members[k] {
						got[e] = true
					}
				}
				found = len(got) == elements
				return
			}
			for i := start; i < len(keys); i++ {
				rec(i+1, append(chosen, keys[i]))
			}
		}
		rec(0, nil)
		if found {
			return size
		}
	}
	return -1
}

// fragment computes the oracle's covers for the (profile, need) elements
// given, over the query's stages.
func (o *oracle) fragment(profiles []oProfile, needs, stages []string) oFragment {
	var f oFragment
	orgs, sectors := map[string]map[int]bool{}, map[string]map[int]bool{}
	services := map[string][]*oService{} // per organisation: its services covering an element
	elements := 0
	uncoverable := map[string]bool{}
	for _, p := range profiles {
		for _, n := range needs {
			if !o.appliesAny(p, n, stages) {
				continue
			}
			var cov []*oService
			for _, t := range stages {
				for _, s := range o.covering(p, n, t) {
					if !slices.Contains(cov, s) {
						cov = append(cov, s)
					}
				}
			}
			if len(cov) == 0 {
				uncoverable[n] = true
				continue
			}
			for _, s := range cov {
				if orgs[s.org] == nil {
					orgs[s.org] = map[int]bool{}
				}
				if !slices.Contains(services[s.org], s) {
					services[s.org] = append(services[s.org], s)
				}
				orgs[s.org][elements] = true
				if sectors[string(s.sector)] == nil {
					sectors[string(s.sector)] = map[int]bool{}
				}
				sectors[string(s.sector)][elements] = true
			}
			elements++
		}
	}
	for _, n := range needs {
		if uncoverable[n] {
			f.Uncoverable = append(f.Uncoverable, n)
		}
	}
	f.Orgs = bruteCover(elements, orgs)
	f.Sectors = bruteCover(elements, sectors)
	if f.Orgs > 0 {
		f.Links = mostLinks(elements, f.Orgs, orgs, services)
	}
	return f
}

// fragmentation returns the oracle's fragmentation of every profile of the
// query (keyed by profile) and of every group (keyed by id).
func (o *oracle) fragmentation(q Query) (map[Profile]oFragment, map[string]oFragment) {
	l := o.l
	statuses := orAll(q.Statuses, ids(l, graph.TypeStatus))
	needs := orAll(q.Needs, ids(l, graph.TypeNeed))
	stages := orAll(q.Stages, o.orderedStages())
	regions := o.profileRegions()
	if len(q.Regions) > 0 {
		regions = orAll(q.Regions, ids(l, graph.TypeRegion))
	}
	var groups []*graph.Group
	for _, g := range graph.All[*graph.Group](l) {
		if len(q.Groups) == 0 || slices.Contains(q.Groups, g.ID) {
			groups = append(groups, g)
		}
	}
	byProfile := map[Profile]oFragment{}
	members := map[string][]oProfile{}
	for _, g := range orAllValues(q.Genders, graph.Genders) {
		for _, a := range orAllValues(q.AgeBands, graph.AgeBands) {
			for _, e := range orAll(q.Exploitation, ids(l, graph.TypeExploitation)) {
				for _, r := range regions {
					for _, s := range statuses {
						p := oProfile{g: g, a: a, s: s, e: e, r: r}
						for _, grp := range groups {
							if o.spans(grp, p, "") {
								members[grp.ID] = append(members[grp.ID], p)
							}
						}
						ns := needs
						if len(q.Groups) > 0 {
							ns = nil
							for _, n := range needs {
								if slices.ContainsFunc(groups, func(grp *graph.Group) bool { return o.spans(grp, p, n) }) {
									ns = append(ns, n)
								}
							}
						}
						var own []string
						for _, n := range ns {
							if o.appliesAny(p, n, stages) {
								own = append(own, n)
							}
						}
						if len(own) == 0 {
							continue // a profile with no need here (a terminal status) has no doors to find
						}
						byProfile[p.Profile()] = o.fragment([]oProfile{p}, own, stages)
					}
				}
			}
		}
	}
	byGroup := map[string]oFragment{}
	for _, grp := range groups {
		var ns []string
		for _, n := range needs {
			if es := l.Out(grp.ID, graph.EdgeNeeds); len(es) == 0 || slices.ContainsFunc(es, func(e *graph.Edge) bool { return e.To == n }) {
				ns = append(ns, n)
			}
		}
		byGroup[grp.ID] = o.fragment(members[grp.ID], ns, stages)
	}
	return byProfile, byGroup
}
