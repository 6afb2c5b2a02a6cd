package embedded_test

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gapmap/gapmap/graph"
	"github.com/gapmap/gapmap/graph/embedded"
	"github.com/gapmap/gapmap/graph/storetest"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// mustOpen opens the store at path and closes it when the test ends.
func mustOpen(tb testing.TB, path string) *embedded.Store {
	tb.Helper()
	s, err := embedded.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Error(err)
		}
	})
	return s
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		return mustOpen(t, filepath.Join(t.TempDir(), "gapmap.db"))
	})
}

// openFixture opens a store on a new file, applies the storetest fixture
// and loads the landscape; the caller closes the store.
func openFixture(t *testing.T) (s *embedded.Store, path string, l *graph.Landscape) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "gapmap.db")
	s, err := embedded.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, storetest.FixtureChange()); err != nil {
		t.Fatal(err)
	}
	if l, err = s.Landscape(ctx); err != nil {
		t.Fatal(err)
	}
	return s, path, l
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	s, path, want := openFixture(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	got, err := mustOpen(t, path).Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version() != want.Version() {
		t.Errorf("version after reopen = %d, want %d", got.Version(), want.Version())
	}
	if diff := cmp.Diff(want.AllNodes(), got.AllNodes()); diff != "" {
		t.Errorf("nodes mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want.Edges(), got.Edges()); diff != "" {
		t.Errorf("edges mismatch (-want +got):\n%s", diff)
	}
}

// writeBolt writes a bbolt file at path with fn, bypassing the store.
func writeBolt(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRefuses(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	s, err := embedded.Open(context.Background(), newer)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	writeBolt(t, newer, func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("schema_version"), binary.BigEndian.AppendUint64(nil, 3))
	})

	foreign := filepath.Join(dir, "foreign.db")
	writeBolt(t, foreign, func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("widgets"))
		if err != nil {
			return err
		}
		return b.Put([]byte("a"), []byte("b"))
	})

	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("junk", 4096)), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, test := range []struct {
		path string
		want string
	}{
		{newer, newer + " has schema version 3, this gapmap understands up to 1: upgrade gapmap"},
		{foreign, foreign + " is not a gapmap store"},
		{text, "not a gapmap store"},
		{junk, "not a gapmap store"},
	} {
		t.Run(filepath.Base(test.path), func(t *testing.T) {
			before, err := os.ReadFile(test.path)
			if err != nil {
				t.Fatal(err)
			}
			s, err := embedded.Open(context.Background(), test.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open succeeded, want an error containing %q", test.want)
			}
			if !strings.Contains(err.Error(), test.want) {
				t.Errorf("Open error = %q, want it to contain %q", err, test.want)
			}
			after, err := os.ReadFile(test.path)
			if err != nil {
				t.Fatal(err)
			}
			if string(before) != string(after) {
				t.Error("Open changed the refused file")
			}
		})
	}
}

func TestOpenLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gapmap.db")
	mustOpen(t, path)
	start := time.Now()
	s, err := embedded.Open(context.Background(), path, embedded.WithLockTimeout(100*time.Millisecond))
	if err == nil {
		s.Close()
		t.Fatal("second Open of a locked file succeeded")
	}
	if want := "in use by another process"; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) {
		t.Errorf("Open error = %q, want it to name %s and contain %q", err, path, want)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Open took %s to give up, want about 100ms", d)
	}
}

func TestOpenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := filepath.Join(t.TempDir(), "gapmap.db")
	if _, err := embedded.Open(ctx, path); err == nil {
		t.Fatal("Open with a canceled context succeeded")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("Open with a canceled context created the file (stat: %v)", err)
	}
}

// TestLoadAfterWrites: a store that has loaded its landscape, and keeps the
// edges it decoded, loads after writes exactly what a store opened afresh
// on the same file loads, a changed and a deleted edge included.
func TestLoadAfterWrites(t *testing.T) {
	ctx := context.Background()
	s, path, before := openFixture(t)
	edges := before.Edges()
	if len(edges) < 3 {
		t.Fatalf("the fixture has %d edges", len(edges))
	}
	changed := edges[0]
	changed.Note, changed.Year = "checked again", 2026
	c := (&graph.Change{Actor: "test", Reason: "edges"}).PutEdge(changed).DeleteEdge(edges[1].Key())
	if _, err := s.Apply(ctx, c); err != nil {
		t.Fatal(err)
	}
	warm, err := s.Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cold, err := mustOpen(t, path).Landscape(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cold.Edges(), warm.Edges()); diff != "" {
		t.Errorf("edges of the warm load mismatch (-fresh +warm):\n%s", diff)
	}
	if e, ok := warm.Edge(changed.Key()); !ok || e.Note != "checked again" || e.Year != 2026 {
		t.Errorf("the changed edge loads as %+v", e)
	}
	if _, ok := warm.Edge(edges[1].Key()); ok {
		t.Errorf("the deleted edge %s is loaded", edges[1].Key())
	}
	if len(warm.Edges()) != len(edges)-1 {
		t.Errorf("%d edges after deleting one of %d", len(warm.Edges()), len(edges))
	}
	// The snapshot loaded before the writes is unchanged.
	if e, _ := before.Edge(changed.Key()); e.Note == "checked again" {
		t.Error("a write changed an earlier snapshot's edge")
	}
}
