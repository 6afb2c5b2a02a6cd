// Package chart draws the dashboards' charts as files: SVG, PNG and PDF,
// rendered by headless Chromium from the dashboards' own ECharts options
// with the ECharts script gapmap embeds (never a CDN). A Renderer keeps a
// bounded pool of tabs that have loaded the chart page; a chart's PDF is
// the chart, its caption, its tables, its recommendations and its sources,
// every label printed at 7 pt or more. Without Chromium the image formats
// answer with an UnavailableError that names the package to install.
package chart
