package auth_test

import (
	"strings"
	"testing"

	"github.com/gapmap/gapmap/internal/auth"
)

func TestPasswordHash(t *testing.T) {
	h1, err := auth.HashPassword(auth.TestParams, "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := auth.HashPassword(auth.TestParams, "correct horse battery staple")
	if h1 == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with its parameters", h1)
	}
	for _, test := range []struct {
		pw   string
		want bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"", false},
	} {
		got, err := auth.CheckPassword(h1, test.pw)
		if err != nil || got != test.want {
			t.Errorf("CheckPassword(%q) = %v, %v; want %v", test.pw, got, err, test.want)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2i$v=19$m=64,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=0,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$!!"} {
		if ok, err := auth.CheckPassword(bad, "x"); ok || err == nil {
			t.Errorf("CheckPassword(%q) = %v, %v; want an error", bad, ok, err)
		}
	}
}

func TestDefaultParamsFollowOWASP(t *testing.T) {
	p := auth.DefaultParams
	if p.Memory < 19*1024 || p.Time < 2 || p.Threads < 1 || p.SaltLen < 16 || p.KeyLen < 32 {
		t.Errorf("DefaultParams %+v are weaker than OWASP's m=19 MiB, t=2, p=1", p)
	}
}

func TestPasswordPolicy(t *testing.T) {
	for pw, ok := range map[string]bool{
		"short":                  false,
		"twelve chars":           true,
		strings.Repeat("x", 256): true,
		strings.Repeat("x", 257): false,
		"ærlig talt, øl på åsen": true,
		auth.GeneratePassword():  true,
	} {
		err := auth.CheckPasswordPolicy(pw)
		if (err == nil) != ok || err != nil && auth.ErrorCode(err) != auth.EINVALID {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want ok %v", pw, err, ok)
		}
	}
	if a, b := auth.GeneratePassword(), auth.GeneratePassword(); a == b || len(a) != 23 {
		t.Errorf("GeneratePassword gave %q and %q", a, b)
	}
}
