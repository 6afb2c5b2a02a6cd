package web

import (
	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/evidence"
	"github.com/gapmap/gapmap/internal/gap"
)

// gapResultJSON is a gap result as the API gives it: the result, and the
// studies on the needs of its gaps (evidence.OnGaps), each entry with the
// sentence that says when none has Norwegian data.
type gapResultJSON struct {
	*gap.Result
	Studies []evidence.NeedStudies `json:"studies"`
}

func withStudies(l *graph.Landscape, res *gap.Result) gapResultJSON {
	return gapResultJSON{Result: res, Studies: evidence.OnGaps(l, res)}
}
