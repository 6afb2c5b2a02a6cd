package neo4j

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gapmap/gapmap/internal/auth"
	"github.com/gapmap/gapmap/internal/auth/authtest"
)

// TestAuthStoreOnFake runs the auth.Store conformance suite on the
// in-memory imitation of Neo4j, every write transaction run twice as after a
// transient failure. The store is an auth.FailureStore, so the suite's
// Failures tests run too; the test checks that they ran every query of the
// failed sign-ins.
func TestAuthStoreOnFake(t *testing.T) {
	var dbs []*fakeDB
	authtest.Run(t, func(t *testing.T) auth.Store {
		db := newFakeDB()
		db.retry = true
		dbs = append(dbs, db)
		s := openFake(t, db)
		t.Cleanup(func() { s.Close() })
		return s
	})
	var ran []string
	for _, db := range dbs {
		ran = append(ran, db.queries()...)
	}
	for _, q := range []*query{qAuthRecordFailures, qAuthFailures, qAuthForgetFailures, qAuthPurgeFailures,
		qAuthLockFailures, qAuthRefundFailures, qAuthForgetKeys, qAuthMarkKnown} {
		if !slices.Contains(ran, q.name) {
			t.Errorf("the suite never ran %s on the fake", q.name)
		}
	}
}

// TestNeo4jAuthStore runs the auth.Store conformance suite, its Failures
// tests included, on a Neo4j server, each test on a wiped database.
func TestNeo4jAuthStore(t *testing.T) {
	cfg := testConfig(t)
	authtest.Run(t, func(t *testing.T) auth.Store { return mustOpenWiped(t, cfg) })
}

// TestLoginRoundTripsOnFake checks what a sign-in costs on the Neo4j store:
// one write transaction before the password is checked that locks, reads
// and records the failures of its keys; nothing more after a failure; one
// write transaction after a success that takes its try back and marks its
// address known, then its session.
func TestLoginRoundTripsOnFake(t *testing.T) {
	ctx := context.Background()
	db := newFakeDB()
	s := openFake(t, db)
	m, err := auth.NewManager(s, auth.Config{Params: auth.TestParams})
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
