package graph

import (
	"sync"
	"sync/atomic"
	"testing"
)

type testKey struct{ name string }

// TestDerived: a value derived from a snapshot is built once, even by
// concurrent callers, is kept per key and per snapshot, and a Landscape not
// made by NewLandscape builds every time without keeping anything.
func TestDerived(t *testing.T) {
	a, err := NewLandscape(1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewLandscape(1, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var builds atomic.Int32
	build := func(v string) func() any {
		return func() any { builds.Add(1); return &v }
	}
	var wg sync.WaitGroup
	got := make([]any, 16)
	for i := range got {
		wg.Go(func() { got[i] = a.Derived(testKey{"x"}, build("ax")) })
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds by concurrent callers, want 1", n)
	}
	for _, v := range got {
		if v != got[0] {
			t.Fatal("concurrent callers got different values")
		}
	}
	if v := a.Derived(testKey{"y"}, build("ay")); *v.(*string) != "ay" {
		t.Errorf("another key gave %q", *v.(*string))
	}
	if v := b.Derived(testKey{"x"}, build("bx")); *v.(*string) != "bx" {
		t.Errorf("another snapshot gave %q: snapshots share what they keep", *v.(*string))
	}
	if v := a.Derived(testKey{"x"}, build("again")); *v.(*string) != "ax" {
		t.Errorf("asked again: %q, want the kept value", *v.(*string))
	}
	var bare Landscape
	bare.Derived(testKey{"x"}, build("1"))
	if v := bare.Derived(testKey{"x"}, build("2")); *v.(*string) != "2" {
		t.Errorf("a bare Landscape kept %q", *v.(*string))
	}
}
