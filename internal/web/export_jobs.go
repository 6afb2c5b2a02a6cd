package web

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/export"
)

// Limits on the pack jobs of one instance.
const (
	maxRunningPacks = 2
	maxKeptPacks    = 32
	// packTimeout bounds the making of one pack.
	packTimeout = 10 * time.Minute
)

// packJobs are the GRETA packs being made or waiting to be downloaded. They
// live in the memory of this instance only: a status page or a download
// that reaches another instance (behind a load balancer without sticky
// sessions) finds no such job, and a restart forgets them. A finished job
// is kept for ttl, then forgotten.
type packJobs struct {
	ttl  time.Duration
	mu   sync.Mutex
	jobs map[string]*packJob
}

// packJob is one pack: its progress, then its file or its error.
type packJob struct {
	id      string
	lang    string
	created time.Time

	mu       sync.Mutex
	step     export.PackStep
	done     bool
	err      string
	data     []byte
	name     string
	finished time.Time
}

// packStatus is a job's state as a page shows it.
type packStatus struct {
	ID       string
	Step     export.PackStep
	Done     bool
	Err      string
	Name     string
	Size     int
	Finished time.Time
	Expires  time.Time
}

func newPackJobs(ttl time.Duration) *packJobs {
	return &packJobs{ttl: ttl, jobs: map[string]*packJob{}}
}

// add starts keeping a new job, or refuses with an unavailable error when
// this instance makes too many packs already.
func (pj *packJobs) add(lang string, now time.Time) (*packJob, error) {
	pj.mu.Lock()
	defer pj.mu.Unlock()
	pj.expire(now)
	running := 0
	for _, j := range pj.jobs {
		if !j.status(pj.ttl).Done {
			running++
		}
	}
	if running >= maxRunningPacks || len(pj.jobs) >= maxKeptPacks {
		return nil, &graph.Error{Code: codeUnavailable, Message: "this server is making as many packs as it can; try again in a few minutes"}
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	j := &packJob{id: hex.EncodeToString(b[:]), lang: lang, created: now}
	pj.jobs[j.id] = j
	return j, nil
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
func (j *packJob) progress(s export.PackStep) {
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
