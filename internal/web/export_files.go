package web

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/tablefile"
)

// exportTypes are the Content-Types of the downloads, by format.
var exportTypes = map[string]string{
	"svg":  "image/svg+xml",
	"png":  "image/png",
	"pdf":  "application/pdf",
	"csv":  "text/csv; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"zip":  "application/zip",
}

// file serves GET /exports/{name}.{format}: dashboard name, built for the
// filters and language of the query string as its page is, as a file. The
// chart formats take ?scale= (PNG, 1 to 4); the table formats ?table= (1,
// the table under the chart, else one of the dashboard's further tables),
// and CSV ?csv=excel, the file for Excel on Norwegian settings.
func (e *exportHandlers) file(w http.ResponseWriter, r *http.Request) error {
	vars := mux.Vars(r)
	name, format := vars["name"], vars["format"]
	if err := knownDashboard(name); err != nil {
		return err
	}
	v := r.URL.Query()
	scale, err := intParam(v, "scale", 1, chart.MaxScale)
	if err != nil {
		return err
	}
	table, err := intParam(v, "table", 1, 100)
	if err != nil {
		return err
	}
	scale, table = max(scale, 1), max(table, 1)
	dialect, err := tablefile.ParseCSVDialect(v.Get("csv"))
	if err != nil {
		return graph.FieldError("query", "csv", "%s", err)
	}
	if format == "svg" || format == "png" || format == "pdf" {
		if err := e.cfg.Renderer.Check(); err != nil {
			return err
		}
	}
	req, err := e.s.dashRequestOf(r, name)
	if err != nil {
		return err
	}
	b, err := e.dash.built(r.Context(), req)
	if err != nil {
		return err
	}
	l, err := e.s.landscape()
	if err != nil {
		return err
	}
	d := exportDashboard(l, req, b)
	st := chart.Stamp{Date: e.cfg.Now(), Gapmap: e.cfg.Gapmap}
	ctx := r.Context()
	var data []byte
	switch format {
	case "svg":
		data, err = e.cfg.Renderer.SVG(ctx, d.Figure(st))
	case "png":
		data, err = e.cfg.Renderer.PNG(ctx, d.Figure(st), scale)
	case "pdf":
		data, err = e.cfg.Renderer.ChartPDF(ctx, d, st)
	case "csv", "xlsx":
		tables := d.Tables(st)
		if table > len(tables) {
			return graph.FieldError("query", "table", "dashboard %s has %d table(s)", name, len(tables))
		}
		var buf bytes.Buffer
		if format == "csv" {
			err = tablefile.WriteCSV(&buf, tables[table-1], tablefile.Options{CSV: dialect})
		} else {
			err = tablefile.WriteXLSX(&buf, tables[table-1], tablefile.Options{})
		}
		data = buf.Bytes()
	}
	if err != nil {
		return err
	}
	suffix := ""
	switch {
	case format == "png" && scale > 1:
		suffix = "-" + strconv.Itoa(scale) + "x"
	case (format == "csv" || format == "xlsx") && table > 1:
		suffix = "-" + strconv.Itoa(table)
	}
	if format == "csv" && dialect == tablefile.CSVExcel {
		suffix += "-excel"
	}
	fileName := fmt.Sprintf("gapmap-%s-%s-v%d-%s%s.%s", name, d.Lang, d.Version, st.Day(), suffix, format)
	writeDownload(w, r, format, fileName, data)
	return nil
}

// exportDashboard is the page's built dashboard b as the exports take it.
func exportDashboard(l *graph.Landscape, req dashRequest, b *builtDashboard) *chart.Dashboard {
	return chart.NewDashboard(l, chart.Dashboard{
		Name: b.Name, Lang: req.lang, Version: b.Version, Changed: b.Changed, Query: req.q, SizeBy: req.size,
		Option: b.Option, View: b.View, Stage: b.Stage, Scenario: b.Scenario, ScenarioID: b.ScenarioID,
		Evidence: b.Evidence,
	})
}

// writeDownload writes data as an attachment named name.
func writeDownload(w http.ResponseWriter, r *http.Request, format, name string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", exportTypes[format])
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}
