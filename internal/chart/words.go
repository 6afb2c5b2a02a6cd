package chart

import (
	"fmt"
	"sync"

	"github.com/gapmap/gapmap/internal/locale"
)

// words are the words of the chart files, the PDF report and the pack: the
// chart domain of the message catalogue embedded in internal/locale
// (messages/<language>/chart.json), parsed once. A key missing in "nb"
// falls back to "en", and a key missing in both prints as itself.
var words = sync.OnceValue(func() *locale.Domain {
	c, err := locale.New()
	if err != nil {
		panic(fmt.Sprintf("chart: the embedded message catalogue: %v", err)) // a build fault: the locale tests parse it
	}
	return c.Domain("chart")
})

// xword returns the export word for key in lang, or key itself.
func xword(lang, key string) string { return words().Text(lang, key) }

// xwordf formats the export word for key in lang with args, with lang's
// number formats and plural choices.
func xwordf(lang, key string, args ...any) string { return words().Sprintf(lang, key, args...) }

// DashboardTitle returns the title of dashboard name in lang.
func DashboardTitle(name, lang string) string { return xword(lang, "dash."+name) }
