package chart

import "math"

// A chart's PDF prints the chart at the page's width (266 mm of A4 in
// landscape, 0.76 pt a pixel for a chart 1000 pixels wide) and at most
// pdfChartMaxMM high (report.html's "figure svg" max-height), which leaves
// room on the page for its title, caption and footnote. ECharts' smallest
// labels in gapmap's options are chartMinFontPx high; to print them at
// minPrintPt or more, a chart is drawn for the PDF at most
// pdfChartMaxHeight pixels high, and a taller chart (Pathways, Criticality
// with many services) is drawn shorter, its rows closer together.
const (
	pdfChartMaxMM = 148.0
	// reportChartMaxMM is the pack's report's "figure svg" max-height
	// (package pack's report.html), on pages laid out like a chart's PDF.
	reportChartMaxMM = 130.0
	chartMinFontPx   = 11.0
	minPrintPt       = 7.0
)

// pdfChartMaxHeight is 659 pixels.
func pdfChartMaxHeight() int { return printMaxHeight(pdfChartMaxMM) }

// printMaxHeight is the height in pixels of the tallest chart that prints
// its smallest labels at minPrintPt or more when it is at most mm high.
func printMaxHeight(mm float64) int {
	return int(math.Floor(mm / 25.4 * 72 * chartMinFontPx / minPrintPt))
}

// pdfFigure returns f drawn to print in a PDF: no taller than
// pdfChartMaxHeight.
func pdfFigure(f Figure) Figure {
	f.Height = min(f.Height, pdfChartMaxHeight())
	return f
}
