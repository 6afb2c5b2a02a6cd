package neo4j

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestNeo4jAuthStore runs the auth.Store conformance suite on the Neo4j
// server, each test on a wiped database, every write transaction run twice
// (the first attempt rolled back, as after a transient failure). The store
// is an auth.FailureStore, so the suite's Failures tests run too; the test
// checks that they ran every statement of the failed sign-ins.
func TestNeo4jAuthStore(t *testing.T) {
	testConfig(t) // skips the whole test, not only its subtests, without a server
	var tracers []*tracer
	authtest.Run(t, func(t *testing.T) auth.Store {
		s, tr := openTraced(t)
		tr.retry = true
		tracers = append(tracers, tr)
		return s.Accounts()
	})
	var ran []string
	for _, tr := range tracers {
		ran = append(ran, tr.queries()...)
	}
	for _, q := range []*query{qAuthRecordFailures, qAuthFailures, qAuthForgetFailures, qAuthPurgeFailures,
		qAuthLockFailures, qAuthRefundFailures, qAuthForgetKeys, qAuthMarkKnown} {
		if !slices.Contains(ran, q.name) {
			t.Errorf("the suite never ran %s", q.name)
		}
	}
}

// TestLoginRoundTrips checks what a sign-in costs on the Neo4j store:
// one write transaction before the password is checked that locks, reads
// and records the failures of its keys; nothing more after a failure; one
// write transaction after a success that takes its try back and marks its
// address known, then its session.
func TestLoginRoundTrips(t *testing.T) {
	ctx := context.Background()
	s, db := openTraced(t)
	m, err := auth.NewManager(s.Accounts(), auth.Config{Params: auth.TestParams})
	if err != nil {
		t.Fatal(err)
	}
	const pw = "correct horse battery staple"
	u, err := m.CreateUser(ctx, auth.NewUser{Email: "kari@example.org", Name: "Kari", Role: auth.RoleAdmin, Password: pw})
	if err != nil {
		t.Fatal(err)
	}
	db.queries()
	for _, step := range []struct {
		name, password string
		want           []*query
	}{
		{"success", pw, []*query{qAuthLockFailures, qAuthRecordFailures, qAuthUserByEmail, qAuthForgetKeys, qAuthRefundFailures, qAuthMarkKnown, qAuthCreateSession}},
		{"failure", "guess", []*query{qAuthLockFailures, qAuthRecordFailures, qAuthUserByEmail}},
		{"success after a failure", pw, []*query{qAuthLockFailures, qAuthRecordFailures, qAuthUserByEmail, qAuthForgetKeys, qAuthRefundFailures, qAuthMarkKnown, qAuthCreateSession}},
	} {
		m.Login(ctx, u.Email, step.password, "192.0.2.1:1")
		var want []string
		for _, q := range step.want {
			want = append(want, q.name)
		}
		if diff := cmp.Diff(want, db.queries()); diff != "" {
			t.Errorf("%s: queries mismatch (-want +got):\n%s", step.name, diff)
		}
	}
}
