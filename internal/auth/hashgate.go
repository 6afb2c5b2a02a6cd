package auth

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// BusyError is returned when a password cannot be hashed now: the hashes
// running take the memory the gate allows and the queue is full (or the
// wait in it ran out). RetryAfter says when to try again.
type BusyError struct {
	RetryAfter time.Duration
}

func (e *BusyError) Error() string { return e.err().Error() }

// Unwrap gives ErrorCode the EBUSY error.
func (e *BusyError) Unwrap() error { return e.err() }

func (e *BusyError) err() *Error {
	return Errorf(EBUSY, "the server is busy signing others in; try again in a few seconds")
}

// IsBusy reports whether err is a full hashing queue, and when to retry.
func IsBusy(err error) (time.Duration, bool) {
	var be *BusyError
	if errors.As(err, &be) {
		return be.RetryAfter, true
	}
	return 0, false
}

// hashGate bounds the memory that argon2id takes: each hash holds its
// memory cost (in KiB, from its parameters) of a weighted semaphore sized to
// Config.HashMemory, so that however many sign-ins arrive at once the hashes
// running never need more than that. A hash that cannot start waits in a
// queue of at most Config.HashQueue, for at most Config.HashWait; one that
// finds the queue full, or waits too long, is refused at once with a
// BusyError, which costs no memory.
type hashGate struct {
	sem     *semaphore.Weighted
	size    int64 // KiB
	queue   int64
	wait    time.Duration
	waiting atomic.Int64
}

func newHashGate(cfg Config) *hashGate {
	size := max(cfg.HashMemory>>10, 1)
	return &hashGate{sem: semaphore.NewWeighted(size), size: size, queue: int64(cfg.HashQueue), wait: cfg.HashWait}
}

// run runs fn, a hash that takes memKiB of memory, once the gate has room
// for it.
func (g *hashGate) run(ctx context.Context, memKiB uint32, fn func()) error {
	w := min(max(int64(memKiB), 1), g.size)
	if !g.sem.TryAcquire(w) {
		if g.waiting.Add(1) > g.queue {
			g.waiting.Add(-1)
			return &BusyError{RetryAfter: max(g.wait, time.Second)}
		}
		wctx, cancel := context.WithTimeout(ctx, g.wait)
		err := g.sem.Acquire(wctx, w)
		cancel()
		g.waiting.Add(-1)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("wait to check a password: %w", ctx.Err())
			}
			return &BusyError{RetryAfter: max(g.wait, time.Second)}
		}
	}
	defer g.sem.Release(w)
	fn()
	return nil
}

// hash returns the argon2id hash of pw with params p, through the gate.
func (g *hashGate) hash(ctx context.Context, p Params, pw string) (string, error) {
	var (
		h   string
		err error
	)
	if gerr := g.run(ctx, p.Memory, func() { h, err = HashPassword(p, pw) }); gerr != nil {
		return "", gerr
	}
	return h, err
}

// check reports whether pw matches the PHC string encoded, through the
// gate, which it enters with the memory cost encoded names.
func (g *hashGate) check(ctx context.Context, encoded, pw string) (bool, error) {
	p, _, _, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	var match bool
	if gerr := g.run(ctx, p.Memory, func() { match, err = CheckPassword(encoded, pw) }); gerr != nil {
		return false, gerr
	}
	return match, err
}
