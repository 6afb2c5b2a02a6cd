package graph

import "sync"

// derived holds what other packages compute from a snapshot and keep with it
// (the gap engine's index and its results), so that a cache lives exactly as
// long as the snapshot it describes and no package keeps one of its own.
type derived struct {
	mu sync.Mutex
	m  map[any]*derivedValue
}

type derivedValue struct {
	once sync.Once
	v    any
}

// Derived returns the value kept with l under key, building it with build
// the first time it is asked for; concurrent callers of the same key wait
// for that one build. A snapshot is immutable, so what is derived from it
// never goes stale; key should be a value of an unexported type of the
// calling package, as with context keys. A Landscape not made by
// NewLandscape keeps nothing and builds every time.
func (l *Landscape) Derived(key any, build func() any) any {
	if l.derived == nil {
		return build()
	}
	d := l.derived
	d.mu.Lock()
	e, ok := d.m[key]
	if !ok {
		e = &derivedValue{}
		d.m[key] = e
	}
	d.mu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v
}
