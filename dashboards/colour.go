package dashboards

import (
	"fmt"
	"math"
	"strconv"
)

// Colours on a chart: the text on a coloured cell is black or white,
// whichever contrasts more with the cell, so that it reads at WCAG AA
// (4.5:1) on every colour the dashboards use.

// rgb parses "#rrggbb" or "#rgb".
func rgb(hex string) (r, g, b float64, ok bool) {
	if len(hex) == 4 && hex[0] == '#' {
		hex = string([]byte{'#', hex[1], hex[1], hex[2], hex[2], hex[3], hex[3]})
	}
	if len(hex) != 7 || hex[0] != '#' {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return float64(v>>16&0xff) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, true
}

// luminance is the WCAG relative luminance of "#rrggbb" or "#rgb".
func luminance(hex string) float64 {
	r, g, b, ok := rgb(hex)
	if !ok {
		return 0
	}
	lin := func(c float64) float64 {
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// Contrast is the WCAG contrast ratio of two colours, "#rrggbb" or "#rgb".
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// textOn returns the text colour for a cell of colour bg: black or white,
// whichever contrasts more.
func textOn(bg string) string {
	if Contrast(bg, "#000000") >= Contrast(bg, "#ffffff") {
		return "#000000"
	}
	return "#ffffff"
}

// hslHex returns the colour of hue h, saturation s and lightness l (all
// 0–1) as "#rrggbb".
func hslHex(h, s, l float64) string {
	f := func(n float64) float64 {
		k := math.Mod(n+h*12, 12)
		a := s * math.Min(l, 1-l)
		return l - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(f(0)*255)), int(math.Round(f(8)*255)), int(math.Round(f(4)*255)))
}
