package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/internal/progress"
)

// privacyRule is the configured suppression rule for counts of people.
func (a *app) privacyRule() privacy.Rule {
	return privacy.Rule{Threshold: a.cfg.Suppression.Threshold, Step: a.cfg.Suppression.Step}
}

// writeOut writes a file through write: to standard output when path is
// "-", else to a temporary file beside path that replaces it only once
// write has succeeded, so a failed export leaves no half-written file.
func writeOut(a *app, path string, write func(io.Writer) error) error {
	if path == "-" {
		return write(a.stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(a.stderr, "wrote %s\n", path)
	return nil
}

// progress returns a Progress that counts on standard error when it is a
// terminal, at most ten times a second, and nil otherwise.
func (a *app) progress(what string) progress.Func {
	if !isTerminal(a.stderr) {
		return nil
	}
	var last time.Time
	return func(done, total int) {
		if done < total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(a.stderr, "\r%s: %d/%d", what, done, total)
		if done == total {
			fmt.Fprintln(a.stderr)
		}
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
