package dashboards

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Chart is what every go-echarts chart provides: Validate fills in the
// defaults its series need, JSON returns its option.
type Chart interface {
	Validate()
	JSON() map[string]any
}

// Option validates c and returns its ECharts option as JSON, made legible
// (see legible). The JSON has '<', '>' and '&' escaped (as \u003c, \u003e,
// \u0026), so a name such as "</script>" cannot end the data island the
// page puts it in. It has no JavaScript functions: a page reads it with
// JSON.parse.
func Option(c Chart) (json.RawMessage, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var o map[string]any
	if err := d.Decode(&o); err != nil {
		return nil, fmt.Errorf("read chart option: %w", err)
	}
	legible(o)
	if b, err = json.Marshal(o); err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	return b, nil
}

// palette is the colours of the series of a chart that does not colour
// them itself: twenty that differ, so that no two series share one.
var palette = []string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
	"#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94",
	"#f7b6d2", "#393b79", "#dbdb8d", "#9edae5",
}

// seriesColours returns n colours, all different: the palette, then
// further hues around the colour wheel.
func seriesColours(n int) []string {
	out := make([]string, 0, max(n, len(palette)))
	out = append(out, palette...)
	for i := len(palette); i < n; i++ {
		// Golden-angle hues at two lightnesses.
		h := float64(i*137%360) / 360
		l := 0.35
		if i%2 == 1 {
			l = 0.6
		}
		out = append(out, hslHex(h, 0.65, l))
	}
	return out
}

// maxAxisTip is the most series a tooltip lists for a whole bar.
const maxAxisTip = 8

// legible makes option o read on any screen and on paper, whatever the
// dashboard: tooltips stay inside the chart; legends are never paged (a
// plain legend wraps onto more lines, and the page script makes room for
// them); labels that do not fit wrap instead of being cut; series that the
// chart does not colour get colours that differ; and two labels of the same
// axis never read the same.
func legible(o map[string]any) {
	for _, tip := range components(o, "tooltip") {
		tip["confine"] = true
		// A long tooltip wraps within the chart rather than outgrow it.
		tip["extraCssText"] = "max-width: 100%; white-space: normal; overflow-wrap: anywhere;"
	}
	for _, lg := range components(o, "legend") {
		if lg["type"] == "scroll" {
			delete(lg, "type")
		}
		if lg["selectedMode"] == "false" {
			lg["selectedMode"] = false
		}
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		for _, ax := range components(o, key) {
			if lbl, ok := ax["axisLabel"].(map[string]any); ok && lbl["overflow"] == "truncate" {
				lbl["overflow"] = "break"
			}
			if data, ok := ax["data"].([]any); ok {
				distinctLabels(data)
			}
		}
	}
	series := components(o, "series")
	if len(series) > maxAxisTip {
		// A tooltip of every series of a bar would be taller than the chart:
		// each bar segment gets its own.
		for _, tip := range components(o, "tooltip") {
			if tip["trigger"] == "axis" {
				tip["trigger"] = "item"
				delete(tip, "axisPointer")
			}
		}
	}
	if len(series) > 1 {
		o["color"] = seriesColours(len(series))
	}
}

// components returns the component key of o as a list of objects (ECharts
// takes one object or a list of them).
func components(o map[string]any, key string) []map[string]any {
	switch v := o[key].(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, c := range v {
			if m, ok := c.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// distinctLabels numbers the labels of data that read the same as an
// earlier one: "Health centre", "Health centre (2)". Dashboards name what
// tells them apart where they can (uniqueLabels); this is the last resort.
func distinctLabels(data []any) {
	seen := map[string]int{}
	for i, d := range data {
		s, ok := d.(string)
		if !ok {
			continue
		}
		seen[s]++
		if n := seen[s]; n > 1 {
			label := s + " (" + strconv.Itoa(n) + ")"
			for seen[label] > 0 {
				n++
				label = s + " (" + strconv.Itoa(n) + ")"
			}
			seen[label]++
			data[i] = label
		}
	}
}

// uniqueLabels returns labels where every label that more than one item
// shares is followed by what tells the items apart, more(i) (as the
// organisation that runs a service): "Health centre (Oslo kommune)".
func uniqueLabels(labels []string, more func(i int) string) []string {
	count := map[string]int{}
	for _, l := range labels {
		count[l]++
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		if count[l] > 1 {
			if m := more(i); m != "" && m != l {
				out[i] = l + " (" + m + ")"
			}
		}
	}
	return out
}
