package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/internal/auth"
)

// hostileTerm is a name that, printed raw, would retitle the terminal's
// window, clear the screen and break the columns.
const hostileTerm = "\x1b]0;pwned\x07Eve\x1b[2J\tX\u009b"

// TestListsEscapeTerminalCodes plants a user and an organisation whose
// names hold terminal escape codes in the store directly: gapmap user list
// and org list print them as visible escapes, never raw.
func TestListsEscapeTerminalCodes(t *testing.T) {
	t.Chdir(t.TempDir())
	data := seeded(t)
	ctx := context.Background()
	st, err := embedded.Open(ctx, filepath.Join(data, "gapmap.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := (&graph.Change{Actor: "test", Reason: "plant"}).Create(&graph.Organisation{Meta: graph.Meta{ID: "evil_org", Name: hostileTerm}, Kind: graph.OrgNGO})
	if _, err := st.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	m, err := auth.NewManager(st.Accounts(), auth.Config{Params: auth.TestParams})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.CreateUser(ctx, auth.NewUser{Email: "eve@example.org", Name: hostileTerm, Role: auth.RoleAnalyst, Password: "correct horse battery staple"}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	want := `\x1b]0;pwned\x07Eve\x1b[2J\tX\x9b`
	for _, args := range [][]string{{"user", "list"}, {"org", "list"}} {
		code, out, errOut := run(t, append(args, "--data", data)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if strings.ContainsAny(out, "\x1b\x07\t\u009b") {
			t.Errorf("%v prints raw control codes: %q", args, out)
		}
		if !strings.Contains(out, want) {
			t.Errorf("%v does not show the name escaped as %s:\n%s", args, want, out)
		}
	}
}

// TestCheckRefusesSymlinkOutOfSeedDir: a seed file that is a symlink to a
// file outside the seed directory is refused, and nothing of that file is
// printed; a symlink inside the directory still works.
func TestCheckRefusesSymlinkOutOfSeedDir(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(outside, []byte("hunter2secret:x:0:0:root:/root:/bin/bash\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	seedFile, err := os.ReadFile(filepath.Join("..", "..", "seed", "testdata", "bad_enum", "seed.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	seedFile = []byte(strings.Replace(string(seedFile), "funding: grant", "funding: project", 1)) // a valid seed
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "real", "seed.txt"), seedFile, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("real", "seed.txt"), filepath.Join(dir, "seed.yaml")); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "check", dir); code != 0 || !strings.Contains(out, ": ok: ") {
		t.Fatalf("a symlink inside the directory: exit %d: %s%s", code, out, errOut)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "passwd.yaml")); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "check", dir)
	if code == 0 {
		t.Errorf("check with a symlink out of the directory: exit 0: %s", out)
	}
	if strings.Contains(out+errOut, "hunter2secret") {
		t.Errorf("check printed the file outside the directory:\n%s%s", out, errOut)
	}
	if !strings.Contains(errOut, "passwd.yaml") {
		t.Errorf("the error does not name the file: %s", errOut)
	}
}

// TestAddRefusesControlCharacters: user add and org add refuse a name
// with an escape code, naming the flag, and add nothing.
func TestAddRefusesControlCharacters(t *testing.T) {
	t.Chdir(t.TempDir())
	data := seeded(t)
	for _, args := range [][]string{
		{"org", "add", "--id", "evil", "--name", "Evil\x1b[2J"},
		{"user", "add", "--email", "eve@example.org", "--name", "Eve\x00", "--role", "analyst"},
	} {
		code, out, errOut := run(t, append(args, "--data", data)...)
		if code != 2 || !strings.Contains(errOut, "--name: holds a control character") {
			t.Errorf("%v: exit %d, %q; want 2 naming --name", args[:2], code, errOut)
		}
		if strings.Contains(out, "added") {
			t.Errorf("%v: %s", args[:2], out)
		}
	}
	if _, out, _ := run(t, "org", "list", "--data", data); strings.Contains(out, "evil") {
		t.Error("the organisation was added")
	}
}

func TestTermSafe(t *testing.T) {
	for _, test := range []struct{ in, want string }{
		{"Kari Nordmann", "Kari Nordmann"},
		{"Tromsø — ø", "Tromsø — ø"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"tab\there", `tab\there`},
		{"new\nline\r", `new\nline\r`},
		{"bad \xff byte", `bad \xff byte`},
		{"c1 \u009b and \u2028", `c1 \x9b and ` + "\u2028"},
		{"del\x7f", `del\x7f`},
	} {
		if got := termSafe(test.in); got != test.want {
			t.Errorf("termSafe(%q) = %q, want %q", test.in, got, test.want)
		}
	}
}
