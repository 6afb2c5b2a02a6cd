package pack

import "github.com/gapmap/gapmap/internal/chart"

// The pack's words are the chart exports' (chart.Word, the locale's chart
// domain): the report prints a diagram's caption and citations as a
// chart's PDF does.

func xword(lang, key string) string { return chart.Word(lang, key) }

func xwordf(lang, key string, args ...any) string { return chart.Wordf(lang, key, args...) }
