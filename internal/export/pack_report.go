package export

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// manifest returns the pack's manifest, without its files yet.
func (b *packBuilder) manifest() *Manifest {
	return &Manifest{
		Gapmap:      cmp.Or(b.st.Gapmap, "dev"),
		Date:        b.st.Day(),
		DataVersion: b.l.Version(),
		DataChanged: changedValue(b.l.Changed()),
		Language:    b.lang,
		Query:       QueryValues(b.req.Query),
		Suppression: b.req.Query.Privacy.Normalize(),
		Dashboards:  b.names,
		Scenario:    b.req.ScenarioID,
		CSV:         b.req.CSV,
		Command:     packCommand(b.req, b.names, b.st),
	}
}

// report prints the report and puts it first in the pack: the title page
// (with what m records), the method, the diagrams, the gap list, and every
// recommendation and source cited, numbered, which the gap list cites by
// number.
func (b *packBuilder) report(ctx context.Context, m *Manifest) error {
	b.progress("report")
	lang, doc := b.lang, &b.doc
	recs := uniqueRefs(b.recs, func(r gap.RecommendationRef) string { return r.ID })
	srcs := uniqueRefs(b.srcs, func(s gap.SourceRef) string { return s.ID })
	numbers := map[string]int{} // ids are unique across the landscape
	for i, r := range recs {
		numbers[r.ID] = i + 1
	}
	for i, s := range srcs {
		numbers[s.ID] = i + 1
	}
	doc.Recs, doc.Sources = recTexts(recs), sourceTexts(srcs)
	doc.Gaps = b.pg.report(lang, func(id string) int { return numbers[id] })

	doc.Cover = &reportCover{
		Title:    xword(lang, "pack.title"),
		Subtitle: xword(lang, "pack.subtitle"),
		Facts: [][2]string{
			{xword(lang, "pack.version"), fmt.Sprint(m.DataVersion)},
			{xword(lang, "pack.changed"), cmp.Or(changedFact(b.l.Changed()), "–")},
			{xword(lang, "pack.date"), m.Date},
			{xword(lang, "pack.filters"), filtersValue(FilterText(b.l, b.req.Query, lang), lang)},
			{xword(lang, "pack.lang"), xword(lang, "pack.lang."+lang)},
			{xword(lang, "pack.gapmap"), "gapmap " + m.Gapmap},
			{xword(lang, "pack.regen"), m.Command},
		},
		Files: xword(lang, "pack.files"),
	}
	doc.Cover.Contents = append(doc.Cover.Contents, xword(lang, "pack.method"))
	for _, f := range doc.Figures {
		doc.Cover.Contents = append(doc.Cover.Contents, f.Title)
	}
	doc.Cover.Contents = append(doc.Cover.Contents, xword(lang, "pack.gaps"))
	if doc.Unknown = unknownSection(b.l, lang); doc.Unknown != nil {
		doc.Cover.Contents = append(doc.Cover.Contents, doc.Unknown.Title)
	}
	doc.Cover.Contents = append(doc.Cover.Contents, xword(lang, "pdf.recs")+", "+xword(lang, "pdf.sources"))
	doc.Method = &reportMethod{Intro: xword(lang, "method.intro"), Confidence: xword(lang, "method.confidence")}
	for _, k := range methodKeys {
		doc.Method.Measures = append(doc.Method.Measures, xword(lang, "method."+k))
	}

	html, err := renderReport(*doc)
	if err != nil {
		return err
	}
	pdf, err := b.r.PrintPDF(ctx, html, footerText(doc.Title, m.DataVersion, b.l.Changed(), b.st, lang), b.st.Time())
	if err != nil {
		return err
	}
	b.files = append([]packFile{{ManifestFile: ManifestFile{Path: "report.pdf", Kind: "report", Title: doc.Title}, data: pdf}}, b.files...)
	return nil
}

// filtersValue is the filters as the title page lists them.
func filtersValue(filters []string, lang string) string {
	if len(filters) == 0 {
		return xword(lang, "caption.nofilter")
	}
	return strings.Join(filters, "; ")
}

// recRef is recommendation r as a result cites it.
func recRef(l *graph.Landscape, r *graph.Recommendation) gap.RecommendationRef {
	ref := gap.RecommendationRef{ID: r.ID, Body: r.Body, Round: r.Round, Reference: r.Reference, Paragraph: r.Paragraph,
		Summary: r.Summary, Year: r.Year}
	for _, e := range l.Out(r.ID, graph.EdgeConcerns) {
		ref.Concerns = append(ref.Concerns, e.To)
	}
	return ref
}

// uniqueRefs keeps the first of each key, in order.
func uniqueRefs[T any](xs []T, key func(T) string) []T {
	seen := map[string]bool{}
	var out []T
	for _, x := range xs {
		if k := key(x); !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	return out
}

// changedFact is the time of the last change for the report's title page:
// ChangedText, or "" for the zero time.
func changedFact(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ChangedText(t)
}
