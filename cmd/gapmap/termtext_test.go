package main

import (
	"context"
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
	m, err := auth.NewManager(st, auth.Config{Params: auth.TestParams})
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
