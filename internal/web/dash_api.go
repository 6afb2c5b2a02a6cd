package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/gapmap/gapmap/dashboards"
	"github.com/gapmap/gapmap/internal/gap"
)

// apiChart is the JSON twin of a dashboard: the ECharts option and the table
// under it, with what they cite, so that the chart can be embedded
// elsewhere and exported identically.
type apiChart struct {
	Dashboard       string                  `json:"dashboard"`
	Version         int64                   `json:"version"`
	Query           map[string][]string     `json:"query"`
	Option          any                     `json:"option"`
	Table           dashboards.Table        `json:"table"`
	Tables          []dashboards.Table      `json:"tables,omitempty"`
	Notes           []string                `json:"notes"`
	Stage           string                  `json:"stage,omitempty"`
	Scenario        *gap.Scenario           `json:"scenario,omitempty"`
	Sources         []gap.SourceRef         `json:"sources"`
	Recommendations []gap.RecommendationRef `json:"recommendations"`
}

// api serves GET /api/v1/charts/{name}.
func (d *dashHandlers) api(w http.ResponseWriter, r *http.Request) error {
	name := mux.Vars(r)["name"]
	if err := knownDashboard(name); err != nil {
		return err
	}
	req, err := d.s.dashRequestOf(r, name)
	if err != nil {
		return err
	}
	b, err := d.built(r.Context(), req)
	if err != nil {
		return err
	}
	b.apiOnce.Do(func() {
		var buf bytes.Buffer
		b.apiErr = json.NewEncoder(&buf).Encode(apiChartOf(req, b))
		b.apiBody = buf.Bytes()
	})
	if b.apiErr != nil {
		return fmt.Errorf("encode JSON: %w", b.apiErr)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b.apiBody)
	}
	return nil
}

// uploadAPI serves POST /api/v1/charts/whatif: the body is a scenario in
// YAML or JSON.
func (d *dashHandlers) uploadAPI(w http.ResponseWriter, r *http.Request) error {
	text, err := readUpload(w, r, false)
	if err != nil {
		return err
	}
	req, err := d.s.dashRequestOf(r, "whatif")
	if err != nil {
		return err
	}
	req.upload, req.scenario = text, uploadKey(text)
	b, err := d.built(r.Context(), req)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, "application/json", apiChartOf(req, b))
}

func apiChartOf(req dashRequest, b *builtDashboard) apiChart {
	q := map[string][]string(req.filters)
	if q == nil {
		q = map[string][]string{}
	}
	out := apiChart{
		Dashboard: b.Name, Version: b.Version, Query: q, Option: b.Option,
		Table: b.View.Table, Tables: b.View.More, Notes: b.View.Notes, Stage: b.Stage, Scenario: b.Scenario,
		Sources: b.View.Sources, Recommendations: b.View.Recommendations,
	}
	if out.Sources == nil {
		out.Sources = []gap.SourceRef{}
	}
	if out.Recommendations == nil {
		out.Recommendations = []gap.RecommendationRef{}
	}
	return out
}
