package findings

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// kindInfo places a cell kind: which kind claims a cell that has several
// (claim, lowest first), and how severe a finding of it is (severity,
// lowest first). A kind the table does not know claims after the known
// ones and ranks below them, so that a new cell kind of the engine makes
// findings of its own without a change here.
type kindInfo struct {
	claim, severity int
	// note: the kind is a milder note, not a gap; its cells make notes,
	// listed apart from the findings.
	note bool
}

// A cell entitled but served only in part is also fragile, so that kind
// claims first; a single provider is a milder note than fragility and
// ranks last.
var kinds = map[gap.Kind]kindInfo{
	gap.KindEntitledUnserved: {claim: 1, severity: 1},
	gap.KindUncovered:        {claim: 3, severity: 2},
	gap.KindLostInTransition: {claim: 2, severity: 3},
	gap.KindEntitledPartial:  {claim: 4, severity: 4},
	gap.KindFragile:          {claim: 5, severity: 5},
	gap.KindSingleProvider:   {claim: 6, severity: 6, note: true},
}

func infoOf(k gap.Kind) kindInfo {
	if i, ok := kinds[k]; ok {
		return i
	}
	return kindInfo{claim: 100, severity: 100}
}

// claimOrder returns the positions of m's kinds in claim order.
func claimOrder(m *gap.CellMap) []int {
	order := make([]int, len(m.Kinds))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(infoOf(m.Kinds[a]).claim, infoOf(m.Kinds[b]).claim)
	})
	return order
}

// splitClaim splits a claim order into the gap kinds' and the notes'.
func splitClaim(m *gap.CellMap, claim []int) (gaps, notes []int) {
	for _, k := range claim {
		if infoOf(m.Kinds[k]).note {
			notes = append(notes, k)
		} else {
			gaps = append(gaps, k)
		}
	}
	return gaps, notes
}

// severities numbers the kinds of m 1, 2, ... by severity.
func severities(m *gap.CellMap) map[gap.Kind]int {
	ks := slices.Clone(m.Kinds)
	slices.SortStableFunc(ks, func(a, b gap.Kind) int { return cmp.Compare(infoOf(a).severity, infoOf(b).severity) })
	out := map[gap.Kind]int{}
	for i, k := range ks {
		out[k] = i + 1
	}
	return out
}

// build merges m's cells into findings and ranks them. Only their
// structure, people and size are computed here; page fills in the words
// of those listed (describe the rest).
//
// A dimension the finding spans in full is "any" only when the query kept
// every value of it: with a filter, the values are named.
//
// claim is the kinds (positions in m.Kinds) whose cells the findings
// state, in claim order: the gap kinds, or the note kinds; none gives none.
func build(ctx context.Context, l *graph.Landscape, m *gap.CellMap, rule privacy.Rule, claim []int) ([]Finding, error) {
	if len(claim) == 0 {
		return nil, nil
	}
	sev := severities(m)
	nm := names{l: l}
	full := fullSizes(l)
	groups := groupSets(m)
	perNeed := make([][]Finding, len(m.Needs))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(m.Needs)))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			sc := &scratch{}
			for n := w; n < len(m.Needs); n += workers {
				if ctx.Err() != nil {
					errs[w] = ctx.Err()
					return
				}
				mg, err := newMerger(m, claim, sc)
				if err != nil {
					errs[w] = err
					return
				}
				bs := mg.overlap(n, mg.boxes(n))
				fs := make([]Finding, len(bs))
				need := nm.ref(m.Needs[n])
				for i, o := range bs {
					b := o.b
					f := &fs[i]
					f.m, f.nm, f.full = m, nm, full
					f.Kind = m.Kinds[claim[b.kind]]
					f.Severity = sev[f.Kind]
					f.Cells = o.cells
					f.own = o.rows
					for d := range nDims {
						f.vals[d] = members(mg.intern[d].sets[b.set[d]])
					}
					f.Need = need
					f.People, f.Groups = reach(m, groups, n, o.rows, rule)
					f.Regions.Count = len(f.vals[dimRegion])
				}
				perNeed[n] = fs
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	var all []*Finding
	for _, part := range perNeed {
		for i := range part {
			all = append(all, &part[i])
		}
	}
	people := func(f *Finding) int {
		if v, ok := f.People.Value(); ok {
			return v
		}
		return -1
	}
	slices.SortFunc(all, func(a, b *Finding) int {
		return cmp.Or(
			cmp.Compare(a.Severity, b.Severity),
			-cmp.Compare(people(a), people(b)),
			-cmp.Compare(a.Regions.Count, b.Regions.Count),
			-cmp.Compare(a.Cells, b.Cells),
			compareVals(a, b),
		)
	})
	fs := make([]Finding, len(all))
	for i, f := range all {
		fs[i] = *f
	}
	apart(fs)
	for i := range fs {
		fs[i].ID = idOf(&fs[i])
	}
	for i := range fs {
		for _, k := range fs[i].apart {
			fs[i].ApartFrom = append(fs[i].ApartFrom, fs[k].ID)
		}
	}
	return fs, nil
}

// apart notes, for each finding, the findings ranked anywhere in fs that
// hold cells of its box: its box reaches over them, and it states its box
// apart from their people.
func apart(fs []Finding) {
	byNeed := map[string][]int{}
	for i := range fs {
		byNeed[fs[i].Need.ID] = append(byNeed[fs[i].Need.ID], i)
	}
	for _, is := range byNeed {
		for _, i := range is {
			f := &fs[i]
			box := 1
			for d := range nDims {
				box *= len(f.vals[d])
			}
			if f.Cells == box {
				continue // it holds its whole box: no other finding holds a cell of it
			}
			var in [nDims][]bool
			for d := range nDims {
				in[d] = make([]bool, []int{len(f.m.Stages), len(f.m.Statuses), len(f.m.Genders), len(f.m.AgeBands),
					len(f.m.Exploitation), len(f.m.Regions)}[d])
				for _, v := range f.vals[d] {
					in[d][v] = true
				}
			}
			tri := make([]uint64, f.m.Words())
			for _, g := range f.vals[dimGender] {
				for _, a := range f.vals[dimAge] {
					for _, e := range f.vals[dimExpl] {
						b := f.m.TripleBit(g, a, e)
						tri[b/64] |= 1 << (b % 64)
					}
				}
			}
			for _, k := range is {
				if k == i {
					continue
				}
				if slices.ContainsFunc(fs[k].own, func(r ownRow) bool {
					if !in[dimStage][r.t] || !in[dimStatus][r.s] || !in[dimRegion][r.r] {
						return false
					}
					for j, x := range r.bits {
						if x&tri[j] != 0 {
							return true
						}
					}
					return false
				}) {
					f.apart = append(f.apart, k)
				}
			}
		}
	}
}

// compareVals orders findings of equal rank by their structure, so that
// the order is the same in every run.
func compareVals(a, b *Finding) int {
	if c := strings.Compare(a.Need.ID, b.Need.ID); c != 0 {
		return c
	}
	for d := range nDims {
		if c := slices.Compare(a.vals[d], b.vals[d]); c != 0 {
			return c
		}
	}
	return 0
}

// putWords fills in what the listed findings say in words: their id, stages,
// profile, regions and titles.
func putWords(l *graph.Landscape, m *gap.CellMap, fs []Finding, filteredRegions bool) {
	rd := newRegionDescriber(l, m, filteredRegions)
	for i := range fs {
		f := &fs[i]
		for _, t := range f.vals[dimStage] {
			f.Stages = append(f.Stages, f.nm.ref(m.Stages[t]))
		}
		f.Profile = profileOf(m, f.vals, f.nm, f.full)
		f.Regions = rd.describe(f.vals[dimRegion])
		f.ID = idOf(f)
		f.Title, f.TitleNB = title(f, "en"), title(f, "nb")
	}
}

// groupSet is a named group as bit sets over a CellMap's positions.
type groupSet struct {
	id   string
	size int
	need []bool
	dims [nDims][]uint64 // every dimension but the stage (a group spans every stage)
	tri  []uint64        // the triples (gender, age band, exploitation) it spans
}

func groupSets(m *gap.CellMap) []groupSet {
	bs := func(in []bool) []uint64 {
		b := make([]uint64, words(len(in)))
		for i, ok := range in {
			if ok {
				b[i/64] |= 1 << (i % 64)
			}
		}
		return b
	}
	out := make([]groupSet, len(m.Groups))
	for i, g := range m.Groups {
		out[i] = groupSet{id: g.ID, size: g.Size, need: g.Need}
		out[i].dims[dimStatus], out[i].dims[dimGender] = bs(g.Statuses), bs(g.Genders)
		out[i].dims[dimAge], out[i].dims[dimExpl] = bs(g.AgeBands), bs(g.Exploitation)
		out[i].dims[dimRegion] = bs(g.Regions)
		out[i].tri = make([]uint64, m.Words())
		for gi, okG := range g.Genders {
			for a, okA := range g.AgeBands {
				for e, okE := range g.Exploitation {
					if okG && okA && okE {
						b := m.TripleBit(gi, a, e)
						out[i].tri[b/64] |= 1 << (b % 64)
					}
				}
			}
		}
	}
	return out
}

// reach returns the people of the named groups that span one of the cells
// rows hold (of need) and need the need, as rule publishes a total
// (privacy.Rule.Sum), and the groups.
func reach(m *gap.CellMap, gs []groupSet, need int, rows []ownRow, rule privacy.Rule) (privacy.Count, []string) {
	var sizes []int
	var ids []string
	has := func(b []uint64, i int32) bool { return b[i/64]&(1<<(i%64)) != 0 }
	// the statuses, regions and triples of the rows, to pass over at once
	// the groups that share none of them
	sts := make([]uint64, words(len(m.Statuses)))
	rgs := make([]uint64, words(len(m.Regions)))
	tri := make([]uint64, m.Words())
	for _, r := range rows {
		sts[r.s/64] |= 1 << (r.s % 64)
		rgs[r.r/64] |= 1 << (r.r % 64)
		for j, x := range r.bits {
			tri[j] |= x
		}
	}
	meet := func(a, b []uint64) bool {
		for j, x := range a {
			if x&b[j] != 0 {
				return true
			}
		}
		return false
	}
	for _, g := range gs {
		if !g.need[need] || !meet(sts, g.dims[dimStatus]) || !meet(rgs, g.dims[dimRegion]) || !meet(tri, g.tri) {
			continue
		}
		meets := slices.ContainsFunc(rows, func(r ownRow) bool {
			if !has(g.dims[dimStatus], r.s) || !has(g.dims[dimRegion], r.r) {
				return false
			}
			return meet(r.bits, g.tri)
		})
		if !meets {
			continue
		}
		ids = append(ids, g.id)
		sizes = append(sizes, g.size)
	}
	return rule.Sum(sizes...), ids
}

// fullSizes returns how many values each dimension has in the landscape;
// for statuses, those that are not terminal (a terminal status, the person
// having left the country, has no cells).
func fullSizes(l *graph.Landscape) [nDims]int {
	n := func(t graph.NodeType) int { return max(1, len(l.Nodes(t))) }
	statuses := 0
	for _, s := range graph.All[*graph.Status](l) {
		if !s.Terminal {
			statuses++
		}
	}
	return [nDims]int{dimStage: n(graph.TypeStage), dimStatus: max(1, statuses), dimGender: len(graph.Genders),
		dimAge: len(graph.AgeBands), dimExpl: n(graph.TypeExploitation), dimRegion: n(graph.TypeRegion)}
}

// profileOf describes the profiles of a finding: a dimension of which it
// spans every value of the landscape is "any".
func profileOf(m *gap.CellMap, v [nDims][]int, nm names, full [nDims]int) Profile {
	var p Profile
	if len(v[dimGender]) == full[dimGender] {
		p.Any = append(p.Any, "gender")
	} else {
		for _, g := range v[dimGender] {
			p.Genders = append(p.Genders, m.Genders[g])
		}
	}
	if len(v[dimAge]) == full[dimAge] {
		p.Any = append(p.Any, "age_band")
	} else {
		for _, a := range v[dimAge] {
			p.AgeBands = append(p.AgeBands, m.AgeBands[a])
		}
	}
	if len(v[dimStatus]) == full[dimStatus] {
		p.Any = append(p.Any, "status")
	} else {
		for _, s := range v[dimStatus] {
			p.Statuses = append(p.Statuses, nm.ref(m.Statuses[s]))
		}
	}
	if len(v[dimExpl]) == full[dimExpl] {
		p.Any = append(p.Any, "exploitation")
	} else {
		for _, e := range v[dimExpl] {
			p.Exploitation = append(p.Exploitation, nm.ref(m.Exploitation[e]))
		}
	}
	return p
}

// idOf derives a finding's id from its structure: its kind, need, and the
// ids of the values of every dimension.
func idOf(f *Finding) string {
	m := f.m
	h := sha256.New()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(string(f.Kind))
	w(f.Need.ID)
	lists := [nDims][]string{m.Stages, m.Statuses, genders(m), ages(m), m.Exploitation, m.Regions}
	for d := range nDims {
		ids := make([]string, len(f.vals[d]))
		for i, v := range f.vals[d] {
			ids[i] = lists[d][v]
		}
		slices.Sort(ids)
		w(strings.Join(ids, ","))
	}
	return "f-" + hex.EncodeToString(h.Sum(nil))[:12]
}

func genders(m *gap.CellMap) []string {
	out := make([]string, len(m.Genders))
	for i, g := range m.Genders {
		out[i] = string(g)
	}
	return out
}

func ages(m *gap.CellMap) []string {
	out := make([]string, len(m.AgeBands))
	for i, a := range m.AgeBands {
		out[i] = string(a)
	}
	return out
}

// names looks up the display names of nodes.
type names struct{ l *graph.Landscape }

func (nm names) ref(id string) Ref {
	r := Ref{ID: id, Name: id}
	if n, ok := nm.l.Node(id); ok {
		b := n.Base()
		r.Name, r.NameNB = b.Name, b.NameNB
	}
	return r
}

// label returns a ref's name in lang.
func label(r Ref, lang string) string {
	if lang == "nb" && r.NameNB != "" {
		return r.NameNB
	}
	return r.Name
}
