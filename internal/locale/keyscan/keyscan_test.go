package keyscan

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDir(t *testing.T) {
	uses, err := Dir("testdata/src", []Func{{Name: "word", Arg: 1, Domain: "d"}, {Name: "T", Arg: 0, Domain: "web"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range uses {
		got = append(got, fmt.Sprintf("%s:%d %s %s %s", filepath.Base(u.Pos.Filename), u.Pos.Line, u.Func, u.Domain, u.Key))
	}
	want := []string{
		"a.go:13 word d first",
		"a.go:14 word d raw.key",
		"a.go:15 T web through.method",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("uses\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDirEmptyAndBad(t *testing.T) {
	if uses, err := Dir(t.TempDir(), nil); err != nil || len(uses) != 0 {
		t.Errorf("a folder with no Go files: %v, %v; want no uses and no error", uses, err)
	}
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "x.go"), []byte("package bad\n\nfunc f( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Dir(bad, nil)
	if err == nil || !strings.Contains(err.Error(), "x.go:3") {
		t.Errorf("a file that does not parse: %v, want an error naming x.go:3", err)
	}
}
