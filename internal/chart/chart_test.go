package chart

import (
	"bytes"
	"encoding/json"
	"errors"
	"image/png"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestChartSVG(t *testing.T) {
	r := needRenderer(t)
	l := chartLandscape(t)
	filters := testQuery("status", "reflection,undocumented")
	for _, test := range []struct {
		name, lang string
		// label is a label of the option that the chart draws.
		label   string
		caption []string
	}{
		{"landscape", "en", "ROSA", []string{"Landscape", "Needs and residency statuses by the share"}},
		{"coverage", "en", "Women in prostitution", []string{"Coverage", "Coverage of each group's needs at the stage “First contact”"}},
		{"coverage", "nb", "Kvinner i prostitusjon", []string{"Dekning", "Filtre: Oppholdsstatus: Refleksjonsperiode, Uten lovlig opphold.",
			"Data: gapmap-landskapet versjon 42, sist endret 2026-02-27 14:05 UTC, eksportert 2026-03-01.", "Kilder: NKVTS (2025)", "Antall personer under 5 vises som <5."}},
		{"pathways", "en", "Women in prostitution", []string{"Pathways", "Groups by residency status"}},
		{"transitions", "en", "Reflection period → Undocumented", []string{"Transitions"}},
		{"fragmentation", "en", "Women in prostitution", []string{"Fragmentation", "The doors each group must knock on"}},
		{"criticality", "en", "Health Centre for Undocumented Migrants", []string{"Criticality"}},
		{"whatif", "en", "Uncovered", []string{"What if", "Scenario: ROSA closes."}},
	} {
		t.Run(test.name+"-"+test.lang, func(t *testing.T) {
			d, err := BuildDashboard(testCtx(t), l, DashboardRequest{Name: test.name, Lang: test.lang, Query: filters, ScenarioID: "rosa-closes"})
			if err != nil {
				t.Fatal(err)
			}
			svg, err := r.SVG(testCtx(t), d.Figure(testStamp))
			if err != nil {
				t.Fatal(err)
			}
			writeArtifact(t, test.name+"-"+test.lang+".svg", svg)
			text := svgText(t, svg)
			mustHave(t, "the SVG", text, test.caption...)
			if test.lang == "en" {
				mustHave(t, "the SVG", text,
					"Filters: Residency status: Reflection period, Undocumented.",
					"Data: gapmap landscape version 42, last changed 2026-02-27 14:05 UTC, exported 2026-03-01.",
					"Counts of people under 5 are shown as <5.")
				if test.name != "landscape" {
					mustHave(t, "the SVG", text, "Sources: ", "NKVTS (2025): Health care for victims of human trafficking, https://www.nkvts.no/")
				}
			}
			if test.label != "" {
				mustHave(t, "the SVG", text, test.label)
			}
			if !bytes.Contains(d.Option, []byte(strings.ReplaceAll(test.label, "'", `\u0027`))) && test.label != "" {
				t.Errorf("the option lacks the label %q it is checked for", test.label)
			}
		})
	}
}

func TestChartHostileNameEscaped(t *testing.T) {
	r := needRenderer(t)
	l := chartLandscape(t)
	for _, name := range []string{"coverage", "fragmentation", "criticality"} {
		t.Run(name, func(t *testing.T) {
			d := buildDash(t, l, name, "en", testQuery())
			svg, err := r.SVG(testCtx(t), d.Figure(testStamp))
			if err != nil {
				t.Fatal(err)
			}
			mustHave(t, "the SVG's text", svgText(t, svg), hostileName)
			if bytes.Contains(svg, []byte("<script")) {
				t.Error("the SVG holds <script unescaped")
			}
			pdf, err := r.ChartPDF(testCtx(t), d, testStamp)
			if err != nil {
				t.Fatal(err)
			}
			mustHave(t, "the PDF's text", pdfText(t, pdf), hostileName)
		})
	}
}

func TestChartPNGScale(t *testing.T) {
	r := needRenderer(t)
	d := buildDash(t, chartLandscape(t), "coverage", "en", testQuery())
	size := map[int][2]int{}
	for _, scale := range []int{1, 2} {
		b, err := r.PNG(testCtx(t), d.Figure(testStamp), scale)
		if err != nil {
			t.Fatal(err)
		}
		writeArtifact(t, "coverage@"+strconv.Itoa(scale)+"x.png", b)
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("scale %d: %v", scale, err)
		}
		size[scale] = [2]int{img.Bounds().Dx(), img.Bounds().Dy()}
	}
	if size[1][0] != ChartWidth {
		t.Errorf("at 1× the PNG is %d pixels wide, want %d", size[1][0], ChartWidth)
	}
	if size[2] != [2]int{2 * size[1][0], 2 * size[1][1]} {
		t.Errorf("at 2× the PNG is %v, want twice %v", size[2], size[1])
	}
	if _, err := r.PNG(testCtx(t), d.Figure(testStamp), MaxScale+1); err == nil {
		t.Errorf("scale %d: no error", MaxScale+1)
	}
}

func TestChartPDF(t *testing.T) {
	r := needRenderer(t)
	d := buildDash(t, chartLandscape(t), "coverage", "en", testQuery("status", "reflection,undocumented"))
	pdf, err := r.ChartPDF(testCtx(t), d, testStamp)
	if err != nil {
		t.Fatal(err)
	}
	writeArtifact(t, "coverage.pdf", pdf)
	text := oneLine(pdfText(t, pdf))
	mustHave(t, "the PDF", text,
		"Coverage of each group's needs at the stage “First contact”",
		"Filters: Residency status: Reflection period, Undocumented.",
		"Data: gapmap landscape version 42, last changed 2026-02-27 14:05 UTC, exported 2026-03-01.",
		// The footnote points to the sources, listed in full at the end.
		"listed at the end, with the GRETA and OSCE recommendations.",
		"Sources 1. NKVTS (2025)",
		"How to read it",
		"Unaccompanied boys",
		"GRETA 3, GRETA(2022)07 §123 (2022): Ensure access to health care regardless of residence status.",
		"Counts of people under 5 are shown as <5.")
}

// TestChartDeterministic draws the same chart several times: the same file.
// It compares the bytes, not a normalised form, because a pack's manifest
// promises the same checksums for the same inputs. The two sources of
// variation in ECharts' SVG are fixed by design, not by luck: the force
// layout's random start comes from a seeded Math.random, seeded again for
// every chart (chartpage/render.js), and the ids and classes zrender writes
// ("zr0-g0", "zr3-cls-41"), which it numbers across all the charts a page
// draws, are named anew for each chart (renumberIDs). The chart is drawn in
// a tab that has drawn other charts before, then in a new tab.
func TestChartDeterministic(t *testing.T) {
	r := needRenderer(t)
	l := chartLandscape(t)
	f := buildDash(t, l, "landscape", "en", testQuery()).Figure(testStamp)
	draw := func(f Figure) []byte {
		t.Helper()
		svg, err := r.SVG(testCtx(t), f)
		if err != nil {
			t.Fatal(err)
		}
		return svg
	}
	first := draw(f)
	for _, other := range []string{"pathways", "coverage", "transitions"} {
		draw(buildDash(t, l, other, "en", testQuery()).Figure(testStamp))
	}
	if !bytes.Equal(first, draw(f)) {
		t.Error("the landscape chart drawn again, after other charts, gave another SVG file")
	}
	browser, err := r.start()
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := r.openChartTab(testCtx(t), browser)
	if err != nil {
		t.Fatal(err)
	}
	r.putTab(fresh, nil) // the next chart takes it
	if !bytes.Equal(first, draw(f)) {
		t.Error("the landscape chart drawn in a new tab gave another SVG file")
	}
	if fresh.uses != 2 { // one for putTab above, one for the chart
		t.Error("the chart after the new tab was put in the pool was not drawn in it")
	}
}

func TestChartWithoutChromium(t *testing.T) {
	r := NewRenderer(RendererOptions{Chromium: "/nonexistent/chromium", Script: []byte("/* ECharts */")})
	defer r.Close()
	d := buildDash(t, chartLandscape(t), "coverage", "en", testQuery())
	_, err := r.SVG(testCtx(t), d.Figure(testStamp))
	var un *UnavailableError
	if !errors.As(err, &un) || !strings.Contains(err.Error(), "chart export needs Chromium: apt-get install chromium") {
		t.Errorf("SVG without Chromium: error %v, want an UnavailableError that says to install Chromium", err)
	}
	if err := NewRenderer(RendererOptions{Script: []byte{}}).Check(); err == nil || !strings.Contains(err.Error(), "ECharts") {
		t.Errorf("renderer without ECharts: %v", err)
	}
}

// TestChartSmallGroupHidden checks the option the pathways file is drawn
// from: the sankey's flow of a group of 3 people weighs the threshold, 5,
// so that no width reveals its size.
func TestChartSmallGroupHidden(t *testing.T) {
	d := buildDash(t, chartLandscape(t), "pathways", "en", testQuery())
	var opt struct {
		Series []struct {
			Data []struct {
				Name string `json:"name"`
			} `json:"data"`
			Links []struct {
				Source int     `json:"source"`
				Value  float64 `json:"value"`
			} `json:"links"`
		} `json:"series"`
	}
	if err := json.Unmarshal(d.Option, &opt); err != nil {
		t.Fatal(err)
	}
	boys := slices.IndexFunc(opt.Series[0].Data, func(n struct {
		Name string `json:"name"`
	}) bool {
		return n.Name == chartTestGroup
	})
	if boys < 0 {
		t.Fatalf("no node %s", chartTestGroup)
	}
	out := 0.0
	for _, k := range opt.Series[0].Links {
		if k.Source == boys {
			out += k.Value
		}
	}
	if out != 5 {
		t.Errorf("the flows of %s (3 people) weigh %v, want the threshold 5", chartTestGroup, out)
	}
}
