package authtest

import (
	"testing"
	"time"

	"github.com/gapmap/gapmap/internal/auth"
)

func session(n int, userID string, created time.Time) *auth.Session {
	return &auth.Session{IDHash: hashOf(n), UserID: userID, Created: created, Expires: created.Add(12 * time.Hour), LastSeen: created}
}

func testSessions(t *testing.T, s auth.Store) {
	a := session(1, "user01", t0)
	if err := s.CreateSession(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := s.Session(ctx, a.IDHash)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(a, got); d != "" {
		t.Errorf("Session mismatch (-want +got):\n%s", d)
	}
	later := t0.Add(90 * time.Second)
	if err := s.TouchSession(ctx, a.IDHash, later); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Session(ctx, a.IDHash)
	if !got.LastSeen.Equal(later) || !got.Created.Equal(t0) {
		t.Errorf("after TouchSession: %+v", got)
	}
	if err := s.DeleteSession(ctx, a.IDHash); err != nil {
		t.Fatal(err)
	}
	_, err = s.Session(ctx, a.IDHash)
	wantCode(t, "Session after delete", err, auth.ENOTFOUND)
	if err := s.DeleteSession(ctx, a.IDHash); err != nil {
		t.Errorf("deleting a deleted session: %v", err)
	}
	wantCode(t, "TouchSession of a deleted session", s.TouchSession(ctx, a.IDHash, later), auth.ENOTFOUND)
	if _, err := s.Session(ctx, a.IDHash); auth.ErrorCode(err) != auth.ENOTFOUND {
		t.Errorf("TouchSession brought a deleted session back")
	}
}

func testDeleteUserSessions(t *testing.T, s auth.Store) {
	for i, u := range []string{"alice", "bob", "alice", "alice"} {
		if err := s.CreateSession(ctx, session(i, u, t0)); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.DeleteUserSessions(ctx, "alice")
	if err != nil || n != 3 {
		t.Errorf("DeleteUserSessions(alice) = %d, %v; want 3", n, err)
	}
	if _, err := s.Session(ctx, hashOf(1)); err != nil {
		t.Errorf("bob's session: %v", err)
	}
	for _, i := range []int{0, 2, 3} {
		if _, err := s.Session(ctx, hashOf(i)); auth.ErrorCode(err) != auth.ENOTFOUND {
			t.Errorf("alice's session %d survived: %v", i, err)
		}
	}
	if n, err := s.DeleteUserSessions(ctx, "carol"); err != nil || n != 0 {
		t.Errorf("DeleteUserSessions(carol) = %d, %v; want 0", n, err)
	}
}

func testDeleteExpiredSessions(t *testing.T, s auth.Store) {
	now := t0.Add(24 * time.Hour)
	idleBefore := now.Add(-time.Hour)
	fresh := session(1, "u", now.Add(-time.Minute))
	old := session(2, "u", now.Add(-13*time.Hour)) // expired by age
	idle := session(3, "u", now.Add(-3*time.Hour)) // not expired, but idle
	busy := session(4, "u", now.Add(-3*time.Hour))
	busy.LastSeen = now.Add(-10 * time.Minute)
	for _, x := range []*auth.Session{fresh, old, idle, busy} {
		if err := s.CreateSession(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.DeleteExpiredSessions(ctx, now, idleBefore)
	if err != nil || n != 2 {
		t.Errorf("DeleteExpiredSessions = %d, %v; want 2", n, err)
	}
	for _, x := range []*auth.Session{fresh, busy} {
		if _, err := s.Session(ctx, x.IDHash); err != nil {
			t.Errorf("a live session was deleted: %v", err)
		}
	}
	for _, x := range []*auth.Session{old, idle} {
		if _, err := s.Session(ctx, x.IDHash); auth.ErrorCode(err) != auth.ENOTFOUND {
			t.Errorf("an ended session survived: %v", err)
		}
	}
}

func testSessionConflicts(t *testing.T, s auth.Store) {
	a := session(1, "u", t0)
	if err := s.CreateSession(ctx, a); err != nil {
		t.Fatal(err)
	}
	b := session(1, "v", t0.Add(time.Hour))
	wantCode(t, "same hash", s.CreateSession(ctx, b), auth.ECONFLICT)
	got, _ := s.Session(ctx, a.IDHash)
	if got.UserID != "u" {
		t.Errorf("a refused session replaced the stored one: %+v", got)
	}
	bad := session(2, "u", t0)
	bad.IDHash = "not-a-hash"
	wantCode(t, "bad hash", s.CreateSession(ctx, bad), auth.EINVALID)
}
