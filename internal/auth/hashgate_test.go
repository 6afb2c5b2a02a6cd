package auth

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestHashGateBounds fills a gate with room for two hashes, and a queue of
// one: the third hash waits, the fourth is refused at once with EBUSY and
// a Retry-After, and a waiting hash is refused once its wait runs out.
func TestHashGateBounds(t *testing.T) {
	g := newHashGate(Config{HashMemory: 2 * 19 << 20, HashQueue: 1, HashWait: 200 * time.Millisecond})
	release := make(chan struct{})
	var running sync.WaitGroup
	for range 2 {
		running.Add(1)
		go g.run(context.Background(), 19<<10, func() { running.Done(); <-release })
	}
	running.Wait()
	queued := make(chan error, 1)
	go func() { queued <- g.run(context.Background(), 19<<10, func() {}) }()
	for g.waiting.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	err := g.run(context.Background(), 19<<10, func() { t.Error("a hash ran past a full queue") })
	if wait, busy := IsBusy(err); !busy || wait < time.Second {
		t.Errorf("past a full queue: %v; want EBUSY with a Retry-After of at least 1s", err)
	}
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Errorf("the refusal took %v; want it at once", d)
	}
	if err := <-queued; err == nil {
		t.Error("a queued hash ran although the gate stayed full past its wait")
	} else if _, busy := IsBusy(err); !busy {
		t.Errorf("a queued hash whose wait ran out: %v; want EBUSY", err)
	}
	close(release)
	if err := g.run(context.Background(), 19<<10, func() {}); err != nil {
		t.Errorf("after the hashes ended: %v", err)
	}
}

// TestHashGateChecksPasswords: the gate's check is CheckPassword's.
func TestHashGateChecksPasswords(t *testing.T) {
	g := newHashGate(Config{HashMemory: 1 << 20, HashQueue: 1, HashWait: time.Second})
	h, err := g.hash(context.Background(), TestParams, "a long passphrase")
	if err != nil {
		t.Fatal(err)
	}
	for pw, want := range map[string]bool{"a long passphrase": true, "another": false} {
		if got, err := g.check(context.Background(), h, pw); err != nil || got != want {
			t.Errorf("check(%q) = %v, %v; want %v", pw, got, err, want)
		}
	}
	if _, err := g.check(context.Background(), "not a hash", "x"); err == nil {
		t.Error("a malformed hash checked")
	}
}
