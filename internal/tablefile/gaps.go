package tablefile

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gapmap/gapmap/internal/dataversion"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// GapsColumns are the columns of the gaps table, those of gapmap analyse
// --format csv.
var GapsColumns = []string{"kinds", "gender", "age_band", "status", "exploitation", "region", "need", "stage",
	"people_affected", "covering", "excluded", "legal_basis", "sources", "recommendations", "assumed", "assumed_facts"}

// Gaps returns the gaps of res as a table: one row per gap, with the
// columns of gapmap analyse --format csv and the same cells. People
// affected is the result's privacy.Count as text: "<5" under the threshold,
// empty when unknown. The caption says what was analysed; the footnote
// says how many gaps the table holds of how many, how counts of people are
// shown, and lists every source and recommendation the rows cite. changed
// is when the analysed landscape last changed (Landscape.Changed), named in
// the caption with the version unless it is zero.
func Gaps(res *gap.Result, changed time.Time) *Table {
	t := &Table{
		Title:   "Gaps in the support landscape",
		Caption: gapsCaption(res, changed),
		Columns: slices.Clone(GapsColumns),
		Rows:    make([][]string, 0, len(res.Gaps)),
		Version: res.Version,
		Changed: changed,
	}
	for _, g := range res.Gaps {
		t.Rows = append(t.Rows, gapRow(g))
	}
	t.Footnote = gapsFootnote(res, len(t.Rows))
	return t
}

// gapRow is one gap as analyse --format csv writes it.
func gapRow(g gap.Gap) []string {
	var covering, excluded []string
	for _, c := range g.Covering {
		covering = append(covering, c.ID)
	}
	for _, e := range g.Excluded {
		whys := make([]string, len(e.Reasons))
		for i, r := range e.Reasons {
			whys[i] = r.Why
		}
		excluded = append(excluded, strings.Join(whys, ", "))
	}
	kinds := make([]string, len(g.Kinds))
	for i, k := range g.Kinds {
		kinds[i] = string(k)
	}
	legal := ""
	if g.Entitlement != nil {
		legal = g.Entitlement.LegalBasis
	}
	return []string{strings.Join(kinds, ","), string(g.Profile.Gender), string(g.Profile.AgeBand),
		g.Profile.Status, g.Profile.Exploitation, g.Profile.Region, g.Need, g.Stage,
		peopleText(g.PeopleAffected), strings.Join(covering, " "), strings.Join(excluded, "; "), legal,
		strings.Join(g.Sources, " "), strings.Join(g.Recommendations, " "),
		strconv.FormatBool(g.Assumed), strings.Join(g.AssumedFacts, "; ")}
}

// peopleText is a count of people as a cell: the count as the privacy rule
// shows it ("<5" when suppressed), or empty when unknown.
func peopleText(c privacy.Count) string {
	if !c.Known() {
		return ""
	}
	return c.String()
}

func gapsCaption(res *gap.Result, changed time.Time) string {
	q := res.Query
	var filters []string
	add := func(name string, vs []string) {
		if len(vs) > 0 {
			filters = append(filters, name+" "+strings.Join(vs, ", "))
		}
	}
	add("group", q.Groups)
	add("gender", toStrings(q.Genders))
	add("age band", toStrings(q.AgeBands))
	add("status", q.Statuses)
	add("exploitation", q.Exploitation)
	add("region", q.Regions)
	add("need", q.Needs)
	add("stage", q.Stages)
	kinds := "all kinds"
	if len(q.Kinds) > 0 {
		kinds = strings.Join(toStrings(q.Kinds), ", ")
	}
	s := fmt.Sprintf("Cells (profile, need, stage) with a gap, %s: %d profiles, %d cells analysed; %s.",
		strings.TrimPrefix(dataversion.Text(res.Version, changed, "en"), "gapmap "), res.Profiles, res.Summary.Cells, kinds)
	if len(filters) > 0 {
		s += " Filters: " + strings.Join(filters, "; ") + "."
	}
	if res.Scenario != nil {
		s += fmt.Sprintf(" With a what-if scenario of %d change(s).", len(res.Scenario.Changes))
	}
	return s
}

func gapsFootnote(res *gap.Result, rows int) string {
	rule := res.Query.Privacy.Normalize()
	lines := []string{
		fmt.Sprintf("%d of %d gaps are listed.", rows, res.GapsTotal),
		fmt.Sprintf("People affected sums the size estimates of the named groups the gap concerns (an upper bound, as groups may overlap); counts under %d are shown as %s, and a group under %d is never added to a sum, so that no sum gives it back.",
			rule.Threshold, rule.Label(), rule.Threshold),
		"Assumed says whether a fact behind the gap is an assumption, not verified in a source; assumed_facts names them (nodes by id, edges as TYPE from->to).",
	}
	if len(res.Sources) > 0 {
		lines = append(lines, "Sources:")
		for _, s := range res.Sources {
			ref := s.ID + ": "
			if s.Authors != "" {
				ref += s.Authors + " "
			}
			if s.Year != 0 {
				ref += fmt.Sprintf("(%d) ", s.Year)
			}
			ref += cmp.Or(s.Title, s.ID)
			if s.URL != "" {
				ref += ". " + s.URL
			}
			lines = append(lines, ref)
		}
	}
	if len(res.Recommendations) > 0 {
		lines = append(lines, "Recommendations:")
		for _, r := range res.Recommendations {
			ref := fmt.Sprintf("%s: %s", r.ID, r.Body)
			if r.Reference != "" {
				ref += " " + r.Reference
			}
			if r.Paragraph != "" {
				ref += " para. " + r.Paragraph
			}
			lines = append(lines, ref+": "+r.Summary)
		}
	}
	return strings.Join(lines, "\n")
}

func toStrings[T ~string](vs []T) []string {
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = string(v)
	}
	return s
}
