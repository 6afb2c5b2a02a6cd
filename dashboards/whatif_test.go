package dashboards

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/gap"
)

// signedCount reads the signed count a change cell or note starts with:
// "+39,490 more" is 39490, "−120 fewer" is -120, a text with no number 0.
func signedCount(t *testing.T, s string) int {
	t.Helper()
	sign, digits, seen := 1, "", false
	for _, r := range s {
		switch {
		case r == '−' || r == '-':
			if !seen {
				sign = -1
			}
		case unicode.IsDigit(r):
			digits += string(r)
			seen = true
		case seen && (r == ',' || r == '\u00a0' || r == '\u202f' || r == ' ' || r == '.'):
			// a thousands separator, or the end of the number
			if r == ' ' || r == '.' {
				if digits != "" {
					n, _ := strconv.Atoi(digits)
					return sign * n
				}
			}
		case seen:
			n, _ := strconv.Atoi(digits)
			return sign * n
		}
	}
	if digits == "" {
		return 0
	}
	n, _ := strconv.Atoi(digits)
	return sign * n
}

// TestWhatIfSigns: for each example scenario, in both languages, the
// what-if table's change for each kind of gap is the engine's change,
// signed so that more gaps reads as worse (red, "worse") and fewer as
// better (green); a weak cover's change (fragile, partial) carries no
// verdict, as fewer fragile covers is bad news when they became none. The
// first note says how many more (or fewer) needs no service covers.
func TestWhatIfSigns(t *testing.T) {
	l := norway(t)
	examples, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	get := map[gap.Kind]func(gap.Counts) int{
		gap.KindUncovered:        func(c gap.Counts) int { return c.Uncovered },
		gap.KindEntitledUnserved: func(c gap.Counts) int { return c.EntitledUnserved },
		gap.KindEntitledPartial:  func(c gap.Counts) int { return c.EntitledPartial },
		gap.KindFragile:          func(c gap.Counts) int { return c.Fragile },
		gap.KindLostInTransition: func(c gap.Counts) int { return c.LostInTransition },
	}
	verdicts := map[string][2]string{"en": {"worse", "better"}, "nb": {"verre", "bedre"}}
	sawWorse, sawFragileFewer := false, false
	for _, e := range examples {
		res, err := gap.Analyse(context.Background(), l, gap.Query{Kinds: WhatIfKinds(), Limit: 10}, e.Scenario)
		if err != nil {
			t.Fatal(err)
		}
		df := res.Diff
		for _, lang := range []string{"en", "nb"} {
			v := WhatIf(res, l, lang)
			worse, better := verdicts[lang][0], verdicts[lang][1]
			change := -1
			for i, c := range v.Table.Columns {
				if c.Key == "change" {
					change = i
				}
			}
			if change < 0 {
				t.Fatalf("the what-if table has no change column")
			}
			for i, k := range WhatIfKinds() {
				n := get[k](df.Opened) - get[k](df.Closed)
				cell := v.Table.Rows[i][change]
				if got := signedCount(t, cell.Text); got != n {
					t.Errorf("%s %s %s: the change reads %q (%d), the engine's is %+d", e.ID, lang, k, cell.Text, got, n)
				}
				if n > 0 && !strings.HasPrefix(cell.Text, "+") {
					t.Errorf("%s %s %s: %d more gaps read %q, without a plus", e.ID, lang, k, n, cell.Text)
				}
				weak := k == gap.KindFragile || k == gap.KindEntitledPartial
				switch {
				case weak:
					if cell.State != "" || strings.Contains(cell.Text, worse) || strings.Contains(cell.Text, better) {
						t.Errorf("%s %s %s: a weak cover's change %q (state %q) carries a verdict", e.ID, lang, k, cell.Text, cell.State)
					}
					if n < 0 {
						sawFragileFewer = true
					}
				case n > 0:
					sawWorse = true
					if cell.State != "uncovered" || !strings.Contains(cell.Text, worse) {
						t.Errorf("%s %s %s: %d more gaps read %q (state %q), not as worse in red", e.ID, lang, k, n, cell.Text, cell.State)
					}
				case n < 0:
					if cell.State != "covered" || !strings.Contains(cell.Text, better) {
						t.Errorf("%s %s %s: %d fewer gaps read %q (state %q), not as better in green", e.ID, lang, k, -n, cell.Text, cell.State)
					}
				}
			}
			n := df.Opened.Uncovered - df.Closed.Uncovered
			head := v.Notes[0]
			if got := signedCount(t, head); got != n && -got != n {
				t.Errorf("%s %s: the headline %q says %d, the engine's change in uncovered needs is %+d", e.ID, lang, head, got, n)
			}
			if n > 0 && !strings.Contains(head, "+") || n > 0 && !strings.Contains(head, worse) || n < 0 && !strings.Contains(head, better) {
				t.Errorf("%s %s: the headline %q does not read %+d uncovered as it is", e.ID, lang, head, n)
			}
		}
	}
	if !sawWorse || !sawFragileFewer {
		t.Errorf("the examples never open gaps (%v) or close fragile covers (%v): the test checks too little", sawWorse, sawFragileFewer)
	}
}

// TestTransitionsLeaveOutExits: no bar or row of the transitions
// dashboard is a move into a terminal status (returning, leaving Norway),
// and a note names each such exit the engine finds, in both languages.
func TestTransitionsLeaveOutExits(t *testing.T) {
	l := norway(t)
	res, err := gap.Transitions(context.Background(), l, gap.Query{Limit: 1}, gap.Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exits) == 0 {
		t.Fatal("the engine finds no exit on the seed: the test checks nothing")
	}
	for _, lang := range []string{"en", "nb"} {
		v := Transitions(res, l, lang)
		var terminal []string
		for _, st := range graph.All[*graph.Status](l) {
			if st.Terminal {
				terminal = append(terminal, "→ "+st.Label(lang))
			}
		}
		if len(terminal) == 0 {
			t.Fatal("the seed has no terminal status")
		}
		raw, err := Option(v.Chart)
		if err != nil {
			t.Fatal(err)
		}
		for _, to := range terminal {
			if strings.Contains(string(raw), to) {
				t.Errorf("%s: the chart draws a move %q as a loss", lang, to)
			}
			for _, row := range v.Table.Rows {
				if strings.HasSuffix(row[0].Text, to[len("→"):]) && strings.Contains(row[0].Text, to) {
					t.Errorf("%s: the table lists the exit %q as a loss", lang, row[0].Text)
				}
			}
		}
		notes := strings.Join(v.Notes, "\n")
		for _, x := range res.Exits {
			name := nameOf(l, res.Names, x.From, lang) + " → " + nameOf(l, res.Names, x.To, lang)
			if !strings.Contains(notes, name) {
				t.Errorf("%s: the notes do not name the exit %s: %q", lang, name, notes)
			}
		}
	}
}

// TestWhatIfBarColours: within each kind of gap, the four bars (as it is,
// under the scenario, closed, opened) have four different colours, each at
// least 3:1 against the white page (WCAG for graphics); a weak cover's
// closed and opened bars are grey, not the green and red of good and bad
// news.
func TestWhatIfBarColours(t *testing.T) {
	l := norway(t)
	examples, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	res, err := gap.Analyse(context.Background(), l, gap.Query{Kinds: WhatIfKinds(), Limit: 1}, examples[0].Scenario)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := Option(WhatIf(res, l, "en").Chart)
	if err != nil {
		t.Fatal(err)
	}
	var opt struct {
		Series []struct {
			ItemStyle struct{ Color string } `json:"itemStyle"`
			Data      []struct {
				ItemStyle *struct{ Color string } `json:"itemStyle"`
			} `json:"data"`
		} `json:"series"`
	}
	if err := json.Unmarshal(raw, &opt); err != nil {
		t.Fatal(err)
	}
	if len(opt.Series) != 4 {
		t.Fatalf("%d series, want 4", len(opt.Series))
	}
	green, red := opt.Series[2].ItemStyle.Color, opt.Series[3].ItemStyle.Color
	for i, k := range WhatIfKinds() {
		seen := map[string]int{}
		for s, se := range opt.Series {
			c := se.ItemStyle.Color
			if i < len(se.Data) && se.Data[i].ItemStyle != nil && se.Data[i].ItemStyle.Color != "" {
				c = se.Data[i].ItemStyle.Color
			}
			if r := Contrast(c, "#ffffff"); r < 3 {
				t.Errorf("%s: bar %d's colour %s has a contrast of %.2f:1 on white", k, s+1, c, r)
			}
			if o, ok := seen[strings.ToLower(c)]; ok {
				t.Errorf("%s: bars %d and %d share the colour %s", k, o+1, s+1, c)
			}
			seen[strings.ToLower(c)] = s
			weak := k == gap.KindFragile || k == gap.KindEntitledPartial
			if weak && s >= 2 && (c == green || c == red) {
				t.Errorf("%s: a weak cover's %s bar is drawn as good or bad news (%s)", k, []string{"", "", "closed", "opened"}[s], c)
			}
		}
	}
}
