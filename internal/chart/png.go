package chart

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
)

// MaxScale is the largest PNG scale: a 1000-pixel chart at 4× is 4000
// pixels wide.
const MaxScale = 4

// PNG draws figure f as a PNG with ECharts' canvas renderer at scale times
// its size in CSS pixels (2 for print or a high-density screen), the caption
// above and the footnote below drawn into the image.
func (r *Renderer) PNG(ctx context.Context, f Figure, scale int) ([]byte, error) {
	if scale < 1 || scale > MaxScale {
		return nil, fmt.Errorf("export png: scale %d is not from 1 to %d", scale, MaxScale)
	}
	caption, footnote := f.paragraphs()
	d, err := r.draw(ctx, f.Option, drawRequest{Renderer: "canvas", Width: f.Width, Height: f.Height, Scale: float64(scale),
		Caption: caption, Footnote: footnote})
	if err != nil {
		return nil, fmt.Errorf("export png %s: %w", f.Dashboard, err)
	}
	data, ok := strings.CutPrefix(d.PNG, "data:image/png;base64,")
	if !ok {
		return nil, fmt.Errorf("export png %s: the browser returned no PNG", f.Dashboard)
	}
	png, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		return nil, fmt.Errorf("export png %s: %w", f.Dashboard, err)
	}
	return png, nil
}
