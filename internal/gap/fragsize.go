package gap

import (
	"context"
	"encoding/binary"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gapmap/gapmap/graph"
)

// The fragmentation of every analysed profile is needed only as the two
// sizes the list is sorted by (fewest organisations, fewest sectors); the
// covers themselves only for the profiles listed. fragmentationSizes
// computes the sizes region by region: within a region a profile's covers
// depend only on which of the region's services accept it, and the
// profiles that the same services accept (most of them, as services
// seldom restrict every dimension) form one class, solved once.

// fragKey is the sort key of a profile's fragmentation: most organisations
// first, then most sectors.
func fragKey(orgs, sectors int) int32 {
	return int32(orgs*(len(graph.Sectors)+2) + sectors)
}

// fragmentationSizes returns the sort key (fragKey) of every analysed
// profile, in result order (gender, age band, exploitation, region,
// status), -1 for a profile that no selected group spans.
func (an *analysis) fragmentationSizes(ctx context.Context) ([]int32, error) {
	p := an.p
	cb, sd := an.side()
	keys := make([]int32, cb.n*len(p.regions)*len(p.statuses))
	if len(p.needs) > 64 {
		return keys, an.fragmentationSizesSlow(ctx, cb, keys)
	}
	var groupMask [][]uint64
	var groupNeeds []uint64
	if p.groups != nil {
		groupMask, groupNeeds = an.selectedGroupMasks(cb)
	}
	workers := min(runtime.GOMAXPROCS(0), len(p.regions))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for k := range workers {
		wg.Go(func() {
			fw := newFragWorker(an, sd, cb, keys, groupMask, groupNeeds)
			for {
				rpos := int(next.Add(1) - 1)
				if rpos >= len(p.regions) {
					return
				}
				if rpos%16 == 0 {
					if err := ctx.Err(); err != nil {
						errs[k] = err
						return
					}
				}
				fw.region(rpos)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return keys, nil
}

// selectedGroupMasks returns, per selected group, the (evaluated status,
// triple) profiles it spans, one chunk per status of plan.statuses (nil for
// a group not selected), and the plan's need positions it names.
func (an *analysis) selectedGroupMasks(cb *combos) ([][]uint64, []uint64) {
	p, gi, d := an.p, an.ix.gi, an.ix.d
	masks, needs := make([][]uint64, len(d.groups)), make([]uint64, len(d.groups))
	for k := range d.groups {
		if !p.groups.has(k) {
			continue
		}
		tri := cb.product(
			func(g int) bool { return gi.byGender[p.genders[g]].has(k) },
			func(a int) bool { return gi.byAge[p.ages[a]].has(k) },
			func(e int) bool { return gi.byExpl[p.expls[e]].has(k) },
		)
		m := make([]uint64, len(p.statuses)*cb.w)
		for si, s := range p.statuses {
			if gi.byStatus[s].has(k) {
				copy(m[si*cb.w:], tri)
			}
		}
		masks[k] = m
		for ni, n := range p.needs {
			if gi.byNeed[n].has(k) {
				needs[k] |= 1 << ni
			}
		}
	}
	return masks, needs
}

// fragWorker computes the fragmentation sizes of regions.
type fragWorker struct {
	an         *analysis
	sd         *side
	cb         *combos
	keys       []int32
	groupMask  [][]uint64
	groupNeeds []uint64

	evalIdx []int // scan position -> position in plan.statuses, or -1
	list    []int32
	orgRun  []int32  // per position in list: its organisation's run
	vec     []uint64 // per profile (status position, triple): the services accepting it, vw words
	ns      []uint64 // per profile: the needs to cover
	appl    []uint64 // per (status position, age band position): the needs that apply
	classes map[string]int32
	classOf []int32 // class -> key
	key     []byte
	orgs    []uint64
	sectors []uint64
	small   smallSolver
}

func newFragWorker(an *analysis, sd *side, cb *combos, keys []int32, groupMask [][]uint64, groupNeeds []uint64) *fragWorker {
	fw := &fragWorker{an: an, sd: sd, cb: cb, keys: keys, groupMask: groupMask, groupNeeds: groupNeeds, classes: map[string]int32{}}
	fw.evalIdx = make([]int, len(an.p.scan))
	for i := range fw.evalIdx {
		fw.evalIdx[i] = -1
	}
	for si, s := range an.p.statuses {
		fw.evalIdx[an.scanPos[s]] = si
	}
	fw.ns = make([]uint64, len(an.p.statuses)*cb.n)
	p := an.p
	fw.appl = make([]uint64, len(p.statuses)*len(p.ages))
	for si, s := range p.statuses {
		for apos, a := range p.ages {
			for ni, n := range p.needs {
				if an.needApplies(s, a, n) {
					fw.appl[si*len(p.ages)+apos] |= 1 << ni
				}
			}
		}
	}
	fw.sectors = make([]uint64, len(graph.Sectors)+1)
	return fw
}

// region computes the sizes of the profiles of the region at plan position
// rpos.
func (fw *fragWorker) region(rpos int) {
	an, sd, cb := fw.an, fw.sd, fw.cb
	p := an.p
	r := p.regions[rpos]
	fw.list = sd.regionServices(fw.list, r)
	vw := max(1, words(len(fw.list)))
	profiles := len(p.statuses) * cb.n
	if cap(fw.vec) < profiles*vw {
		fw.vec = make([]uint64, profiles*vw)
	}
	vec := fw.vec[:profiles*vw]
	clear(vec)
	fw.orgRun = fw.orgRun[:0]
	run, org := int32(-1), -1
	for j, i := range fw.list {
		if o := sd.ix.orgOf[i]; o != org {
			run, org = run+1, o
		}
		fw.orgRun = append(fw.orgRun, run)
		bit := uint64(1) << (j & 63)
		for _, st := range sd.statuses[i] {
			si := fw.evalIdx[st.pos]
			if si < 0 {
				continue
			}
			base := sd.base[i]
			for k, x := range base {
				for ; x != 0; x &= x - 1 {
					t := k<<6 + trailing(x)
					vec[(si*cb.n+t)*vw+j>>6] |= bit
				}
			}
		}
	}
	all := uint64(1)<<len(p.needs) - 1
	if len(p.needs) == 64 {
		all = ^uint64(0)
	}
	for i := range fw.ns {
		fw.ns[i] = all
	}
	if fw.groupMask != nil {
		clear(fw.ns)
		gi := an.ix.gi
		for k, m := range fw.groupMask {
			if m == nil || !gi.byRegion[r].has(k) {
				continue
			}
			for si := range p.statuses {
				for q, x := range m[si*cb.w : (si+1)*cb.w] {
					for ; x != 0; x &= x - 1 {
						fw.ns[si*cb.n+q<<6+trailing(x)] |= fw.groupNeeds[k]
					}
				}
			}
		}
	}
	clear(fw.classes)
	fw.classOf = fw.classOf[:0]
	regions, statuses := len(p.regions), len(p.statuses)
	for si := range statuses {
		for t := range cb.n {
			pi := si*cb.n + t
			at := (t*regions+rpos)*statuses + si
			_, apos, _ := cb.split(t)
			ns := fw.ns[pi] & fw.appl[si*len(p.ages)+apos]
			if ns == 0 {
				fw.keys[at] = -1
				continue
			}
			v := vec[pi*vw : (pi+1)*vw]
			fw.key = fw.key[:0]
			for _, x := range v {
				fw.key = binary.LittleEndian.AppendUint64(fw.key, x)
			}
			fw.key = binary.LittleEndian.AppendUint64(fw.key, ns)
			c, ok := fw.classes[string(fw.key)]
			if !ok {
				c = int32(len(fw.classOf))
				fw.classes[string(fw.key)] = c
				fw.classOf = append(fw.classOf, fw.solve(v, ns))
			}
			fw.keys[at] = fw.classOf[c]
		}
	}
}

// solve returns the key of the covers of a profile that the services at
// positions v of the list accept, for needs ns.
func (fw *fragWorker) solve(v []uint64, ns uint64) int32 {
	sd := fw.sd
	fw.orgs = fw.orgs[:0]
	clear(fw.sectors)
	last := int32(-1)
	for k, x := range v {
		for ; x != 0; x &= x - 1 {
			j := k<<6 + trailing(x)
			i := fw.list[j]
			m := sd.needBits[i] & ns
			if m == 0 {
				continue
			}
			if run := fw.orgRun[j]; run != last {
				fw.orgs = append(fw.orgs, 0)
				last = run
			}
			fw.orgs[len(fw.orgs)-1] |= m
			fw.sectors[sd.ix.sectorOf[i]] |= m
		}
	}
	orgs := fw.small.size(fw.orgs, MaxCoverNodes)
	sectors := fw.small.size(fw.sectors, MaxCoverNodes)
	return fragKey(orgs, sectors)
}

// fragmentationSizesSlow is fragmentationSizes for plans of more than 64
// needs: every profile solved with the general coverer.
func (an *analysis) fragmentationSizesSlow(ctx context.Context, cb *combos, keys []int32) error {
	ix, d, p := an.ix, an.ix.d, an.p
	fc := newCoverer(ix, p)
	m := newBitset(ix.n)
	pg, scratch := newBitset(len(d.groups)), newBitset(len(d.needs))
	var key []byte
	regions, statuses := len(p.regions), len(p.statuses)
	for t := range cb.n {
		if err := ctx.Err(); err != nil {
			return err
		}
		g, a, e := cb.split(t)
		for rpos, r := range p.regions {
			for si, s := range p.statuses {
				pr := prof{g: p.genders[g], a: p.ages[a], e: p.expls[e], r: r, s: s}
				at := (t*regions+rpos)*statuses + si
				ix.gi.ofProfile(pg, pr)
				ns := p.needs
				if p.groups != nil {
					ns = an.groupNeeds(pg, scratch)
				}
				if ns = an.applicable(pr, ns); len(ns) == 0 {
					keys[at] = -1
					continue
				}
				ix.profileMask(m, pr)
				key = fc.pattern(key[:0], m, ns)
				f := fc.profile(m, ns)
				keys[at] = fragKey(f.Organisations.Size, f.Sectors.Size)
			}
		}
	}
	return nil
}
