package gap

import (
	"context"
	"slices"

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
	// Needs are the needs to cover; Uncoverable those no service covers
	// (for at least one of a group's profiles), left out of the covers.
	Needs         []string `json:"needs"`
	Uncoverable   []string `json:"uncoverable,omitempty"`
	Organisations Cover    `json:"organisations"`
	Sectors       Cover    `json:"sectors"`
	// Unlinked are the services of the organisation cover that have no
	// REFERS_TO edge, in either direction, to another of them: doors the
	// victim must find alone.
	Unlinked      []string `json:"unlinked,omitempty"`
	UnlinkedCount int      `json:"unlinked_count"`
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

// maxFragmentationMemo caps how many distinct coverage patterns the
// fragmentation of profiles remembers.
const maxFragmentationMemo = 8192

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
// named group (the selected ones, with a group filter). Profiles whose
// services cover their needs in the same way (the same covering services
// for each need) have the same covers: each such pattern is solved once.
// It is computed in two steps: solveProfiles, which reads only the index
// and the plan (so run calls it while the scan runs), and
// reportFragmentation.

// fragWork is what solveProfiles hands to reportFragmentation: the entries
// and the coverer with its buffers.
type fragWork struct {
	fc          *coverer
	entries     []fragEntry
	key         []byte
	m, pg, need bitset
}

// An entry keeps the Fragmentation of a profile whose pattern is
// remembered (shared by the profiles with that pattern); of the others,
// past the memo's capacity, only the sizes it is sorted by, when the
// list is capped: the few listed are solved again at the end, so memory
// stays bounded by the number of profiles, not by their covers.
type fragEntry struct {
	pr            prof
	f             *Fragmentation // nil: solve again when listed
	people        int
	orgs, sectors int
}

// solveProfiles solves the covers of every analysed profile. It reads only
// an.ix and an.p.
func (an *analysis) solveProfiles(ctx context.Context) (*fragWork, error) {
	ix, d, p := an.ix, an.ix.d, an.p
	fc := newCoverer(ix, p)
	type entry = fragEntry
	entries := make([]entry, 0, len(p.genders)*len(p.ages)*len(p.expls)*len(p.regions)*len(p.statuses))
	memo := map[string]*Fragmentation{}
	var key []byte
	m := newBitset(ix.n)
	pg, needs := newBitset(len(d.groups)), newBitset(len(d.needs))
	for _, g := range p.genders {
		for _, a := range p.ages {
			for _, e := range p.expls {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				for _, r := range p.regions {
					for _, s := range p.statuses {
						pr := prof{g: g, a: a, e: e, r: r, s: s}
						ix.gi.ofProfile(pg, pr)
						ns := p.needs
						if p.groups != nil {
							if ns = an.groupNeeds(pg, needs); ns == nil {
								continue
							}
						}
						ix.profileMask(m, pr)
						key = fc.pattern(key[:0], m, ns)
						f, ok := memo[string(key)]
						if !ok {
							fr := fc.profile(m, ns)
							f = &fr
							if len(memo) < p.fragmentationMemo {
								memo[string(key)] = f
							} else if p.limit >= 0 {
								f = nil
							}
							if f == nil {
								entries = append(entries, entry{pr: pr, people: ix.gi.people(pg), orgs: fr.Organisations.Size, sectors: fr.Sectors.Size})
								continue
							}
						}
						entries = append(entries, entry{pr: pr, f: f, people: ix.gi.people(pg), orgs: f.Organisations.Size, sectors: f.Sectors.Size})
					}
				}
			}
		}
	}
	return &fragWork{fc: fc, entries: entries, key: key, m: m, pg: pg, need: needs}, nil
}

// reportFragmentation lists the profiles' covers and solves the groups'.
func (an *analysis) reportFragmentation(ctx context.Context, w *fragWork) error {
	ix, d, p := an.ix, an.ix.d, an.p
	fc, entries, key, m, pg, needs := w.fc, w.entries, w.key, w.m, w.pg, w.need
	type entry = fragEntry
	// Most organisations first, then most sectors, then profile order (the
	// order of entries): a stable counting sort on the two small sizes.
	sortKey := func(e entry) int { return e.orgs*(len(graph.Sectors)+2) + e.sectors }
	entries = countingSortDesc(entries, sortKey)
	an.res.FragmentationTotal = len(entries)
	if an.p.kinds&(bitCellKinds|bitCriticality) == 0 {
		an.res.Profiles = len(entries)
	}
	for i, e := range entries {
		if !inLimit(i, p.limit) {
			break
		}
		if e.f == nil { // as in the loop above
			ix.gi.ofProfile(pg, e.pr)
			ns := p.needs
			if p.groups != nil {
				ns = an.groupNeeds(pg, needs)
			}
			ix.profileMask(m, e.pr)
			key = fc.pattern(key[:0], m, ns)
			fr := fc.profile(m, ns)
			e.f = &fr
		}
		f := e.f.clone()
		prof := d.profile(e.pr)
		f.Profile = &prof
		if e.people >= 0 {
			f.PeopleAffected = p.rule.Count(e.people)
		}
		an.nameCover(&f)
		an.res.Fragmentation = append(an.res.Fragmentation, f)
	}
	for k, grp := range d.groups {
		if p.groups != nil && !p.groups.has(k) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		f := fc.group(k)
		f.Group = grp.ID
		if grp.SizeEstimate > 0 {
			f.PeopleAffected = p.rule.Count(grp.SizeEstimate)
		}
		an.nameCover(&f)
		an.pv.name(grp.ID)
		an.res.GroupFragmentation = append(an.res.GroupFragmentation, f)
	}
	return nil
}

// countingSortDesc sorts es by key, largest first, keeping the order of
// equal keys. Keys are small non-negative integers.
func countingSortDesc[E any](es []E, key func(E) int) []E {
	top := 0
	for _, e := range es {
		top = max(top, key(e))
	}
	start := make([]int, top+2)
	for _, e := range es {
		start[top-key(e)+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	out := make([]E, len(es))
	for _, e := range es {
		k := top - key(e)
		out[start[k]] = e
		start[k]++
	}
	return out
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

// clone returns a copy of f that shares no slice with it.
func (f *Fragmentation) clone() Fragmentation {
	c := *f
	c.Needs = slices.Clone(f.Needs)
	c.Uncoverable = slices.Clone(f.Uncoverable)
	c.Unlinked = slices.Clone(f.Unlinked)
	for _, cv := range []*Cover{&c.Organisations, &c.Sectors} {
		cv.Members = slices.Clone(cv.Members)
		cv.Services = slices.Clone(cv.Services)
	}
	return c
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
