// Package middleware holds the HTTP middleware every gapmap request passes
// through, outermost first: the request id, the access log, panic
// recovery, the security headers, the page language (?lang=, cookie,
// Accept-Language), the bound on the query string, the sign-in context
// and the cross-origin check of state-changing requests; and the client's
// address and scheme behind trusted proxies. Each is a plain
// func(http.Handler) http.Handler; what they answer on failure is given by
// the caller, which owns the error pages.
package middleware

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"time"
)

// contentSecurityPolicy allows scripts only from gapmap itself: pages carry
// no inline script, only JSON data islands. ECharts sets inline styles in
// its tooltips, hence 'unsafe-inline' for styles.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// SecurityHeaders sets the security headers of every response.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

type requestIDKey struct{}

// requestIDPattern is what an X-Request-Id from a proxy must look like to be
// kept; anything else is replaced, so logs never carry injected text.
var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// WithRequestID gives each request an id, in its context and in the
// X-Request-Id response header: the X-Request-Id of a proxy in front, if it
// is well formed, else a random one.
func WithRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !requestIDPattern.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// RequestID returns the id WithRequestID gave the request of ctx.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// recorder remembers the status and size of a response.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(p []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(p)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// AccessLog logs one line per request to log: method, path, status,
// bytes, duration and request id.
func AccessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return accessLog(log, next)
	}
}

func accessLog(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		log.InfoContext(r.Context(), "request",
			"method", r.Method,
			"path", r.URL.Path,
			"status", rec.status,
			"bytes", rec.bytes,
			"duration", time.Since(start),
			"request_id", RequestID(r.Context()),
		)
	})
}

// Fail writes err as the answer to r; the caller's error pages do it.
type Fail func(w http.ResponseWriter, r *http.Request, err error)

// Recover turns a panic in a handler into a logged 500, written by fail.
// A panic with http.ErrAbortHandler is passed on, as net/http expects.
func Recover(log *slog.Logger, fail Fail) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return recoverPanic(log, fail, next)
	}
}

func recoverPanic(log *slog.Logger, fail Fail, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &recorder{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
				panic(v)
			}
			log.ErrorContext(r.Context(), "panic", "panic", v, "path", r.URL.Path,
				"request_id", RequestID(r.Context()), "stack", string(debug.Stack()))
			if rec.status != 0 {
				// Too late for an error page: the response has started.
				return
			}
			fail(w, r, errors.New("panic in handler"))
		}()
		next.ServeHTTP(rec, r)
	})
}
