// Package echartsjs holds the ECharts script that gapmap draws its charts
// with, embedded in the binary: the web pages serve it (internal/web) and the
// chart exports run it in headless Chromium (internal/chart), so that a
// downloaded chart is drawn by the same ECharts as the one on screen.
//
// The script is not committed. The build copies it from npm (the Makefile's
// assets target: node_modules/echarts/dist/echarts.min.js, the version pinned
// in package.json) into dist/ before go build. Without it the program still
// builds and runs: pages say that charts are unavailable, and chart exports
// fail with a clear error, while tables and the other exports work.
package echartsjs

import (
	"embed"
	"io/fs"
)

// dist holds the script, if the build copied it, and a README (committed,
// so that the directory is never empty and the embed always compiles).
//
//go:embed dist
var dist embed.FS

// FileName is the script's file name, the name it is served under.
const FileName = "echarts.min.js"

// Script returns the ECharts script, and false when the build did not copy
// it into dist/.
func Script() ([]byte, bool) {
	b, err := fs.ReadFile(dist, "dist/"+FileName)
	if err != nil || len(b) == 0 {
		return nil, false
	}
	return b, true
}
