package gap

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/privacy"
)

// Fragmentation is how many doors a profile, or a named group, must knock on:
// the fewest organisations, and the fewest sectors, whose services together
// cover every need that can be covered at all, and how many of the services
// behind the organisations have no referral link to one another.
type Fragmentation struct {
	Group   string   `json:"group,omitempty"`
	Profile *Profile `json:"profile,omitempty"`
	// Profiles is the number of profiles a group spans; its cover must
	// serve every one of them.
	Profiles int `json:"profiles,omitempty"`
	// Needs are the needs to cover: those that apply to the profile (to
	// one of a group's profiles at least) at one of the analysed stages.
	// Uncoverable are those of them that no service accepting the profile
	// meets at one of the analysed stages (for a group: for at least one
	// of its profiles); they are left out of the cover (for a group, as
	// the pairs of those profiles only). A need covered at any analysed
	// stage counts as covered.
	Needs         []string `json:"needs"`
	Uncoverable   []string `json:"uncoverable,omitempty"`
	Organisations Cover    `json:"organisations"`
	Sectors       Cover    `json:"sectors"`
	// Unlinked are the services of the organisation cover that have no
	// REFERS_TO edge, in either direction, to another of them: doors the
	// victim must find alone.
	Unlinked      []string `json:"unlinked,omitempty"`
	UnlinkedCount int      `json:"unlinked_count"`
	// ReferralLinks counts the pairs of services, behind the organisations
	// of the cover and covering one of its needs, with a REFERS_TO edge
	// between them (either way). Among the smallest covers the one with the
	// most is chosen (when there are at most maxTieCovers to compare).
	ReferralLinks int `json:"referral_links"`
	// Skipped says why a group's cover was not computed.
	Skipped        string        `json:"skipped,omitempty"`
	PeopleAffected privacy.Count `json:"people_affected,omitzero"`
}

// Cover is a smallest set of organisations (or sectors) whose services cover
// the needs, and a smallest set of their services that does. Exact says it
// was proved smallest (branch and bound within MaxCoverNodes); otherwise it
// is the best cover the search found, never larger than the greedy cover,
// which is at most H(d) ≈ ln d + 1 times the smallest (d: the most needs one
// member covers), and LowerBound is a proved lower bound on the smallest
// size. When Exact, LowerBound equals Size.
type Cover struct {
	Size       int      `json:"size"`
	Members    []string `json:"members"`
	Services   []string `json:"services"`
	Exact      bool     `json:"exact"`
	LowerBound int      `json:"lower_bound"`
}

// maxGroupElements caps a group's joint cover: the group's profiles times
// its needs. A group spanning more (one that names no status and no region,
// say) is reported as skipped rather than solved.
const maxGroupElements = 4096

// GroupGaps is Analyse restricted to one named group: the cells of the
// profiles it spans and the needs it names, its fragmentation and the other
// kinds asked for. Query.Groups is replaced by the group.
//
// Errors: ENOTFOUND if there is no group with id groupID; otherwise those
// of Analyse.
func GroupGaps(ctx context.Context, l *graph.Landscape, groupID string, q Query, sc Scenario) (*Result, error) {
	ix, err := indexOf(l)
	if err != nil {
		return nil, err
	}
	return cachedResult(ctx, l, "group\x00"+groupID, q, sc, func(ctx context.Context, q Query, sc Scenario) (*Result, error) {
		return ix.GroupGaps(ctx, groupID, q, sc)
	})
}

// GroupGaps is the package-level GroupGaps on an index built beforehand.
func (ix *Index) GroupGaps(ctx context.Context, groupID string, q Query, sc Scenario) (*Result, error) {
	if _, err := graph.Lookup[*graph.Group](ix.l, groupID); err != nil {
		return nil, err
	}
	q.Groups = []string{groupID}
	return ix.Analyse(ctx, q, sc)
}

// The fragmentation is the cover of every analysed profile and of every
// named group (the selected ones, with a group filter). fragmentationSizes
// (fragsize.go) finds every profile's sizes; reportFragmentation sorts the
// profiles by them, solves the covers of those it lists, and solves the
// groups'.

// reportFragmentation lists the profiles' covers, most fragmented first
// (keys: fragmentationSizes'), and solves the groups'.
func (an *analysis) reportFragmentation(ctx context.Context, keys []int32) error {
	ix, d, p := an.ix, an.ix.d, an.p
	cb, _ := an.side()
	listed, total := topProfiles(keys, p.limit)
	an.res.FragmentationTotal = total
	if p.kinds&(bitCellKinds|bitCriticality) == 0 {
		an.res.Profiles = total
	}
	frags := make([]Fragmentation, len(listed))
	var groups []int
	for k := range d.groups {
		if p.groups == nil || p.groups.has(k) {
			groups = append(groups, k)
		}
	}
	groupFrags := make([]Fragmentation, len(groups))
	// Listed profiles and groups are solved on every CPU, each worker
	// with its own coverer; profiles with the same pattern share a cover.
	var next atomic.Int64
	jobs := len(listed) + len(groups)
	workers := max(1, min(runtime.GOMAXPROCS(0), jobs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			fc := newCoverer(ix, p)
			memo := map[string]*Fragmentation{}
			var key []byte
			m := newBitset(ix.n)
			pg, needs := newBitset(len(d.groups)), newBitset(len(d.needs))
			for {
				j := int(next.Add(1) - 1)
				if j >= jobs {
					return
				}
				if err := ctx.Err(); err != nil {
					errs[w] = err
					return
				}
				if j >= len(listed) {
					k := groups[j-len(listed)]
					f := fc.group(k)
					f.Group = d.groups[k].ID
					if size := p.sizes[k]; size > 0 {
						f.PeopleAffected = p.rule.Count(size)
					}
					groupFrags[j-len(listed)] = f
					continue
				}
				pr := an.listedProfile(cb, listed[j])
				ix.gi.ofProfile(pg, pr)
				ns := p.needs
				if p.groups != nil {
					ns = an.groupNeeds(pg, needs)
				}
				ns = an.applicable(pr, ns)
				ix.profileMask(m, pr)
				key = fc.pattern(key[:0], m, ns)
				cached, ok := memo[string(key)]
				if !ok {
					fr := fc.profile(m, ns)
					cached = &fr
					if len(memo) < maxCoverMemo {
						memo[string(key)] = cached
					}
				}
				// Profiles with one pattern share the cover's slices: a
				// Result is read-only, and coverer never reuses them.
				f := *cached
				prof := d.profile(pr)
				f.Profile = &prof
				f.PeopleAffected = p.people(pg)
				frags[j] = f
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	an.res.Fragmentation = append(an.res.Fragmentation, frags...)
	an.res.GroupFragmentation = append(an.res.GroupFragmentation, groupFrags...)
	return nil
}

// nameFragmentation records the names of the ids the fragmentation lists
// mention.
func (an *analysis) nameFragmentation() {
	for k := range an.res.Fragmentation {
		an.nameCover(&an.res.Fragmentation[k])
	}
	for k := range an.res.GroupFragmentation {
		an.nameCover(&an.res.GroupFragmentation[k])
		an.pv.name(an.res.GroupFragmentation[k].Group)
	}
}

// maxCoverMemo caps how many covers one worker of reportFragmentation
// remembers by pattern.
const maxCoverMemo = 4096

// listedProfile returns the profile at position at of fragmentationSizes'
// keys.
func (an *analysis) listedProfile(cb *combos, at int) prof {
	p := an.p
	regions, statuses := len(p.regions), len(p.statuses)
	t, rpos, si := at/(regions*statuses), at/statuses%regions, at%statuses
	g, a, e := cb.split(t)
	return prof{g: p.genders[g], a: p.ages[a], e: p.expls[e], r: p.regions[rpos], s: p.statuses[si]}
}

// topProfiles returns the positions of the profiles to list, at most limit
// (every one when limit < 0): the largest keys first, in key order then
// position order, and how many profiles have a key (-1: none).
func topProfiles(keys []int32, limit int) (listed []int, total int) {
	top := int32(-1)
	for _, k := range keys {
		top = max(top, k)
	}
	count := make([]int, top+1)
	for _, k := range keys {
		if k >= 0 {
			count[k]++
			total++
		}
	}
	want := total
	if limit >= 0 {
		want = min(want, limit)
	}
	// The smallest key listed, and how many of its profiles are.
	floor, atFloor := top+1, 0
	for n := 0; floor > 0 && n < want; {
		floor--
		atFloor = min(count[floor], want-n)
		n += atFloor
	}
	start := make([]int, top+2) // per key, from the top: where its profiles go
	for k := top; k >= floor && k >= 0; k-- {
		n := count[k]
		if k == floor {
			n = atFloor
		}
		start[top-k+1] = start[top-k] + n
	}
	listed = make([]int, want)
	for at, k := range keys {
		if k < floor || k < 0 {
			continue
		}
		i := top - k
		if k == floor {
			if atFloor == 0 {
				continue
			}
			atFloor--
		}
		listed[start[i]] = at
		start[i]++
	}
	return listed, total
}

// groupNeeds returns the plan's needs that a selected group among pg (the
// groups spanning a profile) names, or nil when there is none: no selected
// group spans the profile, or none needs a need of the plan. It narrows pg
// to the selected groups.
func (an *analysis) groupNeeds(pg, scratch bitset) []int {
	pg.and(pg, an.p.groups)
	if pg.empty() {
		return nil
	}
	clear(scratch)
	for k := pg.next(0); k >= 0; k = pg.next(k + 1) {
		for _, n := range an.ix.gi.needs[k] {
			scratch.set(n)
		}
	}
	var ns []int
	for _, n := range an.p.needs {
		if scratch.has(n) {
			ns = append(ns, n)
		}
	}
	return ns
}

// needApplies reports whether need n applies to profiles of status s and
// age band a at one of the plan's stages at least (dims.applies).
func (an *analysis) needApplies(s, a, n int) bool { return an.ix.d.appliesAtAny(s, a, n, an.p.stages) }

// applicable returns the needs of ns that apply to profile pr: ns itself
// when all do.
func (an *analysis) applicable(pr prof, ns []int) []int {
	for i, n := range ns {
		if an.needApplies(pr.s, pr.a, n) {
			continue
		}
		out := slices.Clone(ns[:i])
		for _, m := range ns[i+1:] {
			if an.needApplies(pr.s, pr.a, m) {
				out = append(out, m)
			}
		}
		return out
	}
	return ns
}

// nameCover records the names of the ids a Fragmentation mentions.
func (an *analysis) nameCover(f *Fragmentation) {
	an.pv.name(f.Needs...)
	an.pv.name(f.Organisations.Members...)
	an.pv.name(f.Organisations.Services...)
	an.pv.name(f.Sectors.Services...)
}

// profileMask sets m to the services that accept profile pr.
func (ix *Index) profileMask(m bitset, pr prof) bool {
	m.and(ix.gender[pr.g], ix.age[pr.a])
	m.and(m, ix.expl[pr.e])
	m.and(m, ix.region[pr.r])
	return m.and(m, ix.status[pr.s])
}
