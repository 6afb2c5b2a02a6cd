package web

import (
	"time"

	"github.com/gapmap/gapmap/internal/chart"
)

// Exports configures the downloads of the dashboards: each chart as SVG,
// PNG and PDF, each table as CSV and XLSX, and the GRETA response pack.
type Exports struct {
	// Renderer draws the charts in headless Chromium; nil (or a renderer
	// without Chromium or ECharts) makes the chart exports and the pack
	// answer 503, while CSV and XLSX still work. The caller closes it after
	// the server has stopped.
	Renderer *chart.Renderer
	// Gapmap is gapmap's version, which every pack's manifest records.
	Gapmap string
	// Store and Data are the store the server reads ("embedded" or
	// "neo4j", and the embedded store's directory), which a pack's
	// manifest names in the command that makes the pack again.
	Store, Data string
	// JobTTL is how long a finished pack waits to be downloaded. [1h]
	JobTTL time.Duration
	// Now gives the date exports name; tests fix it. [time.Now]
	Now func() time.Time
}

// WithExports turns on the chart exports and the pack with e's renderer.
func WithExports(e Exports) Option {
	return func(s *Server) {
		s.exports = &e
	}
}

// withDefaults returns e (the zero Exports if nil) with its defaults.
func (e *Exports) withDefaults() Exports {
	var out Exports
	if e != nil {
		out = *e
	}
	if out.JobTTL <= 0 {
		out.JobTTL = time.Hour
	}
	if out.Now == nil {
		out.Now = time.Now
	}
	if out.Gapmap == "" {
		out.Gapmap = "dev"
	}
	return out
}
