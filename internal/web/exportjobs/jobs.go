// Package exportjobs keeps the export jobs that outlive their request (the
// GRETA response packs): each is made in the background, a bounded number
// at once, limited per client and in total, kept for download for a while
// in this instance's memory, and stopped when the server closes.
package exportjobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/pack"
)

// Limits on the pack jobs of one instance. A pack takes Chromium and
// memory for seconds to minutes; an anonymous client may start one, so
// the work is bounded per client and in total, and a finished pack never
// holds a slot: 32 packs posted in a row no longer lock everyone out for
// the hour the packs are kept.
const (
	// CodeTooMany is the error code of a client over its share (a 429),
	// CodeUnavailable of an instance with as many jobs as it takes (a 503).
	CodeTooMany     = "too_many_requests"
	CodeUnavailable = "unavailable"
	// MaxRunning packs are made at once; up to MaxQueued more
	// wait for a turn.
	MaxRunning = 2
	MaxQueued  = 4
	// MaxPerClient is how many packs one client (its address) may have
	// made or waiting at once.
	MaxPerClient = 1
	// MaxKept finished packs are kept for download; beyond it the
	// oldest finished one is forgotten, the client's own first.
	MaxKept = 32
	// Timeout bounds the making of one pack, its wait included.
	Timeout = 10 * time.Minute
	// RetryAfter is what Retry-After says to a client refused a pack.
	RetryAfter = 30 * time.Second
)

// Jobs are the GRETA packs being made or waiting to be downloaded. They
// live in the memory of this instance only: a status page or a download
// that reaches another instance (behind a load balancer without sticky
// sessions) finds no such job, and a restart forgets them. A finished job
// is kept for ttl, then forgotten.
type Jobs struct {
	ttl   time.Duration
	words Words
	// slots holds a token for each pack being made.
	slots chan struct{}
	mu    sync.Mutex
	jobs  map[string]*Job

	// background is the context of the jobs running: stop cancels it,
	// running counts them; runMu orders Run's Add before Close's Wait.
	background context.Context
	stop       context.CancelFunc
	running    sync.WaitGroup
	runMu      sync.Mutex
}

// Words gives the text of a message key ("export.busy.client",
// "export.busy.server") in language lang: the web layer's catalogue.
type Words func(lang, key string) string

// Job is one pack: its progress, then its file or its error.
type Job struct {
	id      string
	lang    string
	client  string
	created time.Time

	mu       sync.Mutex
	step     pack.Step
	done     bool
	err      string
	data     []byte
	name     string
	finished time.Time
}

// Status is a job's state as a page shows it.
type Status struct {
	ID       string
	Step     pack.Step
	Done     bool
	Err      string
	Name     string
	Size     int
	Finished time.Time
	Expires  time.Time
}

// New returns the jobs of an instance: a finished one is kept for ttl;
// words gives the text of a refusal in the client's language.
func New(ttl time.Duration, words Words) *Jobs {
	ctx, stop := context.WithCancel(context.Background())
	return &Jobs{ttl: ttl, words: words, slots: make(chan struct{}, MaxRunning), jobs: map[string]*Job{},
		background: ctx, stop: stop}
}

// TTL is how long a finished job is kept.
func (pj *Jobs) TTL() time.Duration { return pj.ttl }

// Run runs job on its own goroutine, with a context that ends after
// Timeout or when the jobs close; it reports false, running nothing, once
// they have closed.
func (pj *Jobs) Run(job func(ctx context.Context)) bool {
	pj.runMu.Lock()
	defer pj.runMu.Unlock()
	if pj.background.Err() != nil {
		return false
	}
	pj.running.Add(1)
	go func() {
		defer pj.running.Done()
		ctx, cancel := context.WithTimeout(pj.background, Timeout)
		defer cancel()
		job(ctx)
	}()
	return true
}

// Close stops the jobs being made or waiting for a turn (their context
// ends, and they end as failed) and waits until every one has returned,
// or until ctx ends. Jobs started after Close do not run.
func (pj *Jobs) Close(ctx context.Context) error {
	pj.runMu.Lock()
	pj.stop()
	pj.runMu.Unlock()
	done := make(chan struct{})
	go func() {
		pj.running.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop the export jobs: %w", ctx.Err())
	}
}

// Add starts keeping a new job of client, or refuses: CodeTooMany when the
// client has MaxPerClient packs in the making, CodeUnavailable when the
// instance has as many as it makes and queues. Both say when to retry
// (RetryAfter).
func (pj *Jobs) Add(lang, client string, now time.Time) (*Job, error) {
	pj.mu.Lock()
	defer pj.mu.Unlock()
	pj.expire(now)
	inFlight, ofClient := 0, 0
	for _, j := range pj.jobs {
		if !j.Status(pj.ttl).Done {
			inFlight++
			if j.client == client {
				ofClient++
			}
		}
	}
	switch {
	case ofClient >= MaxPerClient:
		return nil, &graph.Error{Code: CodeTooMany, Message: pj.words(lang, "export.busy.client")}
	case inFlight >= MaxRunning+MaxQueued:
		return nil, &graph.Error{Code: CodeUnavailable, Message: pj.words(lang, "export.busy.server")}
	}
	for len(pj.jobs) >= MaxKept {
		if !pj.forgetOldest(client) {
			break
		}
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	j := &Job{id: hex.EncodeToString(b[:]), lang: lang, client: client, created: now}
	pj.jobs[j.id] = j
	return j, nil
}

// ID is the job's id, in the URLs of its page and its download.
func (j *Job) ID() string { return j.id }

// Lang is the language the job was asked in.
func (j *Job) Lang() string { return j.lang }

// forgetOldest forgets the finished job that finished first, of client if
// it has one; it reports whether it forgot one. pj.mu is held.
func (pj *Jobs) forgetOldest(client string) bool {
	var oldest *Job
	var oldestAt time.Time
	for _, j := range pj.jobs {
		st := j.Status(pj.ttl)
		if !st.Done {
			continue
		}
		own := j.client == client
		better := oldest == nil ||
			own && oldest.client != client ||
			own == (oldest.client == client) && st.Finished.Before(oldestAt)
		if better {
			oldest, oldestAt = j, st.Finished
		}
	}
	if oldest == nil {
		return false
	}
	delete(pj.jobs, oldest.id)
	return true
}

// Turn waits for a slot to make a pack in; release gives it back. It fails
// when ctx ends first.
func (pj *Jobs) Turn(ctx context.Context) (release func(), err error) {
	select {
	case pj.slots <- struct{}{}:
		return func() { <-pj.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Get returns job id, if it is kept.
func (pj *Jobs) Get(id string, now time.Time) (*Job, error) {
	pj.mu.Lock()
	defer pj.mu.Unlock()
	pj.expire(now)
	j, ok := pj.jobs[id]
	if !ok {
		return nil, graph.Errorf(graph.ENOTFOUND, "no pack %q on this server: it expired, the server restarted, or another instance made it", id)
	}
	return j, nil
}

// expire forgets the jobs that finished more than ttl ago, and any job
// older than ttl and the time a pack may take; pj.mu is held.
func (pj *Jobs) expire(now time.Time) {
	for id, j := range pj.jobs {
		st := j.Status(pj.ttl)
		if st.Done && now.After(st.Expires) || now.Sub(j.created) > pj.ttl+Timeout {
			delete(pj.jobs, id)
		}
	}
}

// Progress records the step the job is at.
func (j *Job) Progress(s pack.Step) {
	j.mu.Lock()
	j.step = s
	j.mu.Unlock()
}

// Finish records the job's file, or its error (a message for the user).
func (j *Job) Finish(name string, data []byte, errMsg string, now time.Time) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.done, j.name, j.data, j.err, j.finished = true, name, data, errMsg, now
}

// Status returns the job's state; ttl gives its expiry.
func (j *Job) Status(ttl time.Duration) Status {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := Status{ID: j.id, Step: j.step, Done: j.done, Err: j.err, Name: j.name, Size: len(j.data), Finished: j.finished}
	if j.done {
		st.Expires = j.finished.Add(ttl)
	}
	return st
}

// File returns the job's pack and its name, once done without error.
func (j *Job) File() (string, []byte, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.name, j.data, j.done && j.err == ""
}
