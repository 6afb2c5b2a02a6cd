package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/privacy"
)

// assumed says which facts behind a gap are assumed: "no", or "yes: " and
// their ids.
func assumed(g gap.Gap) string {
	if !g.Assumed {
		return "no"
	}
	return "yes: " + strings.Join(g.AssumedFacts, ", ")
}

// writeGapsTable prints a result for a person at a terminal: a summary, the
// gaps, and the transitions, fragmentation and criticality when computed.
func writeGapsTable(w io.Writer, res *gap.Result, rule privacy.Rule) error {
	s := res.Summary
	fmt.Fprintf(w, "landscape version %d: %d profiles, %d cells analysed\n", res.Version, res.Profiles, s.Cells)
	fmt.Fprintf(w, "uncovered %d, entitled but unserved %d, entitled but served only in part %d, fragile %d, single provider %d, lost in transition %d\n\n",
		s.Uncovered, s.EntitledUnserved, s.EntitledPartial, s.Fragile, s.SingleProvider, s.LostInTransition)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(res.Gaps) > 0 {
		fmt.Fprintf(tw, "KINDS\tGENDER\tAGE\tSTATUS\tEXPLOITATION\tREGION\tNEED\tSTAGE\tPEOPLE\tASSUMED\tWHY\n")
		for _, g := range res.Gaps {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
				joinKinds(g.Kinds), g.Profile.Gender, g.Profile.AgeBand, g.Profile.Status,
				g.Profile.Exploitation, g.Profile.Region, g.Need, g.Stage, people(g.PeopleAffected), assumed(g), why(g))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if res.GapsTotal > len(res.Gaps) {
			fmt.Fprintf(w, "… %d more gaps (use --limit -1 or filters)\n", res.GapsTotal-len(res.Gaps))
		}
		fmt.Fprintln(w)
	}

	if len(res.Transitions) > 0 {
		fmt.Fprintf(tw, "TRANSITION\tTRIGGER\tNEEDS LOST\tRIGHTS LOST\tPEOPLE\n")
		for _, t := range res.Transitions {
			var needs, rights []string
			for _, n := range t.NeedsLost {
				needs = append(needs, n.Need)
			}
			for _, e := range t.EntitlementsLost {
				rights = append(rights, e.Need)
			}
			fmt.Fprintf(tw, "%s -> %s\t%s\t%s\t%s\t%s\n", t.From, t.To, t.Trigger,
				dash(strings.Join(needs, ", ")), dash(strings.Join(rights, ", ")), people(t.PeopleAffected))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}

	if len(res.Exits) > 0 {
		fmt.Fprintf(tw, "EXIT (LEAVES NORWAY)\tTRIGGER\n")
		for _, x := range res.Exits {
			fmt.Fprintf(tw, "%s -> %s\t%s\n", x.From, x.To, dash(x.Trigger))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}

	frag := append(append([]gap.Fragmentation(nil), res.GroupFragmentation...), res.Fragmentation...)
	if len(frag) > 0 {
		fmt.Fprintf(tw, "GROUP OR PROFILE\tNEEDS\tORGANISATIONS\tSECTORS\tNO REFERRAL LINK\tUNCOVERABLE\n")
		for _, f := range frag {
			who := f.Group
			if who == "" && f.Profile != nil {
				who = f.Profile.String()
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", who, len(f.Needs), f.Organisations.Size,
				f.Sectors.Size, f.UnlinkedCount, dash(strings.Join(f.Uncoverable, ", ")))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}

	if len(res.Criticality) > 0 {
		fmt.Fprintf(tw, "SERVICE\tORGANISATION\tFUNDING\tCELLS ONLY IT COVERS\tPROFILES\tPEOPLE\n")
		for _, c := range res.Criticality {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d\t%s\n", c.Service, c.Organisation, c.Funding, c.Cells, c.Profiles, people(c.PeopleAffected))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintln(w)
	}

	if d := res.Diff; d != nil {
		fmt.Fprintf(w, "scenario against the landscape: %d gaps closed, %d gaps opened\n", d.ClosedTotal, d.OpenedTotal)
		fmt.Fprintf(w, "  closed: uncovered %d, entitled but unserved %d, fragile %d, lost in transition %d\n",
			d.Closed.Uncovered, d.Closed.EntitledUnserved, d.Closed.Fragile, d.Closed.LostInTransition)
		fmt.Fprintf(w, "  opened: uncovered %d, entitled but unserved %d, fragile %d, lost in transition %d\n",
			d.Opened.Uncovered, d.Opened.EntitledUnserved, d.Opened.Fragile, d.Opened.LostInTransition)
	}
	fmt.Fprintf(w, "counts of people under %d are shown as %s\n", rule.Normalize().Threshold, rule.Label())
	return nil
}

// why says in a few words why a cell has a gap: who covers it, or what
// excludes the profile from the nearest services.
func why(g gap.Gap) string {
	if len(g.Covering) > 0 {
		ids := make([]string, len(g.Covering))
		for i, c := range g.Covering {
			ids[i] = c.ID
		}
		reason := "covered only by " + strings.Join(ids, ", ")
		if len(g.Fragile) > 0 {
			parts := make([]string, len(g.Fragile))
			for i, f := range g.Fragile {
				parts[i] = string(f)
			}
			reason += " (" + strings.Join(parts, ", ") + ")"
		}
		return reason
	}
	if len(g.Excluded) == 0 {
		return "no service meets this need here"
	}
	parts := make([]string, 0, 2)
	for _, e := range g.Excluded[:min(2, len(g.Excluded))] {
		parts = append(parts, reasonText(e))
	}
	if more := g.ExcludedTotal - len(parts); more > 0 {
		parts = append(parts, "+"+strconv.Itoa(more)+" more")
	}
	return strings.Join(parts, "; ")
}

func reasonText(e gap.Exclusion) string {
	whys := make([]string, len(e.Reasons))
	for i, r := range e.Reasons {
		whys[i] = r.Why
	}
	return strings.Join(whys, ", ")
}

func joinKinds(ks []gap.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ",")
}

func people(c privacy.Count) string {
	if !c.Known() {
		return "-"
	}
	return c.String()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
