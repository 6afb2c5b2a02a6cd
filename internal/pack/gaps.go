package pack

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// packGaps are the gaps of a pack's query: the result (its first gaps, for
// the gaps table) and the gaps summed by residency status and need, with
// what they cite.
type packGaps struct {
	res  *gap.Result
	rows []statusNeedGap
}

// statusNeedGap is the gaps of one residency status and one need, over the
// profiles and stages of the query.
type statusNeedGap struct {
	gap.StatusNeed
	Status, Need string // labels
	LegalBasis   string
	// Assumed are the facts behind the row that are assumed: the status,
	// the need, the entitlement, the transitions into the status.
	Assumed []string
	Recs    []*graph.Recommendation
	Sources []*graph.Source
}

// packKinds are the kinds of gap a cell can have.
var packKinds = []gap.Kind{gap.KindUncovered, gap.KindEntitledUnserved, gap.KindFragile, gap.KindLostInTransition}

// analysePackGaps analyses the cells of q and sums their gaps by status and
// need, the worst first: most cells entitled but unserved, then uncovered,
// then lost in transition, then fragile.
func analysePackGaps(ctx context.Context, l *graph.Landscape, q gap.Query, lang string) (*packGaps, error) {
	q.Kinds, q.Limit, q.Offset = packKinds, 0, 0
	res, err := gap.Analyse(ctx, l, q, gap.Scenario{})
	if err != nil {
		return nil, err
	}
	pg := &packGaps{res: res}
	for _, sn := range res.StatusNeeds {
		if sn.Uncovered+sn.EntitledUnserved+sn.Fragile+sn.LostInTransition == 0 {
			continue
		}
		row := statusNeedGap{StatusNeed: sn, Status: label(l, res.Names, sn.Status, lang), Need: label(l, res.Names, sn.Need, lang)}
		var srcs []*graph.Source
		for _, id := range []string{sn.Status, sn.Need} {
			if n, ok := l.Node(id); ok && n.Base().Assumed() {
				row.Assumed = append(row.Assumed, id)
			}
		}
		for _, e := range l.Out(sn.Status, graph.EdgeEntitles) {
			if e.To == sn.Need {
				row.LegalBasis = e.LegalBasis
				srcs = append(srcs, l.EdgeSources(e)...)
				if e.Confidence == graph.Assumed {
					row.Assumed = append(row.Assumed, e.Key().String())
				}
			}
		}
		if sn.LostInTransition > 0 {
			for _, e := range l.In(sn.Status, graph.EdgeTransitionsTo) {
				if e.Confidence == graph.Assumed {
					row.Assumed = append(row.Assumed, e.Key().String())
				}
			}
		}
		srcs = append(append(srcs, l.Sources(sn.Status)...), l.Sources(sn.Need)...)
		row.Sources = uniqueByID(srcs)
		var recs []*graph.Recommendation
		for _, id := range []string{sn.Need, sn.Status} {
			for _, e := range l.In(id, graph.EdgeConcerns) {
				if n, ok := l.Node(e.From); ok {
					if r, ok := n.(*graph.Recommendation); ok {
						recs = append(recs, r)
					}
				}
			}
		}
		row.Recs = uniqueByID(recs)
		pg.rows = append(pg.rows, row)
	}
	slices.SortStableFunc(pg.rows, func(a, b statusNeedGap) int {
		return cmp.Or(
			cmp.Compare(b.EntitledUnserved, a.EntitledUnserved),
			cmp.Compare(b.Uncovered, a.Uncovered),
			cmp.Compare(b.LostInTransition, a.LostInTransition),
			cmp.Compare(b.Fragile, a.Fragile),
			strings.Compare(a.Status, b.Status),
			strings.Compare(a.Need, b.Need),
		)
	})
	return pg, nil
}

// label is node id's label in lang, else its name in names, else id.
func label(l *graph.Landscape, names map[string]string, id, lang string) string {
	if n, ok := l.Node(id); ok {
		return n.Base().Label(lang)
	}
	return cmp.Or(names[id], id)
}

// uniqueByID keeps the first of each id, in order.
func uniqueByID[N graph.Node](ns []N) []N {
	seen := map[string]bool{}
	var out []N
	for _, n := range ns {
		if id := n.Base().ID; !seen[id] {
			seen[id] = true
			out = append(out, n)
		}
	}
	return out
}

// gapColumns are the columns of the gap list, before its recommendations
// and sources.
var gapColumns = []string{"status", "need", "cells", "uncovered", "entitled_unserved", "fragile", "lost_in_transition", "legal_basis", "assumed"}

// cells returns the row's cells under gapColumns.
func (g statusNeedGap) cells() []string {
	return []string{g.Status, g.Need, itoa(g.Cells), itoa(g.Uncovered), itoa(g.EntitledUnserved), itoa(g.Fragile),
		itoa(g.LostInTransition), g.LegalBasis, assumedText(g.Assumed)}
}

// assumedText is a row's assumed facts as a cell: "-" for none.
func assumedText(ids []string) string {
	if len(ids) == 0 {
		return "-"
	}
	return strings.Join(ids, ", ")
}

func itoa(n int) string { return fmt.Sprint(n) }

// recShort names a recommendation briefly: "GRETA 3, GRETA(2022)07 §123".
func recShort(r *graph.Recommendation) string {
	s := string(r.Body)
	if r.Round != "" {
		s += " " + r.Round
	}
	if r.Reference != "" {
		s += ", " + r.Reference
	}
	if r.Paragraph != "" {
		s += " §" + r.Paragraph
	}
	if r.Round == "" && r.Reference == "" && r.Paragraph == "" && r.Year != 0 {
		s += fmt.Sprintf(" (%d)", r.Year)
	}
	return s
}

// sourceShort names a source briefly: "NKVTS (2025)", else its title.
func sourceShort(s *graph.Source) string {
	name := cmp.Or(s.Authors, s.Title, s.Name, s.ID)
	if s.Year != 0 {
		return fmt.Sprintf("%s (%d)", name, s.Year)
	}
	return name
}

// table returns the gap list as a spreadsheet table, each recommendation
// and source named briefly with its id in gapmap (its page is /nodes/ID).
func (pg *packGaps) table(lang, caption string, footnote []string) *tablefile.Table {
	t := &tablefile.Table{Title: xword(lang, "pack.gaps"), Caption: xword(lang, "pack.gaps.note") + " " + caption,
		Footnote: strings.Join(footnote, "\n")}
	for _, c := range append(slices.Clone(gapColumns), "recommendations", "sources") {
		t.Columns = append(t.Columns, xword(lang, "col."+c))
	}
	for _, g := range pg.rows {
		var recs, srcs []string
		for _, r := range g.Recs {
			recs = append(recs, recShort(r)+" ("+r.ID+")")
		}
		for _, s := range g.Sources {
			srcs = append(srcs, sourceShort(s)+" ("+s.ID+")")
		}
		t.Rows = append(t.Rows, append(g.cells(), strings.Join(recs, "; "), strings.Join(srcs, "; ")))
	}
	return t
}
