package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/chart"
	"github.com/gapmap/gapmap/internal/pack"
	"github.com/gapmap/gapmap/internal/tablefile"
	"github.com/gapmap/gapmap/internal/web/exportjobs"
)

// startPack serves POST /exports/pack: it starts making a GRETA response
// pack for the filters of the query string (those of the dashboard page the
// button is on), in the page's language, and redirects to the job's status
// page. ?dashboard= (repeated) chooses the diagrams, ?scenario= the what-if
// example (which, alone, adds the what-if diagram to the usual ones), the
// form's csv=excel CSV files for Excel on Norwegian settings. The cross-origin protection of every POST keeps other sites from
// starting one.
func (e *exportHandlers) startPack(w http.ResponseWriter, r *http.Request) error {
	if err := e.cfg.Renderer.Check(); err != nil {
		var un *chart.UnavailableError
		if errors.As(err, &un) {
			return &graph.Error{Code: codeUnavailable, Message: un.Reason}
		}
		return err
	}
	q, err := e.s.gapQuery(r)
	if err != nil {
		return err
	}
	q.Kinds, q.Limit, q.Offset = nil, 0, 0
	v := r.URL.Query()
	names := values(v, "dashboard")
	if len(names) == 0 && v.Get("scenario") != "" {
		// From the what-if page: its scenario after the usual diagrams.
		names = append(slices.Clone(chart.PackDashboards), "whatif")
	}
	for _, n := range names {
		if !slices.Contains(chart.Dashboards, n) {
			return graph.FieldError("query", "dashboard", "no dashboard %q", n)
		}
	}
	dialect, err := tablefile.ParseCSVDialect(r.FormValue("csv"))
	if err != nil {
		return graph.FieldError("form", "csv", "%s", err)
	}
	l, err := e.s.landscape()
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	now := e.cfg.Now()
	job, err := e.jobs.Add(lang, e.s.clientAddr(r), now)
	if err != nil {
		w.Header().Set("Retry-After", strconv.Itoa(int(exportjobs.RetryAfter/time.Second)))
		return err
	}
	req := pack.Request{Lang: lang, Query: q, Dashboards: names, ScenarioID: v.Get("scenario"), CSV: dialect,
		Store: e.cfg.Store, Data: e.cfg.Data,
		Stamp: chart.Stamp{Date: now, Gapmap: e.cfg.Gapmap}, Progress: job.Progress}
	reqID := requestID(r.Context())
	if !e.jobs.Run(func(ctx context.Context) { e.makePack(ctx, job, l, req, reqID) }) {
		job.Finish("", nil, translate(lang, "export.busy.server"), e.cfg.Now())
		return &graph.Error{Code: codeUnavailable, Message: translate(lang, "export.busy.server")}
	}
	u := url.URL{Path: "/exports/jobs/" + job.ID(), RawQuery: url.Values{"lang": {lang}}.Encode()}
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
	return nil
}

// makePack makes the pack of job; it runs on its own, the request that
// started it long gone, until ctx ends (the server closes).
func (e *exportHandlers) makePack(ctx context.Context, job *exportjobs.Job, l *graph.Landscape, req pack.Request, reqID string) {
	var buf bytes.Buffer
	release, err := e.jobs.Turn(ctx)
	if err == nil {
		_, err = pack.Write(ctx, &buf, l, e.cfg.Renderer, req)
		release()
	}
	name := fmt.Sprintf("gapmap-pack-%s-v%d-%s.zip", job.Lang(), l.Version(), req.Stamp.Day())
	if err == nil {
		job.Finish(name, buf.Bytes(), "", e.cfg.Now())
		e.s.log.Info("pack made", "job", job.ID(), "bytes", buf.Len(), "request_id", reqID)
		return
	}
	msg := translate(job.Lang(), "export.job.failed")
	var un *chart.UnavailableError
	switch {
	case errors.As(err, &un):
		msg = un.Reason
	case graph.ErrorCode(err) == graph.EINVALID || graph.ErrorCode(err) == graph.ENOTFOUND:
		msg = graph.ErrorMessage(err)
	}
	e.s.log.Error("pack failed", "job", job.ID(), "err", err, "request_id", reqID)
	job.Finish("", nil, msg, e.cfg.Now())
}

// exportJobPage is the data of a pack's status page.
type exportJobPage struct {
	page
	Status exportjobs.Status
	// Percent is how far the job is; Refresh makes the page reload itself
	// while it runs.
	Percent  int
	Refresh  bool
	Download string
	Expires  string
}

// jobPage serves GET /exports/jobs/{id}: the pack's progress, refreshing
// itself every two seconds (a meta refresh: the page has no script) until
// the pack can be downloaded.
func (e *exportHandlers) jobPage(w http.ResponseWriter, r *http.Request) error {
	job, err := e.jobs.Get(mux.Vars(r)["id"], e.cfg.Now())
	if err != nil {
		return err
	}
	lang := langOf(r.Context())
	st := job.Status(e.jobs.TTL())
	data := exportJobPage{page: e.s.newPage(r, translate(lang, "export.job.title")), Status: st, Refresh: !st.Done}
	if st.Step.Total > 0 {
		data.Percent = 100 * st.Step.Done / st.Step.Total
	}
	if st.Done && st.Err == "" {
		data.Download = "/exports/jobs/" + url.PathEscape(st.ID) + "/download"
		data.Expires = st.Expires.UTC().Format("2006-01-02 15:04 UTC")
	}
	w.Header().Set("Cache-Control", "no-store")
	return e.s.render(w, r, http.StatusOK, "export_job", data)
}

// download serves GET /exports/jobs/{id}/download: the pack, once made.
func (e *exportHandlers) download(w http.ResponseWriter, r *http.Request) error {
	job, err := e.jobs.Get(mux.Vars(r)["id"], e.cfg.Now())
	if err != nil {
		return err
	}
	name, data, ok := job.File()
	if !ok {
		st := job.Status(e.jobs.TTL())
		if st.Done {
			return graph.Errorf(graph.ENOTFOUND, "the pack could not be made: %s", st.Err)
		}
		return graph.Errorf(graph.ECONFLICT, "the pack is not ready yet; its status page says when it is")
	}
	writeDownload(w, r, "zip", name, data)
	return nil
}
