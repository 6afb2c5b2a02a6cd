package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
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
	// maxRunningPacks packs are made at once; up to maxQueuedPacks more
	// wait for a turn.
	maxRunningPacks = 2
	maxQueuedPacks  = 4
	// maxClientPacks is how many packs one client (its address) may have
	// made or waiting at once.
	maxClientPacks = 1
	// maxKeptPacks finished packs are kept for download; beyond it the
	// oldest finished one is forgotten, the client's own first.
	maxKeptPacks = 32
	// packTimeout bounds the making of one pack, its wait included.
	packTimeout = 10 * time.Minute
	// packRetryAfter is what Retry-After says to a client refused a pack.
	packRetryAfter = 30 * time.Second
)

// packJobs are the GRETA packs being made or waiting to be downloaded. They
// live in the memory of this instance only: a status page or a download
// that reaches another instance (behind a load balancer without sticky
// sessions) finds no such job, and a restart forgets them. A finished job
// is kept for ttl, then forgotten.
type packJobs struct {
	ttl time.Duration
	// slots holds a token for each pack being made.
	slots chan struct{}
	mu    sync.Mutex
	jobs  map[string]*packJob
}

// packJob is one pack: its progress, then its file or its error.
type packJob struct {
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

// packStatus is a job's state as a page shows it.
type packStatus struct {
	ID       string
	Step     pack.Step
	Done     bool
	Err      string
	Name     string
	Size     int
	Finished time.Time
	Expires  time.Time
}

func newPackJobs(ttl time.Duration) *packJobs {
	return &packJobs{ttl: ttl, slots: make(chan struct{}, maxRunningPacks), jobs: map[string]*packJob{}}
}

// add starts keeping a new job of client, or refuses: codeTooMany when the
// client has maxClientPacks packs in the making, codeUnavailable when the
// instance has as many as it makes and queues. Both say when to retry
// (packRetryAfter).
func (pj *packJobs) add(lang, client string, now time.Time) (*packJob, error) {
	pj.mu.Lock()
	defer pj.mu.Unlock()
	pj.expire(now)
	inFlight, ofClient := 0, 0
	for _, j := range pj.jobs {
		if !j.status(pj.ttl).Done {
			inFlight++
			if j.client == client {
				ofClient++
			}
		}
	}
	switch {
	case ofClient >= maxClientPacks:
		return nil, &graph.Error{Code: codeTooMany, Message: translate(lang, "export.busy.client")}
	case inFlight >= maxRunningPacks+maxQueuedPacks:
		return nil, &graph.Error{Code: codeUnavailable, Message: translate(lang, "export.busy.server")}
	}
	for len(pj.jobs) >= maxKeptPacks {
		if !pj.forgetOldest(client) {
			break
		}
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	j := &packJob{id: hex.EncodeToString(b[:]), lang: lang, client: client, created: now}
	pj.jobs[j.id] = j
	return j, nil
}

// forgetOldest forgets the finished job that finished first, of client if
// it has one; it reports whether it forgot one. pj.mu is held.
func (pj *packJobs) forgetOldest(client string) bool {
	var oldest *packJob
	var oldestAt time.Time
	for _, j := range pj.jobs {
		st := j.status(pj.ttl)
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

// turn waits for a slot to make a pack in; release gives it back. It fails
// when ctx ends first.
func (pj *packJobs) turn(ctx context.Context) (release func(), err error) {
	select {
	case pj.slots <- struct{}{}:
		return func() { <-pj.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// get returns job id, if it is kept.
func (pj *packJobs) get(id string, now time.Time) (*packJob, error) {
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
func (pj *packJobs) expire(now time.Time) {
	for id, j := range pj.jobs {
		st := j.status(pj.ttl)
		if st.Done && now.After(st.Expires) || now.Sub(j.created) > pj.ttl+packTimeout {
			delete(pj.jobs, id)
		}
	}
}

// progress records the step the job is at.
func (j *packJob) progress(s pack.Step) {
	j.mu.Lock()
	j.step = s
	j.mu.Unlock()
}

// finish records the job's file, or its error (a message for the user).
func (j *packJob) finish(name string, data []byte, errMsg string, now time.Time) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.done, j.name, j.data, j.err, j.finished = true, name, data, errMsg, now
}

// status returns the job's state; ttl gives its expiry.
func (j *packJob) status(ttl time.Duration) packStatus {
	j.mu.Lock()
	defer j.mu.Unlock()
	st := packStatus{ID: j.id, Step: j.step, Done: j.done, Err: j.err, Name: j.name, Size: len(j.data), Finished: j.finished}
	if j.done {
		st.Expires = j.finished.Add(ttl)
	}
	return st
}

// file returns the job's pack and its name, once done without error.
func (j *packJob) file() (string, []byte, bool) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.name, j.data, j.done && j.err == ""
}
