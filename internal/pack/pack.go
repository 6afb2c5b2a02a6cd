package pack

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"time"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/gap"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// Request asks for a GRETA response pack.
type Request struct {
	// Lang is "en" or "nb".
	Lang string
	// Query holds the filters and the suppression rule.
	Query gap.Query
	// Dashboards are the diagrams to include, in order. [PackDashboards]
	Dashboards []string
	// Scenario is the what-if scenario, when Dashboards has "whatif" (nil:
	// the example ScenarioID names, else the first example).
	Scenario   *gap.Scenario
	ScenarioID string
	Stamp      chart.Stamp
	// Store and Data are the store the landscape came from, as the
	// manifest's command names it: "neo4j" (GAPMAP_STORE=neo4j, the rest of
	// its configuration is not repeated), or the embedded store (Store "" or
	// "embedded") in the directory Data (--data).
	Store, Data string
	// CSV is the form of the pack's CSV files.
	CSV tablefile.CSVDialect
	// Progress, if set, is told of each step as it starts.
	Progress func(Step)
}

// Step is a step of building a pack: the Done-th of Total (counting
// from 0), and what it does.
type Step struct {
	Done, Total int
	What        string
}

// Write builds a GRETA response pack of landscape l and writes it to w
// as a ZIP file:
//
//	report.pdf                 the report an analyst sends: title page, a
//	                           summary of the top findings, the method and
//	                           the suppression of small counts, each
//	                           diagram with a short table, what we do not
//	                           know, numbered references, and an annex of
//	                           the worst gaps by residency status and need
//	                           (on landscape pages); the full tables are
//	                           the CSV and XLSX files
//	diagrams/NN-NAME.svg       each diagram as SVG, caption and sources in it
//	tables/NAME.csv, .xlsx     each dashboard's tables
//	tables/gaps-by-status-need.csv, .xlsx
//	tables/gaps.csv, .xlsx     the first gaps, cell by cell
//	manifest.json              every file's SHA-256, the data version, the
//	                           query, the language, gapmap's version and the
//	                           command that makes the pack again
//
// The same landscape, request and Stamp give the same ZIP, byte for byte:
// the PDF is dated at the stamp's day (stampPDF), every ZIP entry too, and
// the manifest's command names every flag that makes the same pack again. Nothing is written to w
// unless the whole pack was made. It returns the manifest.
func Write(ctx context.Context, w io.Writer, l *graph.Landscape, r *chart.Renderer, req Request) (*Manifest, error) {
	if err := r.Check(); err != nil {
		return nil, err
	}
	b, err := newPackBuilder(l, r, req)
	if err != nil {
		return nil, err
	}
	for i, name := range b.names {
		if err := b.dashboard(ctx, i, name); err != nil {
			return nil, fmt.Errorf("export pack: %s: %w", name, err)
		}
	}
	if err := b.gaps(ctx); err != nil {
		return nil, fmt.Errorf("export pack: gaps: %w", err)
	}
	m := b.manifest()
	if err := b.report(ctx, m); err != nil {
		return nil, fmt.Errorf("export pack: report: %w", err)
	}
	if err := b.finish(m); err != nil {
		return nil, fmt.Errorf("export pack: %w", err)
	}
	if err := writeZip(w, b.files, b.st); err != nil {
		return nil, fmt.Errorf("export pack: %w", err)
	}
	return m, nil
}

// packFile is one file of the pack.
type packFile struct {
	ManifestFile
	data []byte
}

// packBuilder makes the files of one pack, in order, and gathers the
// report's figures along the way.
type packBuilder struct {
	l     *graph.Landscape
	r     *chart.Renderer
	req   Request
	lang  string
	st    chart.Stamp
	names []string

	files []packFile
	// figs are the dashboards of the report, in order, with what they
	// cite and the files of their full tables.
	figs []packFigure
	pg   *packGaps

	step, total int
}

func newPackBuilder(l *graph.Landscape, r *chart.Renderer, req Request) (*packBuilder, error) {
	names := req.Dashboards
	if len(names) == 0 {
		names = chart.PackDashboards
	}
	for _, n := range names {
		if err := chart.CheckDashboard(n); err != nil {
			return nil, err
		}
	}
	lang := dashboards.Lang(req.Lang)
	return &packBuilder{l: l, r: r, req: req, lang: lang, st: req.Stamp, names: names, total: 3*len(names) + 3}, nil
}

// progress reports the step starting now.
func (b *packBuilder) progress(what string) {
	if b.req.Progress != nil {
		b.req.Progress(Step{Done: b.step, Total: b.total, What: what})
	}
	b.step++
}

// add adds a file to the pack.
func (b *packBuilder) add(path, kind, dash, title string, data []byte) {
	b.files = append(b.files, packFile{ManifestFile: ManifestFile{Path: path, Kind: kind, Dashboard: dash, Title: title}, data: data})
}

// addTable adds table t as tables/base.csv and tables/base.xlsx.
func (b *packBuilder) addTable(base, dash string, t *tablefile.Table) error {
	var c, x bytes.Buffer
	if err := tablefile.WriteCSV(&c, t, tablefile.Options{CSV: b.req.CSV}); err != nil {
		return err
	}
	if err := tablefile.WriteXLSX(&x, t, tablefile.Options{}); err != nil {
		return err
	}
	b.add("tables/"+base+".csv", "table", dash, t.Title, c.Bytes())
	b.add("tables/"+base+".xlsx", "table", dash, t.Title, x.Bytes())
	return nil
}

// dashboard adds the i-th dashboard, name: its diagram, its tables, and its
// figure in the report.
func (b *packBuilder) dashboard(ctx context.Context, i int, name string) error {
	b.progress("build " + name)
	d, err := chart.BuildDashboard(ctx, b.l, chart.DashboardRequest{Name: name, Lang: b.lang, Query: b.req.Query,
		Scenario: b.req.Scenario, ScenarioID: b.req.ScenarioID, Evidence: packEvidence})
	if err != nil {
		return err
	}
	b.progress("draw " + name)
	f := d.Figure(b.st)
	svg, fig, err := b.r.DrawFigure(ctx, d, f)
	if err != nil {
		return err
	}
	b.add(fmt.Sprintf("diagrams/%02d-%s.svg", i+1, name), "diagram", name, f.Title, svg)
	pf := packFigure{Figure: fig, Sources: d.View.Sources, Recs: d.View.Recommendations}

	b.progress("tables " + name)
	for j, t := range d.Tables(b.st) {
		base := name
		if j > 0 {
			base = fmt.Sprintf("%s-%d", name, j+1)
		}
		pf.Files = append(pf.Files, "tables/"+base+".xlsx")
		if err := b.addTable(base, name, t); err != nil {
			return err
		}
	}
	b.figs = append(b.figs, pf)
	return nil
}

// gaps adds the gaps of the query: by residency status and need, and the
// first cell by cell.
func (b *packBuilder) gaps(ctx context.Context) error {
	b.progress("gaps")
	pg, err := analysePackGaps(ctx, b.l, b.req.Query, b.lang)
	if err != nil {
		return err
	}
	b.pg = pg
	caption := chart.FiltersLine(chart.FilterText(b.l, b.req.Query, b.lang), b.lang) + " " + chart.DataLine(b.l.Version(), b.l.Changed(), b.st, b.lang)
	byStatusNeed := pg.table(b.lang, caption, []string{chart.PrivacyLine(b.req.Query.Privacy, b.lang)})
	byStatusNeed.Version, byStatusNeed.Changed = b.l.Version(), b.l.Changed()
	if err := b.addTable("gaps-by-status-need", "", byStatusNeed); err != nil {
		return err
	}
	return b.addTable("gaps", "", tablefile.Gaps(pg.res, b.l.Changed()))
}

// finish checksums every file into the manifest and adds the manifest.
func (b *packBuilder) finish(m *Manifest) error {
	b.progress("manifest")
	for i := range b.files {
		sum := sha256.Sum256(b.files[i].data)
		b.files[i].SHA256 = hex.EncodeToString(sum[:])
		b.files[i].Bytes = len(b.files[i].data)
		m.Files = append(m.Files, b.files[i].ManifestFile)
	}
	data, err := m.encode()
	if err != nil {
		return err
	}
	b.add(ManifestPath, "manifest", "", "", data)
	if b.req.Progress != nil {
		b.req.Progress(Step{Done: b.total, Total: b.total, What: "done"})
	}
	return nil
}

// writeZip writes files as a ZIP, in their order, every entry dated at the
// stamp's day, so that the same files give the same ZIP.
func writeZip(w io.Writer, files []packFile, st chart.Stamp) error {
	day, err := time.Parse(time.DateOnly, st.Day())
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: day})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
