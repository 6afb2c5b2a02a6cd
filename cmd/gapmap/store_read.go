package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/gapmap/gapmap/graph"
)

// errNoLandscape is what a command that reads the landscape returns when
// the store is missing or empty: there is nothing to read, which is not an
// answer ("0 gaps") but a step the user has not taken yet.
var errNoLandscape = errors.New("no landscape to read")

// landscape opens the store, loads its landscape and checks that there is
// one. A missing embedded store is not created: the command says where it
// looked and what to run.
func (a *app) landscape(ctx context.Context) (*graph.Landscape, error) {
	if a.cfg.Store == "embedded" {
		path := filepath.Join(a.cfg.Data, "gapmap.db")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w: there is no store at %s; run `gapmap seed` to load the Norwegian seed (or `gapmap seed DIR`, or --data to name another store)", errNoLandscape, path)
		}
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	l, err := st.Landscape(ctx)
	if err != nil {
		return nil, err
	}
	if err := a.checkLandscape(l); err != nil {
		return nil, err
	}
	return l, nil
}

// checkLandscape reports errNoLandscape, with what to run, when l holds no
// node.
func (a *app) checkLandscape(l *graph.Landscape) error {
	if n, _ := l.Len(); n > 0 {
		return nil
	}
	where := "the Neo4j store"
	if a.cfg.Store == "embedded" {
		where = "the store at " + filepath.Join(a.cfg.Data, "gapmap.db")
	}
	return fmt.Errorf("%w: %s is empty; run `gapmap seed` to load the Norwegian seed (or `gapmap seed DIR`)", errNoLandscape, where)
}
