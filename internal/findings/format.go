package findings

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gapmap/gapmap/internal/gap"
)

// fw returns the formats' word for key in lang (the locale's
// findings_format domain), or key itself.
func fw(lang, key string) string { return messages().Domain("findings_format").Text(lang, key) }

// fwf formats the formats' message key in lang with args, with lang's
// number formats and plural choices.
func fwf(lang, key string, args ...any) string {
	return messages().Domain("findings_format").Sprintf(lang, key, args...)
}

// KindLabel names a kind of finding in lang.
func KindLabel(k gap.Kind, lang string) string { return fw(lang, string(k)) }

func yesNo(b bool, lang string) string {
	if b {
		return fw(lang, "yes")
	}
	return fw(lang, "no")
}

// WriteTable writes the list for a terminal: a header, then one row per
// finding with its rank, kind, people, whether it rests on assumed facts,
// and its title in lang.
func WriteTable(w io.Writer, list *List, offset int, lang string) error {
	fmt.Fprintln(w, fwf(lang, "header", list.Version, list.Total, list.GapCells))
	if len(list.Findings) < list.Total {
		fmt.Fprintln(w, fwf(lang, "page", offset+1, offset+len(list.Findings), list.Total))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", fw(lang, "rank"), fw(lang, "kind"), fw(lang, "people"), fw(lang, "assumed"), fw(lang, "studies.col"), fw(lang, "finding"))
	for i, f := range list.Findings {
		text := f.Text(lang)
		if kg := f.KnowledgeGapText(lang); kg != "" {
			text += " " + kg
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", offset+i+1, KindLabel(f.Kind, lang), dash(f.People.String()), yesNo(f.Assumed, lang),
			dash(shortIDs(f.StudyIDs(), 3)), text)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if list.NotesTotal == 0 {
		return nil
	}
	fmt.Fprint(w, "\n"+fwf(lang, "notes.header", list.NotesTotal, list.NoteCells)+"\n\n")
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", fw(lang, "rank"), fw(lang, "kind"), fw(lang, "people"), fw(lang, "assumed"), fw(lang, "finding"))
	for i, f := range list.Notes {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", offset+i+1, KindLabel(f.Kind, lang), dash(f.People.String()), yesNo(f.Assumed, lang), f.Text(lang))
	}
	return tw.Flush()
}

// shortIDs joins the first n ids and says how many more there are.
func shortIDs(ids []string, n int) string {
	if len(ids) <= n {
		return strings.Join(ids, ",")
	}
	return strings.Join(ids[:n], ",") + fmt.Sprintf(",+%d", len(ids)-n)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// CSVHeader is the header row of WriteCSV.
var CSVHeader = []string{"rank", "id", "kind", "severity", "title", "need", "stages", "genders", "age_bands", "statuses",
	"exploitation", "regions_mode", "regions", "regions_reached", "people", "entitled", "legal_basis", "transitions",
	"services_covering", "services_nearby", "services_excluding", "assumed", "assumed_facts", "sources", "recommendations",
	"studies", "studies_norway", "knowledge_gap", "cells", "data_version", "list"}

// WriteCSV writes the list as CSV, one row per finding, then one per note
// (column list says which: "finding" or "note"; the notes are ranked on
// their own), the title in lang; lists within a cell are separated by
// "; ", and an empty profile list reads "*" (every value).
func WriteCSV(w io.Writer, list *List, offset int, lang string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	refs := func(rs []Ref) string {
		if len(rs) == 0 {
			return "*"
		}
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
		}
		return strings.Join(ids, "; ")
	}
	notes := func(ns []ServiceNote) string {
		var out []string
		for _, n := range ns {
			why := n.Why
			if lang == "nb" && n.WhyNB != "" {
				why = n.WhyNB
			}
			out = append(out, n.ID+" ("+why+")")
		}
		return strings.Join(out, "; ")
	}
	write := func(i int, f Finding, which string) error {
		var trans []string
		for _, t := range f.Transitions {
			trans = append(trans, t.From.ID+" -> "+t.To.ID+" ("+t.Trigger+")")
		}
		regions := ""
		if f.Regions.Mode != RegionsEverywhere {
			regions = refs(f.Regions.List)
		}
		row := []string{strconv.Itoa(offset + i + 1), f.ID, string(f.Kind), strconv.Itoa(f.Severity), f.Text(lang), f.Need.ID,
			refs(f.Stages), values(f.Profile.Genders), values(f.Profile.AgeBands), refs(f.Profile.Statuses), refs(f.Profile.Exploitation),
			f.Regions.Mode, regions, strconv.Itoa(f.Regions.Count), f.People.String(), strconv.FormatBool(f.Entitled),
			strings.Join(f.LegalBasis, "; "), strings.Join(trans, "; "), notes(f.ServicesCovering), notes(f.ServicesNearby),
			notes(f.ServicesExcluding), strconv.FormatBool(f.Assumed), strings.Join(f.AssumedFacts, "; "),
			strings.Join(f.Sources, "; "), strings.Join(f.Recommendations, "; "),
			strings.Join(f.StudyIDs(), "; "), strconv.Itoa(f.StudiesNorway), f.KnowledgeGapText(lang), strconv.Itoa(f.Cells), strconv.FormatInt(list.Version, 10), which}
		if len(f.Stages) == f.full[dimStage] {
			row[6] = "*"
		}
		return cw.Write(row)
	}
	for i, f := range list.Findings {
		if err := write(i, f, "finding"); err != nil {
			return err
		}
	}
	for i, f := range list.Notes {
		if err := write(i, f, "note"); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func values[T ~string](vs []T) string {
	if len(vs) == 0 {
		return "*"
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, "; ")
}

// WriteMarkdown writes the list as a Markdown document in lang: one
// section per finding with everything it carries.
func WriteMarkdown(w io.Writer, list *List, offset int, lang string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", fw(lang, "title"))
	fmt.Fprint(&b, fwf(lang, "header", list.Version, list.Total, list.GapCells)+"\n\n")
	srcTitle := map[string]gap.SourceRef{}
	for _, s := range list.Sources {
		srcTitle[s.ID] = s
	}
	recs := map[string]gap.RecommendationRef{}
	for _, r := range list.Recommendations {
		recs[r.ID] = r
	}
	writeMarkdownItems(&b, list.Findings, offset, lang, srcTitle, recs)
	if list.NotesTotal > 0 {
		fmt.Fprintf(&b, "# %s\n\n", fw(lang, "notes.title"))
		fmt.Fprint(&b, fwf(lang, "notes.header", list.NotesTotal, list.NoteCells)+"\n\n")
		writeMarkdownItems(&b, list.Notes, offset, lang, srcTitle, recs)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeMarkdownItems writes one section per finding (or note) of fs.
func writeMarkdownItems(b *strings.Builder, fs []Finding, offset int, lang string, srcTitle map[string]gap.SourceRef, recs map[string]gap.RecommendationRef) {
	for i, f := range fs {
		fmt.Fprintf(b, "## %d. %s\n\n", offset+i+1, md(f.Text(lang)))
		fmt.Fprintf(b, "*%s* · %d %s · %s `%s`\n\n", KindLabel(f.Kind, lang), f.Cells, fw(lang, "cells"), fw(lang, "id"), f.ID)
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "who"), md(who(&f, lang)))
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "where"), md(where(&f, lang)))
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "stages"), md(when(&f, lang)))
		if f.People.Known() {
			fmt.Fprintln(b, "- "+fwf(lang, "people.note", f.People.String()))
		} else {
			fmt.Fprintf(b, "- %s\n", fw(lang, "people.none"))
		}
		ent := yesNo(f.Entitled, lang)
		if len(f.LegalBasis) > 0 {
			ent += " — " + strings.Join(f.LegalBasis, "; ")
		}
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "entitled"), md(ent))
		for _, t := range f.Transitions {
			fmt.Fprintf(b, "- %s: %s → %s", fw(lang, "transitions"), md(label(t.From, lang)), md(label(t.To, lang)))
			if t.Trigger != "" {
				fmt.Fprintf(b, " (%s)", md(t.Trigger))
			}
			b.WriteString("\n")
		}
		writeNotes(b, fw(lang, "covering"), f.ServicesCovering, lang)
		writeNotes(b, fw(lang, "nearby"), f.ServicesNearby, lang)
		writeNotes(b, fw(lang, "excluding"), f.ServicesExcluding, lang)
		assumed := yesNo(f.Assumed, lang)
		if f.Assumed {
			assumed += " — " + strings.Join(f.AssumedFacts, ", ")
		}
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "assumedfacts"), md(assumed))
		if len(f.Sources) > 0 {
			var ss []string
			for _, id := range f.Sources {
				s := srcTitle[id]
				t := id
				if s.Title != "" {
					t = s.Title
					if s.Year > 0 {
						t += fmt.Sprintf(" (%d)", s.Year)
					}
				}
				ss = append(ss, t)
			}
			fmt.Fprintf(b, "- %s: %s\n", fw(lang, "sources"), md(strings.Join(ss, "; ")))
		}
		studies := fw(lang, "none")
		if len(f.Studies) > 0 {
			var ss []string
			for _, s := range f.Studies {
				t := s.Title
				if s.Year > 0 {
					t += fmt.Sprintf(" (%d)", s.Year)
				}
				ss = append(ss, t)
			}
			studies = strings.Join(ss, "; ") + " — " + fwf(lang, "studies.norway", f.StudiesNorway)
		}
		fmt.Fprintf(b, "- %s: %s\n", fw(lang, "studies"), md(studies))
		if kg := f.KnowledgeGapText(lang); kg != "" {
			fmt.Fprintf(b, "- %s\n", md(kg))
		}
		if len(f.Recommendations) > 0 {
			fmt.Fprintf(b, "- %s:\n", fw(lang, "recs"))
		}
		for _, id := range f.Recommendations {
			r := recs[id]
			ref := strings.Join(strings.Fields(strings.Join([]string{string(r.Body), r.Round, r.Paragraph}, " ")), " ")
			fmt.Fprintf(b, "  - %s — %s\n", md(ref), md(r.Summary))
		}
		b.WriteString("\n")
	}
}

func writeNotes(b *strings.Builder, head string, ns []ServiceNote, lang string) {
	if len(ns) == 0 {
		return
	}
	var out []string
	for _, n := range ns {
		why := n.Why
		if lang == "nb" && n.WhyNB != "" {
			why = n.WhyNB
		}
		if why != "" {
			out = append(out, n.Name+" ("+why+")")
		} else {
			out = append(out, n.Name)
		}
	}
	fmt.Fprintf(b, "- %s: %s\n", head, md(strings.Join(out, "; ")))
}

// md escapes the characters Markdown would read as markup.
func md(s string) string {
	return strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;", ">", "&gt;").Replace(s)
}

// In returns a copy of the list whose words for one language (the why of
// every service note) are in lang; titles are always in both languages.
func (list *List) In(lang string) *List {
	if lang != "nb" {
		return list
	}
	out := *list
	out.Findings, out.Notes = inLang(list.Findings), inLang(list.Notes)
	return &out
}

// inLang returns copies of fs whose service notes' why is in Norwegian.
func inLang(fs []Finding) []Finding {
	out := make([]Finding, len(fs))
	for i, f := range fs {
		for _, ns := range []*[]ServiceNote{&f.ServicesCovering, &f.ServicesNearby, &f.ServicesExcluding} {
			c := make([]ServiceNote, len(*ns))
			for k, n := range *ns {
				if n.WhyNB != "" {
					n.Why = n.WhyNB
				}
				c[k] = n
			}
			if *ns != nil {
				*ns = c
			}
		}
		out[i] = f
	}
	return out
}
