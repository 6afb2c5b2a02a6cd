package exportjobs

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
)

// exportDay is the date the test jobs are made.
var exportDay = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// testWords gives each message as its language and key, so a test sees
// which message in which language a refusal carries.
func testWords(lang, key string) string { return lang + ": " + key }

func TestPackJobsExpireAndLimit(t *testing.T) {
	now := exportDay
	pj := New(time.Hour, testWords)
	var jobs []*Job
	for i := range MaxRunning {
		j, err := pj.Add("en", fmt.Sprintf("192.0.2.%d", i), now)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, j)
	}
	if _, _, ok := jobs[0].File(); ok {
		t.Error("a running job has a file")
	}
	jobs[0].Finish("p.zip", []byte("zip"), "", now)
	if name, data, ok := jobs[0].File(); !ok || name != "p.zip" || string(data) != "zip" {
		t.Errorf("finished job: %q %q %v", name, data, ok)
	}
	if _, err := pj.Add("en", "192.0.2.0", now); err != nil {
		t.Errorf("a slot freed by a finished job: %v", err)
	}
	if _, err := pj.Get(jobs[0].ID(), now.Add(59*time.Minute)); err != nil {
		t.Errorf("before expiry: %v", err)
	}
	if _, err := pj.Get(jobs[0].ID(), now.Add(61*time.Minute)); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("after expiry: %v, want not found", err)
	}
	if _, err := pj.Get(jobs[1].ID(), now.Add(time.Hour+Timeout+time.Minute)); graph.ErrorCode(err) != graph.ENOTFOUND {
		t.Errorf("a job that never finished, long after: %v, want not found", err)
	}
}

// TestPackJobsPerClientAndInTotal: a client may have MaxPerClient packs
// in the making (then 429), the instance MaxRunning+MaxQueued
// (then 503); finished packs hold no slot, so a flood of packs never
// locks the next client out, and at most MaxKept are kept.
func TestPackJobsPerClientAndInTotal(t *testing.T) {
	now := exportDay
	pj := New(time.Hour, testWords)
	first, err := pj.Add("en", "198.51.100.1", now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pj.Add("nb", "198.51.100.1", now); graph.ErrorCode(err) != CodeTooMany || graph.ErrorMessage(err) != testWords("nb", "export.busy.client") {
		t.Errorf("a second pack of one client: %v, want too many, in the client's language", err)
	}
	var inFlight []*Job
	for i := 1; i < MaxRunning+MaxQueued; i++ {
		j, err := pj.Add("en", fmt.Sprintf("203.0.113.%d", i), now)
		if err != nil {
			t.Fatalf("client %d: %v", i, err)
		}
		inFlight = append(inFlight, j)
	}
	if _, err := pj.Add("en", "203.0.113.99", now); graph.ErrorCode(err) != CodeUnavailable {
		t.Errorf("one pack more than the instance makes and queues: %v, want unavailable", err)
	}
	first.Finish("p.zip", []byte("zip"), "", now)
	for _, j := range inFlight {
		j.Finish("p.zip", []byte("zip"), "", now)
	}
	// 100 packs from 100 addresses, each finished before the next: none is
	// refused, and the kept ones stay within the cap.
	for i := range 100 {
		j, err := pj.Add("en", fmt.Sprintf("2001:db8::%x", i), now.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatalf("pack %d after a flood: %v", i, err)
		}
		j.Finish("p.zip", []byte("zip"), "", now.Add(time.Duration(i)*time.Second))
	}
	pj.mu.Lock()
	kept := len(pj.jobs)
	pj.mu.Unlock()
	if kept > MaxKept {
		t.Errorf("%d packs kept, want at most %d", kept, MaxKept)
	}
	if _, err := pj.Add("en", "198.51.100.1", now.Add(2*time.Minute)); err != nil {
		t.Errorf("the first client, its pack finished: %v", err)
	}
}

// TestPackTurns: at most MaxRunning packs are made at once; the next
// waits until one is done.
func TestPackTurns(t *testing.T) {
	pj := New(time.Hour, testWords)
	var releases []func()
	for range MaxRunning {
		release, err := pj.Turn(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, release)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := pj.Turn(ctx); err == nil {
		t.Fatal("a third pack got a turn while two were made")
	}
	releases[0]()
	if release, err := pj.Turn(context.Background()); err != nil {
		t.Fatalf("after one finished: %v", err)
	} else {
		release()
	}
}

// TestCloseStopsRunningJobs: Close ends the context of a job in flight and
// returns only once the job has returned; no job runs after it.
func TestCloseStopsRunningJobs(t *testing.T) {
	pj := New(time.Hour, testWords)
	started, returned := make(chan struct{}), make(chan struct{})
	if !pj.Run(func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		time.Sleep(20 * time.Millisecond) // a job that takes a moment to give up
		close(returned)
	}) {
		t.Fatal("a job did not run")
	}
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := pj.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-returned:
	default:
		t.Fatal("Close returned while the job still ran")
	}
	if pj.Run(func(context.Context) { t.Error("a job ran after Close") }) {
		t.Error("Run after Close reports the job started")
	}
}

// TestCloseGivesUp: Close waits for a job that ignores its context only
// until its own context ends, and says so.
func TestCloseGivesUp(t *testing.T) {
	pj := New(time.Hour, testWords)
	release := make(chan struct{})
	defer close(release)
	pj.Run(func(context.Context) { <-release })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := pj.Close(ctx); err == nil {
		t.Error("Close reports every job stopped while one still runs")
	}
}
