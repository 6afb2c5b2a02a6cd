package dashboards

import (
	"encoding/json"
	"fmt"
)

// Chart is what every go-echarts chart provides: Validate fills in the
// defaults its series need, JSON returns its option.
type Chart interface {
	Validate()
	JSON() map[string]any
}

// Option validates c and returns its ECharts option as JSON. The JSON has
// '<', '>' and '&' escaped (as \u003c, \u003e, \u0026), so a name such as
// "</script>" cannot end the data island the page puts it in. It has no
// JavaScript functions: a page reads it with JSON.parse.
func Option(c Chart) (json.RawMessage, error) {
	c.Validate()
	b, err := json.Marshal(c.JSON())
	if err != nil {
		return nil, fmt.Errorf("marshal chart option: %w", err)
	}
	return b, nil
}
