package pack

import (
	"bytes"
	"errors"
	"testing"

	"github.com/gapmap/gapmap/internal/chart"
)

// TestPackWithoutChromium checks that a pack that cannot be drawn says so,
// as an UnavailableError, and writes nothing.
func TestPackWithoutChromium(t *testing.T) {
	r := chart.NewRenderer(chart.RendererOptions{Chromium: "/nonexistent/chromium", Script: []byte("/* ECharts */")})
	defer r.Close()
	var un *chart.UnavailableError
	var buf bytes.Buffer
	if _, err := Write(testCtx(t), &buf, chartLandscape(t), r, Request{Stamp: testStamp}); !errors.As(err, &un) {
		t.Errorf("pack without Chromium: error %v, want an UnavailableError", err)
	}
	if buf.Len() != 0 {
		t.Errorf("pack without Chromium wrote %d bytes", buf.Len())
	}
}
