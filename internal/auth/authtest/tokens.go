package authtest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// token returns token n of userID; every third one has no expiry, as
// tokens made before tokens expired.
func token(n int, userID string) *auth.Token {
	tok := &auth.Token{
		ID: fmt.Sprintf("tok%02d", n), Hash: hashOf(100 + n), UserID: userID, OrgID: "org",
		Name: fmt.Sprintf("token %d", n), Created: t0.Add(time.Duration(n) * time.Hour),
		Expires: t0.Add(time.Duration(n)*time.Hour + 90*24*time.Hour + 123456*time.Microsecond),
	}
	if n%3 == 0 {
		tok.Expires = time.Time{}
	}
	return tok
}

func mustCreateToken(t *testing.T, s auth.Store, tok *auth.Token) {
	t.Helper()
	if err := s.CreateToken(ctx, tok); err != nil {
		t.Fatalf("CreateToken(%s): %v", tok.ID, err)
	}
}

func testTokens(t *testing.T, s auth.Store) {
	if ts, err := s.Tokens(ctx, "alice"); err != nil || len(ts) != 0 {
		t.Fatalf("Tokens of an empty store = %v, %v", ts, err)
	}
	a2, a1, b := token(2, "alice"), token(1, "alice"), token(3, "bob")
	for _, tok := range []*auth.Token{a2, a1, b} {
		mustCreateToken(t, s, tok)
	}
	got, err := s.TokenByHash(ctx, a1.Hash)
	if err != nil {
		t.Fatal(err)
	}
	if d := diff(a1, got); d != "" {
		t.Errorf("TokenByHash mismatch (-want +got):\n%s", d)
	}
	all, err := s.Tokens(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if d := diff([]*auth.Token{a1, a2}, all); d != "" {
		t.Errorf("Tokens(alice) mismatch, want oldest first (-want +got):\n%s", d)
	}
	_, err = s.TokenByHash(ctx, hashOf(999))
	wantCode(t, "TokenByHash of an unknown hash", err, auth.ENOTFOUND)
	wantCode(t, "TouchToken of an unknown id", s.TouchToken(ctx, "nope", t0), auth.ENOTFOUND)
	wantCode(t, "RevokeToken of an unknown id", s.RevokeToken(ctx, "nope", t0), auth.ENOTFOUND)
}

func testTokenConflicts(t *testing.T, s auth.Store) {
	a := token(1, "alice")
	mustCreateToken(t, s, a)
	sameHash := token(2, "bob")
	sameHash.Hash = a.Hash
	wantCode(t, "same hash", s.CreateToken(ctx, sameHash), auth.ECONFLICT)
	sameID := token(1, "bob")
	sameID.Hash = hashOf(555)
	wantCode(t, "same id", s.CreateToken(ctx, sameID), auth.ECONFLICT)
	noName := token(3, "bob")
	noName.Name = ""
	wantCode(t, "no name", s.CreateToken(ctx, noName), auth.EINVALID)
	if ts, _ := s.Tokens(ctx, "bob"); len(ts) != 0 {
		t.Errorf("refused tokens were stored: %v", ts)
	}
}

// testRevokeAndTouch checks that revocation and use are separate writes: a
// use recorded at the same time as a revocation never undoes it.
func testRevokeAndTouch(t *testing.T, s auth.Store) {
	a := token(1, "alice")
	mustCreateToken(t, s, a)
	used, revoked := t0.Add(time.Hour), t0.Add(2*time.Hour)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			var err error
			if i == 10 {
				err = s.RevokeToken(ctx, a.ID, revoked)
			} else {
				err = s.TouchToken(ctx, a.ID, used)
			}
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, _ := s.TokenByHash(ctx, a.Hash)
	if !got.Revoked.Equal(revoked) || !got.LastUsed.Equal(used) {
		t.Errorf("after concurrent use and revocation: revoked %v, last used %v", got.Revoked, got.LastUsed)
	}
	if err := s.RevokeToken(ctx, a.ID, revoked.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.TokenByHash(ctx, a.Hash); !got.Revoked.Equal(revoked) {
		t.Errorf("a second revocation moved the revocation time to %v", got.Revoked)
	}
}

func testConcurrentSameEmail(t *testing.T, s auth.Store) {
	var (
		wg sync.WaitGroup
		mu sync.Mutex
		ok int
	)
	for i := range 20 {
		wg.Go(func() {
			u := user(i, auth.RoleAnalyst, "")
			u.Email = "same@example.org"
			err := s.CreateUser(ctx, u)
			mu.Lock()
			defer mu.Unlock()
			switch auth.ErrorCode(err) {
			case "":
				ok++
			case auth.ECONFLICT:
			default:
				t.Errorf("CreateUser: %v", err)
			}
		})
	}
	wg.Wait()
	if us, _ := s.Users(ctx); ok != 1 || len(us) != 1 {
		t.Errorf("%d of 20 concurrent creations with one email succeeded, %d users stored; want 1 and 1", ok, len(us))
	}
}

// testNotInLandscape checks, for a store that is also a graph store, that
// accounts are no part of the landscape: writing them neither changes the
// landscape version nor adds nodes.
func testNotInLandscape(t *testing.T, s auth.Store) {
	gs, ok := s.(graph.Store)
	if !ok {
		t.Skip("not a graph.Store")
	}
	before, err := gs.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	mustCreateUser(t, s, user(1, auth.RoleAdmin, ""))
	if err := s.CreateSession(ctx, session(1, "user01", t0)); err != nil {
		t.Fatal(err)
	}
	mustCreateToken(t, s, token(1, "user01"))
	after, _ := gs.Version(ctx)
	l, err := gs.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := l.Len(); after != before || n != 0 {
		t.Errorf("after writing accounts: version %d -> %d, %d nodes; want unchanged and 0", before, after, n)
	}
}
