package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
)

// loginRequest is a POST /login of the sign-in form.
func loginRequest(email, pw string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(url.Values{"email": {email}, "password": {pw}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

// concurrentLogins sends n sign-ins at once, the ith as try(i) says (from
// the address remote(i), or httptest's one address if remote is nil), and
// counts the answers by status.
func concurrentLogins(h http.Handler, n int, try func(i int) (email, pw string), remote func(i int) string) (map[int]int, []*http.Response) {
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		counts = map[int]int{}
		resps  []*http.Response
		start  = make(chan struct{})
	)
	for i := range n {
		wg.Go(func() {
			email, pw := try(i)
			req := loginRequest(email, pw)
			if remote != nil {
				req.RemoteAddr = remote(i)
			}
			<-start
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			mu.Lock()
			counts[rec.Code]++
			resps = append(resps, rec.Result())
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	return counts, resps
}

// TestConcurrentGuessesAtOneAccount sends 150 wrong passwords for one
// account at once: only the account's free failures (5) are checked; the
// rest answer 429 with Retry-After, before any hash.
func TestConcurrentGuessesAtOneAccount(t *testing.T) {
	f := newEditFixture(t)
	counts, resps := concurrentLogins(f.h, 150, func(int) (string, string) { return "editor@example.org", "a wrong guess" }, nil)
	if counts[http.StatusUnauthorized] != 5 || counts[http.StatusTooManyRequests] != 145 {
		t.Errorf("150 guesses at once: %v; want 5 checked (401), 145 refused (429)", counts)
	}
	for _, r := range resps {
		if r.StatusCode == http.StatusTooManyRequests && r.Header.Get("Retry-After") == "" {
			t.Error("a 429 without Retry-After")
			break
		}
	}
	counts, _ = concurrentLogins(f.h, 150, func(i int) (string, string) { return fmt.Sprintf("u%d@example.org", i), "a wrong guess" }, nil)
	if counts[http.StatusUnauthorized] > 20-5 {
		t.Errorf("150 guesses from one address at once: %v; want at most the address's 20 checked in all", counts)
	}
}

// TestLoginBusyAnswers503 lets one password hash run at a time with a queue
// of two: of many sign-ins at once, those that find the queue full answer
// 503 with Retry-After at once, and none fails otherwise.
func TestLoginBusyAnswers503(t *testing.T) {
	slow := auth.Params{Memory: 16 << 10, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}
	f := newEditFixture(t, func(_ *Config, ac *auth.Config) {
		ac.Params, ac.HashMemory, ac.HashQueue, ac.HashWait = slow, 16<<20, 2, 5*time.Second
	})
	counts, resps := concurrentLogins(f.h, 40, func(i int) (string, string) { return fmt.Sprintf("nobody%d@example.org", i), "a wrong guess" }, nil)
	if counts[http.StatusServiceUnavailable] == 0 || counts[http.StatusUnauthorized]+counts[http.StatusServiceUnavailable]+counts[http.StatusTooManyRequests] != 40 {
		t.Errorf("40 sign-ins at once through a gate of one hash: %v; want some 503, the rest 401 or 429", counts)
	}
	for _, r := range resps {
		if r.StatusCode == http.StatusServiceUnavailable && r.Header.Get("Retry-After") == "" {
			t.Error("a 503 without Retry-After")
			break
		}
	}
}

// BenchmarkConcurrentLoginMemory sends 200 sign-ins at once with the real
// argon2id parameters (19 MiB each), each from an address and to an
// account of its own so that the login limit lets every one through to
// the hash, as the anonymous memory bomb of issue 11 did, and reports the peak of the memory the Go runtime took from the
// system while they ran, and the process's peak RSS (Linux). Without the
// gate it reached 3.5 GB; with the default gate of 64 MiB it stays far
// below 512 MiB.
//
//	go test ./internal/web/ -run '^$' -bench ConcurrentLoginMemory -benchtime 3x
func BenchmarkConcurrentLoginMemory(b *testing.B) {
	f := newEditFixture(b, func(_ *Config, ac *auth.Config) { ac.Params = auth.DefaultParams })
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.Sys-ms.HeapReleased > peak.Load() {
				peak.Store(ms.Sys - ms.HeapReleased)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	statuses := map[int]int{}
	round := 0
	b.ResetTimer()
	for b.Loop() {
		round++
		counts, _ := concurrentLogins(f.h, 200, func(i int) (string, string) {
			return fmt.Sprintf("guest%d@example.org", i), "a wrong guess"
		}, func(i int) string { return fmt.Sprintf("10.%d.%d.%d:1", round, i/250, i%250) })
		for k, v := range counts {
			statuses[k] += v
		}
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-MiB")
	if hwm := peakRSS(); hwm > 0 {
		b.ReportMetric(float64(hwm)/(1<<20), "VmHWM-MiB")
	}
	b.Logf("answers: %v", statuses)
	if peak.Load() > 512<<20 {
		b.Errorf("peak memory %d MiB, want under 512 MiB", peak.Load()>>20)
	}
}

// peakRSS returns the process's peak resident set size from
// /proc/self/status (Linux); 0 elsewhere.
func peakRSS() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
