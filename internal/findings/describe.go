package findings

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// A finding's services, rights, transitions and sources are read off a
// sample of its cells: every status it spans, in its first and last
// region, with its first age band, gender, form of exploitation and stage (the sources and assumed
// facts of all its own nodes are added to the sample's). Its cells say the
// same thing, so the sample stands for them.

// describe fills in the details of findings fs: each is analysed on its own
// (its values as the query's filters), on every CPU, and the gaps of a
// sample of its cells are read.
func describe(ctx context.Context, ix *gap.Index, l *graph.Landscape, q gap.Query, fs []Finding, list *List) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), len(fs)))
	results := make([]*gap.Result, len(fs))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(fs); i += workers {
				res, err := ix.DescribeCells(ctx, fs[i].query(q))
				if err != nil {
					errs[w] = fmt.Errorf("findings: describe %s: %w", fs[i].ID, err)
					return
				}
				results[i] = res
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	srcs, recs := map[string]gap.SourceRef{}, map[string]gap.RecommendationRef{}
	for i := range fs {
		fs[i].detail(l, results[i])
		fs[i].studies(l)
		for _, s := range results[i].Sources {
			srcs[s.ID] = s
		}
		for _, r := range results[i].Recommendations {
			recs[r.ID] = r
		}
	}
	for _, s := range srcs {
		list.Sources = append(list.Sources, s)
	}
	for _, r := range recs {
		list.Recommendations = append(list.Recommendations, r)
	}
	slices.SortFunc(list.Sources, func(a, b gap.SourceRef) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(list.Recommendations, func(a, b gap.RecommendationRef) int { return strings.Compare(a.ID, b.ID) })
	return nil
}

// query is the query of the finding's sample of cells.
func (f *Finding) query(q gap.Query) gap.Query {
	m, v := f.m, f.vals
	out := gap.Query{Needs: []string{f.Need.ID}, Groups: q.Groups, Kinds: []gap.Kind{f.Kind},
		Limit: -1, MaxExcluded: q.MaxExcluded, Privacy: q.Privacy}
	// the first cell it holds gives the gender, age band, form of
	// exploitation, stage and region of the sample (the box's first values
	// may be cells another finding holds)
	r0 := f.own[0]
	g0, a0, e0 := m.Triple(members(r0.bits)[0])
	out.Genders = []graph.Gender{m.Genders[g0]}
	out.AgeBands = []graph.AgeBand{m.AgeBands[a0]}
	pick := func(ps []int, ids []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = ids[p]
		}
		return out
	}
	out.Statuses, out.Exploitation = pick(v[dimStatus], m.Statuses), []string{m.Exploitation[e0]}
	regions := []int{int(r0.r)}
	if last := v[dimRegion][len(v[dimRegion])-1]; last != int(r0.r) {
		regions = append(regions, last)
	}
	out.Regions, out.Stages = pick(regions, m.Regions), []string{m.Stages[r0.t]}
	return out
}

// miss gathers, over the sampled gaps, the rules of one service that
// exclude the finding's profiles: per dimension, the values.
type miss struct {
	id   string
	dims map[gap.Dimension][]string
}

// detail fills in the finding's services, rights, transitions, sources and
// assumed facts from res, the analysis of its own cells.
func (f *Finding) detail(l *graph.Landscape, res *gap.Result) {
	nm := names{l: l}
	covering := map[string]bool{}
	var misses []*miss
	missOf := map[string]*miss{}
	nearby := map[string]string{} // service -> the status under which it covers the need (losses)
	legal := map[string]bool{}
	trans := map[[2]string]Transition{}
	srcs, recs, assumed := map[string]bool{}, map[string]bool{}, map[string]bool{}
	fragile := map[gap.FragileReason]bool{}
	for _, g := range res.Gaps {
		for _, c := range g.Covering {
			covering[c.ID] = true
		}
		for _, r := range g.Fragile {
			fragile[r] = true
		}
		for _, e := range g.Excluded {
			ms, ok := missOf[e.Service]
			if !ok {
				ms = &miss{id: e.Service, dims: map[gap.Dimension][]string{}}
				missOf[e.Service] = ms
				misses = append(misses, ms)
			}
			for _, r := range e.Reasons {
				if !slices.Contains(ms.dims[r.Dimension], r.Value) {
					ms.dims[r.Dimension] = append(ms.dims[r.Dimension], r.Value)
				}
			}
		}
		if g.Entitlement != nil {
			f.Entitled = true
			if g.Entitlement.LegalBasis != "" {
				legal[g.Entitlement.LegalBasis] = true
			}
		}
		for _, loss := range g.LostFrom {
			trans[[2]string{loss.From, g.Profile.Status}] = Transition{From: nm.ref(loss.From), To: nm.ref(g.Profile.Status),
				Trigger: loss.Trigger, TypicalDays: loss.TypicalDays}
			for _, s := range loss.Covering {
				if _, ok := nearby[s]; !ok {
					nearby[s] = loss.From
				}
			}
		}
		for _, s := range g.Sources {
			srcs[s] = true
		}
		for _, r := range g.Recommendations {
			recs[r] = true
		}
		for _, a := range g.AssumedFacts {
			assumed[a] = true
		}
	}
	// The finding's own nodes: whether they are assumed, and (but for the
	// regions, whose sources are population figures) their sources, for
	// the values the sample did not reach.
	for _, id := range f.nodeIDs() {
		n, ok := l.Node(id)
		if !ok {
			continue
		}
		if n.Base().Assumed() {
			assumed[id] = true
		}
		if n.Type() == graph.TypeRegion {
			continue
		}
		for _, s := range l.Sources(id) {
			srcs[s.ID] = true
		}
	}

	for _, id := range sortedKeys(covering) {
		f.ServicesCovering = append(f.ServicesCovering, ServiceNote{ID: id, Name: nm.ref(id).Name,
			Why: fragileText(sortedReasons(fragile), "en"), WhyNB: fragileText(sortedReasons(fragile), "nb")})
	}
	f.Fragile = sortedReasons(fragile)
	f.ServicesNearby, f.ServicesExcluding = []ServiceNote{}, []ServiceNote{}
	lossWhy := func(id, lang string) string {
		from := label(nm.ref(nearby[id]), lang)
		return fill(lex(lang).w("covers_before"), func(key string) string {
			if key == "status" {
				return from
			}
			return "{" + key + "}"
		})
	}
	slices.SortFunc(misses, func(a, b *miss) int { return strings.Compare(a.id, b.id) })
	handled := map[string]bool{}
	for _, ms := range misses {
		note := ServiceNote{ID: ms.id, Name: nm.ref(ms.id).Name, Why: ms.why(nm, "en"), WhyNB: ms.why(nm, "nb")}
		if _, ok := nearby[ms.id]; ok {
			note.Why += "; " + lossWhy(ms.id, "en")
			note.WhyNB += "; " + lossWhy(ms.id, "nb")
			handled[ms.id] = true
		}
		if ms.eligibility() {
			f.ServicesExcluding = append(f.ServicesExcluding, note)
		} else {
			f.ServicesNearby = append(f.ServicesNearby, note)
		}
	}
	for _, id := range sortedKeysS(nearby) {
		if !handled[id] {
			f.ServicesNearby = append(f.ServicesNearby, ServiceNote{ID: id, Name: nm.ref(id).Name, Why: lossWhy(id, "en"), WhyNB: lossWhy(id, "nb")})
		}
	}
	slices.SortFunc(f.ServicesNearby, func(a, b ServiceNote) int { return strings.Compare(a.ID, b.ID) })
	f.LegalBasis = sortedKeys(legal)
	for _, k := range sortedTransKeys(trans) {
		f.Transitions = append(f.Transitions, trans[k])
	}
	f.Sources, f.Recommendations, f.AssumedFacts = sortedKeys(srcs), sortedKeys(recs), sortedKeys(assumed)
	if f.Sources == nil {
		f.Sources = []string{}
	}
	if f.Recommendations == nil {
		f.Recommendations = []string{}
	}
	f.Assumed = len(f.AssumedFacts) > 0
	if len(f.Transitions) > 0 {
		f.Title, f.TitleNB = title(f, "en"), title(f, "nb")
	}
}

// eligibility reports whether a rule on who the service accepts (gender,
// age band, status, exploitation) excludes the profiles; otherwise only
// where or when it works does, and the service is near.
func (ms *miss) eligibility() bool {
	for d := range ms.dims {
		if d != gap.DimRegion && d != gap.DimStage {
			return true
		}
	}
	return false
}

// why says in words which rules exclude the profiles.
func (ms *miss) why(nm names, lang string) string {
	lx := lex(lang)
	var parts []string
	for _, d := range []gap.Dimension{gap.DimStatus, gap.DimAgeBand, gap.DimGender, gap.DimExploitation, gap.DimRegion, gap.DimStage} {
		vs := ms.dims[d]
		if len(vs) == 0 {
			continue
		}
		var ws []string
		for _, v := range vs {
			switch d {
			case gap.DimAgeBand:
				ws = append(ws, lx.w("age."+string(graph.AgeBand(v))))
			case gap.DimGender:
				ws = append(ws, lx.w("gender."+string(graph.Gender(v))))
			default:
				ws = append(ws, label(nm.ref(v), lang))
			}
		}
		list := join(ws, lx.w("or"))
		switch d {
		case gap.DimStatus:
			parts = append(parts, lx.w("not_accepted")+lx.w("status_dim")+list)
		case gap.DimAgeBand:
			parts = append(parts, lx.w("not_accepted")+list)
		case gap.DimGender:
			parts = append(parts, lx.w("not_accepted")+list)
		case gap.DimExploitation:
			parts = append(parts, lx.w("not_served_exploitation")+strings.ToLower(list))
		case gap.DimRegion:
			parts = append(parts, lx.w("not_covered_region")+list)
		case gap.DimStage:
			parts = append(parts, lx.w("not_served_at")+strings.ToLower(list))
		}
	}
	return strings.Join(parts, "; ")
}

// nodeIDs returns the ids of the finding's need, stages, statuses, forms
// of exploitation and regions.
func (f *Finding) nodeIDs() []string {
	m, v := f.m, f.vals
	ids := []string{f.Need.ID}
	for _, t := range v[dimStage] {
		ids = append(ids, m.Stages[t])
	}
	for _, s := range v[dimStatus] {
		ids = append(ids, m.Statuses[s])
	}
	for _, e := range v[dimExpl] {
		ids = append(ids, m.Exploitation[e])
	}
	for _, r := range v[dimRegion] {
		ids = append(ids, m.Regions[r])
	}
	return ids
}

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedKeysS(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedReasons(m map[gap.FragileReason]bool) []gap.FragileReason {
	var out []gap.FragileReason
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func sortedTransKeys(m map[[2]string]Transition) [][2]string {
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
