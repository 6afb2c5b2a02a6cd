package authtest

import (
	"errors"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/internal/auth"
)

// testErrors: a store's refusals are auth's own errors, not the landscape's:
// each is an *auth.Error with the code (and, for a taken value, the field)
// the caller acts on and a message a user can read (which shows no stored
// hash), with no *graph.Error in its chain, whether the store found the
// problem itself or its database refused the write.
func testErrors(t *testing.T, s auth.Store) {
	a := user(1, auth.RoleAdmin, "")
	mustCreateUser(t, s, a)
	ses := session(1, a.ID, t0)
	if err := s.CreateSession(ctx, ses); err != nil {
		t.Fatal(err)
	}
	tok := token(1, a.ID)
	if err := s.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	sameEmail, sameID := user(2, auth.RoleAnalyst, ""), user(3, auth.RoleAnalyst, "")
	sameEmail.Email, sameID.ID = a.Email, a.ID
	sameHash := token(2, a.ID)
	sameHash.Hash = tok.Hash
	for _, test := range []struct {
		name, code, field string
		err               func() error
	}{
		{"User of no one", auth.ENOTFOUND, "", func() error { _, err := s.User(ctx, "nobody"); return err }},
		{"UserByEmail of no one", auth.ENOTFOUND, "", func() error { _, err := s.UserByEmail(ctx, "nobody@example.org"); return err }},
		{"SetUserRole of no one", auth.ENOTFOUND, "", func() error { _, err := s.SetUserRole(ctx, "nobody", auth.RoleAnalyst, ""); return err }},
		{"Session of no hash", auth.ENOTFOUND, "", func() error { _, err := s.Session(ctx, hashOf(9)); return err }},
		{"TokenByHash of no hash", auth.ENOTFOUND, "", func() error { _, err := s.TokenByHash(ctx, hashOf(9)); return err }},
		{"RevokeToken of no id", auth.ENOTFOUND, "", func() error { return s.RevokeToken(ctx, "nope", t0) }},
		{"a taken email", auth.ECONFLICT, "email", func() error { return s.CreateUser(ctx, sameEmail) }},
		{"a taken user id", auth.ECONFLICT, "id", func() error { return s.CreateUser(ctx, sameID) }},
		{"a taken session hash", auth.ECONFLICT, "", func() error { return s.CreateSession(ctx, ses) }},
		{"a taken token hash", auth.ECONFLICT, "", func() error { return s.CreateToken(ctx, sameHash) }},
		{"the last administrator", auth.ECONFLICT, "role", func() error { _, err := s.SetUserRole(ctx, a.ID, auth.RoleAnalyst, ""); return err }},
		{"an empty password hash", auth.EINVALID, "password", func() error { _, err := s.SetUserPassword(ctx, a.ID, ""); return err }},
	} {
		err := test.err()
		wantCode(t, test.name, err, test.code)
		if got := auth.ErrorField(err); test.field != "" && got != test.field {
			t.Errorf("%s: error %v names the field %q, want %q", test.name, err, got, test.field)
		}
		if msg := auth.ErrorMessage(err); msg == "" || msg == "internal error" {
			t.Errorf("%s: error %v has no message for users", test.name, err)
		} else if strings.Contains(msg, ses.IDHash) || strings.Contains(msg, tok.Hash) {
			t.Errorf("%s: the message %q shows a stored hash", test.name, msg)
		}
		var ge *graph.Error
		if errors.As(err, &ge) {
			t.Errorf("%s: error %v holds a landscape error (%s)", test.name, err, ge.Code)
		}
	}
}
