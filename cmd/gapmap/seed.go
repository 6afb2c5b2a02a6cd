package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/gapmap/gapmap/internal/privacy"
	"github.com/gapmap/gapmap/seed"
)

func newSeedCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "seed [DIR]",
		Short: "Load a seed directory into the store (default: the built-in Norwegian seed)",
		Long: `Load a seed directory into the store, in one transaction. Nodes and edges
that are new are created, those that differ are updated, and those already equal
are left alone, so loading the same seed twice changes nothing. Nodes and edges in
the store that the seed does not mention (NGO edits and additions) are kept.`,
		Args: usage(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dir := ""
			if len(args) == 1 {
				dir = args[0]
			}
			s, err := loadSeed(dir)
			if err != nil {
				return err
			}
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := seed.Apply(ctx, st, s)
			if err != nil {
				return fmt.Errorf("seed %s: %w", seedName(dir), err)
			}
			fmt.Fprintf(a.stdout, "seed %s: %s\n", seedName(dir), res)
			return nil
		},
	}
	cmd.Flags().String("data", "data", "directory of the embedded store")
	return cmd
}

func newCheckCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "check DIR",
		Short: "Validate a seed directory without writing anything",
		Long: `Validate a seed directory: every file parses, every field is known, every
value is valid, every reference names a node of the right type, and every fact has
its sources, and no free text (a description, a note) gives a count of people under
the suppression threshold, which every export would show past the suppression. Each
problem is printed as file:line: message; the exit status is 1 if there is any.`,
		Args: usage(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := loadSeed(args[0])
			if err != nil {
				var list seed.ErrorList
				if errors.As(err, &list) {
					for _, e := range list {
						fmt.Fprintln(a.stderr, e)
					}
					return fmt.Errorf("check %s: %d problem(s)", args[0], len(list))
				}
				return err
			}
			l, err := s.Landscape()
			if err != nil {
				return fmt.Errorf("check %s: %w", args[0], err)
			}
			threshold := privacy.Rule{Threshold: a.cfg.Suppression.Threshold}.Normalize().Threshold
			if counts := s.SmallCounts(threshold); len(counts) > 0 {
				for _, e := range counts {
					e.Path = filepath.Join(args[0], e.Path)
					fmt.Fprintln(a.stderr, e)
				}
				return fmt.Errorf("check %s: %d problem(s)", args[0], len(counts))
			}
			nodes, edges := l.Len()
			fmt.Fprintf(a.stdout, "%s: ok: %d nodes, %d edges\n", args[0], nodes, edges)
			return nil
		},
	}
}

// loadSeed loads the seed in dir, or the built-in Norwegian seed if dir is
// empty. Errors name files by their path as the user gave it.
func loadSeed(dir string) (*seed.Seed, error) {
	if dir == "" {
		return seed.Load(seed.Norway(), ".")
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("seed directory: %w", err)
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("seed directory: %s is not a directory", dir)
	}
	// An os.Root refuses to follow a symlink out of dir: a seed file
	// linked to /etc/shadow is an error, not a syntax error quoting it.
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("seed directory: %w", err)
	}
	defer root.Close()
	s, err := seed.Load(root.FS(), ".")
	var list seed.ErrorList
	if errors.As(err, &list) {
		for i := range list {
			list[i].Path = filepath.Join(dir, list[i].Path)
		}
		return nil, list
	}
	return s, err
}

func seedName(dir string) string {
	if dir == "" {
		return "built-in norway"
	}
	return dir
}
