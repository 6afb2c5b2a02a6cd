package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
)

// TestAuthProblems: every code of auth's own error type answers the HTTP
// status and problem body it answered when auth borrowed graph's error: the
// status, the code member, the title, the detail, the field at fault, and
// application/problem+json (with WWW-Authenticate on a 401). A code auth adds
// without a row here fails the test.
func TestAuthProblems(t *testing.T) {
	want := map[string]struct {
		status int
		code   string
	}{
		auth.EINVALID:      {http.StatusBadRequest, "invalid"},
		auth.ENOTFOUND:     {http.StatusNotFound, "not_found"},
		auth.ECONFLICT:     {http.StatusConflict, "conflict"},
		auth.EUNAUTHORIZED: {http.StatusUnauthorized, "unauthorized"},
		auth.EFORBIDDEN:    {http.StatusForbidden, "forbidden"},
		auth.ELIMITED:      {http.StatusTooManyRequests, "too_many_attempts"},
		auth.EBUSY:         {http.StatusServiceUnavailable, "busy"},
	}
	for _, code := range auth.Codes() {
		w, ok := want[code]
		if !ok {
			t.Errorf("auth code %q has no HTTP status in this test: add its row", code)
			continue
		}
		t.Run(code, func(t *testing.T) {
			err := fmt.Errorf("change user: %w", &auth.Error{Code: code, Record: "user", Field: "email", Message: "is wrong"})
			rec := httptest.NewRecorder()
			writeProblem(rec, newProblem(httptest.NewRequest("POST", "/api/v1/x", nil), err))
			if rec.Code != w.status {
				t.Errorf("status %d, want %d", rec.Code, w.status)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type %q, want application/problem+json", ct)
			}
			if got := rec.Header().Get("WWW-Authenticate") != ""; got != (w.status == http.StatusUnauthorized) {
				t.Errorf("WWW-Authenticate present %v on a %d", got, w.status)
			}
			var p problem
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatal(err)
			}
			wantP := problem{Type: "about:blank", Title: http.StatusText(w.status), Status: w.status,
				Detail: "user: email: is wrong", Instance: "/api/v1/x", Code: w.code}
			if w.status < http.StatusInternalServerError {
				wantP.Field = "email" // a 5xx names no field, as before
			}
			if !reflect.DeepEqual(p, wantP) {
				t.Errorf("problem\n%+v\nwant\n%+v", p, wantP)
			}
		})
	}
	// The login limit's and the hashing gate's errors carry their codes.
	for _, test := range []struct {
		err          error
		status       int
		code, detail string
	}{
		{&auth.LimitedError{RetryAfter: 2 * time.Minute}, http.StatusTooManyRequests, "too_many_attempts",
			"too many failed sign-ins; try again in 2 minute(s)"},
		{fmt.Errorf("sign in: %w", &auth.BusyError{RetryAfter: time.Second}), http.StatusServiceUnavailable, "busy",
			"the server is busy signing others in; try again in a few seconds"},
	} {
		p := newProblem(httptest.NewRequest("POST", "/login", nil), test.err)
		if p.Status != test.status || p.Code != test.code || p.Detail != test.detail {
			t.Errorf("%v: status %d, code %q, detail %q; want %d, %q, %q", test.err, p.Status, p.Code, p.Detail, test.status, test.code, test.detail)
		}
	}
}
