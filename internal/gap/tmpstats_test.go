package gap

import (
	"context"
	"testing"
	"time"
)

func TestTmpNorway(t *testing.T) {
	l := norway(t)
	ix, _ := NewIndex(l)
	for range 3 {
		an, _ := ix.newAnalysis(Query{}, Scenario{})
		var ts []time.Duration
		t0 := time.Now()
		cu := newCube(an)
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		cu.run(context.Background())
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		an.list(context.Background(), cu)
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		an.describeGaps(context.Background())
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		keys, _ := an.fragmentationSizes(context.Background())
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		an.reportFragmentation(context.Background(), keys)
		ts = append(ts, time.Since(t0))
		t0 = time.Now()
		an.finish()
		ts = append(ts, time.Since(t0))
		t.Logf("newCube, cube, list, describe, fragsizes, reportfrag, finish: %v", ts)
	}
	t0 := time.Now()
	ix.newAnalysis(Query{}, Scenario{})
	t.Logf("newAnalysis %v regions %d", time.Since(t0), len(ix.d.profileRegions))
}
