package gap

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
)

// dims holds the values of every dimension the engine works over, each with
// an ordinal: the five profile dimensions, needs, stages, organisations and
// groups. They depend only on the landscape's nodes, never on its services'
// rules, so a scenario's index shares the dims of its baseline.
//
// A dimension that the landscape does not model at all (no Exploitation, no
// Region or no Stage node) gets one unnamed value "" that every service
// matches, so that the other dimensions can still be analysed.
type dims struct {
	genders  []graph.Gender
	ages     []graph.AgeBand
	statuses []string
	expls    []string
	regions  []string // every region, by id
	needs    []string
	stages   []string // by Stage.Order, then id
	orgs     []string
	groups   []*graph.Group

	// within[r] holds r and every region inside it (PART_OF, transitively).
	within []bitset
	// profileRegions are the regions profiles are built for by default.
	profileRegions []int

	noRegions bool // the landscape has no Region node: every service covers ""

	// terminal holds the terminal statuses (no needs in the country);
	// needAges and needStages, per need, the age bands it applies to and
	// the stages it arises at (graph.Need.AgeBands, Stages).
	terminal   bitset
	needAges   []bitset
	needStages []bitset

	ordinal map[string]int // id of a status, exploitation, region, need, stage, organisation or group -> ordinal
}

func newDims(l *graph.Landscape) *dims {
	d := &dims{
		genders: graph.Genders,
		ages:    graph.AgeBands,
		ordinal: make(map[string]int),
	}
	d.statuses = d.ids(l, graph.TypeStatus)
	d.expls = d.ids(l, graph.TypeExploitation)
	if len(d.expls) == 0 {
		d.expls = []string{""}
	}
	d.needs = d.ids(l, graph.TypeNeed)
	stages := graph.All[*graph.Stage](l)
	slices.SortStableFunc(stages, func(a, b *graph.Stage) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), strings.Compare(a.ID, b.ID))
	})
	for i, s := range stages {
		d.stages = append(d.stages, s.ID)
		d.ordinal[s.ID] = i
	}
	if len(d.stages) == 0 {
		d.stages = []string{""}
	}
	d.orgs = d.ids(l, graph.TypeOrganisation)
	d.groups = graph.All[*graph.Group](l)
	for i, g := range d.groups {
		d.ordinal[g.ID] = i
	}
	d.regions = d.ids(l, graph.TypeRegion)
	if len(d.regions) == 0 {
		d.regions = []string{""}
		d.noRegions = true
	}
	d.buildRegions(l)
	d.terminal = newBitset(len(d.statuses))
	for i, st := range graph.All[*graph.Status](l) {
		if st.Terminal {
			d.terminal.set(i)
		}
	}
	for _, n := range graph.All[*graph.Need](l) {
		d.needAges = append(d.needAges, d.ageSet(n.AgeBands))
		stages := newBitset(len(d.stages))
		if len(n.Stages) == 0 {
			stages.fill(len(d.stages))
		}
		for _, id := range n.Stages {
			if t, ok := d.ordinal[id]; ok && t < len(d.stages) && d.stages[t] == id {
				stages.set(t)
			}
		}
		d.needStages = append(d.needStages, stages)
	}
	return d
}

// applies reports whether need n applies to a profile of status s and age
// band a at stage t: the status is not terminal, and the need names the age
// band and arises at the stage. A cell it does not apply to is no cell.
func (d *dims) applies(s, a, n, t int) bool {
	return !d.terminal.has(s) && d.needAges[n].has(a) && d.needStages[n].has(t)
}

// ids returns the ids of the nodes of type t, by id, and records their
// ordinals.
func (d *dims) ids(l *graph.Landscape, t graph.NodeType) []string {
	ns := l.Nodes(t)
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.Base().ID
		d.ordinal[ids[i]] = i
	}
	return ids
}

// buildRegions computes which regions lie within which, and the default
// profile regions: every region except a country that has a region inside
// it. A county profile then stands for the parts of the county a service
// must cover county-wide (or from above) to reach; a municipality profile
// for the municipality, reached also by services covering its county or
// country. A country with no region inside it (in a landscape that models
// only countries) is a profile region itself.
func (d *dims) buildRegions(l *graph.Landscape) {
	n := len(d.regions)
	d.within = make([]bitset, n)
	for i := range d.within {
		d.within[i] = newBitset(n)
	}
	hasInside := make([]bool, n)
	// twin is the region of the same area (Region.SameArea, either way
	// round), or -1.
	twin := make([]int, n)
	for i := range twin {
		twin[i] = -1
	}
	for i, id := range d.regions {
		if d.noRegions {
			continue
		}
		r, _ := graph.Lookup[*graph.Region](l, id)
		if j, ok := d.ordinal[r.SameArea]; ok && r.SameArea != "" && j < n && d.regions[j] == r.SameArea {
			twin[i], twin[j] = j, i
		}
	}
	for i, id := range d.regions {
		if d.noRegions {
			d.within[i].set(i)
			continue
		}
		ancs := l.Ancestors(id)
		if twin[i] >= 0 {
			ancs = append(ancs, l.Ancestors(d.regions[twin[i]])...)
		}
		for k, anc := range ancs {
			a := d.ordinal[anc.ID]
			d.within[a].set(i)
			if twin[a] >= 0 {
				d.within[twin[a]].set(i)
			}
			if k > 0 && a != twin[i] {
				hasInside[a] = true
			}
		}
	}
	for i, id := range d.regions {
		if !d.noRegions {
			r, _ := graph.Lookup[*graph.Region](l, id)
			if r.Level == graph.LevelCountry && hasInside[i] {
				continue
			}
			if j := twin[i]; j >= 0 && sameAreaBelow(l, r, d.regions[j]) {
				continue // its twin, the higher of the two, stands for the area
			}
		}
		d.profileRegions = append(d.profileRegions, i)
	}
}

// appliesAtAny reports whether need n applies to a profile of status s and
// age band a at one of stages at least.
func (d *dims) appliesAtAny(s, a, n int, stages []int) bool {
	if d.terminal.has(s) || !d.needAges[n].has(a) {
		return false
	}
	for _, t := range stages {
		if d.needStages[n].has(t) {
			return true
		}
	}
	return false
}

// sameAreaBelow reports whether region r gives way, as a profile region, to
// twinID, the region of the same area: twinID is at a higher level, or at
// the same level and first by id.
func sameAreaBelow(l *graph.Landscape, r *graph.Region, twinID string) bool {
	t, err := graph.Lookup[*graph.Region](l, twinID)
	if err != nil {
		return false
	}
	ri, ti := slices.Index(graph.RegionLevels, r.Level), slices.Index(graph.RegionLevels, t.Level)
	return ti < ri || ti == ri && twinID < r.ID
}

// genderOrdinal and ageOrdinal return the ordinal of a gender or an age band,
// or -1.
func (d *dims) genderOrdinal(g graph.Gender) int { return slices.Index(d.genders, g) }
func (d *dims) ageOrdinal(a graph.AgeBand) int   { return slices.Index(d.ages, a) }

// genderSet and ageSet turn a list into a set over the dimension; an empty
// list is every value ("no restriction").
func (d *dims) genderSet(gs []graph.Gender) bitset {
	b := newBitset(len(d.genders))
	if len(gs) == 0 {
		b.fill(len(d.genders))
	}
	for _, g := range gs {
		if i := d.genderOrdinal(g); i >= 0 {
			b.set(i)
		}
	}
	return b
}

func (d *dims) ageSet(as []graph.AgeBand) bitset {
	b := newBitset(len(d.ages))
	if len(as) == 0 {
		b.fill(len(d.ages))
	}
	for _, a := range as {
		if i := d.ageOrdinal(a); i >= 0 {
			b.set(i)
		}
	}
	return b
}
