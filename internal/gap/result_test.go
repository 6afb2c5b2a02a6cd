package gap

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/graph"
)

var snake = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// keys calls f with every object key in v, except those of the names map
// (which are node ids).
func keys(v any, f func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			f(k)
			if k != "names" {
				keys(e, f)
			}
		}
	case []any:
		for _, e := range x {
			keys(e, f)
		}
	}
}

func TestResultJSON(t *testing.T) {
	l := mini().build(t)
	sc := Scenario{Changes: []Change{{Kind: CloseService, Service: "clinic"}}}
	res, err := Analyse(context.Background(), l, Query{}, sc)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	keys(v, func(k string) {
		if !snake.MatchString(k) {
			t.Errorf("JSON key %q is not snake_case", k)
		}
	})
	// The group of 3 appears as "<5", never as 3.
	if leak := regexp.MustCompile(`"people[a-z_]*":[1-4][,}]`).Find(b); leak != nil {
		t.Errorf("a suppressed count leaks: %s", leak)
	}
	if !regexp.MustCompile(`"people_affected":"\\u003c5"`).Match(b) {
		t.Errorf("no suppressed people_affected in %s", b)
	}
	for _, want := range []string{`"kinds":["fragile"]`, `"names":{`, `"sources":[{"id":"law","kind":"law"`, `"recommendations":[{"id":"greta_gp","body":"GRETA"`, `"diff":{`} {
		if !regexp.MustCompile(regexp.QuoteMeta(want)).Match(b) {
			t.Errorf("JSON lacks %s", want)
		}
	}
}

// TestDeterministicAndConcurrent runs the same analyses from many goroutines
// on one landscape and compares their JSON with a run alone.
func TestDeterministicAndConcurrent(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for i := range 10 {
		l := generate(t, rng, small(rng))
		var qs []Query
		var scs []Scenario
		for range 4 {
			qs = append(qs, randomQuery(rng, l))
			scs = append(scs, randomScenario(rng, l))
		}
		ix, err := NewIndex(l)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]string, len(qs))
		for k := range qs {
			res, err := ix.Analyse(context.Background(), qs[k], scs[k])
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(res)
			want[k] = string(b)
		}
		var wg sync.WaitGroup
		for g := range 16 {
			wg.Go(func() {
				k := g % len(qs)
				res, err := Analyse(context.Background(), l, qs[k], scs[k])
				if err != nil {
					t.Error(err)
					return
				}
				b, _ := json.Marshal(res)
				if string(b) != want[k] {
					t.Errorf("landscape %d, query %d: concurrent result differs", i, k)
				}
			})
		}
		wg.Wait()
	}
}

func TestPaging(t *testing.T) {
	l := mini().build(t)
	all, err := Analyse(context.Background(), l, miniQuery, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	q := miniQuery
	q.Offset, q.Limit = 5, 3
	page, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(all.Gaps[5:8], page.Gaps); diff != "" {
		t.Errorf("page mismatch (-want +got):\n%s", diff)
	}
	if page.GapsTotal != all.GapsTotal || all.GapsTotal != len(all.Gaps) {
		t.Errorf("totals: page %d, all %d with %d gaps", page.GapsTotal, all.GapsTotal, len(all.Gaps))
	}
	q.Offset = 1000
	empty, err := Analyse(context.Background(), l, q, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	if len(empty.Gaps) != 0 || empty.Gaps == nil {
		t.Errorf("past the end: %v, want an empty list", empty.Gaps)
	}
}

func TestGroupGaps(t *testing.T) {
	l := mini().build(t)
	res, err := GroupGaps(context.Background(), l, "undoc_women_oslo", Query{Limit: -1}, Scenario{})
	if err != nil {
		t.Fatal(err)
	}
	var cells []string
	for _, g := range res.Gaps {
		cells = append(cells, fmt.Sprintf("%s %v", g.Cell.Profile, g.Kinds))
		if g.Need != "gp" || g.Profile.Region != "oslo" || g.Profile.Status != "undocumented" || g.Profile.Gender != graph.Female || g.Profile.AgeBand != graph.AgeAdult {
			t.Errorf("gap outside the group: %+v", g.Cell)
		}
	}
	// One cell per exploitation type: the clinic alone, a project.
	want := []string{"female/adult/undocumented/labour/oslo [fragile]", "female/adult/undocumented/sexual/oslo [fragile]"}
	if diff := cmp.Diff(want, cells); diff != "" {
		t.Errorf("gaps mismatch (-want +got):\n%s", diff)
	}
	if len(res.Groups) != 1 || res.Groups[0].Group != "undoc_women_oslo" || res.Groups[0].Profiles != 2 || res.Groups[0].People.String() != "<5" {
		t.Errorf("groups: %+v", res.Groups)
	}
	if len(res.GroupFragmentation) != 1 || res.GroupFragmentation[0].Profiles != 2 || res.GroupFragmentation[0].Organisations.Size != 1 {
		t.Errorf("group fragmentation: %+v", res.GroupFragmentation)
	}
}

// TestMemosChangeNothing analyses random landscapes with the block
// scanner's memo off, small and at its default.
func TestMemosChangeNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	for i := range 100 {
		l := generate(t, rng, small(rng))
		q, sc := randomQuery(rng, l), randomScenario(rng, l)
		ix, err := NewIndex(l)
		if err != nil {
			t.Fatal(err)
		}
		var want string
		for _, capacity := range []int{maxBlockMemo, 0, 1, 3} {
			an, err := ix.newAnalysis(q, sc)
			if err != nil {
				t.Fatal(err)
			}
			if capacity != maxBlockMemo {
				an.p.blockMemo = capacity
			}
			res, err := an.run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(res)
			if want == "" {
				want = string(b)
			} else if string(b) != want {
				t.Fatalf("%d: memo capacity %d changes the result", i, capacity)
			}
		}
	}
}
