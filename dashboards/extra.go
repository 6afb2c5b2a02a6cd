package dashboards

import (
	"encoding/json"
	"maps"
	"strconv"
)

// withOptions is a go-echarts chart with option components that go-echarts
// does not model, or models without a field gapmap needs (a grid, a
// piecewise visual map with labelled pieces, a per-axis label width), set on
// top of the chart's own option.
type withOptions struct {
	Chart
	extra map[string]any
	// more are series added after the chart's own (a key's entries).
	more []any
}

// JSON returns the chart's option with the extra components.
func (w withOptions) JSON() map[string]any {
	m := w.Chart.JSON()
	maps.Copy(m, w.extra)
	if len(w.more) > 0 {
		var series []any
		if b, err := json.Marshal(m["series"]); err == nil {
			_ = json.Unmarshal(b, &series)
		}
		m["series"] = append(series, w.more...)
	}
	return m
}

// keySeries is a series with no data that only gives a legend entry its
// colour: the key to colours a chart gives its items (bars by sector).
func keySeries(name, colour string) map[string]any {
	return map[string]any{"type": "scatter", "name": name, "data": []any{}, "itemStyle": map[string]any{"color": colour}}
}

// piece is a piece of a piecewise visual map: one value, its label and
// colour.
type piece struct {
	Value int    `json:"value"`
	Label string `json:"label"`
	Color string `json:"color"`
}

// grid places a cartesian chart's plot area.
type grid struct {
	Left         string `json:"left,omitempty"`
	Right        string `json:"right,omitempty"`
	Top          string `json:"top,omitempty"`
	Bottom       string `json:"bottom,omitempty"`
	ContainLabel bool   `json:"containLabel"`
}

// itemLabel is a data item's own label: literal text drawn on the canvas.
type itemLabel struct {
	Show      bool   `json:"show"`
	Formatter string `json:"formatter,omitempty"`
	Color     string `json:"color,omitempty"`
}

func itoa(n int) string { return strconv.Itoa(n) }

// round1 rounds x to one decimal.
func round1(x float64) float64 {
	return float64(int64(x*10+0.5)) / 10
}
